use std::path::Path;

use super::*;

const WXR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/exports/site.xml"
);
const DISQUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/exports/disqus.xml"
);

fn read(path: &str) -> Export {
    read_export(Path::new(path), Path::new("e.xml"), Include::default())
        .unwrap_or_else(|e| panic!("{e}"))
}

/// (id, depth, author, staff, date) in display order.
fn walk(t: &Thread) -> Vec<(String, usize, String, bool, String)> {
    t.walk()
        .iter()
        .map(|v| {
            let c = v.comment;
            (
                c.id.0.clone(),
                v.depth,
                c.author.clone(),
                c.staff,
                c.date_time.map(|d| d.to_string()).unwrap_or_default(),
            )
        })
        .collect()
}

fn rows(rows: &[(&str, usize, &str, bool, &str)]) -> Vec<(String, usize, String, bool, String)> {
    rows.iter()
        .map(|&(id, d, a, s, t)| (id.to_string(), d, a.to_string(), s, t.to_string()))
        .collect()
}

#[test]
fn wordpress_posts_come_through_exactly() {
    let e = read(WXR);
    assert_eq!(e.kind, ExportKind::Wxr);
    assert_eq!(
        e.threads.len(),
        2,
        "pages, drafts, attachments and menus are not articles"
    );
    let post = &e.threads[0];
    assert_eq!(post.title, "Tide tables return to the harbour office");
    assert_eq!(
        post.url.as_deref(),
        Some("https://harbour.example/2021/05/tide-tables/")
    );
    let p = post.post.as_ref().unwrap();
    assert_eq!(p.slug, "tide-tables");
    assert_eq!(p.authors, ["Mira Okafor"]);
    assert_eq!(
        p.date.map(|d| d.to_string()).as_deref(),
        Some("2021-05-25T17:07:00+08:00")
    );
    assert_eq!(p.tags, ["Harbour", "tides"]);
    assert_eq!(p.site.as_deref(), Some("Harbour Notes"));
    assert!(p.content.starts_with("The harbour office prints <strong>"));
    assert_eq!(
        walk(&post.comments),
        rows(&[
            ("wp-10", 0, "Ana", false, "2021-05-25T18:00:00+08:00"),
            ("wp-15", 1, "Chen", false, "2021-05-25T18:30:00+08:00"),
            ("wp-11", 1, "Ben", false, "2021-05-25T19:00:00+08:00"),
            ("wp-12", 2, "Mira Okafor", true, "2021-05-25T19:30:00+08:00"),
            ("wp-13", 3, "Ana", false, "2021-05-25T20:00:00+08:00"),
            ("wp-14", 4, "Zoë", false, "2021-05-25T21:00:00+08:00"),
            ("wp-20", 0, "Ødegaard", false, "2021-05-26T08:00:00+08:00"),
            ("wp-27", 1, "Ines", false, "2021-05-26T09:00:00+08:00"),
            (
                "wp-28",
                1,
                "<img src=x onerror=alert('wxr author')>",
                false,
                "2021-05-26T09:00:00+08:00"
            ),
            ("wp-22", 0, "Pat", false, "2021-05-26T12:00:00+08:00"),
        ])
    );
    let body = |id: &str| {
        let i = post.comments.find(id).unwrap();
        post.comments.comments[i].body.clone()
    };
    assert_eq!(
        body("wp-10"),
        "At last!\n\nThe paper tables were always sold out by June."
    );
    assert_eq!(
        body("wp-12"),
        "Thanks, Ben — the office opens at 8.\nBring the old card."
    );
    assert_eq!(body("wp-13"), "Good to know.\nSee you there.");
    assert_eq!(
        body("wp-20"),
        "Great news for 日本語 readers too.\n\nDetails here."
    );
    let pingbacks: Vec<(&str, &str, Option<&str>)> = post
        .pingbacks
        .iter()
        .map(|p| (p.kind.as_str(), p.author.as_str(), p.url.as_deref()))
        .collect();
    assert_eq!(
        pingbacks,
        [
            (
                "pingback",
                "Tide Blog",
                Some("https://tides.example/2021/05/tables/")
            ),
            ("trackback", "Sail News", None),
        ]
    );
    assert_eq!(
        post.pingbacks[0].body,
        "[…] the harbour office has the tables again […]"
    );

    let ferry = &e.threads[1];
    assert_eq!(ferry.title, "Ferry timetable & piers");
    assert_eq!(
        walk(&ferry.comments),
        rows(&[
            ("wp-30", 0, "Reader Rae", false, "2021-05-27T09:00:00+08:00"),
            ("wp-31", 1, "Tomás Ruiz", false, "2021-05-27T10:00:00+08:00"),
            ("wp-32", 2, "Mira Okafor", true, "2021-05-27T11:00:00+08:00"),
        ])
    );
    assert_eq!(
        e.report,
        Report {
            threads: 2,
            threads_with_comments: 2,
            comments: 13,
            spam: 1,
            trash: 1,
            unapproved: 1,
            deleted: 0,
            pingbacks: 2,
            other_types: 0,
            moved_to_top: 1,
            without_thread: 0,
            skipped_pages: 1,
            skipped_drafts: 1,
            skipped_attachments: 1,
            skipped_other: 1,
            comments_on_skipped: 1,
        }
    );
}

