//! Front matter written for Zola and Hugo, in YAML and TOML (the `zola_hugo` fixture): drafts
//! left out of every output unless `--drafts` asks for them, aliases written as redirect
//! pages the link checker accepts, `extra:` reaching templates, and the new keys surviving
//! `import --out`. The whole output of the fixture is compared in `golden.rs`; its errors are
//! `invalid/` cases.

use super::support::{TestBook, fixture, tree};

fn book() -> TestBook {
    TestBook::copy_of(&fixture("zola_hugo"))
}

/// Every file of the output as text (EPUBs by entry), joined: what a reader or a crawler
/// could find anywhere in the build.
fn everything(book: &TestBook) -> String {
    let mut all = String::new();
    for (rel, bytes) in tree(&book.path().join("public")) {
        if rel.ends_with(".epub") {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            for i in 0..zip.len() {
                let mut entry = zip.by_index(i).unwrap();
                let mut text = String::new();
                if std::io::Read::read_to_string(&mut entry, &mut text).is_ok() {
                    all.push_str(&format!("\n== {rel}!{}\n{text}", entry.name()));
                }
            }
        } else {
            all.push_str(&format!("\n== {rel}\n{}", String::from_utf8_lossy(&bytes)));
        }
    }
    all
}

#[test]
fn a_draft_is_left_out_of_every_output_unless_drafts_are_asked_for() {
    let book = book();
    let run = book.build();
    assert!(
        run.stderr
            .contains("Built 2 articles, 3 comments → public (html, epub) in ")
            && run
                .stderr
                .contains(" s; 1 draft left out (--drafts builds it)\n"),
        "{}",
        run.stderr
    );
    let all = everything(&book);
    for trace in ["north quay", "new-crane", "crane/", "quay"] {
        assert!(!all.contains(trace), "`{trace}` is in the build:{all}");
    }
    assert!(!book.path().join("public/crane").exists());

    let run = book.run(&["build", "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("Built 3 articles, 3 comments"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("left out"), "{}", run.stderr);
    let page = book.read("public/new-crane/index.html");
    assert!(
        page.contains("<p class=\"notice notice-draft\">Draft: built because"),
        "{page}"
    );
    for file in [
        "public/index.html",
        "public/search/docs/0.js",
        "public/atom.xml",
        "public/sitemap.xml",
        "public/tags/quay/index.html",
        "public/crane/index.html",
    ] {
        assert!(book.read(file).contains("new-crane"), "{file}");
    }
    assert!(
        book.read("public/index.html")
            .contains("<span class=\"badge badge-draft\">draft</span>")
    );
    let all = everything(&book);
    assert!(
        all.contains("== harbour-notes.epub!OEBPS/article-new-crane.xhtml"),
        "the draft is not in the EPUB"
    );

    // The next build without --drafts takes it out again, as a clean build would.
    book.build();
    assert!(!book.path().join("public/new-crane").exists());
    assert!(!everything(&book).contains("north quay"));
}

#[test]
fn check_notes_each_draft_and_checks_drafts_when_asked() {
    let book = book();
    // A draft's broken link is not the published site's problem until it is built.
    let draft = book.read("content/new-crane.md");
    book.write(
        "content/new-crane.md",
        format!("{draft}\nSee [the plans](../plans/index.html).\n").as_bytes(),
    );
    let run = book.run(&["check", "--strict", "--format", "json"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let findings: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        findings,
        serde_json::json!([{
            "severity": "note",
            "code": "draft",
            "message": "“A new crane for the north quay” is a draft: it loads, but builds and this check leave it out",
            "path": "content/new-crane.md",
            "line": 5,
            "col": 8,
            "hint": "`folio check --drafts` checks it like the rest, `folio build --drafts` builds it"
        }])
    );
    let human = book.run(&["check", "--strict"]);
    assert_eq!(human.code, 0, "{}", human.stderr);
    assert!(
        human.stderr.starts_with(
            "note[1/1] draft: content/new-crane.md:5:8: “A new crane for the north quay” is a draft"
        ) && human.stderr.contains("  5 | draft: true\n    |        ^\n")
            && human.stderr.ends_with("0 errors, 0 warnings, 1 note\n"),
        "{}",
        human.stderr
    );

    let run = book.run(&["check", "--drafts", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let findings: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let codes: Vec<(&str, &str, &str)> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["severity"].as_str().unwrap(),
                f["code"].as_str().unwrap(),
                f["path"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [("error", "broken-link", "content/new-crane.md")],
        "{}",
        run.stdout
    );

    // A draft that does not load is an error with or without --drafts.
    book.write(
        "content/new-crane.md",
        draft
            .replace("date: 2021-06-15", "date: mid June")
            .as_bytes(),
    );
    let run = book.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error[1/1] build: content/new-crane.md:4:7: `mid June` is not a date"),
        "{}",
        run.stderr
    );
}

#[test]
fn aliases_redirect_to_their_article_and_pass_the_link_check() {
    let book = book();
    book.build();
    for (alias, article) in [
        ("old/tide-tables/index.html", "tide-tables"),
        ("2021/05/tide-tables.html", "tide-tables"),
        ("2021/ferry.html", "ferry-timetable"),
    ] {
        let page = book.read(&format!("public/{alias}"));
        for part in [
            format!("<link rel=\"canonical\" href=\"https://example.org/notes/{article}/\">"),
            format!("<meta http-equiv=\"refresh\" content=\"0; url=/notes/{article}/\">"),
            format!("<a href=\"/notes/{article}/\">"),
            "<meta name=\"robots\" content=\"noindex\">".to_string(),
        ] {
            assert!(page.contains(&part), "{alias} lacks {part}:\n{page}");
        }
    }
    let all = everything(&book);
    let epub: String = all
        .split("\n== ")
        .filter(|part| part.starts_with("harbour-notes.epub!"))
        .collect();
    assert!(!epub.is_empty());
    assert!(
        !epub.contains("old/tide-tables") && !epub.contains("2021/ferry"),
        "an alias reached the EPUB"
    );
    let sitemap = book.read("public/sitemap.xml");
    // (`archive/2021/` is the archive's year, not an alias.)
    assert!(
        !sitemap.contains("/old/") && !sitemap.contains("notes/2021/"),
        "{sitemap}"
    );

    // The link checker follows every link of the redirect pages.
    let check = book.run(&["check", "--strict"]);
    assert_eq!(check.code, 0, "{}", check.stderr);

    // Without base_url the redirect sends readers to the path from the site's root.
    let yaml = book.read("book.yaml");
    book.write(
        "book.yaml",
        yaml.replace("base_url: https://example.org/notes/\n", "")
            .as_bytes(),
    );
    std::fs::write(
        book.path().join("content/ferry-timetable.md"),
        book.read("content/ferry-timetable.md").replace(
            "https://example.org/notes/2021/ferry.html",
            "/2021/ferry.html",
        ),
    )
    .unwrap();
    book.build();
    let page = book.read("public/old/tide-tables/index.html");
    assert!(
        page.contains("<link rel=\"canonical\" href=\"/tide-tables/\">")
            && page.contains("content=\"0; url=/tide-tables/\""),
        "{page}"
    );
    let check = book.run(&["check", "--strict"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

/// The fixture's ferry article is Zola's TOML (`+++`): its alias is placed in the TOML too.
#[test]
fn a_full_url_alias_needs_a_base_url() {
    let book = book();
    let yaml = book.read("book.yaml");
    book.write(
        "book.yaml",
        yaml.replace("base_url: https://example.org/notes/\n", "")
            .as_bytes(),
    );
    let run = book.run(&["build"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: content/ferry-timetable.md:6:12: alias `https://example.org/notes/2021/ferry.html` is a full URL, but book.yaml has no `base_url` to tell where the site is; write the path from the site root\n  6 | aliases = [\"https://example.org/notes/2021/ferry.html\"]\n    |            ^\n  hint: an alias is a former address in the site: `2019/old-title/`, `/2019/old-title.html`\n"
    );
}

#[test]
fn extra_reaches_the_templates_as_written() {
    let book = book();
    book.write(
        "themes/default/templates/footer.html",
        br#"<footer class="site-footer">
{%- if article %}<p class="series">{% if article.extra.series %}{{ article.extra.series.name }}, part {{ article.extra.series.part }}{% else %}no series{% endif %}</p>{% endif %}
{%- if articles %}{% for a in articles %}<p class="hero">{{ a.slug }}: {{ a.extra.hero | default(value="none") }}</p>{% endfor %}{% endif %}
</footer>
"#,
    );
    book.build();
    let tide = book.read("public/tide-tables/index.html");
    assert!(
        tide.contains("<p class=\"series\">Office hours, part 2</p>"),
        "{tide}"
    );
    let ferry = book.read("public/ferry-timetable/index.html");
    assert!(
        ferry.contains("<p class=\"series\">no series</p>"),
        "{ferry}"
    );
    let index = book.read("public/index.html");
    assert!(
        index.contains("<p class=\"hero\">tide-tables: images/tables.jpg</p>")
            && index.contains("<p class=\"hero\">ferry-timetable: none</p>"),
        "{index}"
    );
}

#[test]
fn the_new_keys_survive_import_out() {
    let book = book();
    // A raw scrape whose front matter uses the new keys, turned into a curated Markdown file.
    book.write(
        "scrapes/notice.txt",
        "---\nauthor: Mira Okafor\ndate: 2021-05-25T17:07:00+08:00\nupdated: 2021-06-02\nsummary: The office closes early on Friday.\ndraft: true\naliases: [notices/friday/]\ncategories: Harbour\nextra: {pinned: true}\n---\nOffice hours\n\nThe office closes at noon on Friday.\n"
            .as_bytes(),
    );
    let run = book.run(&["import", "scrapes/notice.txt", "--out", "content"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = book.read("content/notice.md");
    for line in [
        "authors:\n- Mira Okafor\n",
        "date: 2021-05-25T17:07:00+08:00\n",
        "updated: 2021-06-02\n",
        "description: The office closes early on Friday.\n",
        "draft: true\n",
        "aliases:\n- notices/friday/\n",
        "tags:\n- Harbour\n",
        "extra:\n  pinned: true\n",
    ] {
        assert!(md.contains(line), "`{line}` missing from\n{md}");
    }
    // It is a draft, so the build leaves it out; --drafts builds it with its alias.
    let run = book.build();
    assert!(run.stderr.contains("2 drafts left out"), "{}", run.stderr);
    let run = book.run(&["build", "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        book.read("public/notices/friday/index.html")
            .contains("url=/notes/notice/")
    );
}
