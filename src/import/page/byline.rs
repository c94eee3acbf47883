//! Bylines as news pages print them: `By Jane Doe`, `By Jane Doe and John Roe, Staff
//! Writers`, `Written by Jane Doe`, `Author: Jane Doe`, `Par Sébastien Farcis`, `作者：张三`,
//! or a name alone on the line next to the date (`Dan Goodin - Apr 16, 2015`, which the
//! caller splits at the date).
//!
//! A name is one to five words, each capitalised (or a particle: `de`, `van`, `bin`…, or an
//! initial), of letters, apostrophes, dots and hyphens; a role after a comma (`Staff
//! Writer`, `CNN`) ends the names. It never takes a sentence ("By then it was over."): after
//! the label there must be names and nothing else but a separator.

/// Labels that open a byline, lower case, longest first where one starts another.
const LABELS: &[&str] = &[
    "written by",
    "posted by",
    "reported by",
    "story by",
    "words by",
    "text by",
    "article by",
    "authors:",
    "author:",
    "by:",
    "by",
    "par",
    "von",
    "por",
    "door",
    "作者：",
    "作者:",
    "作者",
    "记者：",
    "记者",
    "文／",
    "文/",
];

/// Lower-case words that may stand inside a name.
const PARTICLES: &[&str] = &[
    "de", "da", "do", "dos", "das", "del", "della", "der", "den", "van", "von", "la", "le", "di",
    "du", "bin", "binti", "al", "el", "ibn", "y", "e", "ter", "zu", "st.",
];

/// Words that end the names: a role or the word that introduces the date.
const STOP_WORDS: &[&str] = &[
    "updated",
    "published",
    "posted",
    "on",
    "at",
    "in",
    "for",
    "|",
    "·",
    "•",
    "-",
    "–",
    "—",
];

/// Role words: a comma part made of these is not a name.
const ROLES: &[&str] = &[
    "staff",
    "writer",
    "writers",
    "editor",
    "editors",
    "reporter",
    "reporters",
    "correspondent",
    "contributor",
    "columnist",
    "senior",
    "chief",
    "news",
    "desk",
    "team",
    "press",
    "associated",
    "special",
    "photographer",
    "producer",
    "analyst",
    "associate",
    "deputy",
    "managing",
    "political",
    "business",
    "science",
    "technology",
    "health",
];

/// The authors a byline line names, joined with `; `, and the byte range of the byline
/// (label and names) in `text`.
pub(super) fn labelled(text: &str) -> Option<(String, std::ops::Range<usize>)> {
    let lead = text.len() - text.trim_start().len();
    let t = &text[lead..];
    let lower = t.to_lowercase();
    if lower.len() != t.len() {
        // Case folding changed byte lengths: positions would not line up.
        return None;
    }
    let label = LABELS.iter().find(|l| {
        lower.starts_with(**l)
            && (!l.is_ascii() || l.ends_with(':') || t[l.len()..].starts_with(char::is_whitespace))
    })?;
    let after = &t[label.len()..];
    let names_at = label.len() + (after.len() - after.trim_start().len());
    let rest = &t[names_at..];
    let (names, used) = names(rest, label.is_ascii())?;
    Some((names, lead..lead + names_at + used))
}

/// A line that is only names ("Vincent Vallet", "Jane Doe and John Roe"): the authors.
pub(super) fn bare(text: &str) -> Option<String> {
    let t = text.trim();
    let (names, used) = names(t, true)?;
    // The whole line, and a name of at least two words (a lone word is a label or a section).
    (used == t.len() && t.split_whitespace().count() >= 2 && t.split_whitespace().count() <= 8)
        .then_some(names)
}