#[test]
fn pages_drafts_and_attachments_only_when_asked_for() {
    let all = read_export(
        Path::new(WXR),
        Path::new("e.xml"),
        Include {
            pages: true,
            drafts: true,
            attachments: true,
        },
    )
    .unwrap();
    let titles: Vec<&str> = all.threads.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Tide tables return to the harbour office",
            "Ferry timetable & piers",
            "About",
            "Unfinished",
            "harbour-photo"
        ]
    );
    let draft = all.threads[3].post.as_ref().unwrap();
    assert_eq!(
        draft.date.map(|d| d.to_string()).as_deref(),
        Some("2021-06-01T09:00:00"),
        "a draft has no UTC time, so no zone"
    );
    assert_eq!(draft.authors, ["Tomás Ruiz"]);
    assert_eq!(all.report.skipped_other, 1);
    assert_eq!(all.report.comments_on_skipped, 0);
}

#[test]
fn disqus_threads_come_through_exactly() {
    let e = read(DISQUS);
    assert_eq!(e.kind, ExportKind::Disqus);
    let titles: Vec<(&str, Option<&str>)> = e
        .threads
        .iter()
        .map(|t| (t.title.as_str(), t.identifier.as_deref()))
        .collect();
    assert_eq!(
        titles,
        [
            (
                "Tide tables return to the harbour office",
                Some("tide-tables")
            ),
            (
                "A page that is gone",
                Some("https://harbour.example/lost-page/")
            ),
            ("Ferry timetable", None),
        ]
    );
    let t = &e.threads[0];
    assert_eq!(
        walk(&t.comments),
        rows(&[
            ("dsq-506", 0, "Nadia", false, "2021-05-25T09:00:00Z"),
            ("dsq-510", 1, "Anonymous", false, "2021-05-25T09:30:00Z"),
            ("dsq-501", 0, "Kai", false, "2021-05-25T10:00:00Z"),
            ("dsq-502", 1, "Léa", false, "2021-05-25T11:00:00Z"),
            ("dsq-503", 2, "Guest Walker", false, "2021-05-25T12:00:00Z"),
            ("dsq-504", 3, "Kai", false, "2021-05-25T13:00:00Z"),
            ("dsq-505", 4, "Mo", false, "2021-05-25T14:00:00Z"),
            ("dsq-509", 0, "Pat", false, "2021-05-25T15:00:00Z"),
            (
                "dsq-511",
                0,
                "<script>alert('disqus author')</script>",
                false,
                "2021-05-25T16:00:00Z"
            ),
        ])
    );
    let body = |id: &str| {
        t.comments.comments[t.comments.find(id).unwrap()]
            .body
            .clone()
    };
    assert_eq!(
        body("dsq-501"),
        "First!\n\nSecond paragraph,\nwith a break."
    );
    assert_eq!(
        body("dsq-506"),
        "Early bird & proud.\n\na link and the site"
    );
    assert_eq!(walk(&e.threads[1].comments).len(), 1);
    assert!(e.threads[2].comments.is_empty());
    assert_eq!(e.report.comments, 10);
    assert_eq!((e.report.deleted, e.report.spam), (1, 1));
    assert_eq!(e.report.moved_to_top, 1);
    assert_eq!(e.report.threads, 3);
    assert_eq!(e.report.threads_with_comments, 2);
}

