//! Scores folio's HTML import (or its text-scrape import, or any extractor's predictions) on a
//! folder of saved pages: body F1, headline, byline and date accuracy, and pages per second on
//! one core.
//!
//! ```sh
//! cargo run --release --example score_html -- DIR [--text TXT_DIR | --predictions FILE.json] [--worst N] [--only CHARS]
//! ```
//!
//! `DIR` is either
//! - Mozilla Readability's layout: `DIR/<case>/source.html` with `expected.html` (the article
//!   as Readability.js extracts it) and `expected-metadata.json` (`title`, `byline`,
//!   `publishedTime`); or
//! - the article-extraction-benchmark layout: `DIR/ground-truth.json` (`{key: {articleBody}}`)
//!   with `DIR/html/<key>.html` (gunzip the `.html.gz` files first).
//!
//! `--only CHARS` keeps the cases whose key starts with one of `CHARS`: `--only 01234567` and
//! `--only 89abcdef` split the benchmark's hex keys into two halves, one to tune on and one
//! held out.
//!
//! `--predictions` scores another extractor's output instead of running folio: a JSON object
//! `{key: {"articleBody": …, "title": …, "byline": …, "date": …}}` keyed like the folder.
//!
//! `--text TXT_DIR` scores folio's import of full-page text copies instead (what
//! `scripts/page-text.sh` writes: the rendered page's `document.body.innerText`): each case's
//! `TXT_DIR/<key>.txt` — or the saved page's path inside `DIR` with `.txt` for its extension
//! (`<case>/source.txt`, `html/<key>.txt`) — is imported as a `.txt` scrape is, and scored
//! against the same truth. The benchmark's truth has no headline, byline or date; for text
//! copies those are the ones the saved page itself declares (JSON-LD, `og:title`, `<meta
//! name=author>`, `article:published_time`…, as folio's HTML import reads them), which the text
//! import, seeing only the text, has to find on its own. A case without its text file counts
//! as an empty prediction.
//!
//! Body F1 is the article-extraction benchmark's: the text is cut into `\w+` tokens (letters,
//! digits and `_`; a run of Chinese characters is one token), each page's 4-token shingles of
//! the prediction are matched against the truth's as multisets, each page's true positives,
//! false positives and false negatives are normalised to sum to 1, precision and recall are
//! averaged over pages, and F1 is the harmonic mean of the two averages. folio's body is its
//! text blocks without figure captions and alt texts, which the benchmark's truth leaves out
//! (Readability's keeps `<figcaption>` text); the `+captions` line scores them together.
//! Titles and bylines match when equal after white space is collapsed (case and quotes
//! aside); dates when their calendar day is the same. Speed is the time spent importing, one page after another.
//!
//! Third-party pages are never committed: point this at a folder outside the repository.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use scraper::{Html, node::Node};
use serde_json::Value;

struct Case {
    key: String,
    source: PathBuf,
    body: String,
    title: Option<String>,
    byline: Option<String>,
    date: Option<String>,
}

#[derive(Default)]
struct Prediction {
    body: String,
    /// Figure captions and alt texts (folio only), scored apart: see the module's doc.
    captions: String,
    title: Option<String>,
    byline: Option<String>,
    date: Option<String>,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut dir = None;
    let mut predictions = None;
    let mut text_dir: Option<PathBuf> = None;
    let mut worst = 0usize;
    let mut only: Option<String> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--predictions" => predictions = it.next().cloned(),
            "--text" => text_dir = it.next().map(PathBuf::from),
            "--worst" => worst = it.next().and_then(|n| n.parse().ok()).unwrap_or(10),
            "--only" => only = it.next().cloned(),
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let Some(dir) = dir else {
        eprintln!(
            "usage: score_html DIR [--text TXT_DIR | --predictions FILE.json] [--worst N] [--only CHARS]"
        );
        std::process::exit(2);
    };
    let mut cases = load_cases(&dir);
    if let Some(only) = &only {
        cases.retain(|c| c.key.starts_with(|k: char| only.contains(k)));
    }
    if text_dir.is_some() {
        declared_metadata(&mut cases);
    }
    let external: Option<HashMap<String, Value>> = predictions.map(|p| {
        let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{p}: {e}"))
    });

