//! The one integration test binary: fixture books built by the real `folio` binary, with
//! outputs compared to the `expected/` trees beside their fixtures (see `tests/README.md`).

mod suite;
