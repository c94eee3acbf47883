use std::path::Path;

use super::entry::{Entry, decode, encode};
use crate::config::normalize::NormalizeConfig;
use crate::normalize::Normalizer;

/// An article with every kind of value the model has, normalized (so it has edits).
fn entry() -> Entry {
    let text = "---\n\
        title: Teh  title\n\
        subtitle: A subtitle\n\
        date: 2021-05-25T17:07:00+08:00\n\
        updated: 2021-06-01\n\
        authors: [One, Two]\n\
        tags: [alpha, beta]\n\
        aliases: [old/path/]\n\
        description: About it.\n\
        source:\n  site: Example\n  url: https://example.org/a\n\
        extra:\n  score: 1.5\n  list: [1, two, {three: 3}]\n\
        comments:\n\
        \x20 - id: c1\n    author: Reader\n    date: 2021-05-26\n    body: I dont think so .\n    replies:\n      - id: c2\n        author: Staff\n        body: We  do.\n\
        annotations:\n  - paragraph: 1\n    note: A note.\n  - comment: c2\n    note: On the reply.\n    author: Ed\n\
        ---\n\
        # Heading\n\n\
        It dont work .  Really.\n\n\
        1. one\n2. two\n\n\
        > quoted\n\n\
        ```rust\nfn main() {}\n```\n\n\
        ---\n\n\
        <div>html</div>\n";
    let mut loaded =
        crate::load::load_file(Path::new("content/a.md"), text, "en").expect("the article loads");
    let normalizer = Normalizer::new(&NormalizeConfig::default(), Path::new("."), "en").unwrap();
    let edits = normalizer
        .normalize_article_keeping(&mut loaded.article, None, None, &loaded.settings.kept_lines)
        .without_diff_texts();
    assert!(!edits.is_empty(), "the test article has something to fix");
    Entry {
        article: loaded.article,
        edits,
        source_key: loaded.source_key,
        exports: 7,
    }
}

#[test]
fn an_entry_reads_back_as_it_was_written() {
    let entry = entry();
    let bytes = encode(42, entry.as_ref()).unwrap();
    let back = decode(42, &bytes).expect("decodes");
    assert_eq!(back.article, entry.article);
    assert_eq!(back.edits.edits, entry.edits.edits);
    assert_eq!(back.source_key, entry.source_key);
    assert_eq!(back.exports, 7);
}

#[test]
fn an_entry_cut_short_damaged_or_under_another_key_is_refused() {
    let bytes = encode(42, entry().as_ref()).unwrap();
    assert!(decode(43, &bytes).is_none(), "another key");
    for len in [0, 7, 20, 36, bytes.len() / 2, bytes.len() - 1] {
        assert!(decode(42, &bytes[..len]).is_none(), "cut at {len}");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(decode(42, &longer).is_none(), "a byte too many");
    // Every byte of the payload flipped in turn: the checksum refuses each.
    for at in (36..bytes.len()).step_by(7) {
        let mut damaged = bytes.clone();
        damaged[at] ^= 0x20;
        assert!(decode(42, &damaged).is_none(), "byte {at} flipped");
    }
    let mut other_format = bytes.clone();
    other_format[7] = b'0';
    assert!(decode(42, &other_format).is_none(), "another format");
}

#[test]
fn a_payload_with_a_valid_checksum_but_impossible_values_is_refused() {
    // Garbage framed correctly: postcard's errors, never a panic.
    for garbage in [&[][..], &[0xff; 64][..], &[1, 2, 3][..], &[0x80; 300][..]] {
        let mut bytes = Vec::new();
        bytes.extend_from_slice(super::entry::MAGIC);
        bytes.extend_from_slice(&42u128.to_le_bytes());
        bytes.extend_from_slice(&crc32fast::hash(garbage).to_le_bytes());
        bytes.extend_from_slice(&(garbage.len() as u64).to_le_bytes());
        bytes.extend_from_slice(garbage);
        assert!(decode(42, &bytes).is_none());
    }
}

#[test]
fn index_files_are_checked_before_they_are_trusted() {
    let framed = super::framed(b"payload");
    assert_eq!(super::unframed(&framed), Some(&b"payload"[..]));
    let mut damaged = framed.clone();
    *damaged.last_mut().unwrap() ^= 1;
    assert_eq!(super::unframed(&damaged), None);
    assert_eq!(super::unframed(&framed[..10]), None);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index.bin");
    std::fs::write(&path, b"not an index").unwrap();
    assert!(super::read_index(&path).is_empty());
}
