//! Saved-page import speed on one core: a typical 100–300 KB news page (head metadata,
//! navigation, share bars, a long article, related links and a 250-comment WordPress thread),
//! built from the repository's own fixtures since third-party pages are never committed. The
//! README reports pages per second from this benchmark next to the figure `examples/score_html`
//! measures on real pages.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const NEWS: &str = include_str!("../tests/fixtures/html/news-metadata.html");

/// About 200 KB: the news fixture's article repeated, its chrome multiplied, and a thread.
fn typical_page() -> String {
    let (head, rest) = NEWS.split_once("<main>").expect("the fixture has <main>");
    let (main, tail) = rest
        .split_once("</main>")
        .expect("the fixture closes <main>");
    let mut page = String::from(head);
    for i in 0..40 {
        page.push_str(&format!(
            "<div class=\"promo\"><a href=\"/promo/{i}\">Subscribe to our newsletter number {i}</a></div>"
        ));
    }
    page.push_str("<main>");
    let article = main.replace("</article>", "");
    page.push_str(&article);
    for i in 0..150 {
        page.push_str(&format!(
            "<p>Paragraph {i}: analysts said the new system would need years to match the range of apps on older platforms, and that buyers outside China would wait to see which developers follow the company's lead before they switch.</p>"
        ));
    }
    page.push_str("</article>");
    page.push_str("<div id=\"comments\" class=\"comments-area\"><ol class=\"comment-list\">");
    for i in 0..250 {
        page.push_str(&format!(
            "<li id=\"comment-{i}\" class=\"comment depth-1\"><article class=\"comment-body\"><footer class=\"comment-meta\"><div class=\"comment-author vcard\"><b class=\"fn\">Reader {i}</b></div><div class=\"comment-metadata\"><a href=\"#comment-{i}\"><time datetime=\"2019-08-10T0{}:00:00+08:00\">August 10, 2019</time></a></div></footer><div class=\"comment-content\"><p>I think the system will do well in China at least, comment number {i}.</p></div></article></li>",
            i % 10
        ));
    }
    page.push_str("</ol></div></main>");
    for i in 0..400 {
        page.push_str(&format!("<aside class=\"related\"><a href=\"/story/{i}\">Related story number {i} about markets</a></aside>"));
    }
    page.push_str(tail);
    page
}

fn bench(c: &mut Criterion) {
    let page = typical_page();
    let mut group = c.benchmark_group("html_import");
    group.throughput(Throughput::Elements(1));
    group.bench_function(format!("typical page, {} KB", page.len() / 1024), |b| {
        b.iter(|| {
            folio::import::html::import_page(Path::new("page.html"), black_box(page.as_bytes()))
                .expect("imports")
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
