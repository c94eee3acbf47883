//! Streaming XML for exports: the file is read through a small buffer, event by event, and
//! each element is handed to a [`Handler`] as it opens and as it closes with its text. Nothing
//! here knows WordPress or Disqus; nothing here keeps a document in memory — the only text held
//! is the text of the element being read, so memory does not grow with the file.
//!
//! quick-xml is the parser: a pull parser over a `BufRead`, strict about well-formedness (end
//! tags must match, attributes must be quoted), with the byte position of every event and of
//! every error. roxmltree (already a dev-dependency, used by tests to read EPUB files) builds the
//! whole document as a tree first, which for a 100,000-comment export means holding the file
//! and a node per element at once — the opposite of what an importer of site-sized exports
//! needs. xml-rs streams too but is several times slower and reports positions as its own
//! line/column pairs only after the fact.
//!
//! Every error is located: a malformed document at the byte quick-xml reports, anything a
//! handler refuses at the element's `<`, both turned into `path:line:col` (columns in
//! characters) by counting through the file again — only on the error path.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use quick_xml::events::Event;

use crate::error::{Error, Location, Result};

/// An element as it opens.
pub(crate) struct Tag<'a> {
    /// The qualified name as written (`wp:comment`, `post`).
    pub name: &'a str,
    /// Attributes by qualified name, values with references resolved.
    pub attrs: &'a [(String, String)],
}

impl Tag<'_> {
    pub(super) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What reads one export format.
pub(crate) trait Handler {
    /// `tag` opened; it is the innermost element of `doc` now.
    fn open(&mut self, doc: &Doc, tag: &Tag<'_>) -> Result<()>;
    /// The innermost element of `doc`, named `name`, closes. `text` is the character data
    /// after its last child element (for a leaf: all of it), CDATA and references included.
    fn close(&mut self, doc: &Doc, name: &str, text: String) -> Result<()>;
}

/// An open element: its name and where its `<` is.
struct Open {
    name: Box<str>,
    offset: u64,
    line: u32,
    /// The column of the `<`, counted in bytes (exact for the ASCII indentation exports use;
    /// errors are located exactly, in characters, by [`locate`]).
    col: u32,
}

/// The reading position, for handlers: which elements are open and where.
pub(crate) struct Doc {
    /// The file as opened.
    real: PathBuf,
    /// The path shown in messages.
    shown: PathBuf,
    stack: Vec<Open>,
}

impl Doc {
    /// The name of the element `up` levels above the current one (0: the current one).
    pub(super) fn ancestor(&self, up: usize) -> Option<&str> {
        let i = self.stack.len().checked_sub(up + 1)?;
        Some(&self.stack[i].name)
    }

    /// The 1-based line where the current element opens.
    pub(super) fn line(&self) -> u32 {
        self.stack.last().map_or(1, |o| o.line)
    }

    /// An error at the current element's `<`.
    pub(super) fn error(&self, message: impl Into<String>) -> Error {
        let offset = self.stack.last().map_or(0, |o| o.offset);
        Error::at(self.locate(offset), message)
    }

    /// The 1-based column where the current element opens (see [`Open::col`]).
    pub(super) fn column(&self) -> u32 {
        self.stack.last().map_or(1, |o| o.col)
    }

    /// The byte offset of the current element's `<`, for an error found later.
    pub(super) fn offset(&self) -> u64 {
        self.stack.last().map_or(0, |o| o.offset)
    }

    /// An error at byte `offset` (from [`Doc::offset`]).
    pub(super) fn error_at(&self, offset: u64, message: impl Into<String>) -> Error {
        Error::at(self.locate(offset), message)
    }

