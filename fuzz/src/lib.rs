//! The invariants folio's fuzz targets assert, one function per target. Each takes the raw
//! bytes libFuzzer generates (inputs that are not UTF-8 are skipped: every caller of these
//! functions reads text through `folio::fs`, which rejects such files with a located error) and
//! panics when an invariant breaks.
//!
//! The regression test `tests/suite/fuzz_regressions.rs` includes this file as a module and runs
//! every input kept under `tests/fixtures/fuzz-regressions/<target>/` through the same function,
//! so an input the fuzzer once found stays checked by `cargo test` exactly as it was fuzzed.

use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use folio::error::Error;
use folio::load::split_front_matter;
use folio::model::{Article, Block, BlockKind, Comment, CommentId, Markup, Slug};
use folio::normalize::{
    Field, Glossary, GlossaryEntry, GlossarySource, NormalizeConfig, Normalizer,
};

/// `front_matter`: [`folio::load::split_front_matter`] never panics; when it splits, the YAML
/// (or TOML, between `+++`) and the body are slices of the input in order, the line numbers
/// count the lines before them, and the fences are where they should be; when it fails, the file opened front matter
/// and never closed it, and the error points at the opening fence.
pub fn front_matter(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("fuzz.md");
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let opener = text[..first_line_end].trim_end();
    // YAML between `---` (closed by `---` or `...`), TOML between `+++`.
    let toml = opener == "+++";
    let opens = opener == "---" || toml;
    let is_fence = |line: &str| {
        let line = line.trim_end();
        if toml {
            line == "+++"
        } else {
            matches!(line, "---" | "...")
        }
    };
    match split_front_matter(path, text) {
        Ok(fm) => {
            let body = slice_range(fm.body, text).expect("the body is a slice of the input");
            assert_eq!(body.end, text.len(), "the body runs to the end of the file");
            assert_eq!(
                fm.body_line,
                1 + text[..body.start].matches('\n').count(),
                "body_line counts the lines before the body"
            );
            if !opens {
                assert_eq!(body.start, 0, "without an opening fence everything is body");
                assert!(fm.yaml.is_empty());
                return;
            }
            let yaml = slice_range(fm.yaml, text).expect("the YAML is a slice of the input");
            assert_eq!(
                yaml.start, first_line_end,
                "the YAML starts after the fence"
            );
            assert_eq!(fm.yaml_line, 2);
            let fence = &text[yaml.end..body.start];
            assert!(is_fence(fence), "a fence closes the YAML: {fence:?}");
            assert!(
                fence.ends_with('\n') || body.start == text.len(),
                "the closing fence is a whole line"
            );
            assert!(
                !fence.trim_end().contains('\n'),
                "the closing fence is one line"
            );
            assert!(
                !fm.yaml.split('\n').any(is_fence),
                "the first closing fence ends the YAML"
            );
        }
        Err(e) => {
            assert!(opens, "only an opened front matter can fail: {e}");
            assert!(
                !text[first_line_end..].split('\n').any(is_fence),
                "a closing fence exists, yet: {e}"
            );
            match &e {
                Error::At { location, .. } => {
                    assert_eq!((location.path.as_path(), location.line), (path, 1))
                }
                other => panic!("the error has no location: {other}"),
            }
        }
    }
}

/// `importer`: the raw importer ([`folio::import::parse_scrape`]) and the loader
/// ([`folio::load::load_file`], for a `.txt` and a `.md` path) never panic; errors point into
/// the file; and every line of a scrape that is not site residue reaches the imported article:
/// each word of it (after the residue [`folio::residue::find_residue`] finds in the line is cut
/// out) is in the title, a block, a reference, a comment, the metadata, or — for the two kinds
/// of line the importer documents dropping — the record of removed lines.
pub fn importer(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let txt = Path::new("fuzz.txt");
    match folio::import::parse_scrape(txt, text, 1) {
        Ok(scrape) => {
            let mut kept = Kept::default();
            kept.add(&scrape.title);
            for value in scrape.metadata.values() {
                kept.add(value);
            }
            kept.blocks(&scrape.blocks);
            for r in &scrape.references {
                kept.add(&r.text);
                kept.add(&r.number.to_string());
            }
            kept.removed(&scrape.removed);
            kept.comments(&scrape.comments.comments);
            assert_lines_kept(text, 1, &kept);
        }
        Err(e) => assert_located(&e, txt, text),
    }

    match folio::load::load_file(txt, text, "en") {
        Ok(loaded) => {
            // What the loader reads: line ends made `\n`, XML-forbidden characters dropped.
            let seen = text
                .replace("\r\n", "\n")
                .replace('\r', "\n")
                .replace(folio::markdown::forbidden_in_xml, "");
            let fm = split_front_matter(txt, &seen).expect("the loader split it");
            assert_lines_kept(
                fm.body,
                fm.body_line as u32,
                &Kept::article(&loaded.article),
            );
        }
        Err(e) => assert_located(&e, txt, text),
    }

    let md = Path::new("fuzz.md");
    if let Err(e) = folio::load::load_file(md, text, "en") {
        assert_located(&e, md, text);
    }
}

