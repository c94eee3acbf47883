//! Normalizer throughput on the translated sample repeated to about 10 MB, with every rule on
//! and a 100-entry glossary, next to two baselines over the same bytes: a memchr line count and
//! a plain copy. The README reports the normalizer as a ratio to these, measured in one run.
//!
//! With `FOLIO_BENCH_RULE_COSTS=1` a second group runs the same text once per rule with that
//! rule off (`without-<rule>`): the difference to `normalize-raw-all-rules` is what the rule
//! costs, including the follow-up pass its edits cause.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use folio::normalize::{Glossary, GlossaryEntry, GlossarySource, NormalizeConfig, Normalizer};

const SAMPLE: &str = include_str!("../tests/fixtures/seeds/004_611866cacb151b58.txt");
const BOOK_GLOSSARY: &str = include_str!("../src/normalize/testdata/book-glossary.yaml");

fn corpus() -> String {
    let mut text = String::with_capacity(10_500_000);
    while text.len() < 10_000_000 {
        text.push_str(SAMPLE);
        text.push_str("\n\n");
    }
    text
}

/// The bundled glossary topped up to 100 entries with company-style names of two variants each.
fn glossary() -> Glossary {
    let mut g: Glossary =
        folio::yaml::from_str(Path::new("book-glossary.yaml"), BOOK_GLOSSARY, 1).expect("glossary");
    let mut i = 0;
    while g.entries.len() < 100 {
        g.entries.push(GlossaryEntry {
            term: format!("Vendor{i} Holdings"),
            variants: vec![format!("vendor {i} holding"), format!("vendor{i} group")],
        });
        i += 1;
    }
    g
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let config = NormalizeConfig {
        glossary: Some(GlossarySource::Inline(glossary())),
        ..NormalizeConfig::default()
    };
    let normalizer = Normalizer::new(&config, Path::new("."), "en").expect("normalizer");
    let mut group = c.benchmark_group("normalize-10MB");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("baseline-memchr-lines", |b| {
        b.iter(|| memchr::memchr_iter(b'\n', black_box(text.as_bytes())).count())
    });
    group.bench_function("baseline-copy", |b| {
        b.iter(|| black_box(text.as_str()).to_owned())
    });
    group.bench_function("normalize-raw-all-rules", |b| {
        b.iter(|| normalizer.normalize_raw(black_box(&text)))
    });
    group.finish();
    if std::env::var_os("FOLIO_BENCH_RULE_COSTS").is_none() {
        return;
    }
    let mut group = c.benchmark_group("normalize-10MB-one-rule-off");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    for rule in folio::normalize::RuleId::ALL {
        let mut off = config.clone();
        off.rules.insert(rule.id().to_string(), false);
        let normalizer = Normalizer::new(&off, Path::new("."), "en").expect("normalizer");
        group.bench_function(format!("without-{}", rule.id()), |b| {
            b.iter(|| normalizer.normalize_raw(black_box(&text)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
