//! The `spacing` rule: runs of spaces, a space before `, . ; : ! ?`, a missing space after a comma
//! between words ("order ,stop" → "order, stop"), a stray `_` before a space ("Lili_ NN4994"),
//! a currency code split from its dollar sign ("US $1.2 billion" → "US$1.2 billion", as every
//! house style writes it), a space before a hyphen that joins two words ("two -year" →
//! "two-year", "Sino -US" → "Sino-US", "COVID -19" → "COVID-19", "year-on -year", "A -shares"),
//! a space just inside the brackets of a prose aside ("( which was" → "(which was", "Italy )" →
//! "Italy)"), a space after a hyphen that joins two words ("state- owned" → "state-owned"; not a
//! suspended hyphen, "pre- and post-war"), a space just inside straight quotes whose pairing on
//! the line is not in doubt ("said \" yes \"" → "said \"yes\""), a missing space after a colon
//! between two lower-case words ("priorities:chips" → "priorities: chips"), and, in plain text,
//! spaces at the end of lines. Indentation is layout and stays.
//!
//! It never touches numbers (3.5, 1,000, .5, 10:30, 3:1), emoticons (":)", ";-)"), ellipses, `.NET`-style
//! names, calls in code (`getLocation(lat,lng)`), schemes and selectors (`http:`, `a:hover`), Markdown indentation and hard breaks, brackets around code (`if ( x > 0 )`, `f( a )`),
//! or languages that space before `!?:;` (French).
//! A hyphen is only joined when the words around it say compound (a compound head such as
//! "year" or "owned", a prefix such as "so" or "self", "Sino" before a name, a code in capitals
//! before a number): spaced dashes (`word - word`), list markers, minus signs (`-5`, `x -1`) and
//! command-line flags (`ls -la`, `find -name`, `run -it`, `--force`) stay.

use super::words::possessive_follower;
use super::{Proposal, RuleId};

pub(crate) fn propose(text: &str, markdown: bool, language: &str, out: &mut Vec<Proposal>) {
    let french = language
        .split(['-', '_'])
        .next()
        .is_some_and(|p| p.eq_ignore_ascii_case("fr"));
    let b = text.as_bytes();
    let mut line_start = 0;
    while line_start <= b.len() {
        let line_end = memchr::memchr(b'\n', &b[line_start..]).map_or(b.len(), |p| line_start + p);
        line(text, line_start, line_end, markdown, french, out);
        line_start = line_end + 1;
    }
}

fn line(
    text: &str,
    start: usize,
    end: usize,
    markdown: bool,
    french: bool,
    out: &mut Vec<Proposal>,
) {
    let b = text.as_bytes();
    let lead = b[start..end].iter().take_while(|&&c| c == b' ').count();
    if lead == end - start {
        // A blank line is layout, not spacing.
        return;
    }
    let trail = b[start..end]
        .iter()
        .rev()
        .take_while(|&&c| c == b' ')
        .count();
    if !markdown && trail > 0 {
        // Carriage returns before the spaces go too: once the spaces are gone, a `\r` at the
        // line's end would make a `\r\n` line break of it, which the next run reads as one.
        let returns = b[start..end - trail]
            .iter()
            .rev()
            .take_while(|&&c| c == b'\r')
            .count();
        // Unless they are all the line holds: an empty line would split the paragraph.
        let returns = if returns == end - trail - start {
            0
        } else {
            returns
        };
        out.push(Proposal::new(
            RuleId::Spacing,
            end - trail - returns..end,
            String::new(),
        ));
    }
    let body_end = end - trail;
    let body_start = start + lead;
    let mut i = body_start;
    // Only spaces, commas and underscores start a fix: jump from one to the next.
    let mut marks = memchr::memchr3_iter(b' ', b',', b'_', &b[body_start..body_end])
        .map(|p| body_start + p)
        .peekable();
    loop {
        while marks.next_if(|&p| p < i).is_some() {}
        let Some(&next) = marks.peek() else { break };
        i = next;
        let c = b[i];
        if c == b' ' {
            let n = b[i..body_end].iter().take_while(|&&x| x == b' ').count();
            let after = i + n;
            let punct = b.get(after).copied().filter(|_| after < body_end);
            if let Some(p) = punct.filter(|p| b",.;:!?".contains(p)) {
                if let Some(prop) = space_before_punct(text, i, after, p, body_end, french) {
                    out.push(prop);
                    i = after + 1;
                    continue;
                }
            }
            if n == 1
                && (bracket_inner_space(b, i, body_start, body_end)
                    || space_before_closing_quote(b, i, body_start, body_end)
                    || space_after_opening_quote(b, i, body_start, body_end)
                    || hyphen_before_space(text, i, after))
            {
                out.push(Proposal::new(RuleId::Spacing, i..after, String::new()));
                i = after;
                continue;
            }
            if split_currency(b, i, after, body_start) || joins_hyphen(text, i, after) {
                out.push(Proposal::new(RuleId::Spacing, i..after, String::new()));
            } else if n > 1 {
                out.push(Proposal::new(RuleId::Spacing, i..after, " ".to_string()));
            }
            i = after;
            continue;
        }
        if c == b',' && comma_needs_space(b, i) {
            out.push(Proposal::new(RuleId::Spacing, i..i + 1, ", ".to_string()));
        }
        if c == b'_' && !markdown && stray_underscore(b, i, start) {
            out.push(Proposal::new(RuleId::Spacing, i..i + 1, String::new()));
        }
        i += 1;
    }
    for colon in memchr::memchr_iter(b':', &b[body_start..body_end]).map(|p| body_start + p) {
        if colon_needs_space(b, colon, body_start, body_end) {
            out.push(Proposal::new(
                RuleId::Spacing,
                colon + 1..colon + 1,
                " ".to_string(),
            ));
        }
    }
}