#[test]
fn the_same_export_gives_the_same_threads_whatever_the_post_order() {
    let text = std::fs::read_to_string(DISQUS).unwrap();
    let start = text.find("  <post ").unwrap();
    let end = text.rfind("</post>\n").unwrap() + "</post>\n".len();
    let mut posts: Vec<String> = text[start..end]
        .split_inclusive("</post>\n")
        .map(str::to_string)
        .collect();
    posts.reverse();
    let reversed = format!("{}{}{}", &text[..start], posts.concat(), &text[end..]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.xml");
    std::fs::write(&path, reversed).unwrap();
    let a = read(DISQUS);
    let b = read(path.to_str().unwrap());
    let strip = |e: &Export| -> Vec<_> { e.threads.iter().map(|t| walk(&t.comments)).collect() };
    assert_eq!(strip(&a), strip(&b));
}

#[test]
fn urls_match_without_scheme_www_slash_query_or_fragment() {
    let same = [
        "https://harbour.example/2021/05/tide-tables/",
        "http://www.harbour.example/2021/05/tide-tables?utm_source=feed#comments",
        "HTTPS://WWW.Harbour.Example:443/2021/05/tide-tables//",
        "//harbour.example/2021/05/tide-tables",
    ];
    for url in same {
        assert_eq!(
            url_key(url).as_deref(),
            Some("harbour.example/2021/05/tide-tables"),
            "{url}"
        );
    }
    assert_eq!(
        url_key("https://harbour.example").as_deref(),
        Some("harbour.example")
    );
    assert_ne!(
        url_key("https://harbour.example/a"),
        url_key("https://harbour.example/A")
    );
    for not_a_url in [
        "javascript:alert(1)",
        "tide-tables",
        "",
        "ftp://x/y",
        "https:///x",
    ] {
        assert_eq!(url_key(not_a_url), None, "{not_a_url}");
    }
}

#[test]
fn wordpress_dates_carry_the_sites_offset() {
    let rows: &[(&str, &str, Option<&str>)] = &[
        (
            "2021-05-25 17:07:00",
            "2021-05-25 09:07:00",
            Some("2021-05-25T17:07:00+08:00"),
        ),
        (
            "2021-05-25 04:00:00",
            "2021-05-25 09:30:00",
            Some("2021-05-25T04:00:00-05:30"),
        ),
        (
            "2021-05-25 09:07:00",
            "2021-05-25 09:07:00",
            Some("2021-05-25T09:07:00Z"),
        ),
        (
            "2021-05-25 09:07:00",
            "0000-00-00 00:00:00",
            Some("2021-05-25T09:07:00"),
        ),
        (
            "2021-05-25 09:07:00",
            "2021-05-27 09:07:00",
            Some("2021-05-25T09:07:00"),
        ),
        ("", "2021-05-25 09:07:00", Some("2021-05-25T09:07:00Z")),
        ("0000-00-00 00:00:00", "", None),
    ];
    for &(local, gmt, expected) in rows {
        let got = wordpress_date(local, gmt).unwrap().map(|d| d.to_string());
        assert_eq!(got.as_deref(), expected, "{local} / {gmt}");
    }
    assert!(wordpress_date("yesterday", "").is_err());
}

#[test]
fn parents_in_any_order_cycles_and_orphans_all_land_somewhere() {
    let rec = |key: &str, parent: Option<&str>, minute: u8| Record {
        key: key.into(),
        parent: parent.map(Into::into),
        comment: Comment {
            id: comment_id("t", key),
            number: None,
            author: key.to_string(),
            staff: false,
            date_time: crate::model::Date::new(2021, 1, 1)
                .and_then(|d| DateTime::new(d, 0, minute, 0)),
            date_text: None,
            body: String::new(),
            replies: Vec::new(),
            parent: None,
            line: 1,
        },
    };
    let mut moved = 0;
    let t = link_thread(
        vec![
            rec("c", Some("b"), 3),
            rec("x", Some("y"), 9),
            rec("y", Some("x"), 8),
            rec("b", Some("a"), 2),
            rec("a", None, 1),
            rec("o", Some("gone"), 0),
            rec("a", None, 5),
        ],
        &mut moved,
    );
    let got: Vec<(String, usize)> = t
        .walk()
        .iter()
        .map(|v| (v.comment.id.0.clone(), v.depth))
        .collect();
    let expected: Vec<(String, usize)> = [
        ("t-o", 0),
        ("t-a", 0),
        ("t-b", 1),
        ("t-c", 2),
        ("t-a_2", 0),
        ("t-x", 0),
        ("t-y", 1),
    ]
    .iter()
    .map(|&(id, d)| (id.to_string(), d))
    .collect();
    assert_eq!(got, expected);
    assert_eq!(moved, 2, "the orphan and the cycle");
    assert_eq!(t.len(), 7);
}

#[test]
fn appended_threads_keep_their_shape_and_get_unique_ids() {
    let e = read(DISQUS);
    let mut into = Thread::default();
    let added = append_thread(&mut into, &e.threads[0].comments);
    assert_eq!(added, 9);
    let again = append_thread(&mut into, &e.threads[0].comments);
    assert_eq!(again, 9);
    let ids: Vec<String> = into.walk().iter().map(|v| v.comment.id.0.clone()).collect();
    assert_eq!(ids[0], "dsq-506");
    assert_eq!(ids[9], "dsq-506_2");
    let unique: std::collections::HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), 18);
    assert_eq!(into.walk().iter().map(|v| v.depth).max(), Some(4));
}

