//! A deterministic archive for benchmarks: N articles of about 1,200 words with 0–30 nested
//! comments, a share machine-translated with the defects the normalizer fixes, a share as raw
//! `.txt` scrapes in the importer's layout. Same N → same bytes, so runs compare.

use std::fmt::Write as _;
use std::path::Path;

/// splitmix64: small, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "network",
    "operators",
    "spectrum",
    "vendor",
    "market",
    "government",
    "security",
    "software",
    "hardware",
    "customers",
    "revenue",
    "growth",
    "policy",
    "regulators",
    "industry",
    "analysts",
    "launch",
    "deployment",
    "contract",
    "partners",
    "strategy",
    "investment",
    "equipment",
    "services",
    "the",
    "a",
    "of",
    "and",
    "to",
    "in",
    "that",
    "with",
    "for",
    "on",
    "which",
    "is",
    "was",
    "has",
    "will",
    "could",
    "its",
    "their",
    "new",
    "global",
    "national",
    "mobile",
    "cloud",
    "data",
    "platform",
    "users",
    "company",
    "report",
    "quarter",
    "year",
    "share",
    "sales",
];
const NAMES: &[&str] = &[
    "happiman",
    "Nobby6",
    "Carlos",
    "Cletus the Clown",
    "Cheap-spaghetti",
    "José Luis Suarez",
    "Nigeria",
    "王芳",
    "Müller",
    "Ana",
    "Ben",
    "Zoë",
    "Ørjan",
    "Priya",
    "Kenji",
];
const TAGS: &[&str] = &[
    "huawei",
    "5g",
    "policy",
    "security",
    "bytedance",
    "tiktok",
    "europe",
    "china",
    "usa",
    "spectrum",
    "cloud",
    "software",
    "operators",
    "geopolitics",
    "africa",
    "india",
    "japan",
    "satellite",
    "fibre",
    "ai",
];
/// Sentences with the defects of machine translation the normalizer repairs.
const DEFECTS: &[&str] = &[
    "Huaweis share of the worlds largest market cant grow this year.",
    "The company dont agree that tiktok must sell its US business u2014 said the report.",
    "Chinas regulators werent ready, and pompeio said the ban isnt final.",
    "This years results show that Huaweis overseas business doesnt slow down.",
];

fn sentence(rng: &mut Rng, out: &mut String) {
    let n = 8 + rng.below(14);
    for i in 0..n {
        let w = rng.pick(WORDS);
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                out.extend(f.to_uppercase());
                out.push_str(c.as_str());
            }
        } else {
            out.push(' ');
            out.push_str(w);
        }
    }
    out.push('.');
}

/// A paragraph of about 80 words.
fn paragraph(rng: &mut Rng, translated: bool, markdown: bool) -> String {
    let mut p = String::new();
    for s in 0..5 {
        if s > 0 {
            p.push(' ');
        }
        if translated && rng.below(3) == 0 {
            p.push_str(rng.pick(DEFECTS));
        } else {
            sentence(rng, &mut p);
        }
        if markdown && rng.below(6) == 0 {
            p.push_str(" It was *widely* reported by [the trade press](https://example.org/news).");
        }
    }
    p
}

struct Comment {
    author: &'static str,
    body: String,
    day: u32,
    replies: Vec<Comment>,
}

fn thread(rng: &mut Rng, count: usize) -> Vec<Comment> {
    let mut top: Vec<Comment> = Vec::new();
    for _ in 0..count {
        let comment = Comment {
            author: NAMES[rng.below(NAMES.len())],
            body: {
                let mut b = String::new();
                sentence(rng, &mut b);
                b.push(' ');
                sentence(rng, &mut b);
                b
            },
            day: 1 + rng.below(27) as u32,
            replies: Vec::new(),
        };
        // Attach to a random open branch, up to six levels deep.
        let depth = if top.is_empty() { 0 } else { rng.below(7) };
        let mut level = &mut top;
        for _ in 0..depth {
            if level.is_empty() {
                break;
            }
            let last = level.len() - 1;
            level = &mut level[last].replies;
        }
        level.push(comment);
    }
    top
}