/// URL schemes and the like, whose colon takes no space (`http:`, `mailto:`); URLs are
/// protected spans anyway, but a scheme may stand alone in prose about them.
const SCHEMES: &[&[u8]] = &[
    b"about",
    b"data",
    b"file",
    b"ftp",
    b"git",
    b"http",
    b"https",
    b"irc",
    b"javascript",
    b"magnet",
    b"mailto",
    b"news",
    b"sftp",
    b"sms",
    b"ssh",
    b"tel",
    b"urn",
    b"ws",
    b"wss",
];

/// `priorities:chips`: a colon glued between two lower-case words of prose — a word of three
/// letters or more after a space or the line's start, a word of two letters or more that ends
/// at a space or a mark of prose. Never times or ratios (`10:30`, `3:1`: digits), schemes
/// (`http:`, `mailto:`), code (`std::io`, `a:hover`, `color:red;`, `key:value_x`), emoticons or
/// Markdown's emoji names (`:smile:`).
fn colon_needs_space(b: &[u8], colon: usize, start: usize, end: usize) -> bool {
    let left = b[start..colon]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_lowercase())
        .count();
    let left_start = colon - left;
    let right = b[colon + 1..end]
        .iter()
        .take_while(|c| c.is_ascii_lowercase())
        .count();
    let right_end = colon + 1 + right;
    left >= 3
        && right >= 2
        && (left_start == start || b[left_start - 1] == b' ')
        && match b.get(right_end).filter(|_| right_end < end) {
            None | Some(b' ' | b',') => true,
            Some(b'.' | b'!' | b'?') => right_end + 1 >= end || b[right_end + 1] == b' ',
            _ => false,
        }
        && !SCHEMES.contains(&&b[left_start..colon])
}

/// `said " yes"`: the one space at `space` follows a straight quote that opens a quotation — at
/// the line's start or after a space or a bracket, with an even number of straight quotes before
/// it and an even number on the whole line, so the pairing is not in doubt — and a word follows.
/// Never in a line with markup (`<a title=" x">`) or curly quotes, whose pairing may differ.
fn space_after_opening_quote(b: &[u8], space: usize, start: usize, end: usize) -> bool {
    if space == start
        || b[space - 1] != b'"'
        || !b.get(space + 1).is_some_and(u8::is_ascii_alphabetic)
    {
        return false;
    }
    let quote = space - 1;
    // Not after a number: `a 6 " screen` is inches.
    let opens_here = quote == start
        || b[quote - 1] == b'('
        || (b[quote - 1] == b' ' && (quote - 1 == start || !b[quote - 2].is_ascii_digit()));
    let line = &b[start..end];
    let before = b[start..quote].iter().filter(|&&c| c == b'"').count();
    let all = line.iter().filter(|&&c| c == b'"').count();
    opens_here && before % 2 == 0 && all % 2 == 0 && !line.contains(&b'<') && !curly_quotes(line)
}