    /// The shown path with the line and character column of byte `offset`.
    pub(super) fn locate(&self, offset: u64) -> Location {
        locate(&self.real, &self.shown, offset)
    }
}

/// Line and column (in characters) of byte `offset` of the file at `real`, counted by reading
/// the file again. Bytes that cannot be read count as the end of the file.
pub(crate) fn locate(real: &Path, shown: &Path, offset: u64) -> Location {
    let mut line = 1usize;
    let mut col = 1usize;
    if let Ok(file) = File::open(real) {
        let mut reader = BufReader::new(file).take(offset);
        let mut buf = [0u8; 64 * 1024];
        // A UTF-8 byte-order mark is not a character an editor shows.
        let mut first = true;
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            let mut chunk = &buf[..n];
            if first {
                chunk = chunk.strip_prefix(b"\xef\xbb\xbf").unwrap_or(chunk);
                first = false;
            }
            for &b in chunk {
                if b == b'\n' {
                    line += 1;
                    col = 1;
                } else if b & 0xC0 != 0x80 {
                    col += 1;
                }
            }
        }
    }
    Location::new(shown, line, col)
}

/// A `BufRead` that counts the line ends the parser has consumed, so every element knows its
/// line without the file being kept or read twice.
struct Lines<R> {
    inner: R,
    newlines: u64,
    /// Bytes consumed, and the offset just after the last line end among them.
    consumed: u64,
    line_start: u64,
}