/// `normalize`: the normalizer, every rule on and a small glossary, never panics and keeps its
/// promises on any text. In article mode (the input's first line is the title, its paragraphs
/// are blocks — plain and Markdown — and its last paragraph also a comment): a second pass
/// changes nothing; every edit's original is the text at its span and its replacement the
/// text at its output span; the output is exactly the input with the edits applied (text
/// outside edits is byte-identical); no edit touches a protected span; a dropped block is
/// logged with its position as loaded. In raw mode (`folio normalize --stdin`): normalizing the
/// clean text again gives the same text.
pub fn normalize(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for normalizer in normalizers() {
        for markdown in [false, true] {
            normalize_article(normalizer, text, markdown);
        }
        let (clean, _) = normalizer.normalize_raw(text);
        let (again, log) = normalizer.normalize_raw(&clean);
        assert!(
            again == clean,
            "raw mode is not idempotent: {}\nsecond-pass edits: {:?}",
            first_difference(&clean, &again),
            log.edits
        );
    }
}

/// Typography on and off (restored apostrophes differ), each with the same small glossary.
fn normalizers() -> &'static [Normalizer; 2] {
    static NORMALIZERS: OnceLock<[Normalizer; 2]> = OnceLock::new();
    NORMALIZERS.get_or_init(|| {
        [true, false].map(|typography| {
            let mut config = NormalizeConfig::default();
            config.rules.insert("typography".into(), typography);
            let entry = |term: &str, variants: &[&str]| GlossaryEntry {
                term: term.into(),
                variants: variants.iter().map(|v| v.to_string()).collect(),
            };
            config.glossary = Some(GlossarySource::Inline(Glossary {
                entries: vec![
                    entry("ByteDance", &["byte beat", "byte hop"]),
                    entry("TikTok", &["tiktok"]),
                    entry("Huawei", &[]),
                ],
            }));
            Normalizer::new(&config, Path::new("."), "en").expect("the fuzz config is valid")
        })
    })
}

fn normalize_article(normalizer: &Normalizer, text: &str, markdown: bool) {
    let original = article_of(text, markdown);
    let mut article = original.clone();
    let log = normalizer.normalize_article(&mut article, None, None);
    let context = || format!("input {text:?} (markdown: {markdown})");

    // Which loaded block each surviving block is.
    let mut dropped = Vec::new();
    for e in &log.edits {
        if let Field::DroppedBlock(j) = e.field {
            let block = original
                .blocks
                .get(j)
                .unwrap_or_else(|| panic!("{e:?} names no block; {}", context()));
            assert_eq!(
                block.text,
                e.original,
                "a dropped block is logged at its position as loaded; {}",
                context()
            );
            dropped.push(j);
        }
    }
    let survivors: Vec<usize> = (0..original.blocks.len())
        .filter(|j| !dropped.contains(j))
        .collect();
    assert_eq!(survivors.len(), article.blocks.len(), "{}", context());

    let mut fields: Vec<(Field, &str, &str, bool)> = vec![(
        Field::Title,
        original.title.as_str(),
        article.title.as_str(),
        false,
    )];
    for (i, &j) in survivors.iter().enumerate() {
        let md = original.blocks[j].markup == Markup::Markdown;
        fields.push((
            Field::Block(i),
            original.blocks[j].text.as_str(),
            article.blocks[i].text.as_str(),
            md,
        ));
    }
    for (i, c) in original.comments.comments.iter().enumerate() {
        let after = article.comments.comments[i].body.as_str();
        fields.push((Field::Comment(i), c.body.as_str(), after, false));
    }
    for (field, before, after, md) in fields {
        let protected = folio::normalize::protect::find(before, md);
        let mut rebuilt = String::new();
        let mut at = 0;
        for e in log.edits.iter().filter(|e| e.field == field) {
            assert!(
                !protected.overlaps(&e.span),
                "{e:?} touches a protected span; {}",
                context()
            );
            assert!(
                e.span.start >= at,
                "{e:?} overlaps the edit before it; {}",
                context()
            );
            assert_eq!(
                before.get(e.span.clone()),
                Some(e.original.as_str()),
                "{}",
                context()
            );
            assert_eq!(
                after.get(e.output_span.clone()),
                Some(e.replacement.as_str()),
                "{}",
                context()
            );
            rebuilt.push_str(&before[at..e.span.start]);
            rebuilt.push_str(&e.replacement);
            at = e.span.end;
        }
        rebuilt.push_str(&before[at..]);
        assert!(
            rebuilt == after,
            "{field:?} is more than its text plus its edits: {after:?}; {}",
            context()
        );
    }

    let again = normalizer.normalize_article(&mut article, None, None);
    assert!(
        again.is_empty(),
        "a second pass still changes {:?}; {}",
        again.edits,
        context()
    );
}

