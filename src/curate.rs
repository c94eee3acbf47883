//! Writing an article back out as a curated Markdown content file (`folio import --out`):
//! YAML front matter with everything the scrape held (metadata, references, the comment tree)
//! and a Markdown body escaped so it renders exactly like the plain text it came from; and
//! adding an export's comments to the front matter of a Markdown file that exists, its body
//! kept byte for byte. Nothing here decides where a file goes or whether it may be replaced
//! (that is the command's).

use serde::Serialize;
use std::collections::BTreeMap;

use crate::error::{Error, Location, Result};
use crate::model::{Article, BlockKind, Markup};

#[derive(Serialize)]
struct CuratedSource<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    site: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct CuratedReference<'a> {
    number: u32,
    text: &'a str,
}

#[derive(Serialize)]
struct CuratedFrontMatter<'a> {
    title: &'a str,
    slug: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    subtitle: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: &'a Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    draft: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<CuratedSource<'a>>,
    language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    translated_from: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: &'a Vec<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    meta: &'a BTreeMap<String, String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    extra: &'a BTreeMap<String, serde_json::Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    references: Vec<CuratedReference<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    annotations: Vec<serde_json::Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    comments: Vec<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    normalize: Option<std::borrow::Cow<'a, crate::normalize::ArticleNormalize>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    glossary: Option<&'a crate::normalize::Glossary>,
}

/// The article's `normalize:` for its Markdown file. Lines `import: keep` kept are plain text
/// in the Markdown, with nothing left to say they were kept: the residue rules are switched
/// off for the article there (unless its own setting already decides them), so the build
/// does not cut again what the correction kept.
fn curated_normalize(
    settings: &crate::load::ArticleSettings,
) -> Option<std::borrow::Cow<'_, crate::normalize::ArticleNormalize>> {
    use crate::normalize::ArticleNormalize;
    use std::borrow::Cow;
    if settings.kept_lines.is_empty() {
        return settings.normalize.as_ref().map(Cow::Borrowed);
    }
    let mut options = match &settings.normalize {
        Some(ArticleNormalize::Switch(false)) => {
            return settings.normalize.as_ref().map(Cow::Borrowed);
        }
        Some(ArticleNormalize::Options(o)) => o.clone(),
        _ => Default::default(),
    };
    for rule in ["site-residue", "stray-markup"] {
        options.rules.entry(rule.to_string()).or_insert(false);
    }
    Some(Cow::Owned(ArticleNormalize::Options(options)))
}