impl<R: BufRead> Read for Lines<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = {
            let buf = self.inner.fill_buf()?;
            let n = buf.len().min(out.len());
            out[..n].copy_from_slice(&buf[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Lines<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        // The bytes are still buffered: `fill_buf` returns them without reading.
        if let Ok(buf) = self.inner.fill_buf() {
            let n = amt.min(buf.len());
            self.newlines += memchr::memchr_iter(b'\n', &buf[..n]).count() as u64;
            if let Some(last) = memchr::memrchr(b'\n', &buf[..n]) {
                self.line_start = self.consumed + last as u64 + 1;
            }
        }
        self.consumed += amt as u64;
        self.inner.consume(amt);
    }
}

/// Reads the XML file at `real` (shown as `shown`) from start to end through `handler`.
pub(crate) fn parse(real: &Path, shown: &Path, handler: &mut dyn Handler) -> Result<()> {
    let file = File::open(real).map_err(|e| Error::io(shown, e))?;
    let lines = Lines {
        inner: BufReader::with_capacity(64 * 1024, file),
        newlines: 0,
        consumed: 0,
        line_start: 0,
    };
    let mut reader = quick_xml::Reader::from_reader(lines);
    {
        let config = reader.config_mut();
        config.check_end_names = true;
        config.check_comments = false;
        config.expand_empty_elements = false;
        config.trim_text_start = false;
        config.trim_text_end = false;
    }
    let mut doc = Doc {
        real: real.to_path_buf(),
        shown: shown.to_path_buf(),
        stack: Vec::new(),
    };
    let mut buf = Vec::with_capacity(16 * 1024);
    let mut text = String::new();
    let mut attrs: Vec<(String, String)> = Vec::new();
    let mut seen_root = false;
    // quick-xml's positions do not count a byte-order mark; offsets into the file do.
    let mut shift = 0;
    loop {
        let start = reader.get_ref().consumed;
        let line = reader.get_ref().newlines + 1;
        let col = start.saturating_sub(reader.get_ref().line_start) + 1;
        buf.clear();
        let event = match reader.read_event_into(&mut buf) {
            Ok(event) => {
                shift = reader.get_ref().consumed - reader.buffer_position();
                event
            }
            Err(e) => {
                return Err(Error::at(
                    doc.locate(reader.error_position() + shift),
                    format!("malformed XML: {}", describe(&e)),
                )
                .with_hint(
                    "the export is not well-formed XML; if it was cut short, export it again",
                ));
            }
        };
        let bad_text = |doc: &Doc| {
            Error::at(doc.locate(start), "the text here is not valid UTF-8")
                .with_hint("folio reads exports in UTF-8, as WordPress and Disqus write them")
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                if doc.stack.is_empty() && seen_root {
                    return Err(Error::at(
                        doc.locate(start),
                        "a second root element: an XML file has exactly one",
                    ));
                }
                seen_root = true;
                let name = std::str::from_utf8(e.name().as_ref())
                    .map_err(|_| bad_text(&doc))?
                    .to_string();
                attrs.clear();
                for attr in e.attributes() {
                    let attr = attr.map_err(|err| {
                        Error::at(
                            doc.locate(start),
                            format!("malformed XML: {}", describe(&err.into())),
                        )
                    })?;
                    let key = std::str::from_utf8(attr.key.as_ref())
                        .map_err(|_| bad_text(&doc))?
                        .to_string();
                    let value = attr
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map_err(|err| {
                            Error::at(
                                doc.locate(start),
                                format!("malformed XML: {}", describe(&err)),
                            )
                        })?
                        .into_owned();
                    attrs.push((key, value));
                }
                doc.stack.push(Open {
                    name: name.clone().into_boxed_str(),
                    offset: start,
                    line: u32::try_from(line).unwrap_or(u32::MAX),
                    col: u32::try_from(col).unwrap_or(u32::MAX),
                });
                text.clear();
                handler.open(
                    &doc,
                    &Tag {
                        name: &name,
                        attrs: &attrs,
                    },
                )?;
                if empty {
                    handler.close(&doc, &name, String::new())?;
                    doc.stack.pop();
                }
            }
            Event::End(_) => {
                // quick-xml checked that the name matches the open element.
                let name = doc.stack.last().map(|o| o.name.clone()).unwrap_or_default();
                handler.close(&doc, &name, std::mem::take(&mut text))?;
                doc.stack.pop();
                text.clear();
            }
            Event::Text(e) => {
                if !doc.stack.is_empty() {
                    text.push_str(&e.xml10_content().map_err(|_| bad_text(&doc))?);
                } else if e.iter().any(|b| !b.is_ascii_whitespace()) {
                    return Err(Error::at(
                        doc.locate(start),
                        "text outside the root element",
                    ));
                }
            }
            Event::CData(e) => {
                if doc.stack.is_empty() {
                    return Err(Error::at(
                        doc.locate(start),
                        "text outside the root element",
                    ));
                }
                let raw = e.decode().map_err(|_| bad_text(&doc))?;
                // Line ends in CDATA are normalised like any character data.
                text.push_str(&raw.replace("\r\n", "\n").replace('\r', "\n"));
            }
            Event::GeneralRef(e) => {
                let name = e.decode().map_err(|_| bad_text(&doc))?;
                match e.resolve_char_ref() {
                    Ok(Some(c)) => text.push(c),
                    Ok(None) => match name.as_ref() {
                        "amp" => text.push('&'),
                        "lt" => text.push('<'),
                        "gt" => text.push('>'),
                        "quot" => text.push('"'),
                        "apos" => text.push('\''),
                        // An entity XML does not define (`&nbsp;` outside CDATA): kept as
                        // written; the HTML fields decode it as HTML does.
                        other => {
                            text.push('&');
                            text.push_str(other);
                            text.push(';');
                        }
                    },
                    Err(err) => {
                        return Err(Error::at(
                            doc.locate(start),
                            format!("malformed XML: {}", describe(&err)),
                        ));
                    }
                }
            }
            Event::Decl(d) => {
                if let Some(Ok(encoding)) = d.encoding() {
                    let label = String::from_utf8_lossy(&encoding).to_ascii_lowercase();
                    if label != "utf-8" && label != "utf8" {
                        return Err(Error::at(
                            doc.locate(start),
                            format!("the export says it is in `{label}`; folio reads UTF-8 exports"),
                        )
                        .with_hint("convert it first, e.g. `iconv -f LATIN1 -t UTF-8 export.xml > export-utf8.xml`, and change the encoding in its first line"));
                    }
                }
            }
            Event::Comment(_) | Event::PI(_) | Event::DocType(_) => {}
            Event::Eof => {
                if let Some(open) = doc.stack.last() {
                    let end = reader.get_ref().consumed;
                    return Err(Error::at(
                        doc.locate(end),
                        format!(
                            "the file ends inside `<{}>` opened on line {}",
                            open.name, open.line
                        ),
                    )
                    .with_hint("the export was cut short; export it again"));
                }
                if !seen_root {
                    return Err(Error::at(
                        doc.locate(0),
                        "the file holds no XML element",
                    )
                    .with_hint("an export is a WordPress WXR file (`<rss>`) or a Disqus export (`<disqus>`)"));
                }
                return Ok(());
            }
        }
    }
}

