//! The package: epub-builder's zip made into the file folio writes. [`assemble`] streams the
//! skeleton epub-builder generated into a reproducible zip, fills in the chapters a batch at a
//! time (rendered now, or copied from the previous build's EPUB) and puts right what
//! epub-builder 0.8.3 gets wrong: the wall-clock timestamps ([`zip_time`]), the id
//! `dc:language` shares with `dc:creator`, the package without `xml:lang` and the missing
//! `dc:publisher` ([`fix_opf`]); its nav and NCX are replaced by folio's ([`super::nav`]). It never renders a page itself: the caller's
//! `render` does, and no fix-up changes what a chapter says.

use std::io::{Cursor, Read, Write};

use super::nav::Navigation;
use crate::error::{Error, Result};
use crate::model::Date;

/// Why an EPUB could not be assembled.
pub(super) enum Assembly {
    /// A chapter failed to render (a template error, with its own location).
    Render(Error),
    /// The skeleton was not the zip epub-builder should have written.
    Zip(String),
    /// Writing the file failed.
    Io(std::io::Error),
}

impl From<zip::result::ZipError> for Assembly {
    fn from(e: zip::result::ZipError) -> Assembly {
        match e {
            zip::result::ZipError::Io(e) => Assembly::Io(e),
            e => Assembly::Zip(e.to_string()),
        }
    }
}

impl From<std::io::Error> for Assembly {
    fn from(e: std::io::Error) -> Assembly {
        Assembly::Io(e)
    }
}

/// A chapter for [`assemble`]: rendered now, or to be copied from the previous EPUB.
pub(super) enum Chapter {
    Rendered(String),
    Reused,
}

/// Chapters rendered per batch: enough to keep every core busy, few enough that memory holds
/// only a handful of pages.
const BATCH: usize = 64;

/// Streams epub-builder's skeleton into `out` as a reproducible zip — `mimetype` first and
/// stored, every other entry deflated in the order written, all with the same fixed timestamp
/// and mode 644 — filling each (empty) chapter of `chapters` with its rendered XHTML and giving
/// `content.opf` and `nav.xhtml` their fix-ups on the way through. `render` renders the
/// chapters of a range of positions in `chapters`.
pub(super) fn assemble<W: Write + std::io::Seek>(
    skeleton: &[u8],
    out: W,
    stamp: i64,
    fixes: &Fixes<'_>,
    chapters: &[String],
    render: impl Fn(std::ops::Range<usize>) -> Result<Vec<Chapter>>,
    mut previous: Option<&mut zip::ZipArchive<impl Read + std::io::Seek>>,
) -> std::result::Result<(), Assembly> {
    let mut archive = zip::ZipArchive::new(Cursor::new(skeleton))?;
    let time = zip_time(stamp).map_err(Assembly::Zip)?;
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(time)
        .unix_permissions(0o644);
    let deflated = stored.compression_method(zip::CompressionMethod::Deflated);

    let mut writer = zip::ZipWriter::new(out);
    // Rendered chapters not yet written, in order, and the position of the first of them.
    let mut pending = std::collections::VecDeque::new();
    let mut next = 0;
    for i in 0..archive.len() {
        let mut file = archive.by_index(i)?;
        let name = file.name().to_string();
        if i == 0 && name != "mimetype" {
            return Err(Assembly::Zip(format!(
                "the first entry is `{name}`, not `mimetype`"
            )));
        }
        if chapters.get(next) == Some(&name) {
            drop(file);
            if pending.is_empty() {
                let end = (next + BATCH).min(chapters.len());
                pending.extend(render(next..end).map_err(Assembly::Render)?);
            }
            match pending
                .pop_front()
                .ok_or_else(|| Assembly::Zip(format!("no chapter rendered for `{name}`")))?
            {
                Chapter::Rendered(xhtml) => {
                    writer.start_file(name.as_str(), deflated)?;
                    writer.write_all(xhtml.as_bytes())?;
                }
                Chapter::Reused => {
                    let archive = previous.as_deref_mut().ok_or_else(|| {
                        Assembly::Zip(format!("no previous EPUB to copy `{name}` from"))
                    })?;
                    writer.raw_copy_file_touch(archive.by_name(&name)?, time, Some(0o644))?;
                }
            }
            next += 1;
            continue;
        }
        // The package gets its fix-ups; the navigation documents are folio's own.
        let replacement = match name.as_str() {
            "OEBPS/content.opf" => {
                let mut text = String::new();
                file.read_to_string(&mut text)?;
                Some(fix_opf(&text, fixes))
            }
            "OEBPS/nav.xhtml" => Some(fixes.navigation.nav_xhtml()),
            "OEBPS/toc.ncx" => Some(fixes.navigation.ncx()),
            _ => None,
        };
        match replacement {
            Some(text) => {
                drop(file);
                writer.start_file(name.as_str(), deflated)?;
                writer.write_all(text.as_bytes())?;
            }
            None if name == "mimetype" => {
                let mut bytes = Vec::new();
                file.read_to_end(&mut bytes)?;
                drop(file);
                writer.start_file("mimetype", stored)?;
                writer.write_all(&bytes)?;
            }
            None => writer.raw_copy_file_touch(file, time, Some(0o644))?,
        }
    }
    if next != chapters.len() {
        return Err(Assembly::Zip(format!(
            "{} of {} chapters were not in the package",
            chapters.len() - next,
            chapters.len()
        )));
    }
    writer.finish()?.flush()?;
    Ok(())
}

