//! Bytes of a saved page → text, the way a browser picks the encoding: a byte-order mark, else
//! what the page declares (`<meta charset>`, `<meta http-equiv=Content-Type>`), else a guess
//! from the bytes (chardetng, Firefox's detector). Chinese sites are often GBK/GB18030 and old
//! English ones Windows-1252, and many of them declare nothing or declare wrongly.
//!
//! The declaration is read by the HTML parser itself (the page's first 64 KB decoded as
//! Windows-1252, which maps every byte to one character and leaves ASCII markup intact), never
//! by pattern matching over markup. Binary data is refused with its place; nothing here panics.

use std::path::Path;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};
use scraper::{Html, Selector};

use crate::error::{Error, Location, Result};

/// How much of the page is parsed to find the encoding declaration. The HTML standard looks in
/// the first 1,024 bytes; saved pages often carry kilobytes of inline style before the `<meta>`.
const DECLARATION_WINDOW: usize = 64 * 1024;

/// The decoded page and how its encoding was decided, for the import report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Decoded {
    pub text: String,
    /// The encoding's WHATWG name (`UTF-8`, `GBK`, `windows-1252`, `UTF-16LE`).
    pub encoding: &'static str,
    /// Where the encoding came from: `byte-order mark`, `<meta charset>`, `detected`, …
    pub source: String,
    /// Set when decoding replaced malformed bytes or a declaration was overruled.
    pub warning: Option<String>,
}

/// Decodes `bytes`, the saved page at `path` (shown in errors).
pub(super) fn decode(path: &Path, bytes: &[u8]) -> Result<Decoded> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return Ok(finish(
            encoding,
            &bytes[bom_len..],
            "byte-order mark".into(),
            None,
        ));
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return Ok(finish(
            encoding,
            bytes,
            "detected (NUL bytes between ASCII letters)".into(),
            None,
        ));
    }
    if let Some(offset) = binary_at(bytes) {
        let shown = String::from_utf8_lossy(&bytes[..offset]);
        return Err(Error::at(
            Location::at_offset(path, &shown, shown.len()),
            "this is binary data, not an HTML page (a NUL or control byte among the first bytes)",
        )
        .with_hint(
            "a saved page is text; check that the file is the page and not an image or archive",
        ));
    }
    let utf8 = std::str::from_utf8(bytes).is_ok();
    match declared(bytes) {
        Some((encoding, how)) => {
            // A page declaring UTF-8 whose bytes are not UTF-8 was re-encoded when it was
            // saved (or never was UTF-8): the bytes decide.
            if encoding == UTF_8 && !utf8 {
                let guess = guess(bytes);
                let warning = format!(
                    "the page declares UTF-8 ({how}) but is not valid UTF-8; decoded as {}",
                    guess.name()
                );
                return Ok(finish(
                    guess,
                    bytes,
                    format!("detected ({how} overruled)"),
                    Some(warning),
                ));
            }
            // A saved file is often re-encoded as UTF-8 by the tool that saved it, with the
            // original declaration left in: bytes that are valid UTF-8 and not plain ASCII
            // are UTF-8 (no GBK or Windows-1252 text of any length is valid UTF-8 by chance).
            if encoding != UTF_8 && utf8 && !bytes.is_ascii() {
                let warning = format!(
                    "the page declares {} ({how}) but its bytes are UTF-8; decoded as UTF-8",
                    encoding.name()
                );
                return Ok(finish(
                    UTF_8,
                    bytes,
                    format!("valid UTF-8 ({how} overruled)"),
                    Some(warning),
                ));
            }
            Ok(finish(encoding, bytes, how, None))
        }
        None if utf8 => Ok(finish(
            UTF_8,
            bytes,
            "valid UTF-8, none declared".into(),
            None,
        )),
        None => {
            let guess = guess(bytes);
            Ok(finish(
                guess,
                bytes,
                "detected (none declared)".into(),
                None,
            ))
        }
    }
}

fn finish(
    encoding: &'static Encoding,
    bytes: &[u8],
    source: String,
    warning: Option<String>,
) -> Decoded {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let mut warning = warning;
    if had_errors && warning.is_none() {
        warning = Some(format!(
            "some bytes are not valid {}; they were replaced with U+FFFD",
            encoding.name()
        ));
    }
    Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
        source,
        warning,
    }
}

/// chardetng's guess, UTF-8 allowed (a saved file is not a web page that could start to rely
/// on detection).
fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

/// UTF-16 saved without a byte-order mark: in the first kilobyte, ASCII characters alternate
/// with NUL bytes. The side the NULs are on gives the byte order.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let even_nul = head
        .chunks_exact(2)
        .filter(|p| p[0] == 0 && p[1] != 0)
        .count();
    let odd_nul = head
        .chunks_exact(2)
        .filter(|p| p[1] == 0 && p[0] != 0)
        .count();
    if odd_nul * 10 >= pairs * 8 {
        Some(UTF_16LE)
    } else if even_nul * 10 >= pairs * 8 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The offset of the first byte that no text file has (NUL and the C0 controls other than
/// tab, line feed, form feed, carriage return and escape) among the first 8,000 bytes.
fn binary_at(bytes: &[u8]) -> Option<usize> {
    bytes
        .iter()
        .take(8000)
        .position(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | 0x1b))
}

