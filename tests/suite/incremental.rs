//! Incremental builds: after any change, a build that reuses the previous output writes exactly
//! the bytes of a clean build — and does reuse what did not change.

use std::os::unix::fs::MetadataExt;
use std::path::Path;

use super::support::{TestBook, fixture, tree};

/// The `epub_features` book (HTML, a book EPUB and one EPUB per article) plus a few plain
/// articles with tags and a base URL, so neighbours, tag pages and the feed are in play.
fn book() -> TestBook {
    let book = TestBook::copy_of(&fixture("epub_features"));
    let yaml = std::fs::read_to_string(book.path().join("book.yaml")).unwrap();
    book.write(
        "book.yaml",
        format!("{yaml}base_url: https://example.org/archive/\n").as_bytes(),
    );
    for (n, tags) in [
        (1, "[alpha, beta]"),
        (2, "[beta]"),
        (3, "[]"),
        (4, "[alpha]"),
    ] {
        book.write(
            &format!("content/plain-{n}.md"),
            format!(
                "---\ntitle: Plain article {n}\ndate: 2021-03-0{n}\ntags: {tags}\ncomments:\n  - id: c{n}\n    author: Reader {n}\n    body: A comment on article {n}.\n---\nThe body of article {n}, with *emphasis*.\n\nA second paragraph.\n"
            )
            .as_bytes(),
        );
    }
    book
}

/// Builds incrementally into `public/`, then clean into `clean/`, and asserts both trees hold
/// the same files with the same bytes. Returns how many files the incremental build reused
/// (files whose inode survived from before the build).
fn assert_incremental_equals_clean(book: &TestBook, what: &str) -> usize {
    assert_incremental_equals_clean_with(book, what, &[])
}

/// [`assert_incremental_equals_clean`], with `options` given to both builds.
fn assert_incremental_equals_clean_with(book: &TestBook, what: &str, options: &[&str]) -> usize {
    let before = inodes(&book.path().join("public"));
    let run = book.run(&[&["build"], options].concat());
    assert_eq!(run.code, 0, "{what}: {}", run.stderr);
    let _ = std::fs::remove_dir_all(book.path().join("clean"));
    let run = book.run(&[&["build", "--clean", "--out", "clean"], options].concat());
    assert_eq!(run.code, 0, "{what}: {}", run.stderr);
    let (incremental, clean) = (
        tree(&book.path().join("public")),
        tree(&book.path().join("clean")),
    );
    assert_eq!(
        incremental.keys().collect::<Vec<_>>(),
        clean.keys().collect::<Vec<_>>(),
        "{what}: different files"
    );
    for (name, bytes) in &incremental {
        assert!(
            bytes == &clean[name],
            "{what}: {name} differs between the incremental and the clean build"
        );
    }
    let after = inodes(&book.path().join("public"));
    after
        .iter()
        .filter(|(name, ino)| before.get(*name) == Some(ino))
        .count()
}

fn inodes(dir: &Path) -> std::collections::BTreeMap<String, u64> {
    super::support::files(dir)
        .into_iter()
        .map(|(rel, path)| (rel, std::fs::metadata(path).unwrap().ino()))
        .collect()
}

fn ino(book: &TestBook, rel: &str) -> u64 {
    std::fs::metadata(book.path().join(rel)).unwrap().ino()
}

