//! One error type for the whole library. Everything a user wrote (book.yaml, front matter,
//! content, templates) is reported with a [`Location`], so the binary can print
//! `path:line:col: message` and an editor can jump there.

use std::fmt;
use std::path::{Path, PathBuf};

/// A position in a file the user wrote. `line` and `col` are 1-based; `col` counts characters,
/// not bytes, because that is what editors show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
}

impl Location {
    pub fn new(path: impl Into<PathBuf>, line: usize, col: usize) -> Location {
        Location {
            path: path.into(),
            line: line.max(1),
            col: col.max(1),
        }
    }

    /// The location of byte `offset` in `text` (which is the whole content of `path`).
    pub fn at_offset(path: &Path, text: &str, offset: usize) -> Location {
        let offset = offset.min(text.len());
        let before = &text[..floor_char_boundary(text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        Location::new(path, line, col)
    }
}

/// The lines of `text` as an editor counts them: `\r\n`, `\n` and a lone `\r` each end one
/// (the loader reads a file the same way, so a located error's line is this iterator's line).
pub fn source_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.find(['\n', '\r']) {
            Some(end) => {
                let skip = if r[end..].starts_with("\r\n") { 2 } else { 1 };
                rest = Some(&r[end + skip..]);
                Some(&r[..end])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path.display(), self.line, self.col)
    }
}

/// Every way folio can fail. Variants carry what the user needs to fix the problem; causes stay
/// reachable through `source()`.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Something wrong in a file the user wrote, at a known place.
    #[error("{location}: {message}")]
    At {
        location: Location,
        message: String,
        /// A likely fix, printed on its own line ("did you mean `language`?").
        hint: Option<String>,
    },

    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// A file is not UTF-8 text. `line`/`col` locate the first bad byte.
    #[error("{}:{line}:{col}: not valid UTF-8 text (invalid byte 0x{byte:02X} at byte offset {offset}); save the file as UTF-8", path.display())]
    NotUtf8 {
        path: PathBuf,
        offset: usize,
        byte: u8,
        line: usize,
        col: usize,
    },

    /// A template failed to parse or render.
    #[error("{context}: {message}")]
    Template { context: String, message: String },

    /// A problem that is not tied to one place in one file.
    #[error("{0}")]
    Message(String),

    /// The command has printed its findings itself (`folio check`); only the exit code is left.
    #[error("problems were found")]
    Reported,

    /// Several independent problems, collected so the user sees them all at once.
    #[error("{}", display_many(.0))]
    Many(Vec<Error>),
}

fn display_many(errors: &[Error]) -> String {
    let mut s = String::new();
    for (i, e) in errors.iter().enumerate() {
        if i > 0 {
            s.push('\n');
        }
        s.push_str(&e.to_string());
    }
    s
}

impl Error {
    pub fn at(location: Location, message: impl Into<String>) -> Error {
        Error::At {
            location,
            message: message.into(),
            hint: None,
        }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// Adds a hint to a located error; other variants are returned unchanged.
    pub fn with_hint(self, new_hint: impl Into<String>) -> Error {
        match self {
            Error::At {
                location, message, ..
            } => Error::At {
                location,
                message,
                hint: Some(new_hint.into()),
            },
            other => other,
        }
    }

    /// Flattens nested [`Error::Many`] into a single list.
    pub fn into_list(self) -> Vec<Error> {
        match self {
            Error::Many(v) => v.into_iter().flat_map(Error::into_list).collect(),
            e => vec![e],
        }
    }

    /// Collapses a list: none → Ok, one → that error, more → `Many`.
    pub fn from_list(mut errors: Vec<Error>) -> Result<()> {
        match errors.len() {
            0 => Ok(()),
            1 => Err(errors.remove(0)),
            _ => Err(Error::Many(errors)),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// `text` safe to print on a terminal: control characters other than tab and line feed (an
/// escape sequence hidden in a content file or a YAML-escaped value could otherwise recolour or
/// retitle the user's terminal through an error message) become U+FFFD.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && c != '\n' && c != '\t';
    if text.contains(unsafe_char) {
        std::borrow::Cow::Owned(text.replace(unsafe_char, "\u{FFFD}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a plausible
/// typo (used for "did you mean" hints on keys, rule ids, output names).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Optimal-string-alignment distance: like Levenshtein, but a swap of two neighbouring letters
/// (the most common typo) costs one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        d[i * w] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    d[a.len() * w + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_finds_typos_only() {
        let keys = ["language", "title", "outputs"];
        assert_eq!(closest("langauge", keys), Some("language"));
        assert_eq!(closest("titel", keys), Some("title"));
        assert_eq!(closest("colour", keys), None);
    }

    #[test]
    fn printable_text_has_no_terminal_escapes() {
        assert_eq!(printable("a\tb\nc"), "a\tb\nc");
        assert_eq!(
            printable("\x1b[31mred\x07\r"),
            "\u{FFFD}[31mred\u{FFFD}\u{FFFD}"
        );
        assert_eq!(printable("\u{9b}2J"), "\u{FFFD}2J");
    }

    #[test]
    fn source_lines_end_where_the_loader_ends_them() {
        let lines = |t| source_lines(t).collect::<Vec<_>>();
        assert_eq!(lines("a\r\nb\rc\nd"), ["a", "b", "c", "d"]);
        assert_eq!(lines("a\n"), ["a", ""]);
        assert_eq!(lines("\r\r"), ["", "", ""]);
        assert_eq!(lines(""), [""]);
    }

    #[test]
    fn offsets_become_lines_and_character_columns() {
        let text = "ab\ncé d\n";
        let loc = Location::at_offset(Path::new("x"), text, text.find('d').unwrap());
        assert_eq!((loc.line, loc.col), (2, 4));
    }
}