/// The Markdown file for `article` (with the per-article settings its source file had):
/// front matter, blank line, body. A thread deeper than front matter can hold is refused:
/// the file written would not load.
pub fn to_markdown(article: &Article, settings: &crate::load::ArticleSettings) -> Result<String> {
    let limit = crate::yaml::MAX_THREAD_DEPTH_IN_FRONT_MATTER;
    if let Some(deep) = article
        .comments
        .walk()
        .into_iter()
        .find(|v| v.depth >= limit)
    {
        return Err(Error::at(
            Location::new(&article.path, deep.comment.line as usize, 1),
            format!(
                "this reply is {} levels deep; front matter holds comment threads up to {limit} levels, so the scrape cannot become a Markdown file",
                deep.depth + 1
            ),
        )
        .with_hint("keep this article as its .txt scrape: folio builds it as it is"));
    }
    let comments = front_matter_comments(&article.comments);
    let fm = CuratedFrontMatter {
        title: &article.title,
        slug: article.slug.as_str(),
        subtitle: article.subtitle.as_deref(),
        authors: &article.authors,
        date: article
            .published()
            .map(|d| d.to_string())
            .or_else(|| article.date_unknown.then(|| "unknown".to_string())),
        updated: article.updated.map(|d| d.to_string()),
        description: article.description.as_deref(),
        draft: article.draft,
        aliases: article.aliases.iter().map(|a| a.path.as_str()).collect(),
        source: (article.source.site.is_some() || article.source.url.is_some()).then_some(
            CuratedSource {
                site: article.source.site.as_deref(),
                url: article.source.url.as_deref(),
            },
        ),
        language: &article.language,
        translated_from: article.translated_from.as_deref(),
        tags: &article.tags,
        meta: &article.meta,
        extra: &article.extra,
        references: article
            .references
            .iter()
            .map(|r| CuratedReference {
                number: r.number,
                text: &r.text,
            })
            .collect(),
        annotations: article
            .annotations
            .iter()
            .map(|a| {
                let mut m = serde_json::Map::new();
                match &a.target {
                    crate::model::AnnotationTarget::Paragraph(n) => {
                        m.insert("paragraph".into(), (*n).into());
                    }
                    crate::model::AnnotationTarget::Comment(id) => {
                        m.insert("comment".into(), id.0.clone().into());
                    }
                }
                m.insert("note".into(), a.note.clone().into());
                if let Some(author) = &a.author {
                    m.insert("author".into(), author.clone().into());
                }
                serde_json::Value::Object(m)
            })
            .collect(),
        comments,
        normalize: curated_normalize(settings),
        glossary: settings.glossary.as_ref(),
    };
    let mut out = String::from("---\n");
    out.push_str(&crate::yaml::to_string(&fm)?);
    out.push_str("---\n");
    let mut previous_was_item = false;
    for block in &article.blocks {
        let is_item = matches!(block.kind, BlockKind::ListItem { .. });
        // Items of one list stay on consecutive lines; every other block is its own paragraph.
        if !(is_item && previous_was_item) {
            out.push('\n');
        }
        previous_was_item = is_item;
        let text = match block.markup {
            Markup::Markdown => block.text.clone(),
            Markup::Plain => escape_markdown(&block.text),
        };
        match &block.kind {
            BlockKind::Paragraph => out.push_str(&text),
            BlockKind::Heading { level } => {
                out.push_str(&"#".repeat(usize::from((*level).clamp(1, 6))));
                out.push(' ');
                out.push_str(&text.replace("\\\n", " "));
            }
            BlockKind::ListItem {
                ordered,
                number,
                depth,
            } => {
                let indent = "   ".repeat(usize::from(*depth));
                let marker = if *ordered {
                    format!("{}. ", number.unwrap_or(1))
                } else {
                    "- ".to_string()
                };
                out.push_str(&indent);
                out.push_str(&marker);
                out.push_str(&text.replace('\n', &format!("\n{indent}   ")));
            }
            BlockKind::Quote => {
                out.push_str("> ");
                out.push_str(&text.replace('\n', "\n> "));
            }
            BlockKind::Caption { src } => {
                out.push_str(&format!("![{}]({})", text, src.as_deref().unwrap_or("")));
            }
            BlockKind::Code { lang } => {
                out.push_str(&format!(
                    "```{}\n{}\n```",
                    lang.as_deref().unwrap_or(""),
                    block.text
                ));
            }
            BlockKind::Html => out.push_str(&block.text),
            BlockKind::Rule => out.push_str("* * *"),
        }
        out.push('\n');
    }
    Ok(out)
}

/// A thread as front matter writes it: the import JSON's comments without source lines,
/// without null dates and without empty reply lists.
fn front_matter_comments(thread: &crate::model::Thread) -> Vec<serde_json::Value> {
    let mut comments = match crate::model::thread_to_json(thread) {
        serde_json::Value::Array(v) => v,
        _ => Vec::new(),
    };
    // Source line numbers describe the scrape or export, not the curated file.
    let mut stack: Vec<&mut serde_json::Value> = comments.iter_mut().collect();
    while let Some(c) = stack.pop() {
        if let Some(map) = c.as_object_mut() {
            map.remove("line");
            if map.get("date").is_some_and(serde_json::Value::is_null) {
                map.remove("date");
            }
            if let Some(serde_json::Value::Array(replies)) = map.get_mut("replies") {
                if replies.is_empty() {
                    map.remove("replies");
                } else if let Some(serde_json::Value::Array(replies)) = map.get_mut("replies") {
                    stack.extend(replies.iter_mut());
                }
            }
        }
    }
    comments
}

