//! HTML (a comment's body from a WordPress or Disqus export, a post title) → folio's comment
//! body text: plain text, paragraphs separated by one blank line, hard line breaks as `\n`,
//! link text kept and the link itself dropped, character references decoded, and the content
//! of `<script>`, `<style>` and the other elements a reader never sees dropped.
//!
//! It never keeps markup: the result is text that every output escapes, so a payload in an
//! export can only ever show as words. It never reads markup with regular expressions: the
//! input goes through html5ever's tokenizer, the WHATWG tokenizer browsers use, so entities,
//! attributes, comments, CDATA look-alikes and the raw-text elements (`<script>`, `<style>`,
//! `<textarea>`) end exactly where a browser ends them.
//!
//! Why the tokenizer and not a tree (the `scraper` crate, or html5ever's tree builder): text
//! extraction needs the order of tags and characters, which the tokens give as they are read;
//! the tree builder's repairs (implied end tags, misnested formatting, foster parenting) move
//! elements but not the words a reader sees in a comment, and building a DOM per comment for
//! 100,000 comments would cost memory for nothing. html5ever is already in the build through
//! ammonia (the sanitizer), so this adds no crate.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// How line ends in the text (outside tags) are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Newlines {
    /// As a browser reads them: a line end is a space (Disqus messages, which are `<p>` and
    /// `<br>` markup).
    Collapse,
    /// As WordPress shows a comment (its `wpautop`): a blank line starts a paragraph and a
    /// single line end is a line break, as if they were `<p>` and `<br>`.
    Autop,
}

/// The text of an HTML fragment whose line ends are insignificant (see [`Newlines::Collapse`]).
pub fn html_to_text(html: &str) -> String {
    convert(html, Newlines::Collapse)
}

/// The text of a WordPress comment or post fragment (see [`Newlines::Autop`]).
pub fn wordpress_to_text(html: &str) -> String {
    convert(html, Newlines::Autop)
}

/// The text of an HTML fragment as one line (a title): breaks become spaces.
pub fn html_to_line(html: &str) -> String {
    let text = convert(html, Newlines::Collapse);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `html` as plain text, reading line ends as `newlines` says.
pub fn convert(html: &str, newlines: Newlines) -> String {
    let sink = Sink {
        state: RefCell::new(State {
            out: String::with_capacity(html.len()),
            pending: Break::None,
            space: false,
            line_ends: 0,
            hidden: 0,
            pre: 0,
            newlines,
        }),
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let out = std::mem::take(&mut tokenizer.sink.state.borrow_mut().out);
    out.trim().to_string()
}

/// What separates the next text from the text before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Break {
    None,
    Line,
    Paragraph,
}

struct State {
    out: String,
    /// The strongest break asked for since the last text.
    pending: Break,
    /// Whitespace was seen since the last text (a space, unless a break wins).
    space: bool,
    /// Line ends seen in the text since the last word (the tokenizer may hand whitespace
    /// over in several pieces).
    line_ends: usize,
    /// Depth inside elements whose content a reader never sees.
    hidden: usize,
    /// Depth inside `<pre>`, where spaces and line ends are kept.
    pre: usize,
    newlines: Newlines,
}

impl State {
    fn ask(&mut self, b: Break) {
        self.pending = self.pending.max(b);
    }

    fn text(&mut self, text: &str) {
        if self.hidden > 0 {
            return;
        }
        if self.pre > 0 {
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    self.ask(Break::Line);
                }
                let line = line.trim_end();
                if !line.trim().is_empty() {
                    self.word(line);
                }
            }
            return;
        }
        let mut rest = text;
        while !rest.is_empty() {
            let ws_end = rest.find(|c: char| !is_html_space(c)).unwrap_or(rest.len());
            let ws = &rest[..ws_end];
            if !ws.is_empty() {
                self.whitespace(ws);
            }
            rest = &rest[ws_end..];
            let word_end = rest.find(is_html_space).unwrap_or(rest.len());
            if word_end > 0 {
                self.word(&rest[..word_end]);
            }
            rest = &rest[word_end..];
        }
    }

    fn whitespace(&mut self, ws: &str) {
        self.space = true;
        if self.newlines == Newlines::Autop {
            self.line_ends += ws.matches('\n').count();
            match self.line_ends {
                0 => {}
                1 => self.ask(Break::Line),
                _ => self.ask(Break::Paragraph),
            }
        }
    }

    /// Text with no whitespace to collapse (or, inside `<pre>`, a whole line).
    fn word(&mut self, word: &str) {
        let word: String = word
            .chars()
            .filter(|&c| !crate::markdown::forbidden_in_xml(c) && c != '\u{feff}')
            .collect();
        if word.is_empty() {
            return;
        }
        if !self.out.is_empty() {
            match self.pending {
                Break::Paragraph => self.out.push_str("\n\n"),
                Break::Line => self.out.push('\n'),
                Break::None if self.space => self.out.push(' '),
                Break::None => {}
            }
        }
        self.out.push_str(&word);
        self.pending = Break::None;
        self.space = false;
        self.line_ends = 0;
    }

    fn tag(&mut self, kind: TagKind, name: &str, self_closing: bool) -> Option<RawKind> {
        let start = kind == TagKind::StartTag;
        if let Some(raw) = hidden_element(name) {
            // Void or self-closed hidden elements open nothing.
            if start && !self_closing && !crate::entity::is_void_element(name) {
                self.hidden += 1;
                return raw;
            }
            if !start {
                self.hidden = self.hidden.saturating_sub(1);
            }
            return None;
        }
        match name {
            "br" => self.ask(Break::Line),
            "pre" => {
                self.ask(Break::Paragraph);
                if start && !self_closing {
                    self.pre += 1;
                } else if !start {
                    self.pre = self.pre.saturating_sub(1);
                }
            }
            "li" | "dt" | "dd" | "tr" | "figcaption" => self.ask(Break::Line),
            "td" | "th" => self.space = true,
            _ if crate::entity::is_block_element(name) => self.ask(Break::Paragraph),
            _ => {}
        }
        None
    }
}

