use std::path::Path;

use super::body::is_caption;
use super::comments::parse_header;
use super::*;
use crate::model::BlockKind;

fn parse(text: &str) -> Scrape {
    parse_scrape(Path::new("t.txt"), text, 1).unwrap()
}

fn seed(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seeds")
        .join(name);
    std::fs::read_to_string(p).unwrap()
}

fn kinds(s: &Scrape) -> Vec<(&'static str, &str)> {
    s.blocks
        .iter()
        .map(|b| {
            let k = match b.kind {
                BlockKind::Paragraph => "p",
                BlockKind::Caption { .. } => "caption",
                BlockKind::ListItem { .. } => "li",
                _ => "other",
            };
            (k, b.text.as_str())
        })
        .collect()
}

#[test]
fn comment_headers() {
    /// (number, author, staff, date-time) of a header.
    type Expected<'a> = Option<(Option<u32>, &'a str, bool, &'a str)>;
    let cases: &[(&str, Expected)] = &[
        (
            "  1. Avatar happiman 25/05/2021 @ 5:07 pm",
            Some((Some(1), "happiman", false, "2021-05-25T17:07:00")),
        ),
        (
            "    • Avatar Nobby6 26/05/2021 @ 1:31 am",
            Some((None, "Nobby6", false, "2021-05-26T01:31:00")),
        ),
        (
            "        • Scott Bicheno Scott Bicheno 27/05/2021 @ 9:39 am",
            Some((None, "Scott Bicheno", true, "2021-05-27T09:39:00")),
        ),
        (
            "  5. Avatar José Luis Suarez 29/05/2021 @ 5:03 pm",
            Some((Some(5), "José Luis Suarez", false, "2021-05-29T17:03:00")),
        ),
        (
            "  12. Avatar Ann 01/02/2020 @ 12:05 am",
            Some((Some(12), "Ann", false, "2020-02-01T00:05:00")),
        ),
        (
            "\t• Avatar Zoë Ñ 31/12/2019 @ 12:59 PM",
            Some((None, "Zoë Ñ", false, "2019-12-31T12:59:00")),
        ),
        (
            "  3. Avatar Cletus the Clown 26/05/2021 @ 10:40am",
            Some((Some(3), "Cletus the Clown", false, "2021-05-26T10:40:00")),
        ),
        // Not headers.
        ("1. I disagree with the author on three points.", None),
        ("    1. Avatar x 32/01/2021 @ 5:07 pm", None),
        ("  2. Avatar x 25/05/2021 @ 13:07 pm", None),
        ("  2. Avatar x 25/05/2021 5:07 pm", None),
        ("  • 25/05/2021 @ 5:07 pm", None),
        ("2021. A year of change @ 5:07 pm", None),
        ("", None),
    ];
    for (line, expected) in cases {
        let got = parse_header(line)
            .map(|h| (h.number, h.author.clone(), h.staff, h.date_time.to_string()));
        let expected = expected.map(|(n, a, s, d)| (n, a.to_string(), s, d.to_string()));
        assert_eq!(got, expected, "for {line:?}");
    }
}

#[test]
fn captions_versus_short_sentences() {
    let cases = [
        ("Ren Zhengfei", true),
        ("Huawei overseas branch", true),
        ("Video capture of tiktok, President of France", true),
        ("But honeymoons dont last.", false),
        ("Why now?", false),
        ("He said:", false),
        ("“A quote”", false),
        ("2020", false),
        (
            "This line has far too many words to be a caption under an image at all",
            false,
        ),
    ];
    for (text, want) in cases {
        assert_eq!(is_caption(text), want, "{text:?}");
    }
}

#[test]
fn body_rules() {
    let s = parse(
        "Title here\n\n  Title here  \n\nFirst paragraph.\nWith a hard break.\n\nA caption\n\n1. Mid list one\n\n2. Mid list two\n\nClosing words.\n\n1. Ref one;\n\n3. Ref three;\n\nPicture source: visual China\n",
    );
    assert_eq!(s.title, "Title here");
    assert_eq!(
        kinds(&s),
        [
            ("p", "First paragraph.\nWith a hard break."),
            ("caption", "A caption"),
            ("li", "Mid list one"),
            ("li", "Mid list two"),
            ("p", "Closing words."),
        ]
    );
    let refs: Vec<_> = s
        .references
        .iter()
        .map(|r| (r.number, r.text.as_str()))
        .collect();
    assert_eq!(refs, [(1, "Ref one;"), (3, "Ref three;")]);
    let removed: Vec<_> = s
        .removed
        .iter()
        .map(|r| (r.line, r.reason.as_str()))
        .collect();
    assert_eq!(removed, [(3, "duplicate title"), (20, "image credit")]);
    assert_eq!(s.metadata["image_credit"], "visual China");
}

#[test]
fn a_single_trailing_numbered_line_is_not_a_reference_list() {
    let s = parse("T\n\nText.\n\n1. Only one\n");
    assert!(s.references.is_empty());
    assert_eq!(kinds(&s)[1], ("li", "Only one"));
}

#[test]
fn a_first_paragraph_that_starts_like_the_title_stays() {
    let s = parse("Huawei goes global\n\nHuawei goes global, and fast.\n");
    assert_eq!(kinds(&s), [("p", "Huawei goes global, and fast.")]);
    assert!(s.removed.is_empty());
}

