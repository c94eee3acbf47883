//! The EPUB backend: every XHTML file parses as XML, the memo's whole thread is in its chapter,
//! rebuilds are byte-identical, and W3C epubcheck has nothing to say. (The package, nav and
//! every chapter are compared with `tests/fixtures/*/expected/` in `golden.rs`.)

use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;
use std::process::Command;

use super::support::{TestBook, fixture, folio_env, validator};

const BUNDLED_EPUB: &str = "public/telecoms-and-tech-archive.epub";
const MEMO_CHAPTER: &str = "OEBPS/article-huawei-memo-software-domination.xhtml";

/// The entries of an EPUB in archive order, with how each is compressed.
struct Epub {
    entries: Vec<(String, bool, Vec<u8>)>,
}

impl Epub {
    fn open(path: &Path) -> Epub {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
        let mut entries = Vec::new();
        for i in 0..archive.len() {
            let mut file = archive.by_index(i).unwrap();
            let stored = file.compression() == zip::CompressionMethod::Stored;
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            entries.push((file.name().to_string(), stored, data));
        }
        Epub { entries }
    }

    fn text(&self, name: &str) -> String {
        let (_, _, data) = self
            .entries
            .iter()
            .find(|(n, _, _)| n == name)
            .unwrap_or_else(|| panic!("no {name} in the EPUB"));
        String::from_utf8(data.clone()).expect("UTF-8")
    }

    fn names(&self) -> Vec<&str> {
        self.entries.iter().map(|(n, _, _)| n.as_str()).collect()
    }

    /// Parses every XHTML file as XML and checks what every reading system relies on.
    fn check_xhtml(&self) {
        let mut checked = 0;
        for (name, _, data) in &self.entries {
            if !name.ends_with(".xhtml") {
                continue;
            }
            let text = std::str::from_utf8(data).unwrap();
            let doc =
                parse_xml(text).unwrap_or_else(|e| panic!("{name} is not well-formed XML: {e}"));
            let html = doc.root_element();
            assert_eq!(html.tag_name().name(), "html", "{name}");
            assert_eq!(
                html.tag_name().namespace(),
                Some("http://www.w3.org/1999/xhtml"),
                "{name}"
            );
            let lang = html
                .attribute("lang")
                .unwrap_or_else(|| panic!("{name}: no lang"));
            assert_eq!(
                html.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
                Some(lang),
                "{name}: xml:lang must match lang"
            );
            let title = doc
                .descendants()
                .find(|n| n.has_tag_name("title"))
                .and_then(|t| t.text())
                .unwrap_or("");
            assert!(!title.trim().is_empty(), "{name}: empty <title>");
            let mut ids = BTreeSet::new();
            for node in doc.descendants().filter(|n| n.is_element()) {
                if let Some(id) = node.attribute("id") {
                    assert!(ids.insert(id), "{name}: duplicate id {id}");
                }
            }
            // Every fragment link points at an element of the same file.
            for node in doc.descendants().filter(|n| n.has_tag_name("a")) {
                if let Some(frag) = node.attribute("href").and_then(|h| h.strip_prefix('#')) {
                    assert!(ids.contains(frag), "{name}: #{frag} has no target");
                }
            }
            checked += 1;
        }
        assert!(checked >= 3, "too few XHTML files");
    }
}

/// XHTML documents start with `<!DOCTYPE html>`, which roxmltree refuses by default.
fn parse_xml(text: &str) -> Result<roxmltree::Document<'_>, roxmltree::Error> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(text, options)
}

/// (author, nesting depth, datetime) of each comment of a chapter, in document order.
fn thread_of(xhtml: &str) -> Vec<(String, usize, String)> {
    let doc = parse_xml(xhtml).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("article") && n.attribute("class") == Some("comment"))
        .map(|c| {
            let depth = c
                .ancestors()
                .filter(|a| a.has_tag_name("ol") && a.attribute("class") == Some("replies"))
                .count();
            let author = c
                .descendants()
                .find(|n| n.attribute("class") == Some("author"))
                .and_then(|n| n.text())
                .unwrap_or("")
                .to_string();
            let time = c
                .descendants()
                .find(|n| n.has_tag_name("time"))
                .and_then(|n| n.attribute("datetime"))
                .unwrap_or("")
                .to_string();
            (author, depth, time)
        })
        .collect()
}

