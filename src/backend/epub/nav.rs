//! The navigation documents, written by folio rather than taken from epub-builder: the EPUB 3
//! nav (`nav.xhtml`: the contents, labelled and with its DPUB-ARIA role, and hidden landmarks
//! with the usual entries) and the EPUB 2 NCX (`toc.ncx`) for older readers, both from the same
//! [`Navigation`], so they always agree. epub-builder 0.8.3's own NCX claims a depth of 1 while
//! nesting two levels, is titled "Contents" rather than the book and has no `dtb:uid`; its nav
//! gives both `<nav>` elements no label or role (DAISY Ace: `landmark-unique`,
//! `epub-type-has-matching-role`) and lists only the first chapter as a landmark.

use std::fmt::Write;

use crate::markdown::escape;

/// One entry of the contents, with its sub-entries.
#[derive(Debug, Clone)]
pub(super) struct NavPoint {
    pub(super) href: String,
    pub(super) title: String,
    pub(super) children: Vec<NavPoint>,
}

impl NavPoint {
    pub(super) fn new(href: impl Into<String>, title: impl Into<String>) -> NavPoint {
        NavPoint {
            href: href.into(),
            title: title.into(),
            children: Vec::new(),
        }
    }
}

/// A landmark: its `epub:type` (`cover`, `titlepage`, `toc`, `bodymatter`, `colophon`…), the
/// place it points at and its label.
#[derive(Debug, Clone)]
pub(super) struct Landmark {
    pub(super) kind: &'static str,
    pub(super) href: String,
    pub(super) title: String,
}

/// What both navigation documents are made of.
#[derive(Debug)]
pub(super) struct Navigation {
    /// The book's title (the NCX's `docTitle`).
    pub(super) title: String,
    /// The package's unique identifier (`urn:uuid:…`), which the NCX must repeat.
    pub(super) uid: String,
    pub(super) language: String,
    pub(super) contents: Vec<NavPoint>,
    pub(super) landmarks: Vec<Landmark>,
}

/// The heading of the contents, in the nav and in the OPF's guide.
pub(super) const CONTENTS: &str = "Contents";

impl Navigation {
    /// `nav.xhtml`.
    pub(super) fn nav_xhtml(&self) -> String {
        let lang = escape(&self.language);
        let mut out = String::with_capacity(2048);
        let _ = write!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n\
             <html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"{lang}\" xml:lang=\"{lang}\">\n\
             <head>\n<meta charset=\"utf-8\" />\n<title>{CONTENTS}</title>\n\
             <link rel=\"stylesheet\" type=\"text/css\" href=\"stylesheet.css\" />\n</head>\n<body>\n\
             <nav epub:type=\"toc\" role=\"doc-toc\" id=\"toc\" aria-labelledby=\"toc-title\">\n\
             <h1 id=\"toc-title\">{CONTENTS}</h1>\n"
        );
        list(&mut out, &self.contents, 0);
        out.push_str("</nav>\n");
        if !self.landmarks.is_empty() {
            // Reading systems read the landmarks; readers see them in the reading system's own
            // menus, not as a stray list after the contents.
            out.push_str(
                "<nav epub:type=\"landmarks\" id=\"landmarks\" aria-labelledby=\"landmarks-title\" hidden=\"hidden\">\n\
                 <h2 id=\"landmarks-title\">Landmarks</h2>\n<ol>\n",
            );
            for l in &self.landmarks {
                let _ = writeln!(
                    out,
                    "<li><a epub:type=\"{}\" href=\"{}\">{}</a></li>",
                    l.kind,
                    escape(&l.href),
                    escape(&l.title)
                );
            }
            out.push_str("</ol>\n</nav>\n");
        }
        out.push_str("</body>\n</html>\n");
        out
    }

    /// `toc.ncx`: the same contents, `playOrder` counting every point in reading order.
    pub(super) fn ncx(&self) -> String {
        let mut points = String::new();
        let mut order = 0;
        ncx_points(&mut points, &self.contents, 1, &mut order);
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <ncx version=\"2005-1\" xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" xml:lang=\"{lang}\">\n\
             <head>\n\
             <meta name=\"dtb:uid\" content=\"{uid}\" />\n\
             <meta name=\"dtb:depth\" content=\"{depth}\" />\n\
             <meta name=\"dtb:totalPageCount\" content=\"0\" />\n\
             <meta name=\"dtb:maxPageNumber\" content=\"0\" />\n\
             </head>\n\
             <docTitle><text>{title}</text></docTitle>\n\
             <navMap>\n{points}</navMap>\n\
             </ncx>\n",
            lang = escape(&self.language),
            uid = escape(&self.uid),
            depth = depth(&self.contents).max(1),
            title = escape(&self.title),
        )
    }
}

