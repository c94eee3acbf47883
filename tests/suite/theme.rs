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