#[test]
fn bundled_epub_is_well_formed_and_holds_the_whole_thread() {
    let book = TestBook::bundled();
    book.build();
    let epub = Epub::open(&book.path().join(BUNDLED_EPUB));

    let (first, stored, data) = &epub.entries[0];
    assert_eq!(first, "mimetype");
    assert!(stored, "mimetype must be stored, not compressed");
    assert_eq!(data, b"application/epub+zip");
    for name in [
        "META-INF/container.xml",
        "OEBPS/content.opf",
        "OEBPS/nav.xhtml",
        "OEBPS/toc.ncx",
        "OEBPS/title.xhtml",
        "OEBPS/cover.xhtml",
        "OEBPS/colophon.xhtml",
        "OEBPS/images/cover.svg",
        "OEBPS/images/cover.png",
        MEMO_CHAPTER,
    ] {
        assert!(epub.names().contains(&name), "{name} missing");
    }
    epub.check_xhtml();
    roxmltree::Document::parse(&epub.text("OEBPS/content.opf")).expect("content.opf is XML");
    roxmltree::Document::parse(&epub.text("OEBPS/toc.ncx")).expect("toc.ncx is XML");
    roxmltree::Document::parse(&epub.text("OEBPS/images/cover.svg")).expect("the cover is XML");

    // What DAISY Ace and older readers need of the package and the navigation.
    let opf = epub.text("OEBPS/content.opf");
    for want in [
        "xmlns=\"http://www.idpf.org/2007/opf\" xml:lang=\"en\"",
        "<meta property=\"dcterms:conformsTo\">EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>",
        "<meta property=\"schema:accessibilityFeature\">displayTransformability</meta>",
        "properties=\"cover-image\" id=\"cover-image\" href=\"images/cover.png\"",
        "<itemref idref=\"nav\"/>",
    ] {
        assert!(opf.contains(want), "content.opf lacks {want}\n{opf}");
    }
    let ncx = epub.text("OEBPS/toc.ncx");
    assert!(
        ncx.contains("<meta name=\"dtb:depth\" content=\"2\" />"),
        "{ncx}"
    );
    assert!(ncx.contains("<docTitle><text>Telecoms and Tech Archive</text></docTitle>"));
    assert!(ncx.contains("<meta name=\"dtb:uid\" content=\"urn:uuid:"));
    let nav = epub.text("OEBPS/nav.xhtml");
    assert!(nav.contains("hidden=\"hidden\""), "{nav}");
    for kind in ["cover", "titlepage", "toc", "bodymatter", "colophon"] {
        assert!(
            nav.contains(&format!("<a epub:type=\"{kind}\"")),
            "{kind}\n{nav}"
        );
    }
    assert!(
        nav.contains("article-huawei-and-bytedance-go-global.xhtml#references\">References</a>")
    );
    // The generated cover's text is outlines: no reader font can change it.
    assert!(!epub.text("OEBPS/images/cover.svg").contains("<text"));
    let (_, _, png) = epub
        .entries
        .iter()
        .find(|(n, _, _)| n == "OEBPS/images/cover.png")
        .unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    let colophon = epub.text("OEBPS/colophon.xhtml");
    assert!(
        colophon.contains("Machine-translated from Chinese."),
        "{colophon}"
    );
    assert!(colophon.contains("telecoms.com"), "{colophon}");
    assert!(colophon.contains("120 corrections were made"), "{colophon}");

    let chapter = epub.text(MEMO_CHAPTER);
    let expected = super::support::MEMO_THREAD;
    let thread = thread_of(&chapter);
    let got: Vec<(&str, usize, &str)> = thread
        .iter()
        .map(|(a, d, t)| (a.as_str(), *d, t.as_str()))
        .collect();
    assert_eq!(got, expected);
    assert!(chapter.contains("10 reader comments"));
    assert_eq!(chapter.matches("badge-staff").count(), 1);

    // The translated article carries its notice and the cleaned text.
    let mt = epub.text("OEBPS/article-huawei-and-bytedance-go-global.xhtml");
    assert!(mt.contains("Machine-translated from Chinese;"));
    assert!(mt.contains("TikTok’s US business") && !mt.contains("tiktok"));
}