fn yaml_comments(comments: &[Comment], indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    for c in comments {
        let _ = writeln!(out, "{pad}- author: \"{}\"", c.author);
        let _ = writeln!(out, "{pad}  date: 2021-05-{:02}T10:30:00", c.day);
        let _ = writeln!(out, "{pad}  body: \"{}\"", c.body);
        if !c.replies.is_empty() {
            let _ = writeln!(out, "{pad}  replies:");
            yaml_comments(&c.replies, indent + 4, out);
        }
    }
}

fn scrape_comments(comments: &[Comment], depth: usize, out: &mut String) {
    for (i, c) in comments.iter().enumerate() {
        let pad = "  ".repeat(depth + 1);
        if depth == 0 {
            let _ = writeln!(
                out,
                "{pad}{}. Avatar {} {:02}/05/2021 @ 10:30 am\n",
                i + 1,
                c.author,
                c.day
            );
        } else {
            let _ = writeln!(
                out,
                "{pad}• Avatar {} {:02}/05/2021 @ 10:30 am\n",
                c.author, c.day
            );
        }
        let _ = writeln!(out, "{pad}  {}\n", c.body);
        scrape_comments(&c.replies, depth + 1, out);
    }
}

/// Writes `n` articles into `dir/content` plus a `book.yaml` with the given outputs, and returns
/// the total size of the content in bytes.
pub fn generate(dir: &Path, n: usize, outputs: &str) -> std::io::Result<u64> {
    let content = dir.join("content");
    std::fs::create_dir_all(&content)?;
    std::fs::write(
        dir.join("book.yaml"),
        format!(
            "title: Benchmark archive\nbase_url: https://example.org/bench/\noutputs: [{outputs}]\n\
             normalize:\n  glossary:\n    entries:\n      - term: TikTok\n        variants: [tiktok]\n      - term: Pompeo\n        variants: [pompeio]\n"
        ),
    )?;
    let mut rng = Rng(0x5EED);
    let mut total = 0u64;
    for i in 0..n {
        let translated = rng.below(10) < 3;
        let scrape = rng.below(10) < 2;
        let count = rng.below(31);
        let comments = thread(&mut rng, count);
        let title = {
            let mut t = String::new();
            sentence(&mut rng, &mut t);
            t.trim_end_matches('.').to_string()
        };
        let date = format!("20{:02}-{:02}-{:02}", 10 + i % 12, 1 + i % 12, 1 + i % 28);
        let tags = format!("[{}, {}]", rng.pick(TAGS), rng.pick(TAGS));
        let mut text = String::with_capacity(9000);
        let _ = writeln!(text, "---\nslug: a-{i:05}\ndate: {date}\ntags: {tags}");
        if translated {
            text.push_str("translated_from: zh\n");
        }
        if scrape {
            text.push_str("---\n");
            let _ = writeln!(text, "{title}\n");
            for _ in 0..15 {
                let _ = writeln!(text, "{}\n", paragraph(&mut rng, translated, false));
            }
            if translated {
                text.push_str("Source: Houchang 108 editor in charge: Dai Lili_ NN4994\n\n");
            }
            if !comments.is_empty() {
                text.push('\n');
                scrape_comments(&comments, 0, &mut text);
            }
            std::fs::write(content.join(format!("a-{i:05}.txt")), &text)?;
        } else {
            let _ = writeln!(
                text,
                "title: \"{title}\"\nauthors: [\"{}\"]",
                rng.pick(NAMES)
            );
            let _ = writeln!(
                text,
                "source:\n  site: example.org\n  url: https://example.org/{i}"
            );
            if !comments.is_empty() {
                text.push_str("comments:\n");
                yaml_comments(&comments, 2, &mut text);
            }
            text.push_str("---\n");
            for section in 0..3 {
                let _ = writeln!(text, "## Section {}\n", section + 1);
                for _ in 0..5 {
                    let _ = writeln!(text, "{}\n", paragraph(&mut rng, translated, true));
                }
            }
            text.push_str("> A quotation from an analyst, kept as it was said.\n\n");
            text.push_str("- first point\n- second point\n- third point\n");
            std::fs::write(content.join(format!("a-{i:05}.md")), &text)?;
        }
        total += text.len() as u64;
    }
    Ok(total)
}
