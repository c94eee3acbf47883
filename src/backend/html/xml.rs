//! The two things the machine-read files (Atom feed, sitemap) need and HTML templates do not:
//! absolute URLs built from `base_url`, and XML text escaping that also drops characters XML
//! 1.0 forbids (scraped text sometimes carries stray control characters, which would make
//! the whole feed unreadable to a strict parser).

use std::fmt::Write;

/// Escapes text for XML element content and attribute values; characters not allowed in XML
/// 1.0 are left out.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    crate::markdown::escape_with(text, &mut out, Some("&apos;"));
    out
}

/// The site's absolute location, from `base_url` (which config guarantees is an absolute
/// http(s) URL ending in `/`).
#[derive(Debug, Clone)]
pub(super) struct SiteUrl {
    base: String,
}

impl SiteUrl {
    pub(super) fn new(base_url: &str) -> SiteUrl {
        SiteUrl {
            base: base_url.to_string(),
        }
    }

    /// The absolute URL of a site path such as `my-slug/` or `tags/华为/`: non-ASCII and
    /// reserved characters are percent-encoded (UTF-8), because sitemaps require plain URLs.
    pub(super) fn absolute(&self, site_path: &str) -> String {
        let mut out = self.base.clone();
        out.push_str(&encode_path(site_path));
        out
    }

    /// The URL of the site root.
    pub(super) fn root(&self) -> &str {
        &self.base
    }
}

/// The path part of `base_url` (`https://example.org/archive/` → `/archive/`): pages that can
/// be served from any depth (404.html) link from there.
pub fn base_path(base_url: Option<&str>) -> String {
    let Some(url) = base_url else {
        return "/".to_string();
    };
    let after_scheme = url.find("://").map_or(url, |i| &url[i + 3..]);
    match after_scheme.find('/') {
        Some(i) => {
            let path = &after_scheme[i..];
            let path = path.split(['?', '#']).next().unwrap_or("/");
            if path.ends_with('/') {
                path.to_string()
            } else {
                format!("{path}/")
            }
        }
        None => "/".to_string(),
    }
}

/// Percent-encodes everything in a path except unreserved characters and `/`.
pub(super) fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_drops_what_xml_forbids() {
        let cases = [
            ("a & b < c > d", "a &amp; b &lt; c &gt; d"),
            ("\"q\" 'a'", "&quot;q&quot; &apos;a&apos;"),
            ("bell\u{7} nul\u{0} ok\tok\n", "bell nul ok\tok\n"),
            ("华为\u{FFFE}", "华为"),
        ];
        for (input, want) in cases {
            assert_eq!(escape(input), want, "{input:?}");
        }
    }

    #[test]
    fn urls_are_absolute_and_encoded() {
        let site = SiteUrl::new("https://example.org/archive/");
        assert_eq!(site.absolute(""), "https://example.org/archive/");
        assert_eq!(
            site.absolute("tags/华为/"),
            "https://example.org/archive/tags/%E5%8D%8E%E4%B8%BA/"
        );
        assert_eq!(site.absolute("a b/"), "https://example.org/archive/a%20b/");
    }

    #[test]
    fn base_path_is_the_path_of_base_url() {
        let cases = [
            (Some("https://example.org/archive/"), "/archive/"),
            (Some("https://example.org/"), "/"),
            (Some("http://example.org"), "/"),
            (Some("https://example.org/a/b"), "/a/b/"),
            (None, "/"),
        ];
        for (url, want) in cases {
            assert_eq!(base_path(url), want, "{url:?}");
        }
    }
}