/// `text`, the Markdown content file at `path`, with `thread`'s comments appended to its
/// front matter's `comments:` (`folio import EXPORT --out DIR` for an article that exists).
/// The front matter is written anew — keys in their order, YAML comments and layout not
/// kept — and the body is kept byte for byte. A thread deeper than front matter holds is
/// refused, as by [`to_markdown`].
pub fn add_comments(
    path: &std::path::Path,
    text: &str,
    thread: &crate::model::Thread,
) -> Result<String> {
    let limit = crate::yaml::MAX_THREAD_DEPTH_IN_FRONT_MATTER;
    if let Some(deep) = thread.walk().into_iter().find(|v| v.depth >= limit) {
        return Err(Error::at(
            Location::new(path, 1, 1),
            format!(
                "the export's comment `{}` is {} levels deep; front matter holds comment threads up to {limit} levels",
                deep.comment.id,
                deep.depth + 1
            ),
        )
        .with_hint("attach the export at build time instead: `comments_from:` in book.yaml"));
    }
    let fm = crate::load::split_front_matter(path, text)?;
    if fm.syntax == crate::load::Syntax::Toml {
        // Written anew it would become YAML: the file's own form is the author's to change.
        return Err(Error::at(
            Location::new(path, 1, 1),
            "this article's front matter is TOML (`+++`); comments are written into YAML front matter only",
        )
        .with_hint("attach the export at build time instead: `comments_from:` in book.yaml"));
    }
    let mut yaml: serde_json::Value = crate::yaml::from_str(path, fm.yaml, fm.yaml_line)?;
    let Some(map) = yaml.as_object_mut() else {
        return Err(Error::at(
            Location::new(path, fm.yaml_line, 1),
            "the front matter is not a mapping of keys to values",
        ));
    };
    let list = map
        .entry("comments")
        .or_insert_with(|| serde_json::Value::Array(Vec::new()));
    let Some(list) = list.as_array_mut() else {
        return Err(Error::at(
            crate::yaml::key_location(path, fm.yaml, fm.yaml_line, "comments"),
            "`comments` is not a list",
        ));
    };
    list.extend(front_matter_comments(thread));
    let mut out = String::from("---\n");
    out.push_str(&crate::yaml::to_string(&yaml)?);
    out.push_str("---\n");
    out.push_str(fm.body);
    Ok(out)
}

/// Escapes plain text so Markdown renders it literally; line breaks become hard breaks.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("\\\n");
        }
        let line = line.trim();

        let mut at_start = true;
        for (pos, c) in line.char_indices() {
            let escape = match c {
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '!' | '#' | '|' | '~' | '&' => {
                    true
                }
                '-' | '+' | '=' if at_start => true,
                '.' | ')' => line[..pos].chars().all(|d| d.is_ascii_digit()) && pos > 0,
                _ => false,
            };
            if escape {
                out.push('\\');
            }
            out.push(c);
            at_start = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::render_inline;

    #[test]
    fn comments_are_not_written_into_toml_front_matter() {
        let mut thread = crate::model::Thread::default();
        thread.push(
            crate::model::Comment {
                id: crate::model::CommentId("dsq-1".into()),
                number: None,
                author: "Ann".into(),
                staff: false,
                date_time: None,
                date_text: None,
                body: "Hi.".into(),
                replies: Vec::new(),
                parent: None,
                line: 3,
            },
            None,
        );
        let path = std::path::Path::new("content/a.md");
        let toml = "+++\ntitle = \"T\"\n+++\nBody.\n";
        let e = add_comments(path, toml, &thread).unwrap_err().to_string();
        assert!(
            e.starts_with("content/a.md:1:1: this article's front matter is TOML"),
            "{e}"
        );
        let yaml = add_comments(path, "---\ntitle: T\n---\nBody.\n", &thread).unwrap();
        assert!(yaml.contains("- id: dsq-1\n  author: Ann\n"), "{yaml}");
    }

    #[test]
    fn escaped_text_renders_like_the_plain_text() {
        let cases = [
            "Plain words, nothing special.",
            "1. Not a list\n- nor this\n# nor a heading",
            "*stars* and _underscores_ and `ticks` and <tags> & [links](x)",
            "a line\nwith a hard break",
            "C:\\path\\file and 3.5% of \\u2014",
            "> not a quote\n+ plus\n= equals",
            "2) paren",
            "e-mail a@b.com http://x.org/a_b_c",
        ];
        for text in cases {
            let md = escape_markdown(text);
            assert_eq!(
                render_inline(&md, Markup::Markdown),
                render_inline(text, Markup::Plain),
                "for {text:?} escaped as {md:?}"
            );
        }
    }
}