    let mut seconds = 0.0;
    let mut rows = Vec::new();
    let mut with_captions = Vec::new();
    let (mut titles, mut title_n, mut bylines, mut byline_n, mut dates, mut date_n) =
        (0, 0, 0, 0, 0, 0);
    for case in &cases {
        let prediction = match &external {
            Some(map) => from_json(map.get(&case.key)),
            None if text_dir.is_some() => {
                let path = text_dir
                    .as_deref()
                    .and_then(|t| text_path(t, &dir, case))
                    .unwrap_or_default();
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                let start = Instant::now();
                let p = run_folio_text(&path, &text);
                seconds += start.elapsed().as_secs_f64();
                p
            }
            None => {
                let bytes = std::fs::read(&case.source).unwrap_or_default();
                let start = Instant::now();
                let p = run_folio(&case.source, &bytes);
                seconds += start.elapsed().as_secs_f64();
                p
            }
        };
        let (tp, fp, fn_) = shingle_match(&case.body, &prediction.body);
        rows.push((case.key.clone(), tp, fp, fn_));
        let whole = format!("{}\n\n{}", prediction.body, prediction.captions);
        let (tp, fp, fn_) = shingle_match(&case.body, &whole);
        with_captions.push((case.key.clone(), tp, fp, fn_));
        if let Some(t) = &case.title {
            title_n += 1;
            if prediction
                .title
                .as_deref()
                .is_some_and(|p| same_headline(p, t))
            {
                titles += 1;
            } else if worst > 0 {
                eprintln!(
                    "title  {}: got {:?}, want {t:?}",
                    case.key, prediction.title
                );
            }
        }
        if let Some(b) = &case.byline {
            byline_n += 1;
            if prediction
                .byline
                .as_deref()
                .is_some_and(|p| same_text(p, b))
            {
                bylines += 1;
            } else if worst > 0 {
                eprintln!(
                    "byline {}: got {:?}, want {b:?}",
                    case.key, prediction.byline
                );
            }
        }
        if let Some(d) = &case.date {
            date_n += 1;
            if prediction
                .date
                .as_deref()
                .is_some_and(|p| p.get(..10) == d.get(..10))
            {
                dates += 1;
            } else if worst > 0 {
                eprintln!("date   {}: got {:?}, want {d:?}", case.key, prediction.date);
            }
        }
    }
    let f1 = |rows: &[(String, f64, f64, f64)]| {
        let (precision, recall) = averages(rows);
        let f1 = 2.0 * precision * recall / (precision + recall).max(f64::MIN_POSITIVE);
        format!("{f1:.3}  (precision {precision:.3}, recall {recall:.3})")
    };
    let pct = |a: usize, n: usize| {
        if n == 0 {
            "n/a".to_string()
        } else {
            format!("{:.1}% ({a}/{n})", 100.0 * a as f64 / n as f64)
        }
    };
    println!("pages      {}", cases.len());
    println!("body F1    {}", f1(&rows));
    if external.is_none() {
        println!("+captions  {}", f1(&with_captions));
    }
    println!("headline   {}", pct(titles, title_n));
    println!("byline     {}", pct(bylines, byline_n));
    println!("date       {}", pct(dates, date_n));
    if external.is_none() {
        println!(
            "speed      {:.1} pages/s ({:.2} s importing)",
            cases.len() as f64 / seconds,
            seconds
        );
    }
    if worst > 0 {
        rows.sort_by(|a, b| page_f1(a).total_cmp(&page_f1(b)));
        for r in rows.iter().take(worst) {
            eprintln!(
                "F1 {:.3}  {}  (true {:.2}, extra {:.2}, missed {:.2})",
                page_f1(r),
                r.0,
                r.1,
                r.2,
                r.3
            );
        }
    }
}

