//! The NIK parser with any text: it may refuse, never panic; an accepted
//! NIK yields its parts and warnings without panicking either.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    adhoc::docs::fuzz::nik(data);
});