/// What the fix-ups of [`assemble`] need to know.
pub(super) struct Fixes<'a> {
    pub(super) publisher: Option<&'a str>,
    pub(super) language: &'a str,
    /// The contents and landmarks, written as `nav.xhtml` and `toc.ncx` in place of
    /// epub-builder's.
    pub(super) navigation: &'a Navigation,
}

fn zip_time(stamp: i64) -> std::result::Result<zip::DateTime, String> {
    let date = Date::from_days_since_epoch(stamp.div_euclid(86_400))
        .ok_or_else(|| format!("timestamp {stamp} is out of range"))?;
    let secs = stamp.rem_euclid(86_400);
    zip::DateTime::from_date_and_time(
        date.year,
        date.month,
        date.day,
        (secs / 3600) as u8,
        (secs / 60 % 60) as u8,
        // Zip stores seconds halved.
        (secs % 60 / 2 * 2) as u8,
    )
    .map_err(|e| e.to_string())
}

/// epub-builder 0.8.3 writes `<dc:language id="epub-creator-0">` next to
/// `<dc:creator id="epub-creator-0">` — a duplicate id epubcheck rejects —, gives `<package>`
/// no `xml:lang` (DAISY Ace: `epub-lang`, serious), cannot put the nav in the spine and cannot
/// write `dc:publisher`. The test
/// `epub_builder_still_needs_the_opf_fixup` says when the first part can go.
fn fix_opf(opf: &str, fixes: &Fixes<'_>) -> String {
    let mut opf = opf.replace(
        "<dc:language id=\"epub-creator-",
        "<dc:language id=\"epub-language-",
    );
    let lang = crate::markdown::escape(fixes.language);
    opf = opf.replacen(
        "<package version=\"3.0\" xmlns=\"http://www.idpf.org/2007/opf\"",
        &format!(
            "<package version=\"3.0\" xmlns=\"http://www.idpf.org/2007/opf\" xml:lang=\"{lang}\""
        ),
        1,
    );
    // The contents page is read after the title page, so the landmark pointing at it points
    // into the spine.
    opf = opf.replacen(
        "    <itemref idref=\"id_title.xhtml\"/>\n",
        "    <itemref idref=\"id_title.xhtml\"/>\n    <itemref idref=\"nav\"/>\n",
        1,
    );
    if let Some(publisher) = fixes.publisher
        && let Some(at) = opf.find("</dc:title>")
    {
        let at = at + "</dc:title>".len();
        opf.insert_str(
            at,
            &format!(
                "\n    <dc:publisher>{}</dc:publisher>",
                crate::markdown::escape(publisher)
            ),
        );
    }
    opf
}

#[cfg(test)]
mod tests {
    use epub_builder::{EpubBuilder, EpubVersion, ZipLibrary};

    use super::*;

    #[test]
    fn epub_builder_still_needs_the_opf_fixup() {
        // When this fails, epub-builder has stopped giving `dc:language` the creator's id:
        // drop the first replacement in `fix_opf`.
        let mut builder = EpubBuilder::new(ZipLibrary::new().unwrap()).unwrap();
        builder.epub_version(EpubVersion::V30);
        builder.add_language("en");
        builder.add_author("A. Writer");
        let mut raw = Vec::new();
        builder.generate(&mut raw).unwrap();
        let mut archive = zip::ZipArchive::new(Cursor::new(raw)).unwrap();
        let mut opf = String::new();
        archive
            .by_name("OEBPS/content.opf")
            .unwrap()
            .read_to_string(&mut opf)
            .unwrap();
        assert!(opf.contains("<dc:language id=\"epub-creator-0\">"), "{opf}");
        let navigation = Navigation {
            title: String::new(),
            uid: String::new(),
            language: "en".to_string(),
            contents: Vec::new(),
            landmarks: Vec::new(),
        };
        let fixes = Fixes {
            publisher: Some("Ink & Co"),
            language: "en",
            navigation: &navigation,
        };
        let fixed = fix_opf(&opf, &fixes);
        assert!(fixed.contains("xmlns=\"http://www.idpf.org/2007/opf\" xml:lang=\"en\""));
        assert!(fixed.contains("<dc:language id=\"epub-language-0\">"));
        assert_eq!(fixed.matches("id=\"epub-creator-0\"").count(), 1);
        assert!(fixed.contains("<dc:publisher>Ink &amp; Co</dc:publisher>"));
    }

    #[test]
    fn zip_times_are_the_stamp_with_even_seconds() {
        let t = zip_time(1_622_000_001).unwrap(); // 2021-05-26T03:33:21Z
        assert_eq!(
            (
                t.year(),
                t.month(),
                t.day(),
                t.hour(),
                t.minute(),
                t.second()
            ),
            (2021, 5, 26, 3, 33, 20)
        );
    }
}