#[test]
fn incremental_builds_write_the_bytes_of_a_clean_build() {
    let book = book();
    book.build();

    // Nothing changed: every article page and per-article EPUB is reused.
    let reused = assert_incremental_equals_clean(&book, "no change");
    assert!(
        reused >= 16,
        "only {reused} files reused when nothing changed"
    );

    // One article's body: its page and EPUBs change, an unrelated article's page is reused.
    let untouched = ino(&book, "public/plain-1/index.html");
    let edited = ino(&book, "public/plain-3/index.html");
    book.write(
        "content/plain-3.md",
        b"---\ntitle: Plain article 3\ndate: 2021-03-03\ntags: []\n---\nA rewritten body.\n",
    );
    assert_incremental_equals_clean(&book, "edited body");
    assert_eq!(ino(&book, "public/plain-1/index.html"), untouched);
    assert_ne!(ino(&book, "public/plain-3/index.html"), edited);
    assert!(
        book.read("public/plain-3/index.html")
            .contains("A rewritten body.")
    );

    // A new title shows on the neighbours' pages too.
    let retitled = std::fs::read_to_string(book.path().join("content/plain-3.md"))
        .unwrap()
        .replace("title: Plain article 3", "title: A new title for three");
    book.write("content/plain-3.md", retitled.as_bytes());
    assert_incremental_equals_clean(&book, "new title");
    let neighbours = [2, 4].map(|n| book.read(&format!("public/plain-{n}/index.html")));
    assert!(
        neighbours
            .iter()
            .any(|p| p.contains("A new title for three")),
        "no neighbour links the new title"
    );

    // A tag added to one article changes the tag counts other pages show.
    let tagged = std::fs::read_to_string(book.path().join("content/plain-2.md"))
        .unwrap()
        .replace("tags: [beta]", "tags: [beta, alpha]");
    book.write("content/plain-2.md", tagged.as_bytes());
    assert_incremental_equals_clean(&book, "new tag");

    // Articles removed and added.
    std::fs::remove_file(book.path().join("content/plain-4.md")).unwrap();
    assert_incremental_equals_clean(&book, "removed article");
    assert!(!book.path().join("public/plain-4").exists());
    book.write(
        "content/plain-5.md",
        b"---\ntitle: Plain article 5\ndate: 2021-03-05\n---\nNew.\n",
    );
    assert_incremental_equals_clean(&book, "added article");

    // The search index grows to several term shards and text chunks, then shrinks back: no
    // shard or chunk of the larger index outlives it.
    for n in 0..40 {
        let words: Vec<String> = (0..300).map(|k| format!("bulk{n}word{k}")).collect();
        book.write(
            &format!("content/bulk-{n:02}.md"),
            format!("---\ntitle: Bulk {n}\n---\n{}\n", words.join(" ")).as_bytes(),
        );
    }
    assert_incremental_equals_clean(&book, "many articles");
    let grown = search_files(&book);
    assert!(grown.len() > 6, "{grown:?}");
    for n in 0..40 {
        std::fs::remove_file(book.path().join(format!("content/bulk-{n:02}.md"))).unwrap();
    }
    assert_incremental_equals_clean(&book, "many articles removed");
    let shrunk = search_files(&book);
    assert!(shrunk.len() < grown.len(), "{shrunk:?}");
    let index =
        folio::backend::html::search::read::Index::open(&book.path().join("public")).unwrap();
    assert_eq!(
        shrunk.len(),
        index.size().unwrap().0,
        "only the files the manifest names"
    );
    assert_eq!(index.search("bulk3word7").unwrap().total, 0);
    assert_eq!(index.search("Plain article 5").unwrap().total, 1);

    // The review switch and a changed template re-render everything.
    let before = inodes(&book.path().join("public"));
    book.write(
        "themes/default/templates/article.html",
        crate_template("article.html")
            .replace("</article>", "<p class=\"changed\">changed</p></article>")
            .as_bytes(),
    );
    let reused = assert_incremental_equals_clean(&book, "changed template");
    assert_eq!(reused, 0, "a changed template must re-render every file");
    assert!(
        book.read("public/plain-1/index.html")
            .contains("class=\"changed\"")
    );
    assert!(before.len() > 10);
}

/// The files of the output's search index.
fn search_files(book: &TestBook) -> Vec<String> {
    super::support::tree(&book.path().join("public/search"))
        .into_keys()
        .filter(|f| f.ends_with(".js"))
        .collect()
}

/// A built-in template's text, to override with a small change.
fn crate_template(name: &str) -> String {
    std::fs::read_to_string(
        super::support::repo()
            .join("themes/default/templates")
            .join(name),
    )
    .unwrap()
}

