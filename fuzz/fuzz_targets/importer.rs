//! `cargo +nightly fuzz run importer`: see `folio_fuzz::importer` for the invariants it asserts.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| folio_fuzz::importer(data));