#[test]
fn epub_rebuilds_are_byte_identical_and_honour_source_date_epoch() {
    let book = TestBook::bundled();
    book.build();
    let first = std::fs::read(book.path().join(BUNDLED_EPUB)).unwrap();
    // Zip times have a 2-second resolution: a clock leaking in would show after this.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    book.build();
    let second = std::fs::read(book.path().join(BUNDLED_EPUB)).unwrap();
    assert!(first == second, "two builds gave different EPUB bytes");

    // Without SOURCE_DATE_EPOCH the newest article's date is the modification time.
    let opf = Epub::open(&book.path().join(BUNDLED_EPUB)).text("OEBPS/content.opf");
    assert!(opf.contains("<meta property=\"dcterms:modified\">2021-05-25T00:00:00Z</meta>"));

    let run = folio_env(
        book.path(),
        &["build"],
        &[("SOURCE_DATE_EPOCH", "1700000000")],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let epub = Epub::open(&book.path().join(BUNDLED_EPUB));
    assert!(
        epub.text("OEBPS/content.opf")
            .contains("<meta property=\"dcterms:modified\">2023-11-14T22:13:20Z</meta>")
    );

    let bad = folio_env(
        book.path(),
        &["build"],
        &[("SOURCE_DATE_EPOCH", "yesterday")],
    );
    assert_eq!(bad.code, 1);
    assert!(
        bad.stderr.contains(
            "SOURCE_DATE_EPOCH is `yesterday`; it must be a whole number of seconds since 1970-01-01 UTC"
        ),
        "{}",
        bad.stderr
    );
}

#[test]
fn feature_book_covers_footnotes_deep_threads_and_chinese() {
    let book = TestBook::copy_of(&fixture("epub_features"));
    book.build();
    let epub = Epub::open(&book.path().join("public/features.epub"));
    epub.check_xhtml();

    let opf = epub.text("OEBPS/content.opf");
    for want in [
        "<dc:title>Épreuves &amp; Threads: an EPUB feature book</dc:title>",
        "<dc:publisher>Folio Tests &lt;fixtures&gt;</dc:publisher>",
        "<dc:creator id=\"epub-creator-0\">Zoë Ångström</dc:creator>",
        "<dc:creator id=\"epub-creator-1\">李雷</dc:creator>",
        "<dc:subject>中文</dc:subject>",
        "<dc:subject>notes &amp; footnotes</dc:subject>",
        "properties=\"cover-image\" id=\"cover-image\" href=\"images/cover.png\"",
        "href=\"images/cover.svg\"",
        "<meta property=\"schema:accessibilityHazard\">none</meta>",
    ] {
        assert!(opf.contains(want), "content.opf lacks {want}\n{opf}");
    }
    // The configured cover, not a generated one.
    assert!(
        epub.text("OEBPS/images/cover.svg")
            .contains("Feature book cover")
    );

    let chapter = epub.text("OEBPS/article-deep-thread.xhtml");
    let depths: Vec<usize> = thread_of(&chapter).iter().map(|(_, d, _)| *d).collect();
    // Six levels of replies are drawn at most four deep; "in reply to" keeps the rest.
    assert_eq!(depths, [0, 1, 2, 3, 4, 4, 4, 0]);
    assert!(chapter.contains("in reply to <a href=\"#comment-c-6\">Ana</a>"));
    // Editorial notes become EPUB footnotes, linked both ways.
    assert!(chapter.contains("epub:type=\"noteref\" role=\"doc-noteref\" href=\"#note-1\""));
    assert!(chapter.contains("epub:type=\"footnote\" role=\"doc-footnote\" id=\"note-2\""));
    // References keep their original numbers; raw HTML is XHTML now.
    assert!(chapter.contains("<li value=\"3\">Third source"));
    assert!(chapter.contains("epub:type=\"bibliography\" role=\"doc-bibliography\""));
    // A reply count is noise in a book: the nesting shows the replies.
    assert!(!chapter.contains("reply-count") && !chapter.contains(" replies</p>"));
    assert!(chapter.contains("Raw HTML<br />with a line break"));
    assert!(chapter.contains("[image: a chart]"));
    assert!(!chapter.contains("href=\"other.html\""));
    assert!(chapter.contains("第三层回复。"));

    let chinese = epub.text("OEBPS/article-chinese.xhtml");
    assert!(chinese.contains("lang=\"zh-Hans\" xml:lang=\"zh-Hans\""));
    let quiet = epub.text("OEBPS/article-no-comments.xhtml");
    assert!(!quiet.contains("reader comment"));
    let nav = epub.text("OEBPS/nav.xhtml");
    assert_eq!(nav.matches("Reader comments").count(), 3, "{nav}");
    // Stray control characters (raw in the body, YAML-escaped in the title and comment) are
    // dropped from every XML file; `check_xhtml` above parsed the chapter.
    let controls = epub.text("OEBPS/article-controls.xhtml");
    assert!(controls.contains("A body with a verticaltab and a formfeed."));
    assert!(!controls.contains(['\u{b}', '\u{c}']));
    assert!(!epub.text("OEBPS/content.opf").contains('\u{b}') && !nav.contains('\u{b}'));

    // One EPUB per article as well.
    for slug in ["deep-thread", "chinese", "no-comments"] {
        let single = Epub::open(&book.path().join(format!("public/{slug}/{slug}.epub")));
        single.check_xhtml();
        assert!(
            single
                .names()
                .contains(&format!("OEBPS/article-{slug}.xhtml").as_str())
        );
        assert_eq!(
            single
                .names()
                .iter()
                .filter(|n| n.starts_with("OEBPS/article-"))
                .count(),
            1
        );
    }
}

#[test]
fn bad_epub_settings_are_reported_where_they_are_written() {
    let book = TestBook::copy_of(&fixture("epub_features"));
    let yaml = book.read("book.yaml");
    book.write(
        "book.yaml",
        yaml.replace("filename: features", "filename: ../escape")
            .as_bytes(),
    );
    let run = book.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("book.yaml:12:13:")
            && run
                .stderr
                .contains("`epub.filename` must be a plain file name"),
        "{}",
        run.stderr
    );
    book.write(
        "book.yaml",
        yaml.replace("cover: cover.svg", "cover: cover.webp")
            .as_bytes(),
    );
    let run = book.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("must be a JPEG, PNG, GIF or SVG image"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_book_split_by_year_is_a_series_of_volumes_the_index_links() {
    let book = TestBook::copy_of(&fixture("volumes"));
    book.build();
    let names = [
        "harbour-2021.epub",
        "harbour-2020.epub",
        "harbour-undated.epub",
    ];
    let mut epubs = std::fs::read_dir(book.path().join("public"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".epub"))
        .collect::<Vec<_>>();
    epubs.sort();
    let mut want = names.map(str::to_string).to_vec();
    want.sort();
    assert_eq!(epubs, want, "one EPUB per year, the undated articles apart");

    let chapters = [
        vec![
            "OEBPS/article-ferry.xhtml",
            "OEBPS/article-lighthouse.xhtml",
        ],
        vec!["OEBPS/article-quay.xhtml"],
        vec!["OEBPS/article-storm.xhtml"],
    ];
    for (position, (name, chapters)) in names.iter().zip(&chapters).enumerate() {
        let epub = Epub::open(&book.path().join("public").join(name));
        epub.check_xhtml();
        let articles: Vec<&str> = epub
            .names()
            .into_iter()
            .filter(|n| n.starts_with("OEBPS/article-"))
            .collect();
        assert_eq!(&articles, chapters, "{name}");
        let opf = epub.text("OEBPS/content.opf");
        let label = ["2021", "2020", "Undated"][position];
        assert!(
            opf.contains(&format!("<dc:title>Harbour Notes — {label}</dc:title>")),
            "{opf}"
        );
        assert!(
            opf.contains(
                r#"<meta id="folio-series" property="belongs-to-collection">Harbour Notes</meta>"#
            ) && opf.contains(&format!(
                r##"<meta refines="#folio-series" property="group-position">{}</meta>"##,
                position + 1
            )),
            "{opf}"
        );
        let title = epub.text("OEBPS/title.xhtml");
        assert!(
            title.contains(&format!("<strong>{label}</strong> (this volume)"))
                && names
                    .iter()
                    .all(|n| title.contains(&format!("<code>{n}</code>"))),
            "{title}"
        );
    }
    // The volumes have their own identifiers, so a reading system keeps all three.
    let ids: BTreeSet<String> = names
        .iter()
        .map(|n| {
            let opf = Epub::open(&book.path().join("public").join(n)).text("OEBPS/content.opf");
            let start = opf.find("urn:uuid:").unwrap();
            opf[start..start + 45].to_string()
        })
        .collect();
    assert_eq!(ids.len(), 3);

    let index = book.read("public/index.html");
    assert!(!index.contains("Download EPUB</a>"), "{index}");
    assert!(
        index.contains(r#"<a href="harbour-2021.epub" download>2021</a> (2 articles)"#)
            && index.contains(r#"<a href="harbour-undated.epub" download>Undated</a> (1 article)"#),
        "{index}"
    );

    // `one` keeps a single book, whatever its size.
    let yaml = book.read("book.yaml");
    book.write(
        "book.yaml",
        yaml.replace("volumes: year", "volumes: one").as_bytes(),
    );
    book.build();
    assert!(book.path().join("public/harbour.epub").is_file());
    assert!(!book.path().join("public/harbour-2021.epub").exists());
    book.write(
        "book.yaml",
        yaml.replace("volumes: year", "volumes: weekly").as_bytes(),
    );
    let run = book.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("book.yaml:10:12:")
            && run.stderr.contains(
                "`epub.volumes` must be auto, one, year, month or a number of articles, not `weekly`"
            ),
        "{}",
        run.stderr
    );
}

#[test]
#[cfg_attr(
    not(folio_epubcheck),
    ignore = "set EPUBCHECK_JAR to run it (.ci/run does)"
)]
fn epubcheck_reports_nothing_for_the_bundled_and_feature_books() {
    let Some(jar) = validator("EPUBCHECK_JAR", "W3C epubcheck") else {
        return;
    };
    let bundled = TestBook::bundled();
    bundled.build();
    let features = TestBook::copy_of(&fixture("epub_features"));
    features.build();
    let volumes = TestBook::copy_of(&fixture("volumes"));
    volumes.build();
    let books = [
        bundled.path().join(BUNDLED_EPUB),
        features.path().join("public/features.epub"),
        features.path().join("public/deep-thread/deep-thread.epub"),
        features.path().join("public/chinese/chinese.epub"),
        volumes.path().join("public/harbour-2021.epub"),
        volumes.path().join("public/harbour-undated.epub"),
    ];
    // One JVM per book, started together: most of epubcheck's time is its own start-up.
    let runs: Vec<_> = books
        .iter()
        .map(|epub| {
            let child = Command::new("java")
                .arg("-jar")
                .arg(&jar)
                .arg(epub)
                .arg("--usage")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("epubcheck starts");
            (epub, child)
        })
        .collect();
    for (epub, child) in runs {
        let out = child.wait_with_output().expect("epubcheck runs");
        let report = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            report.contains("Messages: 0 fatals / 0 errors / 0 warnings / 0 infos / 0 usages"),
            "epubcheck on {}:\n{report}",
            epub.display()
        );
    }
}

#[test]
fn the_index_links_the_epub_only_when_it_is_built() {
    let book = TestBook::bundled();
    book.build();
    let index = book.read("public/index.html");
    assert!(
        index.contains("<a href=\"telecoms-and-tech-archive.epub\" download>Download EPUB</a>"),
        "{index}"
    );
    let yaml = book.read("book.yaml");
    book.write(
        "book.yaml",
        yaml.replace("outputs: [html, epub]", "outputs: [html]")
            .as_bytes(),
    );
    book.build();
    assert!(!book.read("public/index.html").contains("Download EPUB"));
    assert!(
        !book
            .path()
            .join("public/telecoms-and-tech-archive.epub")
            .exists()
    );
}