/// quick-xml's message, without its debug formatting of byte strings.
fn describe(e: &quick_xml::Error) -> String {
    let text = e.to_string();
    text.replace("ill-formed document: ", "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Record {
        events: Vec<String>,
    }

    impl Handler for Record {
        fn open(&mut self, doc: &Doc, tag: &Tag<'_>) -> Result<()> {
            let attrs: Vec<String> = tag.attrs.iter().map(|(k, v)| format!("{k}={v}")).collect();
            self.events.push(format!(
                "open {} line {}:{} depth {} [{}]",
                tag.name,
                doc.line(),
                doc.column(),
                doc.stack.len(),
                attrs.join(",")
            ));
            Ok(())
        }

        fn close(&mut self, doc: &Doc, name: &str, text: String) -> Result<()> {
            self.events
                .push(format!("close {name} line {} {text:?}", doc.line()));
            if name == "refuse" {
                return Err(doc.error("refused"));
            }
            Ok(())
        }
    }

    fn run(xml: &str) -> std::result::Result<Vec<String>, String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.xml");
        std::fs::write(&path, xml).unwrap();
        let mut handler = Record::default();
        parse(&path, Path::new("x.xml"), &mut handler)
            .map(|()| handler.events)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn elements_come_with_their_lines_text_and_attributes() {
        let xml = "\u{feff}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<root a=\"1 &amp; 2\">\n  <leaf>x &amp; &#233; &nbsp;<![CDATA[<b>y</b>\r\n]]></leaf>\n  <empty k='v'/>\n\n  <outer><inner>i</inner>tail</outer>\n</root>\n";
        let events = run(xml).unwrap();
        assert_eq!(
            events,
            [
                "open root line 2:1 depth 1 [a=1 & 2]",
                "open leaf line 3:3 depth 2 []",
                "close leaf line 3 \"x & é &nbsp;<b>y</b>\\n\"",
                // The CDATA section's line end moves everything below it down a line.
                "open empty line 5:3 depth 2 [k=v]",
                "close empty line 5 \"\"",
                "open outer line 7:3 depth 2 []",
                "open inner line 7:10 depth 3 []",
                "close inner line 7 \"i\"",
                "close outer line 7 \"tail\"",
                "close root line 2 \"\\n\"",
            ]
        );
    }

    #[test]
    fn malformed_xml_is_located() {
        let rows: &[(&str, &str)] = &[
            ("<a>\n  <b></c>\n</a>", "x.xml:2:6: malformed XML: "),
            (
                "<a>\n  <b>",
                "x.xml:2:6: the file ends inside `<b>` opened on line 2",
            ),
            ("", "x.xml:1:1: the file holds no XML element"),
            ("<a/><b/>", "x.xml:1:5: a second root element"),
            (
                "<a>\n<é x=\"1\" x=\"2\"/></a>",
                "x.xml:2:1: malformed XML: ",
            ),
            ("<a>\n  <refuse/></a>", "x.xml:2:3: refused"),
            (
                "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>",
                "x.xml:1:1: the export says it is in `iso-8859-1`",
            ),
            ("<a>é</a>\n<", "x.xml:2:1: malformed XML: "),
            ("<a>&#0;</a>", "x.xml:1:4: malformed XML: "),
        ];
        for (xml, expected) in rows {
            let e = run(xml).expect_err(xml);
            assert!(e.starts_with(expected), "{xml:?}: {e}");
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.xml");
        std::fs::write(&path, b"<a>\xff\xfe</a>").unwrap();
        let e = parse(&path, Path::new("bad.xml"), &mut Record::default()).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("bad.xml:1:4: the text here is not valid UTF-8"),
            "{e}"
        );
    }

    #[test]
    fn no_input_makes_it_panic() {
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"&e;&e;\">]><r a='&e;'>&e;<![CDATA[]]]]><!-- -- --><x/>&#xD800;</r>";
        for cut in 0..=xml.len() {
            let _ = run(&xml[..cut]);
            let _ = run(&xml[cut..]);
        }
    }
}