/// Names at the start of `s`, up to a stop word, a role or the end: the names joined with
/// `; ` and how many bytes were read. `latin` asks for capitalised words; otherwise (a
/// Chinese label) the name is the first run of up to four characters.
fn names(s: &str, latin: bool) -> Option<(String, usize)> {
    if !latin {
        let end = s
            .char_indices()
            .find(|(_, c)| !c.is_alphabetic())
            .map_or(s.len(), |(i, _)| i);
        let n = s[..end].chars().count();
        return (2..=4).contains(&n).then(|| (s[..end].to_string(), end));
    }
    let mut out: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut end = 0;
    let mut pos = 0;
    let bytes = s.as_bytes();
    loop {
        while pos < s.len() && bytes[pos] == b' ' {
            pos += 1;
        }
        if pos >= s.len() {
            break;
        }
        let word_end = s[pos..]
            .find(|c: char| c.is_whitespace())
            .map_or(s.len(), |k| pos + k);
        let raw = &s[pos..word_end];
        let comma = raw.ends_with(',');
        let word = raw.trim_end_matches(',');
        let lower = word.to_lowercase();
        if STOP_WORDS.contains(&lower.as_str()) {
            break;
        }
        if matches!(lower.as_str(), "and" | "&" | "und" | "et" | "y") && !current.is_empty() {
            out.push(current.join(" "));
            current.clear();
            pos = word_end;
            continue;
        }
        if !name_word(word) || current.len() >= 5 {
            if current.is_empty() {
                break;
            }
            return None;
        }
        if ROLES.contains(&lower.as_str()) && current.is_empty() && !out.is_empty() {
            break;
        }
        current.push(word);
        end = pos + word.len();
        pos = word_end;
        if comma {
            out.push(current.join(" "));
            current.clear();
            // A role after the comma ends the byline: "Jane Doe, Staff Writer".
            let next = s[pos..].trim_start();
            let first = next.split_whitespace().next().unwrap_or("");
            if ROLES.contains(&first.to_lowercase().trim_end_matches(',')) || first.is_empty() {
                break;
            }
        }
    }
    if !current.is_empty() {
        out.push(current.join(" "));
    }
    out.retain(|n| {
        !n.split_whitespace()
            .all(|w| ROLES.contains(&w.to_lowercase().as_str()))
    });
    if out.is_empty() || end == 0 {
        return None;
    }
    Some((out.join("; "), end))
}

/// A word of a name: capitalised letters (an initial `J.` or `O'Brien` too), or a particle.
fn name_word(w: &str) -> bool {
    if PARTICLES.contains(&w) {
        return true;
    }
    let mut chars = w.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    first.is_uppercase()
        && w.chars().count() <= 20
        && w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
        && !super::dateline::is_month_or_weekday(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_name_their_authors() {
        let rows: &[(&str, Option<(&str, &str)>)] = &[
            ("By Jane Doe", Some(("Jane Doe", "By Jane Doe"))),
            (
                "BY JOE HILDEBRAND",
                Some(("JOE HILDEBRAND", "BY JOE HILDEBRAND")),
            ),
            (
                "By Jane Doe and John Roe, Staff Writers",
                Some(("Jane Doe; John Roe", "By Jane Doe and John Roe")),
            ),
            (
                "By Jane Doe, John Roe and Ann Poe",
                Some((
                    "Jane Doe; John Roe; Ann Poe",
                    "By Jane Doe, John Roe and Ann Poe",
                )),
            ),
            (
                "Written by Rob Ewaschuk",
                Some(("Rob Ewaschuk", "Written by Rob Ewaschuk")),
            ),
            (
                "Par Sébastien Farcis",
                Some(("Sébastien Farcis", "Par Sébastien Farcis")),
            ),
            (
                "By Ana Sandoiu | Published Friday 12 May 2017",
                Some(("Ana Sandoiu", "By Ana Sandoiu")),
            ),
            (
                "Author: Ludwig van Beethoven",
                Some(("Ludwig van Beethoven", "Author: Ludwig van Beethoven")),
            ),
            ("作者：张三", Some(("张三", "作者：张三"))),
            ("By Reuters", Some(("Reuters", "By Reuters"))),
            // Sentences that open with the label.
            ("By then it was over.", None),
            (
                "By the end of 2020, Huawei had lost a third of its market.",
                None,
            ),
            ("Von der Leyen said so.", None),
            ("By January the plan had failed", None),
        ];
        for &(line, expected) in rows {
            let got = labelled(line).map(|(n, r)| (n, &line[r]));
            let expected = expected.map(|(n, s)| (n.to_string(), s));
            assert_eq!(got, expected, "{line:?}");
        }
    }

    #[test]
    fn a_bare_name_is_two_to_five_capitalised_words() {
        assert_eq!(bare("Vincent Vallet").as_deref(), Some("Vincent Vallet"));
        assert_eq!(bare("Aleš Vávra").as_deref(), Some("Aleš Vávra"));
        assert_eq!(
            bare("Jane Doe and John Roe").as_deref(),
            Some("Jane Doe; John Roe")
        );
        assert_eq!(bare("Politics"), None);
        assert_eq!(bare("Share this story"), None);
        assert_eq!(bare("The Big Questions Of Our Time Are Here Now"), None);
    }
}