#[test]
fn crlf_bom_tabs_and_deep_nesting() {
    let text = "\u{feff}T\r\n\r\nBody.\r\n\r\n\t1. Avatar A 01/01/2020 @ 1:00 am\r\n\r\n\t\tOne.\r\n\r\n\t\t• Avatar B 01/01/2020 @ 2:00 am\r\n\t\t\tTwo.\r\n\t\t\t• Avatar C 01/01/2020 @ 3:00 am\r\n\t\t\t\t• Avatar D 01/01/2020 @ 4:00 am\r\n\t\t\t\t\t• Avatar E 01/01/2020 @ 5:00 am\r\n\t\t\t\t\t\t• Avatar F 01/01/2020 @ 6:00 am\r\n\t\t\t\t\t\t\t• Avatar G 01/01/2020 @ 7:00 am\r\n\t\t\t\t\t\t\t\tDeep.\r\n\t2. Avatar H 01/01/2020 @ 8:00 am\r\n\t\t1. Not a header, a body line.\r\n";
    let s = parse(text);
    assert_eq!(s.title, "T");
    let walk: Vec<_> = s
        .comments
        .walk()
        .iter()
        .map(|v| (v.comment.author.clone(), v.depth, v.comment.id.to_string()))
        .collect();
    let expect = [
        ("A", 0, "1"),
        ("B", 1, "1-1"),
        ("C", 2, "1-1-1"),
        ("D", 3, "1-1-1-1"),
        ("E", 4, "1-1-1-1-1"),
        ("F", 5, "1-1-1-1-1-1"),
        ("G", 6, "1-1-1-1-1-1-1"),
        ("H", 0, "2"),
    ];
    let want: Vec<_> = expect
        .iter()
        .map(|(a, d, i)| (a.to_string(), *d, i.to_string()))
        .collect();
    assert_eq!(walk, want);
    let h = &s.comments.comments[s.comments.find("2").unwrap()];
    assert_eq!(h.body, "1. Not a header, a body line.");
    assert_eq!(s.comments.comments[1].body, "Two.");
}

#[test]
fn an_article_without_comments_or_body() {
    let s = parse("Just a title\n");
    assert!(s.blocks.is_empty() && s.comments.is_empty());
    assert!(parse_scrape(Path::new("e.txt"), "  \n\n", 4).is_err());
}

#[test]
fn memo_seed_thread() {
    let s = parse(&seed("000_d38183c82872033f.txt"));
    let walk = s.comments.walk();
    let got: Vec<_> = walk
        .iter()
        .map(|v| (v.comment.author.as_str(), v.depth, v.comment.staff))
        .collect();
    assert_eq!(
        got,
        [
            ("happiman", 0, false),
            ("Nobby6", 1, false),
            ("Carlos", 0, false),
            ("Cletus the Clown", 0, false),
            ("happiman", 1, false),
            ("Cletus the Clown", 2, false),
            ("Scott Bicheno", 3, true),
            ("Cheap-spaghetti", 0, false),
            ("José Luis Suarez", 0, false),
            ("Nigeria", 0, false),
        ]
    );
    assert_eq!(s.blocks.len(), 7);
    assert!(
        s.blocks
            .iter()
            .all(|b| matches!(b.kind, BlockKind::Paragraph))
    );
    assert!(s.removed.is_empty());
    let carlos = &s.comments.comments[walk[2].index];
    assert_eq!(carlos.body.lines().count(), 4);
    assert_eq!(carlos.line, 35);
}

#[test]
fn translated_seed_structure() {
    let s = parse(&seed("004_611866cacb151b58.txt"));
    let captions: Vec<_> = kinds(&s)
        .into_iter()
        .filter(|(k, _)| *k == "caption")
        .map(|(_, t)| t)
        .collect();
    assert_eq!(
        captions,
        [
            "Ren Zhengfei",
            "Zhang Yiming",
            "Huawei overseas branch",
            "Video capture of tiktok, President of France"
        ]
    );
    let numbers: Vec<_> = s.references.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 6, 7, 8]);
    assert_eq!(s.metadata["source"], "Houchang 108");
    assert_eq!(s.metadata["editor"], "Dai Lili");
    assert_eq!(s.metadata["image_credit"], "visual China");
    for b in &s.blocks {
        assert!(
            !b.text.contains("function") && !b.text.contains("Source:"),
            "{}",
            b.text
        );
    }
}

/// Every non-blank input line ends up somewhere: title, block, reference, comment, or
/// `removed` with a reason.
#[test]
fn nothing_is_silently_lost() {
    for text in [
        seed("000_d38183c82872033f.txt"),
        seed("004_611866cacb151b58.txt"),
        "T\n\nA.\n\n  1. Avatar X 01/01/2020 @ 1:00 am\n\n    Hi.\n    Leave a Reply\n".to_string(),
    ] {
        let s = parse(&text);
        let mut pieces: Vec<String> = vec![s.title.clone()];
        pieces.extend(s.blocks.iter().map(|b| b.text.clone()));
        pieces.extend(
            s.references
                .iter()
                .map(|r| format!("{}. {}", r.number, r.text)),
        );
        pieces.extend(
            s.comments
                .comments
                .iter()
                .map(|c| format!("{} {}", c.author, c.body)),
        );
        pieces.extend(s.removed.iter().map(|r| r.text.clone()));
        let all = pieces.join("\n");
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let line = line.trim();
            if parse_header(line).is_some() {
                continue;
            }
            let probe: String = line
                .chars()
                .filter(|c| c.is_alphanumeric())
                .take(12)
                .collect();
            let hay: String = all.chars().filter(|c| c.is_alphanumeric()).collect();
            assert!(hay.contains(&probe), "line lost: {line:?}");
        }
    }
}
