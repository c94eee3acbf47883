//! The one integration test binary: fixture books built by the real `folio` binary, with
//! outputs compared to golden files. Re-bless golden files with `FOLIO_BLESS=1 cargo test`.

mod suite;