fn list(out: &mut String, points: &[NavPoint], level: usize) {
    let indent = "  ".repeat(level);
    let _ = writeln!(out, "{indent}<ol>");
    for p in points {
        let _ = write!(
            out,
            "{indent}<li><a href=\"{}\">{}</a>",
            escape(&p.href),
            escape(&p.title)
        );
        if !p.children.is_empty() {
            out.push('\n');
            list(out, &p.children, level + 1);
            out.push_str(&indent);
        }
        out.push_str("</li>\n");
    }
    let _ = writeln!(out, "{indent}</ol>");
}

fn ncx_points(out: &mut String, points: &[NavPoint], level: usize, order: &mut usize) {
    let indent = "  ".repeat(level);
    for p in points {
        *order += 1;
        let _ = writeln!(
            out,
            "{indent}<navPoint id=\"navPoint-{order}\" playOrder=\"{order}\">\n\
             {indent}  <navLabel><text>{}</text></navLabel>\n\
             {indent}  <content src=\"{}\" />",
            escape(&p.title),
            escape(&p.href)
        );
        ncx_points(out, &p.children, level + 1, order);
        let _ = writeln!(out, "{indent}</navPoint>");
    }
}

/// How many levels the contents nest.
fn depth(points: &[NavPoint]) -> usize {
    points
        .iter()
        .map(|p| 1 + depth(&p.children))
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book() -> Navigation {
        let mut chapter = NavPoint::new("a.xhtml", "A & B");
        chapter
            .children
            .push(NavPoint::new("a.xhtml#comments", "Reader comments (2)"));
        Navigation {
            title: "The <Book>".to_string(),
            uid: "urn:uuid:1".to_string(),
            language: "en".to_string(),
            contents: vec![chapter, NavPoint::new("b.xhtml", "B")],
            landmarks: vec![Landmark {
                kind: "bodymatter",
                href: "a.xhtml".to_string(),
                title: "Start".to_string(),
            }],
        }
    }

    #[test]
    fn the_ncx_says_how_deep_it_nests_and_whose_it_is() {
        let ncx = book().ncx();
        roxmltree::Document::parse(&ncx).unwrap();
        assert!(
            ncx.contains("<meta name=\"dtb:depth\" content=\"2\" />"),
            "{ncx}"
        );
        assert!(ncx.contains("<meta name=\"dtb:uid\" content=\"urn:uuid:1\" />"));
        assert!(ncx.contains("<docTitle><text>The &lt;Book&gt;</text></docTitle>"));
        assert_eq!(ncx.matches("playOrder").count(), 3);
    }

    #[test]
    fn the_nav_is_labelled_and_its_landmarks_hidden() {
        let nav = book().nav_xhtml();
        let options = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        };
        roxmltree::Document::parse_with_options(&nav, options).unwrap();
        assert!(nav.contains("epub:type=\"toc\" role=\"doc-toc\""));
        assert!(nav.contains("hidden=\"hidden\""));
        assert!(nav.contains("<li><a href=\"a.xhtml\">A &amp; B</a>\n  <ol>"));
    }
}