#[test]
fn an_added_article_shifts_every_page_of_a_list_as_in_a_clean_build() {
    let book = book();
    let yaml = std::fs::read_to_string(book.path().join("book.yaml")).unwrap();
    book.write("book.yaml", format!("{yaml}paginate: 2\n").as_bytes());
    book.build();
    let index_pages = |book: &TestBook| {
        (1..)
            .take_while(|n| {
                *n == 1
                    || book
                        .path()
                        .join(format!("public/page/{n}/index.html"))
                        .exists()
            })
            .count()
    };
    let before = index_pages(&book);
    let first_of_page_2 = |book: &TestBook| {
        let page = book.read("public/page/2/index.html");
        let at = page.find("<h3><a href=\"../../").unwrap() + "<h3><a href=\"../../".len();
        page[at..at + page[at..].find('/').unwrap()].to_string()
    };
    let was_first = first_of_page_2(&book);
    let untouched = ino(&book, "public/plain-1/index.html");

    // Newer than every other article: it goes first and pushes one article onto each later
    // page, so an odd count gets a page more.
    book.write(
        "content/plain-9.md",
        b"---\ntitle: Plain article 9\ndate: 2025-01-01\n---\nThe newest.\n",
    );
    let reused = assert_incremental_equals_clean(&book, "article added before every page");
    assert!(reused > 0, "article pages are still reused");
    assert_eq!(ino(&book, "public/plain-1/index.html"), untouched);
    assert_ne!(
        first_of_page_2(&book),
        was_first,
        "page 2 starts one article earlier"
    );
    // Two articles a page: the page count follows the article count.
    let articles = |book: &TestBook| -> usize {
        let index = book.read("public/index.html");
        let at = index.find("<h2 id=\"articles-heading\">").unwrap() + 26;
        index[at..at + index[at..].find(' ').unwrap()]
            .parse()
            .unwrap()
    };
    assert_eq!(before, (articles(&book) - 1).div_ceil(2));
    assert_eq!(index_pages(&book), articles(&book).div_ceil(2));
    assert!(
        book.path()
            .join("public/archive/2025/01/index.html")
            .exists()
    );

    // And removed again: the extra page goes, as from a clean build.
    std::fs::remove_file(book.path().join("content/plain-9.md")).unwrap();
    assert_incremental_equals_clean(&book, "article removed");
    assert_eq!(index_pages(&book), before);
    assert_eq!(first_of_page_2(&book), was_first);
    assert!(!book.path().join("public/archive/2025").exists());
}

#[test]
fn an_output_rendered_by_another_build_key_is_not_reused() {
    let book = book();
    book.build();
    // Any change to book.yaml changes the build-wide key: nothing is reused.
    let yaml = std::fs::read_to_string(book.path().join("book.yaml")).unwrap();
    book.write(
        "book.yaml",
        yaml.replace("Fixture for the EPUB backend", "Another subtitle")
            .as_bytes(),
    );
    let reused = assert_incremental_equals_clean(&book, "changed book.yaml");
    assert_eq!(reused, 0);
}

#[test]
fn aliases_and_drafts_build_incrementally_as_clean() {
    let book = book();
    let plain = |n: u32, extra: &str| {
        format!(
            "---\ntitle: Plain article {n}\ndate: 2021-03-0{n}\n{extra}---\nThe body of article {n}.\n"
        )
    };
    book.write(
        "content/plain-1.md",
        plain(1, "aliases: [old/one/, 2020/one.html]\n").as_bytes(),
    );
    book.build();
    assert_incremental_equals_clean(&book, "aliases");
    assert!(
        book.read("public/old/one/index.html")
            .contains("url=/archive/plain-1/")
    );

    // An alias moved: the old redirect is gone, as from a clean build.
    book.write(
        "content/plain-1.md",
        plain(1, "aliases: [old/uno/, 2020/one.html]\n").as_bytes(),
    );
    assert_incremental_equals_clean(&book, "alias moved");
    assert!(!book.path().join("public/old/one").exists());
    assert!(book.path().join("public/old/uno/index.html").exists());

    // A draft between two articles: left out, the neighbours still link each other.
    book.write(
        "content/plain-6.md",
        plain(6, "draft: true\naliases: [six/]\n").as_bytes(),
    );
    assert_incremental_equals_clean(&book, "draft added");
    assert!(!book.path().join("public/plain-6").exists());
    assert!(!book.path().join("public/six").exists());

    // Built with --drafts, and back without.
    assert_incremental_equals_clean_with(&book, "drafts built", &["--drafts"]);
    assert!(book.path().join("public/six/index.html").exists());
    assert_incremental_equals_clean(&book, "drafts left out again");
    assert!(!book.path().join("public/plain-6").exists());

    // The draft published.
    book.write(
        "content/plain-6.md",
        plain(6, "aliases: [six/]\n").as_bytes(),
    );
    assert_incremental_equals_clean(&book, "draft published");
    assert!(book.path().join("public/plain-6/index.html").exists());
    assert!(book.path().join("public/six/index.html").exists());
}

