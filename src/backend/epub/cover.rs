//! The cover drawn at build time: an SVG cover (the theme's `epub/cover.svg`, or one the book
//! configures) becomes a PNG for the readers and stores that show only raster covers, and the
//! generated SVG gets its text turned into outlines, so neither depends on the reader's fonts.
//!
//! `resvg` (with its `usvg` parser) is the SVG renderer of the Linebender project, pure Rust
//! and maintained; it is used with its `text` feature only — no system fonts, no file or
//! network access. Text is shaped with the one font folio ships, DejaVu Serif from the
//! `dejavu` crate (Bitstream Vera licence), so the same SVG gives the same pixels on every
//! machine. Characters DejaVu Serif lacks (Chinese, Japanese, Korean…) are left out of the
//! drawing; the cover page's `alt` text and the title page still carry them.

use std::sync::{Arc, LazyLock};

/// The width of the raster cover, in pixels; the height follows the SVG's proportions.
const RASTER_WIDTH: u32 = 1200;
/// No raster side longer than this, whatever the SVG's proportions.
const RASTER_MAX_SIDE: u32 = 2400;

/// The family the theme's cover template names; `serif` resolves to it too.
const FAMILY: &str = "DejaVu Serif";

/// The fonts, loaded once per process: the database only indexes them.
static FONTS: LazyLock<Arc<resvg::usvg::fontdb::Database>> = LazyLock::new(|| {
    let mut db = resvg::usvg::fontdb::Database::new();
    for face in [
        dejavu::serif::regular(),
        dejavu::serif::bold(),
        dejavu::serif::italic(),
    ] {
        db.load_font_data(face.to_vec());
    }
    db.set_serif_family(FAMILY);
    db.set_sans_serif_family(FAMILY);
    Arc::new(db)
});

/// A drawn cover.
pub(super) struct Drawn {
    /// The SVG with every text turned into paths.
    pub(super) outlined: String,
    /// The PNG.
    pub(super) png: Vec<u8>,
}

/// Parses `svg` with only folio's font and no access to files, then outlines and rasterises it.
pub(super) fn draw(svg: &str) -> Result<Drawn, String> {
    let options = resvg::usvg::Options {
        font_family: FAMILY.to_string(),
        fontdb: FONTS.clone(),
        // A cover may not read files (an `<image href="../../secret.png">`): data URLs only.
        image_href_resolver: resvg::usvg::ImageHrefResolver {
            resolve_data: resvg::usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        ..resvg::usvg::Options::default()
    };
    let tree = resvg::usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())?;
    // Hundredths of a pixel are finer than any screen: the outlines stay a few kilobytes.
    let outlined = tree.to_string(&resvg::usvg::WriteOptions {
        coordinates_precision: 2,
        transforms_precision: 4,
        ..resvg::usvg::WriteOptions::default()
    });
    let size = tree.size();
    let scale = (RASTER_WIDTH as f32 / size.width())
        .min(RASTER_MAX_SIDE as f32 / size.height())
        .min(RASTER_MAX_SIDE as f32 / size.width());
    let width = ((size.width() * scale).round() as u32).max(1);
    let height = ((size.height() * scale).round() as u32).max(1);
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| format!("cannot draw a {width}×{height} cover"))?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let png = pixmap.encode_png().map_err(|e| e.to_string())?;
    Ok(Drawn { outlined, png })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 180" width="120" height="180"><rect width="120" height="180" fill="#234"/><text x="60" y="90" font-family="Georgia, serif" font-size="20" fill="#fff" text-anchor="middle">Ångström</text></svg>"##;

    #[test]
    fn covers_are_drawn_the_same_every_time_with_text_as_paths() {
        let a = draw(SVG).unwrap();
        let b = draw(SVG).unwrap();
        assert!(a.png == b.png, "two drawings differ");
        assert!(a.png.starts_with(b"\x89PNG"));
        assert!(!a.outlined.contains("<text"), "{}", a.outlined);
        assert!(a.outlined.contains("<path"), "{}", a.outlined);
    }

    #[test]
    fn a_cover_reads_no_files() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><image href="/etc/hostname" width="10" height="10"/></svg>"#;
        let drawn = draw(svg).unwrap();
        assert!(!drawn.outlined.contains("<image"), "{}", drawn.outlined);
    }
}
