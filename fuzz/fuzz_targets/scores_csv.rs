//! The score CSV reader with any bytes: never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    adhoc::docs::fuzz::scores_csv(data);
});
