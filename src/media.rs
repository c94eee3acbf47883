//! Media types of the files folio carries into its outputs, in one table that configuration
//! (checking a cover's extension) and the EPUB backend (its manifest) share.
//!
//! This module never reads files or sniffs their bytes: a media type follows from the name.

/// The media type of an image file extension an EPUB may carry as its cover.
pub fn image_media_type(extension: &str) -> Option<&'static str> {
    match extension.to_ascii_lowercase().as_str() {
        "jpg" | "jpeg" => Some("image/jpeg"),
        "png" => Some("image/png"),
        "gif" => Some("image/gif"),
        "svg" => Some("image/svg+xml"),
        _ => None,
    }
}
