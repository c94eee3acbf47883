//! `cargo +nightly fuzz run normalize`: see `folio_fuzz::normalize` for the invariants it asserts.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| folio_fuzz::normalize(data));
