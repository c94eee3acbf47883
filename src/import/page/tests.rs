//! Page copies: fixtures written for these tests in the shapes real copies have (a news
//! site, an aggregator, an interview, a photo story), each asserting the headline, the
//! metadata, the blocks and every removed line with its reason.

use super::*;
use crate::import::{Scrape, parse_scrape};
use std::path::Path;

fn import(text: &str) -> Scrape {
    parse_scrape(Path::new("page.txt"), text, 1).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// Blocks as (kind, text).
fn blocks(s: &Scrape) -> Vec<(String, &str)> {
    s.blocks
        .iter()
        .map(|b| {
            let kind = match &b.kind {
                BlockKind::Paragraph => "paragraph".to_string(),
                BlockKind::Heading { level } => format!("heading {level}"),
                BlockKind::Caption { .. } => "caption".to_string(),
                BlockKind::ListItem { ordered: false, .. } => "bullet".to_string(),
                BlockKind::ListItem { number, .. } => format!("item {}", number.unwrap_or(0)),
                other => format!("{other:?}"),
            };
            let text = b.text.as_str();
            (kind, text.get(..text.len().min(40)).unwrap_or(text))
        })
        .collect()
}

fn removed(s: &Scrape) -> Vec<(u32, &str, &str)> {
    s.removed
        .iter()
        .map(|r| (r.line, r.text.as_str(), r.reason.as_str()))
        .collect()
}

fn metadata(s: &Scrape) -> Vec<(&str, &str)> {
    s.metadata
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// A news site's page: menu, breadcrumbs, headline, standfirst, byline, dateline with its
/// zone, reading time, share bar, a subheading, related list, counter, newsletter box,
/// footer links and copyright.
const NEWS: &str = r#"Skip to main content

•  World

•  Business

•  Technology

Sign in | Register

SECTIONS

Home > Technology > Telecoms

Harbour city switches on its first tidal data centre

Engineers say the plant could power ten thousand homes by next winter.

By Mara Lindqvist and Tomas Reed

Updated 10:42 AM ET, Tue March 3, 2020

3 Min Read

Share on Facebook

Share on Twitter

Email

The harbour authority of Port Elwin switched on the country's first data centre cooled and powered by the tide on Monday, ending a decade of planning and two years of construction.

The plant sits in a former ferry terminal at the mouth of the estuary. Twice a day, seawater rushes through a set of turbines under the old car deck, and the same water is then piped past the server halls before it returns to the sea.

Why the tide?

Operators have long looked for cheaper ways to cool their machines, which turn almost all of the electricity they use into heat. "The sea does not send us a bill," said the project's chief engineer, who has worked on the site since the first survey.

Critics say the turbines will disturb the seals that rest on the sandbanks nearby, and a local group has asked the courts to order a new study of the estuary before the second phase is built.

The authority expects the data centre to be fully booked within a year, with two cloud providers and the regional hospital network among its first tenants.

Related articles

•  Tidal power comes of age on the northern coast

•  Why data centres are moving to the sea

42 comments

Sign up for our newsletter and get the morning briefing delivered to your inbox.

About us   Contact   Privacy policy   Terms of use

© 2020 Harbour Post Media. All rights reserved.
"#;

#[test]
fn a_news_page_copy_keeps_the_article_and_records_the_rest() {
    let s = import(NEWS);
    assert_eq!(
        s.title,
        "Harbour city switches on its first tidal data centre"
    );
    assert_eq!(s.title_line, 15);
    assert_eq!(
        metadata(&s),
        [
            ("author", "Mara Lindqvist; Tomas Reed"),
            // 10:42 AM Eastern time on a day of standard time.
            ("published", "2020-03-03T10:42:00-05:00"),
            ("updated", "2020-03-03T10:42:00-05:00"),
        ]
    );
    let expected: &[(&str, &str)] = &[
        ("paragraph", "Engineers say the plant could power ten "),
        ("paragraph", "The harbour authority of Port Elwin swit"),
        ("paragraph", "The plant sits in a former ferry termina"),
        ("heading 2", "Why the tide?"),
        ("paragraph", "Operators have long looked for cheaper w"),
        ("paragraph", "Critics say the turbines will disturb th"),
        ("paragraph", "The authority expects the data centre to"),
    ];
    let expected: Vec<(String, &str)> = expected.iter().map(|(k, t)| (k.to_string(), *t)).collect();
    assert_eq!(blocks(&s), expected);
    assert_eq!(
        removed(&s),
        [
            (1, "Skip to main content", "navigation"),
            (3, "•  World", "page header"),
            (5, "•  Business", "page header"),
            (7, "•  Technology", "page header"),
            (9, "Sign in | Register", "navigation"),
            (11, "SECTIONS", "navigation"),
            (13, "Home > Technology > Telecoms", "breadcrumbs"),
            (19, "By Mara Lindqvist and Tomas Reed", "byline"),
            (21, "Updated 10:42 AM ET, Tue March 3, 2020", "dateline"),
            (23, "3 Min Read", "reading time"),
            (25, "Share on Facebook", "share widget"),
            (27, "Share on Twitter", "share widget"),
            (29, "Email", "share bar"),
            (43, "Related articles", "related-reading teaser"),
            (
                45,
                "•  Tidal power comes of age on the northern coast",
                "page footer"
            ),
            (
                47,
                "•  Why data centres are moving to the sea",
                "page footer"
            ),
            (49, "42 comments", "counter"),
            (
                51,
                "Sign up for our newsletter and get the morning briefing delivered to your inbox.",
                "newsletter box"
            ),
            (
                53,
                "About us   Contact   Privacy policy   Terms of use",
                "navigation"
            ),
            (
                55,
                "© 2020 Harbour Post Media. All rights reserved.",
                "copyright notice"
            ),
        ]
    );
    assert!(s.references.is_empty() && s.comments.is_empty());
}

/// An aggregator's repost: its header line with source, time and read count, a forum's
/// reaction counter and the copyright line.
const AGGREGATOR: &str = r#"Home | News | Forum | Login

via:TechWire time:2019/6/25 18:40:42 readed:1365

Operator trials 5G small cells on street lamps in three districts

The city's largest mobile operator has begun mounting 5G small cells on street lamps in three districts, a trial that the company says could cut the cost of dense coverage by half.

Each lamp carries a radio the size of a shoebox, fed by fibre laid in the same ducts as the lamp's power cable. The operator did not say which vendor supplied the radios.

Engineers will measure coverage and interference for six months before the operator decides whether to extend the trial to the rest of the city.

Reaction score

12

Copyright© 2014 Harbour Telecom All rights reserved.
"#;

#[test]
fn an_aggregator_copy_keeps_its_header_facts_as_metadata() {
    let s = import(AGGREGATOR);
    assert_eq!(
        s.title,
        "Operator trials 5G small cells on street lamps in three districts"
    );
    assert_eq!(
        metadata(&s),
        [("published", "2019-06-25T18:40:42"), ("via", "TechWire")]
    );
    assert_eq!(s.blocks.len(), 3);
    assert!(s.blocks.iter().all(|b| b.kind == BlockKind::Paragraph));
    assert_eq!(
        removed(&s),
        [
            (1, "Home | News | Forum | Login", "page header"),
            (
                3,
                "via:TechWire time:2019/6/25 18:40:42 readed:1365",
                "aggregator header"
            ),
            (13, "Reaction score", "counter"),
            (15, "12", "counter"),
            (
                17,
                "Copyright© 2014 Harbour Telecom All rights reserved.",
                "copyright notice"
            ),
        ]
    );
}

/// An interview whose questions are numbered and open with the speaker.
const INTERVIEW: &str = r#"Menu

Search

Interviews

"We build networks for people, not for benchmarks"

The chief technology officer of a regional carrier on rural coverage, spectrum and the next five years.

Posted by Lena Ortiz | June 5, 2021 at 9:15 am GMT+8

1. Reporter: Your company covers more villages than any other carrier. How did that start?

We began as a cooperative of small towns that nobody else wanted to serve. Coverage was the reason we existed, so every decision since then has been measured against it.

2. Reporter: Rural sites are expensive. How do you pay for them?

We share towers with two other operators, we power most sites with solar panels, and we accept that a village site will take ten years to pay for itself instead of three.

3. Reporter: What will change in the next five years?

Satellites will fill the last gaps, and the towers we build now will carry far more traffic than we planned for. We are designing every new site with that in mind.

You might also like

Follow us

© 2021 Example Telecom Review
"#;

#[test]
fn numbered_interview_questions_stay_paragraphs() {
    let s = import(INTERVIEW);
    assert_eq!(
        s.title,
        "\"We build networks for people, not for benchmarks\""
    );
    assert_eq!(
        metadata(&s),
        [
            ("author", "Lena Ortiz"),
            ("published", "2021-06-05T09:15:00+08:00"),
        ]
    );
    let expected: &[(&str, &str)] = &[
        ("paragraph", "The chief technology officer of a region"),
        ("paragraph", "1. Reporter: Your company covers more vi"),
        ("paragraph", "We began as a cooperative of small towns"),
        ("paragraph", "2. Reporter: Rural sites are expensive. "),
        ("paragraph", "We share towers with two other operators"),
        ("paragraph", "3. Reporter: What will change in the nex"),
        ("paragraph", "Satellites will fill the last gaps, and "),
    ];
    let expected: Vec<(String, &str)> = expected.iter().map(|(k, t)| (k.to_string(), *t)).collect();
    assert_eq!(blocks(&s), expected);
    assert_eq!(
        removed(&s),
        [
            (1, "Menu", "navigation"),
            (3, "Search", "navigation"),
            (5, "Interviews", "page header"),
            (
                11,
                "Posted by Lena Ortiz | June 5, 2021 at 9:15 am GMT+8",
                "byline"
            ),
            (25, "You might also like", "related-reading teaser"),
            (27, "Follow us", "navigation"),
            (29, "© 2021 Example Telecom Review", "copyright notice"),
        ]
    );
}

/// A photo story: a caption closed by its credit, a byline alone beside the date and reading
/// time, a subheading.
const PHOTO: &str = r#"Skip to content

Log In   Subscribe

Science

Glaciers in the north lost a fifth of their ice in ten years

A survey of 120 glaciers shows the fastest retreat since records began.

Jonas Berg

Oct 18, 2019 · 8 min read

The glacier above Lake Varn in 2009 and in 2019. | Photo: Kari Nyland/Nordic Press

The survey team walked, flew and sailed to 120 glaciers over three summers, repeating measurements first taken by a university expedition a decade earlier.

Nearly every glacier had shrunk, and the smallest had split into separate patches of ice that no longer move. On average, the glaciers lost a fifth of their volume.

The researchers say warmer summers explain most of the loss, but less snow in winter played a part on the western slopes, where the retreat was fastest.

Ice stations

The team left twelve automatic weather stations on the ice, which will send readings every hour until the batteries run out.

Facebook  Twitter  Email

More from Science

Comments (3)
"#;

#[test]
fn a_caption_needs_its_credit_and_a_byline_or_date_is_never_one() {
    let s = import(PHOTO);
    assert_eq!(
        s.title,
        "Glaciers in the north lost a fifth of their ice in ten years"
    );
    assert_eq!(
        metadata(&s),
        [
            ("author", "Jonas Berg"),
            ("image_credit", "Kari Nyland/Nordic Press"),
            ("published", "2019-10-18"),
        ]
    );
    let expected: &[(&str, &str)] = &[
        ("paragraph", "A survey of 120 glaciers shows the faste"),
        ("caption", "The glacier above Lake Varn in 2009 and "),
        ("paragraph", "The survey team walked, flew and sailed "),
        ("paragraph", "Nearly every glacier had shrunk, and the"),
        ("paragraph", "The researchers say warmer summers expla"),
        ("heading 2", "Ice stations"),
        ("paragraph", "The team left twelve automatic weather s"),
    ];
    let expected: Vec<(String, &str)> = expected.iter().map(|(k, t)| (k.to_string(), *t)).collect();
    assert_eq!(blocks(&s), expected);
    assert_eq!(
        s.blocks[1].text,
        "The glacier above Lake Varn in 2009 and in 2019."
    );
    assert_eq!(
        removed(&s),
        [
            (1, "Skip to content", "navigation"),
            (3, "Log In   Subscribe", "navigation"),
            (5, "Science", "page header"),
            (11, "Jonas Berg", "byline"),
            (13, "Oct 18, 2019 · 8 min read", "dateline"),
            (15, "| Photo: Kari Nyland/Nordic Press", "image credit"),
            (27, "Facebook  Twitter  Email", "share bar"),
            (29, "More from Science", "page footer"),
            (31, "Comments (3)", "counter"),
        ]
    );
}

#[test]
fn bylines_dates_reading_times_and_counters_are_never_captions() {
    let text = "Menu\n\nA headline about the harbour\n\nBy Jane Doe\n\n24 July 2015\n\n3 Min Read\n\n941 comments\n\nUpdated:2020/10/23 16:45\n\nThe harbour reopened on Monday after a week of repairs to the sea wall, the port authority said.\n\nShips that had waited outside the breakwater began to enter at dawn, and the ferry resumed its timetable.";
    let s = import(text);
    assert_eq!(s.title, "A headline about the harbour");
    assert!(
        s.blocks.iter().all(|b| b.kind == BlockKind::Paragraph),
        "{:?}",
        s.blocks
    );
    assert_eq!(s.blocks.len(), 2);
    let reasons: Vec<&str> = s.removed.iter().map(|r| r.reason.as_str()).collect();
    assert_eq!(
        reasons,
        [
            "navigation",
            "byline",
            "dateline",
            "reading time",
            "counter",
            "dateline"
        ]
    );
    // The first date near the headline is the article's; a later "Updated" is kept as such.
    assert_eq!(
        s.metadata.get("published").map(String::as_str),
        Some("2015-07-24")
    );
    assert_eq!(
        s.metadata.get("updated").map(String::as_str),
        Some("2020-10-23T16:45:00")
    );
}

#[test]
fn an_updated_stamp_alone_becomes_the_date() {
    let text = "Home | Tech\n\nRegulator approves the merger of two cable operators\n\nUpdated:2020/10/23 16:45\n\nThe national regulator approved the merger on Friday, with conditions on prices for the next three years, the two companies said in a joint statement.";
    let s = import(text);
    assert_eq!(
        s.title,
        "Regulator approves the merger of two cable operators"
    );
    assert_eq!(
        s.metadata.get("published").map(String::as_str),
        Some("2020-10-23T16:45:00")
    );
    assert!(s.blocks.iter().all(|b| !b.text.contains("Updated")));
}

#[test]
fn a_scrape_without_a_page_around_it_is_read_line_by_line() {
    // The title is the first line and nothing is chrome: the line rules apply, so a short
    // line stays a caption as in the bundled layout.
    let text = "Huawei and the long road abroad\n\nRen Zhengfei\n\nIn 2001, China joined the WTO, and Huawei took root in Dallas, where it opened its first office in the United States.\n\nBut honeymoons dont last.";
    let lines = crate::import::split_lines(text, 1);
    assert!(read(&lines).is_none());
    let s = import(text);
    assert_eq!(s.title, "Huawei and the long road abroad");
    assert!(matches!(s.blocks[0].kind, BlockKind::Caption { .. }));
    // Only short lines: nothing to find a page in.
    assert!(read(&crate::import::split_lines("Menu\n\nTitle\n\nShort.", 1)).is_none());
}

/// Every word of every line is kept somewhere: title, blocks, metadata or the removed lines.
#[test]
fn nothing_in_a_page_copy_is_lost() {
    for text in [NEWS, AGGREGATOR, INTERVIEW, PHOTO] {
        let s = import(text);
        let mut kept = String::new();
        kept.push_str(&s.title);
        for b in &s.blocks {
            kept.push(' ');
            kept.push_str(&b.text);
        }
        for r in &s.removed {
            kept.push(' ');
            kept.push_str(&r.text);
        }
        for line in text.lines() {
            for word in line.split_whitespace() {
                assert!(kept.contains(word), "{word:?} of {line:?} lost");
            }
        }
    }
}

#[test]
fn a_teaser_below_the_share_bar_is_not_the_article() {
    let mut text = String::from("Menu\n\nThe harbour reopens after a week of repairs\n\n");
    for n in 1..=4 {
        text.push_str(&format!(
            "Paragraph {n}: the harbour reopened on Monday after a week of repairs to the sea wall, the port authority said, and ships began to enter at dawn.\n\n"
        ));
    }
    text.push_str("Facebook  Twitter  Email\n\nA ferry company plans a second route across the bay, its owners told the town council on Tuesday evening.\n");
    let s = import(&text);
    assert_eq!(s.blocks.len(), 4);
    assert_eq!(
        removed(&s).last().map(|r| (r.0, r.2)),
        Some((15, "page footer"))
    );
}

/// Four paragraphs of a made-up harbour story, about 110 words.
fn harbour_paragraphs(text: &mut String, from: u32, to: u32) {
    for n in from..=to {
        text.push_str(&format!(
            "Paragraph {n}: the harbour reopened on Monday after a week of repairs to the sea wall, the port authority said, and ships began to enter at dawn.\n"
        ));
    }
}

#[test]
fn the_comment_section_ends_the_article_however_long_the_comments() {
    let mut text =
        String::from("Menu\nThe harbour reopens after a week of repairs\nBy Mara Lindqvist\n");
    harbour_paragraphs(&mut text, 1, 5);
    text.push_str("[ 12 comments ]\nTop Rated Comments\n");
    for n in 1..=12 {
        text.push_str(&format!(
            "Reader{n}\n2 days ago at 07:5{} am\nI walked along the new sea wall on Sunday and the repairs look solid to me, though the railing on the north side is still loose in places.\nRating: {n} Votes\n",
            n % 10
        ));
    }
    let s = import(&text);
    assert_eq!(s.title, "The harbour reopens after a week of repairs");
    assert_eq!(s.blocks.len(), 5, "{:?}", blocks(&s));
    let reasons: Vec<_> = removed(&s).into_iter().map(|r| (r.1, r.2)).collect();
    assert!(
        reasons.contains(&("Top Rated Comments", "comment section")),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&("[ 12 comments ]", "counter")),
        "{reasons:?}"
    );
}

#[test]
fn a_feed_of_teasers_after_the_article_is_dropped_but_a_box_inside_it_is_not() {
    let teasers = "Trending News\nFerry fares rise for the first time in six years\nThe operator blamed fuel costs and the new terminal for a rise that takes a return ticket past twenty pounds.\n5H ago\nLighthouse keeper retires after forty winters\nShe kept the light through storms, strikes and a fire, and leaves with a medal from the coastguard and a cake.\n1H ago\nFishing quotas cut again in the northern bay\nThe ministry said stocks of cod had fallen for a third year and the cut would be reviewed next spring.\nNov 18\n";
    // After the text: a feed, dropped.
    let mut text =
        String::from("Menu\nThe harbour reopens after a week of repairs\nBy Mara Lindqvist\n");
    harbour_paragraphs(&mut text, 1, 4);
    text.push_str(teasers);
    let s = import(&text);
    assert_eq!(s.blocks.len(), 4, "{:?}", blocks(&s));
    assert!(
        removed(&s)
            .iter()
            .any(|r| r.1 == "5H ago" && r.2 == "page footer"),
        "{:?}",
        removed(&s)
    );
    // Inside the text, the article going on after it: the article is kept whole.
    let mut text =
        String::from("Menu\nThe harbour reopens after a week of repairs\nBy Mara Lindqvist\n");
    harbour_paragraphs(&mut text, 1, 4);
    text.push_str(teasers);
    harbour_paragraphs(&mut text, 5, 9);
    let s = import(&text);
    let kept: Vec<_> = blocks(&s).into_iter().map(|b| b.1.to_string()).collect();
    assert!(
        kept.iter().any(|b| b.starts_with("Paragraph 9")),
        "{kept:?}"
    );
}

#[test]
fn the_headline_is_the_line_its_byline_follows_not_a_standfirst_or_a_video_title() {
    let mut text = String::from(
        "Menu\nLatest videos\nHarbour master on the storm season\nNews\nPublished 22 hours ago\nThe harbour reopens after a week of repairs\nNew, 15 comments\nThe sea wall held through two storms this autumn\nBy Mara Lindqvist | Coast News\nFacebook  Twitter\n",
    );
    harbour_paragraphs(&mut text, 1, 4);
    let s = import(&text);
    assert_eq!(s.title, "The harbour reopens after a week of repairs");
}

#[test]
fn a_headline_in_capitals_under_run_together_labels_is_the_headline() {
    let mut text = String::from(
        "HOME\nABOUT ME\nTIPS & TRICKS\nBabywearingColoradoFamily & LifeTipsTravel\nHIKING THE BOULDER FLAT IRONS\nwritten by Regan\nFacebook\nTwitter\n",
    );
    harbour_paragraphs(&mut text, 1, 4);
    let s = import(&text);
    assert_eq!(s.title, "HIKING THE BOULDER FLAT IRONS");
}

#[test]
fn a_standfirst_between_the_headline_and_the_byline_keeps_the_headline() {
    let mut text = String::from(
        "Subscribe\nThe Harbour Journal\nNovember 20, 2019\nHome\nWorld\nOPINION\nIs the sea wall worth its cost?\nThe repairs have taken a decade and three budgets, and the town is still arguing over who should pay for the rest.\nBy Mara Lindqvist\nNov. 18, 2019 7:04 pm ET\n",
    );
    harbour_paragraphs(&mut text, 1, 4);
    let s = import(&text);
    assert_eq!(s.title, "Is the sea wall worth its cost?");
}

#[test]
fn a_table_row_copied_with_its_tabs_is_no_headline() {
    let rows = ["Pos\tShip\tShifts\t%\tNotes", "40\tMary Rose\t1\t0\t0"];
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .map(|(i, text)| Line {
            no: i as u32 + 1,
            text,
        })
        .collect();
    let rows = units(&lines, &mut Sink::default());
    assert!(rows.iter().all(|u| !title_like(u)), "{rows:?}");
    // The same words without the tabs would be.
    let plain = [Line {
        no: 1,
        text: "Mary Rose and the Golden Hind",
    }];
    assert!(title_like(&units(&plain, &mut Sink::default())[0]));
}

#[test]
fn the_headline_the_text_echoes_wins_over_a_dated_teaser_nearer_the_text() {
    // A related story's teaser, with its date, stands right above the headline, whose
    // byline is a bare name: the text's opening tells what the headline names, not the
    // teaser.
    let mut text = String::from(
        "Markets\nTidal power: is there still a future?\nWednesday 4 March 2020 9:22 am\nThe harbour reopens after a week of repairs\nMara Lindqvist\nShare\n",
    );
    harbour_paragraphs(&mut text, 1, 4);
    let s = import(&text);
    assert_eq!(s.title, "The harbour reopens after a week of repairs");
    assert!(
        removed(&s).contains(&(2, "Tidal power: is there still a future?", "page header")),
        "{:?}",
        removed(&s)
    );
    assert_eq!(s.blocks.len(), 5);
}

#[test]
fn a_headline_below_a_notice_the_text_opens_with_is_found_with_its_byline() {
    // A long notice (an affiliate disclaimer) reads like running text and opens the run;
    // the headline and its byline and date stand two lines below it.
    let mut text = String::from(
        "Skip to main content\nNews\nScience\nOur site is supported by its readers. When you buy through links on our pages, we may earn a small commission at no cost to you.\nHome News\nThe harbour reopens after a week of repairs\nBy Mara Lindqvist\nMarch 3, 2020\n",
    );
    harbour_paragraphs(&mut text, 1, 4);
    let s = import(&text);
    assert_eq!(s.title, "The harbour reopens after a week of repairs");
    assert_eq!(s.title_line, 6);
    assert_eq!(
        metadata(&s),
        [("author", "Mara Lindqvist"), ("published", "2020-03-03")]
    );
    let dropped: Vec<_> = removed(&s).into_iter().map(|r| (r.0, r.2)).collect();
    assert_eq!(
        dropped,
        [
            (1, "navigation"),
            (2, "page header"),
            (3, "page header"),
            (4, "page header"),
            (5, "page header"),
            (7, "byline"),
            (8, "dateline"),
        ]
    );
    assert_eq!(s.blocks.len(), 4);
}

#[test]
fn a_dated_subheading_after_the_texts_first_paragraphs_is_not_the_headline() {
    // Inside the text a heading with a date under it is the text's own once a paragraph's
    // worth of text stands above it.
    let mut text = String::from(
        "Menu\nThe harbour reopens after a week of repairs\nBy Mara Lindqvist\nMarch 3, 2020\n",
    );
    harbour_paragraphs(&mut text, 1, 4);
    text.push_str("How the repairs went\nMarch 1, 2020\n");
    harbour_paragraphs(&mut text, 5, 8);
    let s = import(&text);
    assert_eq!(s.title, "The harbour reopens after a week of repairs");
    assert!(
        s.blocks.iter().any(|b| b.text == "How the repairs went"),
        "{:?}",
        blocks(&s)
    );
}

#[test]
fn a_headline_beyond_menu_labels_stays_the_headline() {
    let mut text = String::from(
        "Menu\nThe Coast Herald\nThe Valley Times\nSign In\nWeather\nThe harbour reopens after a week of repairs\nSearch\nMara Lindqvist\n",
    );
    harbour_paragraphs(&mut text, 1, 4);
    let s = import(&text);
    assert_eq!(s.title, "The harbour reopens after a week of repairs");
}
