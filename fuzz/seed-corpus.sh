#!/bin/sh
# Seeds fuzz/corpus/<target>/ with the book's own articles and every fixture article, so the
# fuzzers start from real scrapes, Markdown with front matter and the hostile cases the tests
# already know. Run from anywhere; existing corpus entries are kept.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
for target in front_matter importer normalize; do
    mkdir -p "$here/corpus/$target"
    find "$root/content" "$root/tests/fixtures" -type f \( -name '*.md' -o -name '*.txt' \) |
        while read -r file; do
            # Named by content, as libFuzzer names its own finds, so re-seeding adds nothing twice.
            cp "$file" "$here/corpus/$target/seed-$(sha1sum "$file" | cut -c1-16)"
        done
done
echo "seeded $(ls "$here/corpus/importer" | wc -l) inputs per target into $here/corpus/"
