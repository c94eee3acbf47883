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

/// `public` (the incremental build) and `clean` (a clean one) hold the same files, byte for byte.
fn assert_public_equals_clean(book: &TestBook, what: &str) {
    let incremental = tree(&book.path().join("public"));
    let clean = tree(&book.path().join("clean"));
    assert_same_files(&incremental, &clean, what);
}

/// Two file trees (name → bytes) with the same names and the same bytes.
fn assert_same_files(
    incremental: &std::collections::BTreeMap<String, Vec<u8>>,
    clean: &std::collections::BTreeMap<String, Vec<u8>>,
    what: &str,
) {
    assert_eq!(
        incremental.keys().collect::<Vec<_>>(),
        clean.keys().collect::<Vec<_>>(),
        "{what}: different files"
    );
    for (name, bytes) in incremental {
        assert!(
            bytes == &clean[name],
            "{what}: {name} differs between the incremental and the clean build"
        );
    }
}

/// [`assert_incremental_equals_clean`], with `options` given to both builds.
fn assert_incremental_equals_clean_with(book: &TestBook, what: &str, options: &[&str]) -> usize {
    let before = inodes(&book.path().join("public"));
    let run = book.run(&[&["build"], options].concat());
    assert_eq!(run.code, 0, "{what}: {}", run.stderr);
    let _ = std::fs::remove_dir_all(book.path().join("clean"));
    let run = book.run(&[&["build", "--clean", "--out", "clean"], options].concat());
    assert_eq!(run.code, 0, "{what}: {}", run.stderr);
    assert_public_equals_clean(book, what);
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

// ---------------------------------------------------------------------------------------
// The article cache
// ---------------------------------------------------------------------------------------

/// Runs `folio ARGS` on `book` with the article cache in `cache` and `threads` threads.
fn run_cached(book: &TestBook, cache: &Path, args: &[&str], threads: &str) -> super::support::Run {
    super::support::folio_env(
        book.path(),
        args,
        &[
            ("FOLIO_CACHE_DIR", cache.to_str().unwrap()),
            ("RAYON_NUM_THREADS", threads),
        ],
    )
}

/// How many articles the verbose build says it took from the article cache, of how many.
fn cache_hits(stderr: &str) -> (usize, usize) {
    let line = stderr
        .lines()
        .find(|l| l.contains("article cache: "))
        .unwrap_or_else(|| panic!("no article cache note in:\n{stderr}"));
    let words: Vec<&str> = line[line.find("article cache: ").unwrap()..]
        .split_whitespace()
        .collect();
    (words[2].parse().unwrap(), words[4].parse().unwrap())
}

/// Builds `book` incrementally into `public/` with the article cache in `cache` (verbose),
/// then clean into `clean/` with an empty cache of its own, asserts both trees hold the same
/// bytes, and returns how many articles came from the cache, of how many.
fn cached_equals_clean(book: &TestBook, cache: &Path, what: &str, threads: &str) -> (usize, usize) {
    let run = run_cached(book, cache, &["build", "-v"], threads);
    assert_eq!(run.code, 0, "{what}: {}", run.stderr);
    let hits = cache_hits(&run.stderr);
    let empty = book.path().join(".empty-cache");
    let _ = std::fs::remove_dir_all(&empty);
    let _ = std::fs::remove_dir_all(book.path().join("clean"));
    let run = run_cached(book, &empty, &["build", "--clean", "--out", "clean"], "2");
    assert_eq!(run.code, 0, "{what}: {}", run.stderr);
    let (cached, clean) = (
        tree(&book.path().join("public")),
        tree(&book.path().join("clean")),
    );
    assert_eq!(
        cached.keys().collect::<Vec<_>>(),
        clean.keys().collect::<Vec<_>>(),
        "{what}: different files"
    );
    for (name, bytes) in &cached {
        assert!(
            bytes == &clean[name],
            "{what}: {name} differs between the cached and the clean build"
        );
    }
    hits
}

/// The entry files of the article cache in `cache`.
fn entries(cache: &Path) -> Vec<std::path::PathBuf> {
    super::support::files(&cache.join("articles"))
        .into_iter()
        .filter(|(rel, _)| {
            // `<binary>/<xx>/<key>.bin`: the other folders (`books/`, `search/`) are not
            // entries.
            let parts: Vec<&str> = rel.split('/').collect();
            parts.len() == 3 && parts[1].len() == 2 && rel.ends_with(".bin")
        })
        .map(|(_, path)| path)
        .collect()
}

/// Changes article `n` of [`book`] a little, so the next build has work to do.
fn touch_article(book: &TestBook, n: usize, round: usize) {
    let rel = format!("content/plain-{n}.md");
    let text = std::fs::read_to_string(book.path().join(&rel)).unwrap();
    let body_end = text.trim_end().len();
    book.write(
        &rel,
        format!("{}\n\nEdit {round}.\n", &text[..body_end]).as_bytes(),
    );
}

#[test]
fn the_article_cache_gives_the_bytes_of_a_clean_build_whatever_state_it_is_in() {
    let book = book();
    let cache = book.path().join(".cache");
    let (hits, total) = cached_equals_clean(&book, &cache, "cold cache", "2");
    assert_eq!(hits, 0);
    assert!(total >= 5, "{total} articles");
    assert!(entries(&cache).len() >= total, "{:?}", entries(&cache));

    // Warm: only the edited article is read and normalized again.
    touch_article(&book, 3, 1);
    assert_eq!(
        cached_equals_clean(&book, &cache, "warm cache", "2"),
        (total - 1, total)
    );
    assert_eq!(
        entries(&cache).len(),
        total,
        "the edited article's old entry is pruned"
    );

    // A file saved with the same bytes is read again (its state changed), not normalized.
    let same = std::fs::read(book.path().join("content/plain-1.md")).unwrap();
    book.write("content/plain-1.md", &same);
    touch_article(&book, 2, 2);
    assert_eq!(
        cached_equals_clean(&book, &cache, "saved unchanged", "2"),
        (total - 1, total)
    );

    // The cache deleted.
    std::fs::remove_dir_all(&cache).unwrap();
    touch_article(&book, 3, 3);
    assert_eq!(
        cached_equals_clean(&book, &cache, "cache deleted", "2"),
        (0, total)
    );

    // Every entry damaged: cut short, a byte flipped, or emptied.
    for (i, entry) in entries(&cache).iter().enumerate() {
        let mut bytes = std::fs::read(entry).unwrap();
        match i % 3 {
            0 => bytes.truncate(bytes.len() / 2),
            1 => {
                let at = bytes.len() - 10;
                bytes[at] ^= 0x01;
            }
            _ => bytes.clear(),
        }
        std::fs::write(entry, bytes).unwrap();
    }
    touch_article(&book, 4, 4);
    assert_eq!(
        cached_equals_clean(&book, &cache, "damaged entries", "2"),
        (0, total)
    );
    touch_article(&book, 1, 5);
    assert_eq!(
        cached_equals_clean(&book, &cache, "entries written again", "2"),
        (total - 1, total)
    );

    // Entries of "another version": the same bytes under another format number, and entries
    // moved to the names of other articles' (their keys do not match their names).
    let all = entries(&cache);
    let first = std::fs::read(&all[0]).unwrap();
    for pair in all.windows(2) {
        std::fs::copy(&pair[1], &pair[0]).unwrap();
    }
    let mut older = first;
    older[7] = b'0';
    std::fs::write(all.last().unwrap(), older).unwrap();
    touch_article(&book, 2, 6);
    assert_eq!(
        cached_equals_clean(&book, &cache, "entries of another version", "2"),
        (0, total)
    );

    // A damaged index only costs reading every file once.
    for (rel, path) in super::support::files(&cache.join("articles")) {
        if rel.contains("/books/") {
            std::fs::write(path, b"folioAI1garbage").unwrap();
        }
    }
    touch_article(&book, 3, 7);
    assert_eq!(
        cached_equals_clean(&book, &cache, "damaged index", "2"),
        (total - 1, total)
    );
}

#[test]
fn cached_articles_build_the_same_bytes_at_one_and_two_threads() {
    let book = book();
    let cache = book.path().join(".cache");
    cached_equals_clean(&book, &cache, "first", "2");
    touch_article(&book, 2, 1);
    let mut trees = Vec::new();
    for threads in ["1", "2"] {
        let out = format!("out-{threads}");
        let run = run_cached(&book, &cache, &["build", "-v", "--out", &out], threads);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(cache_hits(&run.stderr).0 > 0, "{}", run.stderr);
        trees.push(tree(&book.path().join(out)));
    }
    assert_eq!(
        trees[0].keys().collect::<Vec<_>>(),
        trees[1].keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &trees[0] {
        assert!(
            bytes == &trees[1][name],
            "{name} differs between 1 and 2 threads"
        );
    }
    touch_article(&book, 4, 2);
    assert!(cached_equals_clean(&book, &cache, "one thread", "1").0 > 0);
}

#[test]
fn cached_articles_take_the_comments_of_changed_exports() {
    let book = TestBook::copy_of(&fixture("exports_book"));
    let disqus =
        std::fs::read_to_string(super::support::fixture("exports").join("disqus.xml")).unwrap();
    book.write(
        "book.yaml",
        b"title: Harbour\noutputs: [html, epub]\ncomments_from:\n  - exports/disqus.xml\n",
    );
    book.write("exports/disqus.xml", disqus.as_bytes());
    let cache = book.path().join(".cache");
    cached_equals_clean(&book, &cache, "with the export", "2");
    // Nothing changed in the articles: they come from the cache with their threads.
    book.write(
        "content/ferry.md",
        &std::fs::read(book.path().join("content/ferry.md")).unwrap(),
    );
    let (hits, total) = cached_equals_clean(&book, &cache, "export unchanged", "2");
    assert_eq!(hits, total);

    // A comment of the export edited: the article it belongs to takes the new text.
    let body = "Nadia";
    assert!(disqus.contains(body));
    book.write(
        "exports/disqus.xml",
        disqus.replacen(body, "Nadine", 1).as_bytes(),
    );
    cached_equals_clean(&book, &cache, "export edited", "2");
    assert!(
        book.read("public/tide-tables/index.html")
            .contains("Nadine")
    );

    // The export gone from book.yaml: no article keeps its comments.
    book.write("book.yaml", b"title: Harbour\noutputs: [html, epub]\n");
    cached_equals_clean(&book, &cache, "export removed", "2");
    assert!(
        !book
            .read("public/tide-tables/index.html")
            .contains("Nadine")
    );
}

/// An update in place killed during its commit leaves a journal beside the output listing the
/// files it was adding. The next build trusts nothing of that output: it renders everything
/// into a staging folder, takes the listed files as folio's (they go) and keeps the user's.
#[test]
fn an_interrupted_update_in_place_is_redone_whole() {
    let book = book();
    book.build();
    touch_article(&book, 1, 1);
    book.build();
    let public = book.path().join("public");
    // The state a kill in the middle of a commit leaves: a page half-way (another article's
    // page in its place), a file the update was adding, the journal naming it, and a file
    // of the user's.
    let other = std::fs::read(public.join("plain-2/index.html")).unwrap();
    std::fs::write(public.join("plain-1/index.html"), other).unwrap();
    std::fs::create_dir_all(public.join("plain-9")).unwrap();
    std::fs::write(public.join("plain-9/index.html"), "a page being added").unwrap();
    std::fs::write(
        book.path().join(".public.folio-pending"),
        "plain-9/index.html\n",
    )
    .unwrap();
    std::fs::write(public.join("CNAME"), "archive.example.org\n").unwrap();
    let before = ino(&book, "public/plain-3/index.html");

    book.build();
    assert!(
        !public.join("plain-9").exists(),
        "the added file is folio's"
    );
    assert_eq!(book.read("public/CNAME"), "archive.example.org\n");
    assert!(!book.path().join(".public.folio-pending").exists());
    std::fs::remove_file(public.join("CNAME")).unwrap();
    assert_incremental_equals_clean(&book, "after an interrupted commit");
    assert_ne!(
        ino(&book, "public/plain-3/index.html"),
        before,
        "the output was trusted"
    );
}

/// A book in volumes: an edit rewrites the volume that holds the article and keeps the
/// others as they are; what every volume shows (the list of volumes, the cover) rewrites all.
#[test]
fn an_edit_rewrites_only_the_volume_that_holds_the_article() {
    let book = TestBook::copy_of(&fixture("volumes"));
    let yaml = std::fs::read_to_string(book.path().join("book.yaml")).unwrap();
    book.write(
        "book.yaml",
        format!("{yaml}  cover: cover.svg\n").as_bytes(),
    );
    let cover = |fill: &str| {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"900\"><rect width=\"600\" height=\"900\" fill=\"{fill}\"/></svg>\n"
        )
    };
    book.write("cover.svg", cover("#336699").as_bytes());
    book.build();
    let volumes = [
        "harbour-2020.epub",
        "harbour-2021.epub",
        "harbour-undated.epub",
    ];
    let inodes = || volumes.map(|v| ino(&book, &format!("public/{v}")));

    let before = inodes();
    let quay = std::fs::read_to_string(book.path().join("content/quay.md")).unwrap();
    book.write(
        "content/quay.md",
        format!("{quay}\nA paragraph added later.\n").as_bytes(),
    );
    assert_incremental_equals_clean(&book, "an edit in one volume");
    let after = inodes();
    assert_ne!(after[0], before[0], "the edited volume is rewritten");
    assert_eq!(after[1..], before[1..], "the other volumes are kept");

    // A new title shows in its volume's contents and colophon only.
    let ferry = std::fs::read_to_string(book.path().join("content/ferry.md"))
        .unwrap()
        .replace("The night ferry returns", "The night ferry is back");
    book.write("content/ferry.md", ferry.as_bytes());
    let before = inodes();
    assert_incremental_equals_clean(&book, "a new title in one volume");
    let after = inodes();
    assert_eq!([after[0], after[2]], [before[0], before[2]]);
    assert_ne!(after[1], before[1]);

    // A new year is a new volume, which every title page lists.
    book.write(
        "content/pier.md",
        b"---\ntitle: The pier reopens\ndate: 2022-04-01\n---\nThe pier is open again.\n",
    );
    let before = inodes();
    assert_incremental_equals_clean(&book, "a new volume");
    let after = inodes();
    assert!(
        before.iter().zip(&after).all(|(b, a)| b != a),
        "every volume lists the new one"
    );
    assert!(book.path().join("public/harbour-2022.epub").exists());

    // The cover file is not in book.yaml's text: its bytes are part of each volume's key.
    book.write("cover.svg", cover("#993333").as_bytes());
    let before = inodes();
    assert_incremental_equals_clean(&book, "a new cover");
    let after = inodes();
    assert!(before.iter().zip(&after).all(|(b, a)| b != a));
}

// ---------------------------------------------------------------------------------------
// The search index's cache
// ---------------------------------------------------------------------------------------

/// How many articles the verbose build says the search index took from its cache, of how
/// many, and how many text chunks it kept, of how many.
fn search_cache_use(stderr: &str) -> [usize; 4] {
    let line = stderr
        .lines()
        .find(|l| l.contains("search index: "))
        .unwrap_or_else(|| panic!("no search index note in:\n{stderr}"));
    let numbers: Vec<usize> = line[line.find("search index: ").unwrap()..]
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    numbers.try_into().unwrap_or_else(|_| panic!("{line}"))
}

/// The search index's cache files in the cache folder `cache`.
fn search_cache_files(cache: &Path) -> Vec<std::path::PathBuf> {
    super::support::files(&cache.join("articles"))
        .into_iter()
        .filter(|(rel, _)| rel.split('/').nth(1) == Some("search"))
        .map(|(_, path)| path)
        .collect()
}

/// The bytes of every file of the output's search index, by name.
fn search_tree(book: &TestBook, out: &str) -> std::collections::BTreeMap<String, Vec<u8>> {
    tree(&book.path().join(out).join("search"))
}

/// [`book`] with enough articles of their own words for several text chunks and term shards.
fn searchable_book() -> TestBook {
    let book = book();
    for n in 0..30 {
        let words: Vec<String> = (0..400).map(|k| format!("word{n}x{k}")).collect();
        book.write(
            &format!("content/bulk-{n:02}.md"),
            format!(
                "---\ntitle: Bulk {n}\ndate: 2020-01-{:02}\n---\n{}\n",
                n % 28 + 1,
                words.join(" ")
            )
            .as_bytes(),
        );
    }
    book
}

/// Builds `book` with the search cache warm (`-v`, `threads` threads), asserts the output is a
/// clean build's byte for byte — the search index file by file — and returns what the search
/// index took from its cache.
fn search_equals_clean(book: &TestBook, cache: &Path, what: &str, threads: &str) -> [usize; 4] {
    let run = run_cached(book, cache, &["build", "-v"], threads);
    assert_eq!(run.code, 0, "{what}: {}", run.stderr);
    let used = search_cache_use(&run.stderr);
    let empty = book.path().join(".empty-cache");
    let _ = std::fs::remove_dir_all(&empty);
    let _ = std::fs::remove_dir_all(book.path().join("clean"));
    let clean = run_cached(
        book,
        &empty,
        &["build", "--clean", "-v", "--out", "clean"],
        "2",
    );
    assert_eq!(clean.code, 0, "{what}: {}", clean.stderr);
    assert_eq!(
        search_cache_use(&clean.stderr)[0],
        0,
        "{what}: the clean build has no search cache"
    );
    let (search, clean_search) = (search_tree(book, "public"), search_tree(book, "clean"));
    assert_same_files(&search, &clean_search, &format!("{what}: search"));
    assert_public_equals_clean(book, what);
    used
}

#[test]
fn the_search_index_from_its_cache_is_byte_for_byte_a_clean_builds() {
    let book = searchable_book();
    let cache = book.path().join(".cache");
    let [from_cache, total, _, chunks] = search_equals_clean(&book, &cache, "cold", "2");
    assert_eq!(from_cache, 0);
    assert!(chunks >= 4, "{chunks} text chunks: too few to test");
    assert_eq!(search_cache_files(&cache).len(), 1);

    // One article edited: it alone is tokenized; the chunks of the others are kept unread.
    let before = inodes(&book.path().join("public/search/docs"));
    let bulk = std::fs::read_to_string(book.path().join("content/bulk-07.md")).unwrap();
    book.write(
        "content/bulk-07.md",
        bulk.replace("word7x3 ", "word7x3 rewritten ").as_bytes(),
    );
    let [from_cache, now, kept, chunks] = search_equals_clean(&book, &cache, "edited", "2");
    assert_eq!((from_cache, now), (total - 1, total));
    assert!(kept > 0 && kept < chunks, "{kept} of {chunks} chunks kept");
    let after = inodes(&book.path().join("public/search/docs"));
    let untouched = before.iter().filter(|(f, i)| after.get(*f) == Some(i));
    assert_eq!(untouched.count(), kept, "kept chunks are the same files");
    let index =
        folio::backend::html::search::read::Index::open(&book.path().join("public")).unwrap();
    assert_eq!(index.search("rewritten").unwrap().total, 1);

    // An article deleted, then a new one: their terms go and come.
    std::fs::remove_file(book.path().join("content/bulk-12.md")).unwrap();
    let [from_cache, now, ..] = search_equals_clean(&book, &cache, "deleted", "2");
    assert_eq!((from_cache, now), (total - 1, total - 1));
    let index =
        folio::backend::html::search::read::Index::open(&book.path().join("public")).unwrap();
    assert_eq!(index.search("word12x5").unwrap().total, 0);
    book.write(
        "content/bulk-99.md",
        b"---\ntitle: Bulk 99\ndate: 2020-01-15\n---\nA newcomer among the bulk.\n",
    );
    let [from_cache, now, ..] = search_equals_clean(&book, &cache, "added", "2");
    assert_eq!((from_cache, now), (total - 1, total));
    let index =
        folio::backend::html::search::read::Index::open(&book.path().join("public")).unwrap();
    assert_eq!(index.search("newcomer").unwrap().total, 1);

    // Warm at one thread and at two: the same bytes.
    touch_article(&book, 2, 1);
    assert_eq!(
        search_equals_clean(&book, &cache, "one thread", "1")[0],
        total - 1
    );
    touch_article(&book, 3, 2);
    assert_eq!(
        search_equals_clean(&book, &cache, "two threads", "2")[0],
        total - 1
    );

    // The cache file damaged (a byte flipped, cut short, emptied) or gone: ignored whole, never
    // trusted, and written again.
    for (round, damage) in ["flipped", "cut", "emptied", "deleted"].iter().enumerate() {
        let [file] = search_cache_files(&cache).try_into().unwrap();
        let mut bytes = std::fs::read(&file).unwrap();
        match *damage {
            "flipped" => {
                let at = bytes.len() / 2;
                bytes[at] ^= 0x20;
                std::fs::write(&file, bytes).unwrap();
            }
            "cut" => std::fs::write(&file, &bytes[..bytes.len() - 7]).unwrap(),
            "emptied" => std::fs::write(&file, b"").unwrap(),
            _ => std::fs::remove_file(&file).unwrap(),
        }
        touch_article(&book, 1, 10 + round);
        assert_eq!(
            search_equals_clean(&book, &cache, damage, "2")[0],
            0,
            "{damage}"
        );
        touch_article(&book, 1, 20 + round);
        assert_eq!(
            search_equals_clean(&book, &cache, &format!("{damage}, then"), "2")[0],
            total - 1,
            "{damage}: the cache is written again"
        );
    }

    // Another build key (book.yaml changed): the cache is not used.
    let yaml = std::fs::read_to_string(book.path().join("book.yaml")).unwrap();
    book.write(
        "book.yaml",
        yaml.replace("Fixture for the EPUB backend", "Another subtitle")
            .as_bytes(),
    );
    assert_eq!(
        search_equals_clean(&book, &cache, "new build key", "2")[0],
        0
    );
}