/// A build whose inputs and output are as the last build left them does nothing: it says so,
/// and no file of the output is written again. Any change of an input, an option, the
/// output, or `--clean` builds again.
#[test]
fn a_build_with_nothing_changed_does_nothing() {
    let book = book();
    let up_to_date = |run: &super::support::Run| run.stderr.contains("Up to date: 8 articles");
    let first = book.run(&["build"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(
        first.stderr.contains("Built 8 articles"),
        "{}",
        first.stderr
    );
    let public = book.path().join("public");
    let before = tree(&public);
    let inodes_before = inodes(&public);
    let mtimes = |dir: &Path| -> Vec<i64> {
        super::support::files(dir)
            .into_iter()
            .map(|(_, p)| std::fs::metadata(p).unwrap().mtime_nsec())
            .collect()
    };
    let mtimes_before = mtimes(&public);

    let again = book.run(&["build"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(up_to_date(&again), "{}", again.stderr);
    assert_eq!(tree(&public), before);
    assert_eq!(inodes(&public), inodes_before, "a file was written again");
    assert_eq!(mtimes(&public), mtimes_before, "a file was written again");

    // Each of these builds again, and the build after it has nothing to do.
    let article = book.path().join("content/plain-2.md");
    type Change<'a> = (&'a str, Box<dyn Fn() + 'a>);
    let changes: Vec<Change> = vec![
        (
            "an article touched",
            Box::new(|| {
                let f = std::fs::File::options()
                    .append(true)
                    .open(&article)
                    .unwrap();
                f.set_modified(std::time::SystemTime::now()).unwrap();
            }),
        ),
        (
            "a new file in content/",
            Box::new(|| {
                book.write(
                    "content/plain-9.md",
                    b"---\ntitle: Nine\ndate: 2021-03-09\n---\nNine.\n",
                )
            }),
        ),
        (
            "a page of the output edited",
            Box::new(|| {
                let page = public.join("plain-1/index.html");
                let text = std::fs::read_to_string(&page).unwrap();
                std::fs::write(&page, text.replace("Plain", "PLAIN")).unwrap();
            }),
        ),
        (
            "a page of the output removed",
            Box::new(|| std::fs::remove_file(public.join("plain-3/index.html")).unwrap()),
        ),
        (
            "a theme folder added",
            Box::new(|| std::fs::create_dir_all(book.path().join("themes")).unwrap()),
        ),
    ];
    for (what, change) in &changes {
        change();
        let run = book.run(&["build"]);
        assert_eq!(run.code, 0, "{what}: {}", run.stderr);
        assert!(!up_to_date(&run), "{what}: {}", run.stderr);
        assert!(run.stderr.contains("Built "), "{what}: {}", run.stderr);
        let next = book.run(&["build"]);
        assert!(
            next.stderr.contains("Up to date: "),
            "{what}, then nothing: {}",
            next.stderr
        );
    }
    let page = std::fs::read_to_string(public.join("plain-1/index.html")).unwrap();
    assert!(!page.contains("PLAIN article"), "the edited page was kept");
    assert!(
        public.join("plain-3/index.html").is_file(),
        "the removed page is back"
    );

    for (what, args, env) in [
        ("--clean", &["build", "--clean"][..], &[][..]),
        ("--drafts", &["build", "--drafts"][..], &[][..]),
        (
            "SOURCE_DATE_EPOCH",
            &["build"][..],
            &[("SOURCE_DATE_EPOCH", "1600000000")][..],
        ),
    ] {
        let run = super::support::folio_env(book.path(), args, env);
        assert_eq!(run.code, 0, "{what}: {}", run.stderr);
        assert!(run.stderr.contains("Built "), "{what}: {}", run.stderr);
    }
}

/// Two books built from their own folders (`./public` in each) keep their own records: one's
/// build never costs the other its shortcut.
#[test]
fn each_output_keeps_its_own_up_to_date_record() {
    let (a, b) = (book(), book());
    for run in [a.run(&["build"]), b.run(&["build"])] {
        assert!(run.stderr.contains("Built "), "{}", run.stderr);
    }
    for book in [&a, &b] {
        let run = book.run(&["build"]);
        assert!(run.stderr.contains("Up to date: "), "{}", run.stderr);
    }
}