/// The input as an article: its first line the title, each paragraph (blank-line separated) a
/// block, the last paragraph also the body of a comment.
fn article_of(text: &str, markdown: bool) -> Article {
    let (title, rest) = text.split_once('\n').unwrap_or((text, ""));
    let mut blocks = Vec::new();
    let mut line = 2;
    let mut last = "";
    for para in rest.split("\n\n") {
        let start = line;
        line += para.matches('\n').count() as u32 + 2;
        if para.trim().is_empty() {
            continue;
        }
        last = para;
        blocks.push(Block {
            kind: BlockKind::Paragraph,
            text: para.to_string(),
            line: start,
            markup: if markdown {
                Markup::Markdown
            } else {
                Markup::Plain
            },
        });
    }
    let mut article = Article {
        slug: Slug::parse("fuzz").expect("a valid slug"),
        path: "fuzz.md".into(),
        title: title.to_string(),
        title_line: 1,
        subtitle: None,
        authors: vec![],
        date: None,
        date_time: None,
        date_unknown: false,
        updated: None,
        description: None,
        draft: false,
        aliases: Vec::new(),
        extra: Default::default(),
        source: Default::default(),
        language: "en".into(),
        translated_from: Some("zh".into()),
        tags: vec![],
        blocks,
        references: vec![],
        comments: Default::default(),
        annotations: vec![],
        meta: Default::default(),
        removed: vec![],
    };
    if !last.is_empty() {
        article.comments.push(
            Comment {
                id: CommentId("1".into()),
                number: Some(1),
                author: "reader".into(),
                staff: false,
                date_time: None,
                date_text: None,
                body: last.to_string(),
                replies: vec![],
                parent: None,
                line,
            },
            None,
        );
    }
    article
}

/// Where `part` lies inside `whole`, if it is a slice of it.
fn slice_range(part: &str, whole: &str) -> Option<Range<usize>> {
    let start = (part.as_ptr() as usize).checked_sub(whole.as_ptr() as usize)?;
    let end = start + part.len();
    (end <= whole.len()).then_some(start..end)
}

/// An error a person can act on: every located part names the file and a line of it, and a
/// column of that line (or just past its end).
fn assert_located(error: &Error, path: &Path, text: &str) {
    match error {
        Error::Many(all) => all.iter().for_each(|e| assert_located(e, path, text)),
        Error::At { location, .. } => {
            assert_eq!(location.path, path, "{error}");
            // `\r\n`, `\n` and a lone `\r` each end a line, for folio as for editors.
            let mut lines = self::lines(text);
            if text.is_empty() || text.ends_with(['\n', '\r']) {
                lines.push("");
            }
            let line = lines
                .get(location.line - 1)
                .unwrap_or_else(|| panic!("{error}: the file has {} lines", lines.len()));
            let width = line.chars().count();
            assert!(
                location.col <= width + 1,
                "{error}: line {} has {width} characters",
                location.line
            );
        }
        Error::Io { .. } | Error::NotUtf8 { .. } => panic!("no I/O happens here: {error}"),
        Error::Template { .. } | Error::Reported => panic!("not a loading error: {error}"),
        Error::Message(_) => {}
    }
}

/// Everything an imported article kept, as one text to search words in.
#[derive(Default)]
struct Kept {
    text: String,
    /// (line, author) of every comment: the header line that opened it.
    headers: Vec<(u32, String)>,
}

impl Kept {
    fn article(article: &Article) -> Kept {
        let mut kept = Kept::default();
        kept.add(&article.title);
        if let Some(s) = &article.subtitle {
            kept.add(s);
        }
        for value in article.meta.values() {
            kept.add(value);
        }
        kept.blocks(&article.blocks);
        for r in &article.references {
            kept.add(&r.text);
            kept.add(&r.number.to_string());
        }
        kept.removed(&article.removed);
        kept.comments(&article.comments.comments);
        kept
    }