/// The encoding the page declares, and where: `<meta charset>` or the `content` of `<meta
/// http-equiv=Content-Type>`, read by the parser from the page's first
/// [`DECLARATION_WINDOW`] bytes. A declaration of UTF-16 means UTF-8, as the standard says
/// (a page that really is UTF-16 was caught by its byte order before).
fn declared(bytes: &[u8]) -> Option<(&'static Encoding, String)> {
    let head = &bytes[..bytes.len().min(DECLARATION_WINDOW)];
    // Windows-1252 maps every byte to a character: the markup reads as written whatever the
    // real encoding is.
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(head);
    let html = Html::parse_document(&text);
    let meta = Selector::parse("meta").ok()?;
    for element in html.select(&meta) {
        let e = element.value();
        let found = if let Some(charset) = e.attr("charset") {
            Some((charset.to_string(), "<meta charset>"))
        } else if e
            .attr("http-equiv")
            .is_some_and(|h| h.trim().eq_ignore_ascii_case("content-type"))
        {
            e.attr("content")
                .and_then(charset_of_content_type)
                .map(|c| (c, "<meta http-equiv=Content-Type>"))
        } else {
            None
        };
        if let Some((label, how)) = found
            && let Some(encoding) = Encoding::for_label(label.trim().as_bytes())
        {
            let encoding = if encoding == UTF_16LE || encoding == UTF_16BE {
                UTF_8
            } else {
                encoding
            };
            return Some((encoding, format!("{how} {}", label.trim())));
        }
    }
    None
}

/// `text/html; charset=gb2312` → `gb2312` (quotes allowed), as the standard's algorithm for
/// extracting a character encoding from a `meta` element reads it.
fn charset_of_content_type(content: &str) -> Option<String> {
    let lower = content.to_ascii_lowercase();
    let mut rest = lower.as_str();
    loop {
        let at = rest.find("charset")?;
        rest = rest[at + "charset".len()..].trim_start();
        if let Some(value) = rest.strip_prefix('=') {
            let value = value.trim_start();
            let value = match value.chars().next() {
                Some(q @ ('"' | '\'')) => value[1..].split(q).next()?,
                _ => value
                    .split(|c: char| c.is_ascii_whitespace() || c == ';')
                    .next()?,
            };
            return (!value.is_empty()).then(|| value.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8]) -> Decoded {
        decode(Path::new("p.html"), bytes).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn declared_encodings_are_honoured() {
        let gbk = encoding_rs::GBK.encode("<p>华为发布新手机</p>").0;
        let mut page = b"<html><head><meta charset=\"gb2312\"></head><body>".to_vec();
        page.extend_from_slice(&gbk);
        let d = decoded(&page);
        assert_eq!(d.encoding, "GBK");
        assert!(d.text.contains("华为发布新手机"), "{}", d.text);
        assert_eq!(d.source, "<meta charset> gb2312");

        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>caf\xe9</p>";
        let d = decoded(page);
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("café"));
    }

    #[test]
    fn undeclared_gbk_and_windows_1252_are_detected() {
        let text = "<html><body><p>华为公司周二表示，其智能手机业务在海外市场受到美国禁令的严重影响，销售额大幅下降。</p></body></html>";
        let d = decoded(&encoding_rs::GBK.encode(text).0);
        assert_eq!(d.encoding, "GBK");
        assert_eq!(d.text, text);

        let text = "<p>The caf\u{e9}\u{2019}s owner said \u{201c}no\u{201d} \u{2014} twice.</p>";
        let d = decoded(&WINDOWS_1252.encode(text).0);
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(d.text, text);
    }

    #[test]
    fn utf16_is_read_with_or_without_a_byte_order_mark() {
        let text = "<html><body><p>Hello, world — 你好</p></body></html>";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decoded(&le).text, text);
        assert_eq!(decoded(&be).text, text);
        let mut bom = vec![0xFF, 0xFE];
        bom.extend_from_slice(&le);
        assert_eq!(decoded(&bom).source, "byte-order mark");
    }

    #[test]
    fn a_false_utf8_declaration_is_overruled() {
        let mut page = b"<meta charset=utf-8><p>".to_vec();
        page.extend_from_slice(
            &WINDOWS_1252
                .encode("na\u{ef}ve caf\u{e9} d\u{e9}j\u{e0} vu")
                .0,
        );
        let d = decoded(&page);
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.warning.is_some());
        assert!(d.text.contains("café"));
    }

    #[test]
    fn binary_data_is_an_error_with_its_place() {
        let e = decode(Path::new("p.html"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err();
        assert!(
            e.to_string().starts_with("p.html:2:1: this is binary data"),
            "{e}"
        );
    }
}