/// Whether the line holds a curly double quote (three bytes, E2 80 9C/9D): the typography rule
/// curls straight quotes one by one, so a count of the straight ones says nothing then.
fn curly_quotes(line: &[u8]) -> bool {
    line.windows(3)
        .any(|w| w[0] == 0xE2 && w[1] == 0x80 && matches!(w[2], 0x9C | 0x9D))
}

/// `state- owned`: the one space at `space` follows a hyphen glued to a word, and the words
/// around it make a compound as [`joins_hyphen`] reads them (`state- owned`, `self- driving`,
/// `Sino- US`). A suspended hyphen (`pre- and post-war`, `two- or three-year`) is followed by a
/// function word and stays.
fn hyphen_before_space(text: &str, space: usize, after: usize) -> bool {
    let b = text.as_bytes();
    if space < 2 || b[space - 1] != b'-' || !b[space - 2].is_ascii_alphanumeric() {
        return false;
    }
    let hyphen = space - 1;
    let left_start = hyphen
        - b[..hyphen]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
    let left_clean =
        left_start == 0 || b[left_start - 1] == b' ' || b"(\"'".contains(&b[left_start - 1]);
    let right_len = b[after..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    let right_end = after + right_len;
    let right_clean = match b.get(right_end) {
        None => true,
        Some(c) if c.is_ascii_whitespace() || b",;:)\"'".contains(c) => true,
        Some(b'.' | b'!' | b'?') => b.get(right_end + 1).is_none_or(u8::is_ascii_whitespace),
        _ => false,
    };
    let left = &text[left_start..hyphen];
    let right = &text[after..right_end];
    // `year- on-year`, `month- on-month`: the period's comparison, spaced at its first hyphen.
    let period = matches!(left, "day" | "week" | "month" | "quarter" | "year")
        && right == "on"
        && b.get(right_end) == Some(&b'-')
        && text[right_end + 1..].starts_with(left)
        && !b
            .get(right_end + 1 + left.len())
            .is_some_and(u8::is_ascii_alphanumeric);
    if left_clean && period {
        return true;
    }
    left_clean
        && right_clean
        && right.len() >= 2
        && possessive_follower(right)
        && pair_joins(left, right)
}

/// `word ,next` / `word .` → the punctuation joins the word.
fn space_before_punct(
    text: &str,
    space: usize,
    at: usize,
    p: u8,
    end: usize,
    french: bool,
) -> Option<Proposal> {
    let b = text.as_bytes();
    let before = text[..space].chars().next_back()?;
    if !(before.is_alphanumeric() || "”’)%".contains(before)) {
        return None;
    }
    if french && b";:!?".contains(&p) {
        return None;
    }
    let next = if at + 1 < end { Some(b[at + 1]) } else { None };
    // `wait . . .`: spaced ellipses are a style, not a mistake.
    if p == b'.' && next == Some(b' ') && b.get(at + 2) == Some(&b'.') {
        return None;
    }
    match next {
        None | Some(b' ') => {}
        Some(n) if (p == b',' || p == b';') && n.is_ascii_alphabetic() => {
            return Some(Proposal::new(
                RuleId::Spacing,
                space..at + 1,
                format!("{} ", p as char),
            ));
        }
        Some(b'"') | Some(b')') if p != b':' && p != b';' => {}
        _ => return None,
    }
    Some(Proposal::new(RuleId::Spacing, space..at, String::new()))
}

/// Second parts of compounds a translation detaches ("two -year", "state -owned").
const COMPOUND_HEADS: &[&str] = &[
    "awaited", "backed", "based", "border", "called", "class", "day", "digit", "driven", "end",
    "focused", "fold", "free", "friendly", "funded", "hour", "known", "led", "level", "linked",
    "listed", "long", "made", "minute", "month", "old", "oriented", "owned", "party", "percent",
    "point", "profile", "profit", "quality", "quarter", "range", "related", "round", "scale",
    "seat", "size", "sized", "speed", "stage", "standing", "star", "storey", "story", "style",
    "tech", "term", "time", "week", "wide", "year",
];

/// Who runs something, in `state-run` and its kin: `-run` is also a command-line flag.
const RUN_BY: &[&str] = &[
    "city",
    "family",
    "government",
    "party",
    "privately",
    "publicly",
    "state",
    "university",
];

/// First parts that only ever join with a hyphen ("so -called", "self -driving").
const COMPOUND_PREFIXES: &[&str] = &[
    "anti", "co", "cross", "ex", "half", "ill", "inter", "mid", "multi", "neo", "non", "post",
    "pre", "pro", "pseudo", "quasi", "self", "semi", "so", "ultra", "vice", "well",
];

/// Combining forms of names ("Sino -US", "Anglo -French").
const NAME_PREFIXES: &[&str] = &[
    "Afro", "Anglo", "Austro", "Euro", "Franco", "Greco", "Indo", "Italo", "Judeo", "Pan", "Russo",
    "Sino",
];

/// `two -year`: the spaces `[space, hyphen)` separate a word from a hyphen that joins it to the
/// next word.
fn joins_hyphen(text: &str, space: usize, hyphen: usize) -> bool {
    let b = text.as_bytes();
    if b.get(hyphen) != Some(&b'-') {
        return false;
    }
    let left_start = space
        - b[..space]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
    let left = &text[left_start..space];
    let left_clean =
        left_start == 0 || b[left_start - 1] == b' ' || b"(\"'".contains(&b[left_start - 1]);
    let right_start = hyphen + 1;
    let right_len = b[right_start..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    let right = &text[right_start..right_start + right_len];
    let right_end = right_start + right_len;
    let right_clean = match b.get(right_end) {
        None => true,
        Some(c) if c.is_ascii_whitespace() || b",;:)\"'-".contains(c) => true,
        Some(b'.' | b'!' | b'?') => b.get(right_end + 1).is_none_or(u8::is_ascii_whitespace),
        _ => false,
    };
    if right.len() < 2 || !right_clean {
        return false;
    }
    // `year-on -year`: a word, a link word and the word again, detached at the second hyphen.
    if matches!(left, "on" | "over" | "to" | "by" | "for")
        && left_start >= 2
        && b[left_start - 1] == b'-'
        && right.bytes().all(|c| c.is_ascii_alphabetic())
        && letters_before(&b[..left_start - 1]).eq_ignore_ascii_case(right.as_bytes())
    {
        return true;
    }
    if left.is_empty() || !left_clean {
        return false;
    }
    let letters = |s: &str| s.bytes().all(|c| c.is_ascii_alphabetic());
    // `year -on-year`, `face -to-face`, `day -by-day`: a word, a link word, the word again.
    let repeated = letters(left)
        && matches!(right, "on" | "over" | "to" | "by" | "for")
        && b.get(right_end) == Some(&b'-')
        && text[right_end + 1..]
            .get(..left.len())
            .is_some_and(|again| again.eq_ignore_ascii_case(left))
        && b.get(right_end + 1 + left.len())
            .is_none_or(|c| !c.is_ascii_alphanumeric());
    repeated || pair_joins(left, right)
}

/// Whether `left` and `right`, on either side of a hyphen, make a compound a translation split.
fn pair_joins(left: &str, right: &str) -> bool {
    if left.is_empty() || right.len() < 2 {
        return false;
    }
    let letters = |s: &str| s.bytes().all(|c| c.is_ascii_alphabetic());
    let digits = |s: &str| s.bytes().all(|c| c.is_ascii_digit());
    let lower = |s: &str| s.to_ascii_lowercase();
    // `two -year`, `5 -year`, `state -owned`; not after a function word (`and -year`), which
    // [`possessive_follower`]'s stop list knows.
    // `state -run`, `family -run`; not `go test -run`, a command's flag.
    let run_by = lower(right) == "run" && RUN_BY.contains(&lower(left).as_str());
    let head = letters(right)
        && (COMPOUND_HEADS.contains(&lower(right).as_str()) || run_by)
        && ((letters(left) && left.len() >= 2 && possessive_follower(left)) || digits(left));
    // `so -called`, `self -driving`
    let prefix = letters(right) && COMPOUND_PREFIXES.contains(&lower(left).as_str());
    // `Sino -US`, `Anglo -French`
    let name =
        NAME_PREFIXES.contains(&left) && right.as_bytes()[0].is_ascii_uppercase() && letters(right);
    // `COVID -19`, `MH -370`
    let code = left.len() >= 2 && left.bytes().all(|c| c.is_ascii_uppercase()) && digits(right);
    // `A -shares`, `H -share listing`: the classes of Chinese shares.
    let share_class =
        matches!(left, "A" | "B" | "H" | "N" | "S") && matches!(right, "share" | "shares");
    // `e -commerce`, `e- book`: the electronic prefix before the words it makes.
    let electronic = matches!(left, "e" | "E") && E_WORDS.contains(&lower(right).as_str());
    // `mid- 2026`, `pre- 1990s`: a period's prefix before a year or a decade.
    let year = right.len() >= 4 && right.as_bytes()[..4].iter().all(u8::is_ascii_digit);
    let period = matches!(lower(left).as_str(), "mid" | "pre" | "post")
        && year
        && (right.len() == 4 || (&right[3..] == "0s"));
    share_class || electronic || head || prefix || name || code || period
}

/// Words `e-` makes in news prose (`e-commerce`, `e-books`).
const E_WORDS: &[&str] = &[
    "book",
    "books",
    "cigarette",
    "cigarettes",
    "commerce",
    "mail",
    "mails",
    "sports",
    "wallet",
    "wallets",
];

/// The ASCII letters `b` ends with, if a space, a bracket or the start comes before them.
fn letters_before(b: &[u8]) -> &[u8] {
    let n = b
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    let start = b.len() - n;
    if start == 0 || b" (\"'".contains(&b[start - 1]) {
        &b[start..]
    } else {
        &[]
    }
}

/// `( which was`, `Italy )`: the one space at `space` is just inside a bracket of a prose
/// aside — after a `(` that opens after a space (or the line's start) and before a word, or
/// before a `)` that closes after a word — and the bracket's partner is on the line, with no
/// code between them (`=`, `;`, braces, angle brackets: `if ( x > 0 )` stays).
fn bracket_inner_space(b: &[u8], space: usize, start: usize, end: usize) -> bool {
    let opens = space > start
        && b[space - 1] == b'('
        && (space - 1 == start || b[space - 2] == b' ')
        && b.get(space + 1).is_some_and(u8::is_ascii_alphanumeric);
    let closes = space > start
        && b.get(space + 1) == Some(&b')')
        && (b[space - 1].is_ascii_alphanumeric() || b[space - 1] == b'%');
    if opens {
        let inner = &b[space..end];
        let Some(close) = inner.iter().position(|&c| c == b')') else {
            return false;
        };
        prose_aside(&inner[..close])
    } else if closes {
        let inner = &b[start..space];
        let Some(open) = inner.iter().rposition(|&c| c == b'(') else {
            return false;
        };
        (open == 0 || inner[open - 1] == b' ') && prose_aside(&inner[open + 1..])
    } else {
        false
    }
}

/// `"necessary and timely " and`: the one space at `space` stands before a straight quote that
/// closes a quotation (the quotes before it on the line are unpaired), after a word (not a
/// number: `5 "` may be inches) or a
/// sentence's mark, and the quote is followed by the end, a space or punctuation.
fn space_before_closing_quote(b: &[u8], space: usize, start: usize, end: usize) -> bool {
    let quote = space + 1;
    if b.get(quote) != Some(&b'"') || space == start {
        return false;
    }
    let before = b[space - 1];
    // The word before is a plain word, perhaps with its sentence's mark: not part of a name
    // with dots or slashes (`Node.js "`), which other rules read as one token.
    let marks = b[start..space]
        .iter()
        .rev()
        .take_while(|c| b".,!?".contains(c))
        .count();
    let letters_end = space - marks;
    let letters = b[start..letters_end]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    let word_start = letters_end - letters;
    let plain_word =
        letters > 0 && (word_start == start || matches!(b[word_start - 1], b' ' | b'"' | b'('));
    // Quotes in markup (`<b class="x">`) would throw the count of quotes off.
    if !plain_word || b[start..space].contains(&b'<') {
        return false;
    }
    let after_ok = b
        .get(quote + 1)
        .is_none_or(|c| c.is_ascii_whitespace() || b",.;:!?)".contains(c));
    let opened = b[start..space].iter().filter(|&&c| c == b'"').count() % 2 == 1;
    // The quotation holds words: not `" "`, not a lone mark.
    let open_at = b[start..space]
        .iter()
        .rposition(|&c| c == b'"')
        .map(|p| start + p);
    let words = open_at.is_some_and(|o| b[o + 1..space].iter().any(u8::is_ascii_alphabetic));
    // Every straight quote on the line pairs (`" n  " n "` has one left over): otherwise which
    // quote closes is in doubt, and closing up the space changes how quotes read on a rerun.
    // With curly quotes on the line (the typography rule curled one on an earlier pass) the
    // count is in doubt too: `" n " n " n " “A` closed up on the rerun.
    let paired = b[start..end].iter().filter(|&&c| c == b'"').count() % 2 == 0
        && !curly_quotes(&b[start..end]);
    (before.is_ascii_alphabetic() || b".,!?".contains(&before))
        && after_ok
        && opened
        && words
        && paired
}

/// Whether the text between a bracket pair reads as prose: words, nothing code-shaped, no
/// nested bracket.
fn prose_aside(inner: &[u8]) -> bool {
    inner.iter().any(u8::is_ascii_alphabetic) && !inner.iter().any(|c| b"=;{}<>()[]|\\".contains(c))
}

/// Codes that prefix a dollar sign to say whose dollar it is. Single letters (`A$`, `C$`) are
/// left out: "a $5 fee" and "grade C $10" are English, and the code cannot be told apart.
const DOLLAR_CODES: [&[u8]; 6] = [b"US", b"HK", b"NZ", b"AU", b"SG", b"NT"];

/// `US $1.2 billion`: the spaces between `[space, after)` split a whole-word currency code from a
/// `$` that starts an amount.
fn split_currency(b: &[u8], space: usize, after: usize, line_start: usize) -> bool {
    if b.get(after) != Some(&b'$') || !b.get(after + 1).is_some_and(u8::is_ascii_digit) {
        return false;
    }
    DOLLAR_CODES.iter().any(|code| {
        space >= line_start + code.len() && {
            let start = space - code.len();
            &b[start..space] == *code
                && (start == line_start || !b[start - 1].is_ascii_alphanumeric())
                && !after_shouted_word(b, start, line_start)
        }
    })
}

/// `GIVE US $5`: in capitals, "US" may be the pronoun, so a word in capitals before it leaves the
/// space alone.
fn after_shouted_word(b: &[u8], start: usize, line_start: usize) -> bool {
    let before = &b[line_start..start];
    let word_end = before.len() - before.iter().rev().take_while(|&&c| c == b' ').count();
    let word = &before[..word_end];
    let letters = word
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    letters >= 2
        && word[word.len() - letters..]
            .iter()
            .all(u8::is_ascii_uppercase)
}

/// `Lucent,Ericsson`: two words of two letters or more around a bare comma.
fn comma_needs_space(b: &[u8], i: usize) -> bool {
    let left = b[..i]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    let right = b[i + 1..]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    let left_start = i - left;
    // `getLocation(lat,lng)`, `max(a,b)`: the arguments of a call, a bracket glued to a name.
    let call = left_start >= 2
        && b[left_start - 1] == b'('
        && (b[left_start - 2].is_ascii_alphanumeric() || b[left_start - 2] == b'_');
    let left_token_clean = left_start == 0
        || !b[left_start - 1].is_ascii_alphanumeric()
            && !b"._-/@:=".contains(&b[left_start - 1])
            && !call;
    let right_end = i + 1 + right;
    // `breaks,low-interest loans`: the word after may be a hyphenated word of prose.
    let hyphenated = b.get(right_end) == Some(&b'-') && {
        let more = b[right_end + 1..]
            .iter()
            .take_while(|c| c.is_ascii_lowercase())
            .count();
        let end = right_end + 1 + more;
        more >= 2 && (end >= b.len() || b[end] == b' ' || b",.;".contains(&b[end]))
    };
    let right_clean = right_end >= b.len()
        || hyphenated
        || !(b[right_end].is_ascii_alphanumeric() || b"._-/@:=(".contains(&b[right_end]));
    left >= 2 && right >= 2 && left_token_clean && right_clean
}

/// `Lili_ NN4994`: an underscore glued to the end of a word and followed by a space, where the
/// word has no other underscore (so `snake_case_ x` and `_emphasis_ ` stay).
fn stray_underscore(b: &[u8], i: usize, line_start: usize) -> bool {
    if b.get(i + 1) != Some(&b' ') || i == line_start || !b[i - 1].is_ascii_alphanumeric() {
        return false;
    }
    let token_start = b[line_start..i]
        .iter()
        .rposition(|&c| c == b' ')
        .map_or(line_start, |p| line_start + p + 1);
    !b[token_start..i].contains(&b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, markdown: bool, lang: &str) -> String {
        let mut props = Vec::new();
        propose(text, markdown, lang, &mut props);
        super::super::apply_simple(text, &props)
    }

    #[test]
    fn a_carriage_return_before_trailing_spaces_goes_with_them() {
        assert_eq!(run("x\r \ny\r\r  ", false, "en"), "x\ny");
        // A line ending `\r\n`, and a line of nothing but a return and spaces, keep the return.
        assert_eq!(run("x\r\ny", false, "en"), "x\r\ny");
        assert_eq!(run("x\n\r \ny", false, "en"), "x\n\r\ny");
    }

    #[test]
    fn fixes_spacing() {
        let rows = [
            ("order ,stop claims", "order, stop claims"),
            ("two  spaces", "two spaces"),
            ("scriddies .", "scriddies."),
            ("Dreams !", "Dreams!"),
            ("really ?", "really?"),
            ("Lucent,Ericsson and Nokia", "Lucent, Ericsson and Nokia"),
            ("Dai Lili_ NN4994", "Dai Lili NN4994"),
            ("  indented\ntrailing  ", "  indented\ntrailing"),
            ("word ; next", "word; next"),
            (
                "it will cost US $1.2 billion",
                "it will cost US$1.2 billion",
            ),
            ("HK $30 and NZ  $4", "HK$30 and NZ$4"),
            ("the Sino -US talks", "the Sino-US talks"),
            (
                "a two -year plan and a 10 -year bond",
                "a two-year plan and a 10-year bond",
            ),
            ("so -called and self -driving", "so-called and self-driving"),
            ("the COVID -19 outbreak", "the COVID-19 outbreak"),
            ("state -owned, -based", "state-owned, -based"),
            ("Tencent and Baidu ,", "Tencent and Baidu,"),
            (
                "State -run media and a third -quarter loss",
                "State-run media and a third-quarter loss",
            ),
            ("US $3 million a day", "US$3 million a day"),
            (
                "rose 5.5 percent year -on-year and met face -to-face",
                "rose 5.5 percent year-on-year and met face-to-face",
            ),
            (
                "It cost US $3, the IMF said: US $4",
                "It cost US$3, the IMF said: US$4",
            ),
            (
                "The index fell 2.3% ; the yuan",
                "The index fell 2.3%; the yuan",
            ),
            (
                "The chipmaker ( which was spun off in 2018) plans",
                "The chipmaker (which was spun off in 2018) plans",
            ),
            (
                "Orders from Europe ( mainly Germany and Italy ) rose",
                "Orders from Europe (mainly Germany and Italy) rose",
            ),
            ("profit (up 12% ) and", "profit (up 12%) and"),
            (
                "were \"necessary and timely \" and would",
                "were \"necessary and timely\" and would",
            ),
            ("he said \"no way! \".", "he said \"no way!\"."),
            (
                "rose 9.1% year-on -year and A -shares and H -shares",
                "rose 9.1% year-on-year and A-shares and H-shares",
            ),
            (
                "privately- owned banks and self- driving cars and Sino- US talks",
                "privately-owned banks and self-driving cars and Sino-US talks",
            ),
            (
                "open in mid- 2026, up 7.6% year- on-year and 2% month- on-month, pre- 1990s",
                "open in mid-2026, up 7.6% year-on-year and 2% month-on-month, pre-1990s",
            ),
            (
                "cross-border e -commerce and e- books and a long -standing, hotly -awaited deal",
                "cross-border e-commerce and e-books and a long-standing, hotly-awaited deal",
            ),
            (
                "she replied \" no\" twice and called it \" a mistake \".",
                "she replied \"no\" twice and called it \"a mistake\".",
            ),
            (
                "two goals:growth and jobs, and one aim:stability.",
                "two goals: growth and jobs, and one aim: stability.",
            ),
            (
                "cheap loans,tax-free bonds and grants",
                "cheap loans, tax-free bonds and grants",
            ),
        ];
        for (input, want) in rows {
            assert_eq!(run(input, false, "en"), want, "{input}");
        }
    }

    #[test]
    fn leaves_correct_spacing_alone() {
        let rows = [
            ("3.5 and 1,000 and a .5 mm gap", false, "en"),
            ("smile :) wink ;-) grin :D", false, "en"),
            ("wait . . . and ...", false, "en"),
            ("use .NET here", false, "en"),
            ("x,y and a,b", false, "en"),
            ("snake_case_ x and _emph_ y", false, "en"),
            ("Bonjour ! Ça va ?", false, "fr"),
            ("hard break  \nnext", true, "en"),
            ("    code indent", true, "en"),
            ("e.g.,this", false, "en"),
            // Curly quotes on the line: which straight quote closes is in doubt.
            ("were \"timely \" and “so” it went", false, "en"),
            ("R & D", false, "en"),
            ("id:u5811557,container", false, "en"),
            (
                "a $5 fee, grade C $10, the US $ rate, BUS $5, US$1 and 38 US dollars",
                false,
                "en",
            ),
            ("GIVE US $5 NOW and LEND US $100", false, "en"),
            ("a fight - and we win", false, "en"),
            ("- item one\n- item two", false, "en"),
            ("it fell to -5 and x -1 is y -2", false, "en"),
            ("run ls -la or find -name x", false, "en"),
            ("docker run -it and git push --force", false, "en"),
            ("java -jar and gcc -o and tar -xzf", false, "en"),
            ("a two - year gap", false, "en"),
            ("go test -run TestX and pytest -x", false, "en"),
            (
                "the pick was - in a word - a stage and -quarter",
                false,
                "en",
            ),
            ("a -year and -year and -owned", false, "en"),
            ("two -years.com and two -year/x", false, "en"),
            ("Sino -us and sino -US", false, "en"),
            (
                "year -on-month and a year -on-years and year -on and x -on-x2",
                false,
                "en",
            ),
            ("run make -to-do and cmd -on-error here", false, "en"),
            (
                "if ( x > 0 ) and f( a ) and :( sad and ( ) and ( 1 + 2 ) = 3",
                false,
                "en",
            ),
            ("a ( b [c] ) and ( no close here", false, "en"),
            (
                "C -shares and A -share2 and a -shares and day-on -week and x-on -y",
                false,
                "en",
            ),
            ("a year-on -years and mid-on -on", false, "en"),
            (
                "year- on-years and year- on-month and year- on and mid- 20 and mid- 2026x and mid- 2026s",
                false,
                "en",
            ),
            (
                "pre- 2026-27 and x mid- 12345 and amid- 2026 here",
                false,
                "en",
            ),
            (
                "a 6 \" screen and \"quoted\" then 5 \" x and \" \" here",
                false,
                "en",
            ),
            ("the \"a\" and \"b \"c and a \"z \"x", false, "en"),
            (
                "a \"toNode.jsits \" and \"x/y \" and \"a_b \" here",
                false,
                "en",
            ),
            (
                "pre- and post-war and two- or three-year and test- run",
                false,
                "en",
            ),
            (
                "the deal - if approved - will and rose -3% and a - b",
                false,
                "en",
            ),
            ("a -commerce and e -mailx and e -x and e- and", false, "en"),
            ("\" x 5 \" y 6 \" odd", false, "en"),
            ("he said \"yes \" and then \"no", false, "en"),
            (
                "a \"b\" \" c and <a title=\" x\"> and “ hi \" x\"",
                false,
                "en",
            ),
            (
                "call getLocation(lat,lng) and max(a_b,cd) and f_(xy,zw)",
                false,
                "en",
            ),
            (
                "at 10:30 and 3:1 and http:x and mailto:ab and std::io",
                false,
                "en",
            ),
            (
                "a:hover and color:red; and key:value_x and id:ab and :smile: and Note:This",
                false,
                "en",
            ),
            ("x,low-5 and ab,cd-e and ab,cd-EF", false, "en"),
            ("", false, "en"),
            ("\n\n", false, "en"),
        ];
        for (input, md, lang) in rows {
            assert_eq!(run(input, md, lang), input, "{input}");
        }
    }
}