fn page_f1(r: &(String, f64, f64, f64)) -> f64 {
    let (tp, fp, fn_) = (r.1, r.2, r.3);
    if tp == 0.0 {
        0.0
    } else {
        2.0 * tp / (2.0 * tp + fp + fn_)
    }
}

fn run_folio(path: &Path, bytes: &[u8]) -> Prediction {
    match folio::import::html::import_page(path, bytes) {
        Ok(page) => from_scrape(&page),
        Err(_) => Prediction::default(),
    }
}

/// The text copy of `case`: `TXT_DIR/<key>.txt`, else the saved page's path in `dir` with
/// `.txt` for its extension.
fn text_path(txt_dir: &Path, dir: &Path, case: &Case) -> Option<PathBuf> {
    let by_key = txt_dir.join(format!("{}.txt", case.key));
    if by_key.exists() {
        return Some(by_key);
    }
    let relative = case.source.strip_prefix(dir).ok()?;
    Some(txt_dir.join(relative).with_extension("txt"))
}

fn run_folio_text(path: &Path, text: &str) -> Prediction {
    match folio::import::parse_scrape(path, text, 1) {
        Ok(s) => from_scrape(&s),
        Err(_) => Prediction::default(),
    }
}

/// What an import found: its text blocks as the body, captions and alt texts apart.
fn from_scrape(s: &folio::import::Scrape) -> Prediction {
    let is_caption =
        |b: &&folio::model::Block| matches!(b.kind, folio::model::BlockKind::Caption { .. });
    let text = |caption: bool| {
        s.blocks
            .iter()
            .filter(|b| is_caption(b) == caption)
            .map(block_text)
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    Prediction {
        body: text(false),
        captions: text(true),
        title: Some(s.title.clone()),
        byline: s.metadata.get("author").cloned(),
        date: s.metadata.get("published").cloned(),
    }
}

/// The headline, byline and date a benchmark page declares, for cases whose truth has none.
fn declared_metadata(cases: &mut [Case]) {
    for case in cases.iter_mut().filter(|c| c.title.is_none()) {
        let bytes = std::fs::read(&case.source).unwrap_or_default();
        if let Ok(page) = folio::import::html::import_page(&case.source, &bytes) {
            if page.sources.contains_key("title") {
                case.title = Some(page.title.clone());
            }
            case.byline = page.metadata.get("author").cloned();
            case.date = page.metadata.get("published").cloned();
        }
    }
}

fn block_text(b: &folio::model::Block) -> String {
    match b.kind {
        folio::model::BlockKind::Html => html_text(&Html::parse_fragment(&b.text)),
        _ => folio::markdown::plain_text(&b.text, b.markup),
    }
}

fn from_json(v: Option<&Value>) -> Prediction {
    let s = |k: &str| {
        v.and_then(|v| v.get(k))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    Prediction {
        body: s("articleBody").unwrap_or_default(),
        captions: String::new(),
        title: s("title"),
        byline: s("byline"),
        date: s("date"),
    }
}

fn load_cases(dir: &Path) -> Vec<Case> {
    let truth = dir.join("ground-truth.json");
    if truth.exists() {
        let text = std::fs::read_to_string(&truth).expect("ground-truth.json");
        let map: serde_json::Map<String, Value> =
            serde_json::from_str(&text).expect("ground truth JSON");
        let mut cases: Vec<Case> = map
            .into_iter()
            .map(|(key, v)| Case {
                source: dir.join("html").join(format!("{key}.html")),
                body: v
                    .get("articleBody")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                title: None,
                byline: None,
                date: None,
                key,
            })
            .collect();
        cases.sort_by(|a, b| a.key.cmp(&b.key));
        return cases;
    }
    let mut cases = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("source.html").exists() && p.join("expected.html").exists())
        .collect();
    entries.sort();
    for case in entries {
        let expected = std::fs::read_to_string(case.join("expected.html")).unwrap_or_default();
        let meta: Value = std::fs::read_to_string(case.join("expected-metadata.json"))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or(Value::Null);
        let s = |k: &str| {
            meta.get(k)
                .and_then(Value::as_str)
                .map(str::to_string)
                .filter(|s| !s.trim().is_empty())
        };
        cases.push(Case {
            key: case
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned(),
            source: case.join("source.html"),
            body: html_text(&Html::parse_document(&expected)),
            title: s("title"),
            byline: s("byline"),
            date: s("publishedTime"),
        });
    }
    cases
}

/// The text of a parsed page, block elements on lines of their own (no recursion).
fn html_text(html: &Html) -> String {
    const BLOCKS: &[&str] = &[
        "p",
        "div",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "tr",
        "td",
        "th",
        "figcaption",
        "figure",
        "br",
        "section",
        "article",
        "dd",
        "dt",
        "table",
        "ul",
        "ol",
    ];
    let mut out = String::new();
    let mut stack = vec![html.tree.root()];
    while let Some(node) = stack.pop() {
        match node.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) if matches!(e.name(), "script" | "style") => {}
            other => {
                if let Node::Element(e) = other
                    && BLOCKS.contains(&e.name())
                {
                    out.push('\n');
                }
                let children: Vec<_> = node.children().collect();
                stack.extend(children.into_iter().rev());
            }
        }
    }
    out
}

fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .collect()
}

fn shingles(text: &str) -> HashMap<Vec<&str>, f64> {
    let t = tokens(text);
    let mut out = HashMap::new();
    if t.is_empty() {
        return out;
    }
    let n = 4.min(t.len());
    for w in t.windows(n) {
        *out.entry(w.to_vec()).or_insert(0.0) += 1.0;
    }
    out
}

/// (tp, fp, fn) of one page, normalised to sum to 1.
fn shingle_match(truth: &str, pred: &str) -> (f64, f64, f64) {
    let (t, p) = (shingles(truth), shingles(pred));
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    for (k, &tc) in &t {
        let pc = p.get(k).copied().unwrap_or(0.0);
        tp += tc.min(pc);
        fn_ += (tc - pc).max(0.0);
    }
    for (k, &pc) in &p {
        let tc = t.get(k).copied().unwrap_or(0.0);
        fp += (pc - tc).max(0.0);
    }
    let s = tp + fp + fn_;
    if s > 0.0 {
        (tp / s, fp / s, fn_ / s)
    } else {
        (0.0, 0.0, 0.0)
    }
}

fn averages(rows: &[(String, f64, f64, f64)]) -> (f64, f64) {
    let score = |tp: f64, fp: f64, fn_: f64, other: f64| {
        if fp == 0.0 && fn_ == 0.0 {
            1.0
        } else if tp == 0.0 && other == 0.0 {
            0.0
        } else {
            tp / (tp + other)
        }
    };
    let p: Vec<f64> = rows
        .iter()
        .filter(|r| r.1 + r.2 > 0.0)
        .map(|r| score(r.1, r.2, r.3, r.2))
        .collect();
    let r: Vec<f64> = rows
        .iter()
        .filter(|r| r.1 + r.3 > 0.0)
        .map(|r| score(r.1, r.2, r.3, r.3))
        .collect();
    let mean = |v: &[f64]| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    (mean(&p), mean(&r))
}

/// The headline is right when it is the expected title, or the expected title without the
/// site's name that Readability leaves on (`Headline | Site`, `Headline - Site`,
/// `Headline_Section_Site`, `Headline [Site]`): folio drops that suffix on purpose.
fn same_headline(got: &str, want: &str) -> bool {
    if same_text(got, want) {
        return true;
    }
    let (got, want) = (got.trim(), want.trim());
    let Some(rest) = want.strip_prefix(got) else {
        return false;
    };
    !got.is_empty()
        && [" | ", " - ", " – ", " — ", " _", "_", " [", " :: ", " · "]
            .iter()
            .any(|sep| rest.starts_with(sep))
}

fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace(['‘', '’'], "'")
            .replace(['“', '”'], "\"")
            .to_lowercase()
    };
    norm(a) == norm(b)
}
