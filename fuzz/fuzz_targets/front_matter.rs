//! `cargo +nightly fuzz run front_matter`: see `folio_fuzz::front_matter` for the invariants it asserts.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| folio_fuzz::front_matter(data));
