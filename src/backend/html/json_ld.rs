//! schema.org structured data for article pages: a `NewsArticle` with its reader comments as
//! `Comment`s, as JSON-LD. Built with serde_json (never by pasting strings), then made safe to
//! sit inside `<script>`: `<`, `>` and `&` are written as JSON escapes, so no text of an
//! article can close the script element.

use serde_json::{Value, json};

use crate::config::Config;
use crate::model::Article;

/// At most this many comments are listed (the first, in reading order); `commentCount` still
/// gives them all. A thread of 100,000 comments would otherwise double the page.
const MAX_COMMENTS: usize = 200;

/// The JSON-LD of an article page, ready for `<script type="application/ld+json">`.
pub(super) fn news_article(
    article: &Article,
    config: &Config,
    description: Option<&str>,
    url: Option<&str>,
) -> String {
    let person = |name: &str| json!({ "@type": "Person", "name": name });
    let mut data = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "inLanguage": article.language,
        "isPartOf": { "@type": "CreativeWork", "name": config.title },
        "commentCount": article.comments.len(),
    });
    let object = data.as_object_mut().expect("an object");
    if let Some(d) = description {
        object.insert("description".into(), d.into());
    }
    if let Some(url) = url {
        object.insert("url".into(), url.into());
        object.insert("mainEntityOfPage".into(), url.into());
    }
    if let Some(date) = article.published() {
        object.insert("datePublished".into(), date.to_string().into());
    }
    if let Some(date) = article.updated {
        object.insert("dateModified".into(), date.to_string().into());
    }
    if !article.authors.is_empty() {
        let authors: Vec<Value> = article.authors.iter().map(|a| person(a)).collect();
        object.insert("author".into(), authors.into());
    }
    if !article.tags.is_empty() {
        object.insert("keywords".into(), article.tags.join(", ").into());
    }
    if let Some(source) = article
        .source
        .url
        .as_deref()
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
    {
        object.insert("isBasedOn".into(), source.into());
    }
    if let Some(site) = &article.source.site {
        object.insert(
            "sourceOrganization".into(),
            json!({ "@type": "Organization", "name": site }),
        );
    }
    if let Some(publisher) = &config.publisher {
        object.insert(
            "publisher".into(),
            json!({ "@type": "Organization", "name": publisher }),
        );
    }
    let comments: Vec<Value> = article
        .comments
        .walk()
        .iter()
        .take(MAX_COMMENTS)
        .map(|visit| {
            let c = visit.comment;
            let mut comment = json!({
                "@type": "Comment",
                "author": person(&c.author),
                "text": c.body,
            });
            let fields = comment.as_object_mut().expect("an object");
            if let Some(t) = c.date_time {
                fields.insert("dateCreated".into(), t.to_string().into());
            }
            if let Some(url) = url {
                fields.insert("url".into(), format!("{url}#comment-{}", c.id).into());
            }
            comment
        })
        .collect();
    if !comments.is_empty() {
        object.insert("comment".into(), comments.into());
    }
    script_safe(&data.to_string())
}

/// JSON that cannot end a `<script>` element or open a comment in it.
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_in_the_data_can_close_the_script() {
        let safe = script_safe(r#"{"text":"</script><!-- & -->"}"#);
        assert_eq!(
            safe,
            r#"{"text":"\u003c/script\u003e\u003c!-- \u0026 --\u003e"}"#
        );
        let back: Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["text"], "</script><!-- & -->");
    }
}