#[test]
fn broken_exports_are_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    let rows: &[(&str, &str)] = &[
        (
            "<disqus>\n  <post dsq:id=\"1\"><message>x</message></post>\n</disqus>",
            "b.xml:2:3: `<post>` without a `<thread>`",
        ),
        (
            "<disqus>\n <thread><link>x</link></thread></disqus>",
            "b.xml:2:2: `<thread>` without a `dsq:id`",
        ),
        (
            "<disqus><post dsq:id=\"1\"><thread dsq:id=\"2\"/>\n  <createdAt>soon</createdAt></post></disqus>",
            "b.xml:2:3: `soon` is not a date and time",
        ),
        (
            "<rss xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel><item>\n<wp:comment><wp:comment_approved>1</wp:comment_approved></wp:comment></item></channel></rss>",
            "b.xml:2:1: `<wp:comment>` without a `<wp:comment_id>`",
        ),
        (
            "<rss><channel/></rss>",
            "b.xml:1:1: an RSS feed, not a WordPress export",
        ),
        ("<html><body/></html>", "b.xml:1:1: `<html>` is neither"),
        (
            "<disqus>\n<post dsq:id=\"1\">",
            "b.xml:2:18: the file ends inside `<post>`",
        ),
    ];
    for (xml, expected) in rows {
        let path = dir.path().join("b.xml");
        std::fs::write(&path, xml).unwrap();
        let e = read_export(&path, Path::new("b.xml"), Include::default())
            .expect_err(xml)
            .to_string();
        assert!(e.starts_with(expected), "{xml:?}: {e}");
    }
}

#[test]
fn json_has_url_title_and_comments_in_the_import_shape() {
    let e = read(DISQUS);
    let v = e.threads[0].to_json();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["url", "title", "identifier", "line", "comments"]);
    let first = &v["comments"][0];
    let keys: Vec<&str> = first
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        ["id", "author", "staff", "date", "body", "line", "replies"]
    );
    let w = read(WXR);
    let v = w.threads[0].to_json();
    assert_eq!(v["pingbacks"][0]["kind"], "pingback");
    assert_eq!(v["authors"][0], "Mira Okafor");
}

#[test]
fn wordpress_content_becomes_html_paragraphs() {
    let rows: &[(&str, &[&str])] = &[
        (
            "Plain <strong>bold</strong> text.\n\nSecond\nwith a break.",
            &[
                "<p>Plain <strong>bold</strong> text.</p>",
                "<p>Second<br />\nwith a break.</p>",
            ],
        ),
        (
            "<!-- wp:paragraph -->\n<p>Block editor</p>\n<!-- /wp:paragraph -->\n\n<ul>\n<li>a</li>\n</ul>",
            &[
                "<!-- wp:paragraph -->\n<p>Block editor</p>\n<!-- /wp:paragraph -->",
                "<ul>\n<li>a</li>\n</ul>",
            ],
        ),
        (
            "<pre>x</pre>\r\n\r\n<paragraph>not a p</paragraph>",
            &["<pre>x</pre>", "<p><paragraph>not a p</paragraph></p>"],
        ),
        ("\n\n  \n\n", &[]),
    ];
    for (content, blocks) in rows {
        assert_eq!(wordpress_blocks(content), *blocks, "{content:?}");
    }
}

#[test]
fn a_thread_ten_thousand_replies_deep_needs_no_deep_stack() {
    let mut xml = String::from(
        "<disqus xmlns:dsq=\"x\"><thread dsq:id=\"t\"><link>https://a.example/x</link></thread>\n",
    );
    for i in (0..10_000).rev() {
        let parent = if i > 0 {
            format!("<parent dsq:id=\"{}\"/>", i - 1)
        } else {
            String::new()
        };
        xml.push_str(&format!(
            "<post dsq:id=\"{i}\"><message>&lt;p&gt;{i}&lt;/p&gt;</message><thread dsq:id=\"t\"/>{parent}</post>\n"
        ));
    }
    xml.push_str("</disqus>\n");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep.xml");
    std::fs::write(&path, xml).unwrap();
    let e = read(path.to_str().unwrap());
    let walk = e.threads[0].comments.walk();
    assert_eq!(walk.len(), 10_000);
    assert_eq!(walk.last().map(|v| v.depth), Some(9_999));
    let json = e.threads[0].to_json();
    let text = crate::json::to_string_pretty(&json);
    crate::json::drop_deep(json);
    assert!(text.contains("\"body\":\"9999\""));
}

#[test]
fn cut_or_damaged_exports_are_errors_never_panics() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut.xml");
    for source in [WXR, DISQUS] {
        let bytes = std::fs::read(source).unwrap();
        for cut in (0..bytes.len()).step_by(97) {
            std::fs::write(&path, &bytes[..cut]).unwrap();
            let _ = read_export(&path, Path::new("cut.xml"), Include::default());
            let mut damaged = bytes.clone();
            damaged[cut] = b'<';
            std::fs::write(&path, &damaged).unwrap();
            let _ = read_export(&path, Path::new("cut.xml"), Include::default());
        }
    }
}