    fn add(&mut self, text: &str) {
        self.text.push_str(text);
        self.text.push('\n');
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for b in blocks {
            self.add(&b.text);
            if let BlockKind::ListItem {
                number: Some(n), ..
            } = b.kind
            {
                self.add(&n.to_string());
            }
        }
    }

    /// The importer documents dropping these kinds of line that are not residue: a second copy
    /// of the title, text below the comment thread that belongs to no comment, and the comment
    /// widget's own lines in a text copy of a thread (its heading, the date line under a
    /// `NAME says:` header, `Reply`/`Share` controls, an `In reply to NAME` line it nested the
    /// reply by), and in a copy of a whole page everything around the article (the page's
    /// header and footer, its chrome by kind, the byline and dateline, a caption's label and
    /// credit). All are recorded with their reason; any other removal of prose is a loss.
    fn removed(&mut self, removed: &[folio::model::Removed]) {
        const DOCUMENTED: &[&str] = &[
            "duplicate title",
            "text outside the comment thread",
            "comment section heading",
            "comment header",
            "comment controls",
            "reply marker",
            "page header",
            "page footer",
            "navigation",
            "breadcrumbs",
            "share bar",
            "media player",
            "gallery",
            "page furniture",
            "comment section",
            "reading time",
            "counter",
            "tags",
            "newsletter box",
            "comment prompt",
            "promotion",
            "cookie notice",
            "list marker",
            "byline",
            "dateline",
            "caption label",
            "image credit",
        ];
        for r in removed {
            if DOCUMENTED.contains(&r.reason.as_str()) {
                self.add(&r.text);
            }
        }
    }

    fn comments(&mut self, comments: &[Comment]) {
        for c in comments {
            self.add(&c.author);
            self.add(&c.body);
            if let Some(text) = &c.date_text {
                self.add(text);
            }
            self.headers.push((c.line, c.author.clone()));
        }
    }
}

/// Every line of `body` (whose first line is line `first_line` of the file) is a comment
/// header that opened a comment with its author, blank, all residue, or has each of its words
/// outside residue in `kept`. Numbers count as kept with leading zeros dropped (`07.` opens
/// item 7).
fn assert_lines_kept(body: &str, first_line: u32, kept: &Kept) {
    let body = body.strip_prefix('\u{feff}').unwrap_or(body);
    for (line_no, line) in (first_line..).zip(lines(body)) {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if let Some((_, author)) = kept.headers.iter().find(|(l, _)| *l == line_no) {
            assert!(
                line.contains(author.as_str()),
                "line {line_no} opened a comment by {author:?}: {line:?}"
            );
            continue;
        }
        let spans = folio::residue::find_residue(trimmed);
        let mut from = 0;
        let mut pieces = Vec::new();
        for r in &spans {
            pieces.push(trimmed.get(from..r.range.start.max(from)).unwrap_or(""));
            from = from.max(r.range.end);
        }
        pieces.push(trimmed.get(from..).unwrap_or(""));
        for piece in pieces {
            for word in piece.split(|c: char| !c.is_alphanumeric()) {
                if word.is_empty() {
                    continue;
                }
                let word = if word.bytes().all(|b| b.is_ascii_digit()) {
                    let zeros = word.len() - word.trim_start_matches('0').len();
                    &word[zeros.min(word.len() - 1)..]
                } else {
                    word
                };
                assert!(
                    kept.text.contains(word),
                    "line {line_no} lost `{word}`: {line:?}\nkept:\n{}",
                    kept.text
                );
            }
        }
    }
}

/// The lines of `text` the way the importer counts them: `\r\n`, `\n` and a lone `\r` each end
/// one.
fn lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(end) = rest.find(['\n', '\r']) {
        out.push(&rest[..end]);
        let skip = if rest[end..].starts_with("\r\n") {
            2
        } else {
            1
        };
        rest = &rest[end + skip..];
    }
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// The first line where `a` and `b` differ, for messages about long texts.
fn first_difference(a: &str, b: &str) -> String {
    let (mut la, mut lb) = (a.split('\n'), b.split('\n'));
    for no in 1.. {
        match (la.next(), lb.next()) {
            (Some(x), Some(y)) if x == y => continue,
            (x, y) => return format!("line {no}: {x:?} became {y:?}"),
        }
    }
    unreachable!("the loop returns at the first difference")
}
