//! The applicant CSV reader with any bytes: problems per row or an error
//! for the file, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    adhoc::docs::fuzz::applicants_csv(data);
});