/// Elements whose content is not shown to a reader, with the tokenizer state their content
/// is read in (so a `</p>` inside a script is script, as in a browser).
fn hidden_element(name: &str) -> Option<Option<RawKind>> {
    Some(match name {
        "script" => Some(RawKind::ScriptData),
        "style" | "iframe" | "noembed" | "noframes" | "xmp" => Some(RawKind::Rawtext),
        "title" | "textarea" => Some(RawKind::Rcdata),
        "template" | "head" | "object" | "svg" | "math" | "select" | "audio" | "video"
        | "canvas" | "map" => None,
        _ => return None,
    })
}

/// HTML's ASCII whitespace, plus the no-break space a browser does not collapse but a
/// comment body has no use for at the ends of a line.
fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
}

struct Sink {
    state: RefCell<State>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            Token::CharacterTokens(text) => state.text(&text),
            Token::TagToken(tag) => {
                if let Some(raw) = state.tag(tag.kind, &tag.name, tag.self_closing) {
                    return TokenSinkResult::RawData(raw);
                }
            }
            Token::NullCharacterToken
            | Token::CommentToken(_)
            | Token::DoctypeToken(_)
            | Token::ParseError(_)
            | Token::EOFToken => {}
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_breaks_links_and_entities() {
        let rows: &[(&str, &str)] = &[
            ("<p>One</p><p>Two</p>", "One\n\nTwo"),
            ("<p>line one<br>line two</p>", "line one\nline two"),
            ("<p>a<br/><br/>b</p>", "a\nb"),
            (
                "  <p>  spaced \n  out  </p>\n\n<p>x</p> ",
                "spaced out\n\nx",
            ),
            (
                "See <a href=\"https://example.org/x\">the <b>report</b></a>.",
                "See the report.",
            ),
            (
                "Caf&eacute; &amp; &#8220;quotes&#8221; &lt;b&gt; &nbsp;x",
                "Café & “quotes” <b> \u{a0}x",
            ),
            ("<blockquote>Quoted</blockquote>Reply", "Quoted\n\nReply"),
            ("<ul><li>a</li><li>b</li></ul>after", "a\nb\n\nafter"),
            ("<pre>  code\n    indented</pre>", "code\n    indented"),
            ("", ""),
            ("<p></p><p> </p>", ""),
            ("未来 <i>は</i> ここ", "未来 は ここ"),
        ];
        for (html, text) in rows {
            assert_eq!(html_to_text(html), *text, "{html:?}");
        }
    }

    #[test]
    fn scripts_styles_and_hidden_elements_are_dropped() {
        let rows: &[(&str, &str)] = &[
            ("a<script>alert('x')</script>b", "ab"),
            ("a <script>document.write('</p>')</script> b", "a b"),
            ("<style>p{color:red}</style>Text", "Text"),
            (
                "<iframe src=\"javascript:alert(1)\">inner</iframe>Seen",
                "Seen",
            ),
            ("<img src=x onerror=alert(1)>Seen", "Seen"),
            ("<a href=\"javascript:alert(1)\">click</a>", "click"),
            ("<svg onload=alert(1)><text>x</text></svg>ok", "ok"),
            ("<template><p>no</p></template>yes", "yes"),
            ("<!-- a comment -->kept", "kept"),
            ("<textarea><script>x</script></textarea>after", "after"),
            ("<scr<script>ipt>alert(1)</script>", "ipt>alert(1)"),
            ("text with \u{0b} control\u{0}", "text with control"),
        ];
        for (html, text) in rows {
            assert_eq!(html_to_text(html), *text, "{html:?}");
        }
    }

    #[test]
    fn wordpress_line_ends_are_paragraphs_and_breaks() {
        let rows: &[(&str, &str)] = &[
            ("One\n\nTwo", "One\n\nTwo"),
            ("One\nstill one", "One\nstill one"),
            ("One\r\n\r\n\r\nTwo", "One\n\nTwo"),
            (
                "Hi, this is a comment.<br />To delete a comment, view the post&#039;s comments.",
                "Hi, this is a comment.\nTo delete a comment, view the post's comments.",
            ),
            ("<p>a</p>\n<p>b</p>", "a\n\nb"),
            ("  leading\n", "leading"),
        ];
        for (html, text) in rows {
            assert_eq!(wordpress_to_text(html), *text, "{html:?}");
        }
        assert_eq!(html_to_text("One\n\nTwo"), "One Two");
    }

    #[test]
    fn titles_are_one_line() {
        assert_eq!(
            html_to_line("<b>Big</b> &amp; <script>alert(1)</script>bold\nmove"),
            "Big & bold move"
        );
    }

    #[test]
    fn no_input_makes_it_panic() {
        let tricky = "<p a='<'>&#x0;&#xD800;&#99999999;&bogus;<<>></ <!-- <![CDATA[x]]> <script><!--<script></script>--></script>\u{feff}<pre>\n</pre><br/></br>";
        for cut in 0..=tricky.len() {
            if tricky.is_char_boundary(cut) {
                let _ = html_to_text(&tricky[..cut]);
                let _ = wordpress_to_text(&tricky[cut..]);
            }
        }
    }
}
