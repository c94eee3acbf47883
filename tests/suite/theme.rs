//! Theme overrides: a book's `themes/default/templates/<file>` replaces exactly that file.

use super::support::{TestBook, fixture, main_of};

#[test]
fn a_theme_override_changes_only_what_it_overrides() {
    let plain = TestBook::copy_of(&fixture("theme_override"));
    std::fs::remove_dir_all(plain.path().join("themes")).unwrap();
    plain.build();
    let themed = TestBook::copy_of(&fixture("theme_override"));
    themed.build();
    let a = plain.read("public/hello/index.html");
    let b = themed.read("public/hello/index.html");
    assert!(b.contains("<footer class=\"custom-footer\">Archive of the Hello Society</footer>"));
    assert!(!a.contains("custom-footer"));
    assert_eq!(main_of(&a), main_of(&b), "the article itself is unchanged");
    // Everything before the footer is identical too.
    let cut = |s: &str| s[..s.find("<footer").unwrap()].to_string();
    assert_eq!(cut(&a), cut(&b));
}

#[test]
fn template_errors_name_the_template_line_and_article() {
    let book = TestBook::copy_of(&fixture("theme_override"));
    book.write(
        "themes/default/templates/comment.html",
        b"<p>{{ comment.author </p>\n",
    );
    let run = book.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("comment.html:1:"), "{}", run.stderr);
    book.write(
        "themes/default/templates/comment.html",
        b"<p>{{ comment.no_such_field }}</p>\n",
    );
    let run = book.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("rendering article.html for content/hello.md"),
        "{}",
        run.stderr
    );
}

#[test]
fn theme_eject_writes_the_builtin_theme_and_never_overwrites() {
    let book = TestBook::copy_of(&fixture("theme_override"));
    std::fs::remove_dir_all(book.path().join("themes")).unwrap();
    book.build();
    let before = book.read("public/hello/index.html");

    let run = book.run(&["theme", "eject", "mine"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("wrote themes/mine/templates/article.html")
    );
    assert!(run.stdout.contains("wrote themes/mine/static/search.js"));
    assert!(run.stdout.contains("\ntheme: mine\n"), "{}", run.stdout);
    let repo = super::support::repo().join("themes/default");
    for rel in [
        "templates/base.html",
        "templates/404.html",
        "static/style.css",
    ] {
        assert_eq!(
            book.read(&format!("themes/mine/{rel}")),
            std::fs::read_to_string(repo.join(rel)).unwrap(),
            "{rel} is the built-in file"
        );
    }

    // The ejected theme renders exactly like the built-in one.
    let yaml = book.read("book.yaml") + "theme: mine\n";
    book.write("book.yaml", yaml.as_bytes());
    book.build();
    assert_eq!(book.read("public/hello/index.html"), before);

    // A second eject refuses, lists what exists, and changes nothing.
    book.write(
        "themes/mine/templates/footer.html",
        b"<footer>mine</footer>\n",
    );
    let again = book.run(&["theme", "eject", "mine"]);
    assert_eq!(again.code, 1);
    assert!(
        again.stderr.contains("already exist; nothing was written"),
        "{}",
        again.stderr
    );
    assert!(again.stderr.contains("themes/mine/templates/footer.html"));
    assert!(again.stderr.contains("--force"));
    assert_eq!(
        book.read("themes/mine/templates/footer.html"),
        "<footer>mine</footer>\n"
    );
    let forced = book.run(&["theme", "eject", "mine", "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(
        book.read("themes/mine/templates/footer.html")
            .contains("built with folio")
    );
}

#[test]
fn theme_eject_refuses_names_outside_themes_and_folders_without_a_book() {
    let book = TestBook::copy_of(&fixture("theme_override"));
    let run = book.run(&["theme", "eject", "../escape"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("not a usable theme name"),
        "{}",
        run.stderr
    );
    assert!(!book.path().join("escape").exists());
    let empty = tempfile::tempdir().unwrap();
    let run = super::support::folio(empty.path(), &["theme", "eject"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("no book.yaml here"), "{}", run.stderr);
    // Default name: `default`.
    let run = book.run(&["theme", "eject"]);
    assert_eq!(
        run.code, 1,
        "the fixture already overrides default/templates/footer.html"
    );
    assert!(run.stderr.contains("themes/default/templates/footer.html"));
}
