#!/usr/bin/env python3
"""Builds src/normalize/data/english-model.tsv, the model of English that the
`missing-apostrophe` rule consults for the hard cases (possessive or plural: "the years
performance"; contraction or word: "so its inevitable", "hes going").

Sources (none of them is committed; only the derived table is):

1. Part of speech, with frequencies: Google Books Ngram Viewer data, version 20200217, English,
   books of 2010-2019, as the 10,000 most frequent (word, tag) pairs in
   ngrams/more/english/1grams_english_1b_with_pos.csv of the public GitHub repository
   orgtre/google-books-ngram-frequency (commit e20471c15a758be3362b16d07870b34df4f7ccc3).
   Licence: Creative Commons Attribution 3.0 Unported (the repository's content, and Google's
   n-gram data it is drawn from).
2. Part of speech for the rarer words: WordNet 3.0 as packaged by Debian (`wordnet-base`,
   /usr/share/wordnet/index.{noun,verb,adj,adv}); the sense-tag counts in those files (from the
   semantically tagged Brown subset) weight the parts of speech. Licence: the WordNet 3.0
   licence (Princeton; permission to use, copy, modify and distribute for any purpose, with the
   copyright notice kept).
3. Word and word-pair counts: the State of the Union addresses 1945-2006 and the presidential
   inaugural addresses 1789-2009 (C-SPAN), as distributed in NLTK's data repository
   (public GitHub repository nltk/nltk_data, commit 5db857e6f7df11eabb5e5665836db9ec8df07e28,
   packages/corpora/state_union.zip and inaugural.zip). Licence: public domain (speeches of US
   presidents in office; NLTK's package files say "public domain").
4. The word list the normalizer already embeds (src/normalize/data/american-english.txt, SCOWL
   via Debian `wamerican`) limits the table to English words.

Usage:
    scripts/english-model.py GOOGLE_POS_CSV WORDNET_DIR STATE_UNION_ZIP INAUGURAL_ZIP > \
        src/normalize/data/english-model.tsv

For example, with the two repositories cloned:
    git -C google-books-ngram-frequency show \
        e20471c15a758be3362b16d07870b34df4f7ccc3:ngrams/more/english/1grams_english_1b_with_pos.csv \
        > pos.csv
    git -C nltk_data show 5db857e6f7df11eabb5e5665836db9ec8df07e28:packages/corpora/state_union.zip \
        > state_union.zip
    git -C nltk_data show 5db857e6f7df11eabb5e5665836db9ec8df07e28:packages/corpora/inaugural.zip \
        > inaugural.zip
    apt-get install wordnet-base
    scripts/english-model.py pos.csv /usr/share/wordnet state_union.zip inaugural.zip \
        > src/normalize/data/english-model.tsv

The model (what the table holds and how the rule reads it; see src/normalize/model.rs):
  * every word's part-of-speech profile: percentages of noun, adjective, verb, adverb use (the
    rest is function-word or number use);
  * class transitions, estimated on the corpus with each following word counted by its profile:
    what follows a possessive (`nation's`), a plural noun (`nations`), `it's`, `its`, and what
    comes third after `it's ADJ` / `its ADJ`;
  * for the plural nouns of the corpus: how often the word was written as a possessive
    (`year's`) and as a plural (`years`), and how often the plural was followed by a noun or
    an adjective (most plurals almost never are: "years ago", "years of");
  * for the words of the corpus that precede such forms: how much more often they precede a
    possessive than a plural ("this year's", "two years").
The output is deterministic: the same inputs give the same bytes.
"""

import collections
import io
import math
import re
import sys
import zipfile

CLASSES = "NJVRF"  # noun, adjective, verb, adverb, function word or number
GOOGLE_CLASS = {
    "NOUN": "N",
    "ADJ": "J",
    "VERB": "V",
    "ADV": "R",
}
PRONOUN_S = {"it", "that", "he", "she", "what", "there", "here", "who", "where", "let", "how"}


def read_scowl():
    words = set()
    with open("src/normalize/data/american-english.txt", encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            if w and "'" not in w:
                words.add(w.lower())
    return words


def read_google(path):
    counts = collections.defaultdict(lambda: collections.Counter())
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            gram, freq = line.rstrip("\n").rsplit(",", 1)
            if "_" not in gram:
                continue
            word, tag = gram.rsplit("_", 1)
            if not re.fullmatch(r"[A-Za-z]+", word):
                continue
            counts[word.lower()][GOOGLE_CLASS.get(tag, "F")] += int(freq)
    return counts


def read_wordnet(folder):
    counts = collections.defaultdict(lambda: collections.Counter())
    for pos, cls in (("noun", "N"), ("verb", "V"), ("adj", "J"), ("adv", "R")):
        with open(f"{folder}/index.{pos}", encoding="utf-8") as f:
            for line in f:
                if line.startswith(" "):
                    continue
                fields = line.split()
                lemma = fields[0]
                if not re.fullmatch(r"[a-z]+", lemma):
                    continue
                synsets = int(fields[2])
                tagged = int(fields[-synsets - 1])
                # Only words the tagged corpus attests: the others are too rare to judge by.
                if tagged > 0:
                    counts[lemma][cls] += tagged
    return counts


def regular_inflections(lemma, cls):
    if cls == "N":
        if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
            return [lemma[:-1] + "ies"]
        if lemma.endswith(("s", "x", "z", "ch", "sh")):
            return [lemma + "es"]
        return [lemma + "s"]
    if cls == "V":
        forms = [lemma + "s", lemma + "ed", lemma + "ing"]
        if lemma.endswith("e"):
            forms = [lemma + "s", lemma + "d", lemma[:-1] + "ing"]
        return forms
    return []


def profiles(google, wordnet, scowl):
    """word -> {class: share}; Google's counts where it has the word, WordNet's otherwise."""
    out = {}
    wn_forms = collections.defaultdict(lambda: collections.Counter())
    for lemma, c in wordnet.items():
        for cls, n in c.items():
            wn_forms[lemma][cls] += n
            for form in regular_inflections(lemma, cls):
                wn_forms[form][cls] += n
    for word in sorted(set(google) | set(wn_forms)):
        if word not in scowl and word not in google:
            continue
        c = google.get(word) or wn_forms[word]
        total = sum(c.values())
        if total <= 0:
            continue
        prof = {k: c.get(k, 0) / total for k in CLASSES}
        out[word] = prof
    return out


TOKEN = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?|[0-9][0-9,.]*|[^\sA-Za-z0-9]")


def corpus_tokens(paths):
    for path in paths:
        with zipfile.ZipFile(path) as z:
            for name in sorted(z.namelist()):
                if not name.endswith(".txt"):
                    continue
                text = z.read(name).decode("latin-1").replace("\u2019", "'")
                for para in re.split(r"\n\s*\n", text):
                    toks = TOKEN.findall(para)
                    # Skip headings in capitals.
                    if toks and all(not t.isalpha() or t.isupper() for t in toks):
                        continue
                    yield toks


def classify(tok, prof, singletons=()):
    """A token's class profile: punctuation and numbers are function (F) here, except that the
    end of a phrase is P; the commonest function words are each a class of their own."""
    if not tok[0].isalnum():
        return {"P": 1.0}
    if tok[0].isdigit():
        return {"F": 1.0}
    low = tok.lower()
    if low in singletons:
        return {low: 1.0}
    if "'" in low:
        return {"F": 1.0} if low.split("'")[0] in PRONOUN_S else {"N": 1.0}
    if low in prof:
        return prof[low]
    if tok[0].isupper():
        return {"N": 1.0}
    return {"N": 0.5, "J": 0.2, "V": 0.3}


ALL = list(CLASSES + "P")
SINGLETONS = 40


def main():
    google_csv, wordnet_dir, su_zip, inaug_zip = sys.argv[1:5]
    scowl = read_scowl()
    prof = profiles(read_google(google_csv), read_wordnet(wordnet_dir), scowl)

    def is_plural_noun(low):
        if len(low) < 4 or not low.endswith("s") or low.endswith("ss") or low not in prof:
            return False
        p = prof[low]
        return p["N"] >= 0.6

    # The commonest function words of the corpus, each a class of its own: "to" after "it's
    # important" and "the" after "it's" say more than "a function word" does.
    freq = collections.Counter()
    for toks in corpus_tokens([su_zip, inaug_zip]):
        for tok in toks:
            low = tok.lower()
            p = prof.get(low)
            if p and p["N"] + p["J"] + p["V"] + p["R"] < 0.5 and low.isalpha():
                freq[low] += 1
    singletons = sorted(w for w, _ in sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:SINGLETONS])
    classes = ALL + singletons

    trans = {k: collections.Counter() for k in ("poss", "pl", "its_c", "its_p", "its_c3", "its_p3", "all", "its_cL", "its_pL", "allL")}
    poss_count = collections.Counter()  # year's
    pl_count = collections.Counter()  # years
    pl_nominal = collections.Counter()  # years + noun/adjective (soft count)
    left_poss = collections.Counter()
    left_pl = collections.Counter()
    pron_count = collections.Counter()
    its_words = {"its_c": collections.Counter(), "its_p": collections.Counter()}
    n_poss = n_pl = 0
    tokens_seen = 0
    for toks in corpus_tokens([su_zip, inaug_zip]):
        for i, tok in enumerate(toks):
            tokens_seen += 1
            nxt = toks[i + 1] if i + 1 < len(toks) else "."
            nxt2 = toks[i + 2] if i + 2 < len(toks) else "."
            cn = classify(nxt, prof, singletons)
            for k, v in cn.items():
                trans["all"][k] += v
            low = tok.lower()
            prev = toks[i - 1].lower() if i > 0 else "<s>"
            cp = classify(toks[i - 1], prof, singletons) if i > 0 else {"P": 1.0}
            for k, v in cp.items():
                trans["allL"][k] += v
            if low in ("it's", "its", "he's", "she's", "what's"):
                pron_count[low] += 1
            if low in ("it's", "its"):
                key = "its_c" if low == "it's" else "its_p"
                its_words[key][nxt.lower()] += 1
                for k, v in cp.items():
                    trans[key + "L"][k] += v
                for k, v in cn.items():
                    trans[key][k] += v
                if cn.get("J", 0) > 0.5:
                    for k, v in classify(nxt2, prof, singletons).items():
                        trans[key + "3"][k] += v
                continue
            m = re.fullmatch(r"([A-Za-z]+)'s", tok)
            if m and m.group(1).lower() not in PRONOUN_S:
                base = m.group(1)
                # Keyed by the spelling the possessive has without its apostrophe ("years" for
                # "year's"), which is the plural's spelling for most nouns but not for "country".
                if base.islower():
                    poss_count[base + "s"] += 1
                n_poss += 1
                left_poss[prev] += 1
                for k, v in cn.items():
                    trans["poss"][k] += v
                continue
            if tok.islower() and is_plural_noun(low):
                pl_count[low] += 1
                n_pl += 1
                left_pl[prev] += 1
                pl_nominal[low] += cn.get("N", 0) + cn.get("J", 0)
                for k, v in cn.items():
                    trans["pl"][k] += v

    def dist(c):
        total = sum(c.values())
        return {k: (c.get(k, 0) + 0.5) / (total + 0.5 * len(classes)) for k in classes}

    print("# The model of English the missing-apostrophe rule consults; generated by")
    print("# scripts/english-model.py (sources and licences there and in src/normalize/model.rs).")
    print(f"# corpus tokens {tokens_seen}, possessives {n_poss}, plural nouns {n_pl}")
    print("# Class distributions (N noun, J adjective, V verb, R adverb, F other function word or")
    print("# number, P end of phrase, then the commonest function words, each its own class) of the")
    print("# word after any word (all), a possessive, a plural noun, it's, its, and of the third word")
    print("# after it's/its + adjective (its_c3, its_p3); of the word before any word (allL), it's, its:")
    for name in ("all", "poss", "pl", "its_c", "its_p", "its_c3", "its_p3", "allL", "its_cL", "its_pL"):
        d = dist(trans[name])
        print("@" + name + "\t" + "\t".join(f"{k}={d[k]:.5f}" for k in classes))
    print(f"@prior\tposs={sum(poss_count.values())}\tpl={n_pl}")
    # The words seen at least five times after it's or its: their own counts, which say more
    # than their class ("its own", "it's time").
    seen = sorted(w for w in set(its_words["its_c"]) | set(its_words["its_p"])
                  if its_words["its_c"][w] + its_words["its_p"][w] >= 5 and w.isalpha())
    print("@its_words\t" + "\t".join(f"{w}={its_words['its_c'][w]}/{its_words['its_p'][w]}" for w in seen))
    print("@forms\t" + "\t".join(f"{w}={pron_count[w]}" for w in sorted(pron_count)))
    # Left context: log ratio of a word's share before possessives and before plurals,
    # smoothed; only words seen at least five times in either position.
    lefts = {}
    for w in set(left_poss) | set(left_pl):
        a, b = left_poss[w], left_pl[w]
        if a + b < 5 or not re.fullmatch(r"[a-z]+", w):
            continue
        # Function words and numbers only: "this", "the", "two", "these", "many".
        p = prof.get(w)
        if not p or (p["N"] + p["J"] + p["V"] + p["R"] > 0.5 and w not in ("many", "several", "few")):
            continue
        score = math.log(((a + 1) / (n_poss + 2)) / ((b + 1) / (n_pl + 2)))
        lefts[w] = round(score * 10)
    print("# Rows, sorted: shared-prefix length (one digit, at most 9) and the rest of the word;")
    print("# noun, adjective, verb, adverb share in tenths ('0' + n each); then, if the corpus has the")
    print("# word as a possessive or plural noun: possessive count, plural count, plural followed by a")
    print("# noun or adjective; then, if it often precedes one: left log-odds in tenths of a nat.")
    words = sorted(set(prof) | set(lefts))
    prev = ""
    for w in words:
        p = prof.get(w)
        shared = 0
        while shared < min(len(w), len(prev), 9) and w[shared] == prev[shared]:
            shared += 1
        prev = w
        cols = [chr(ord("0") + shared) + w[shared:]]
        cols.append("".join(chr(ord("0") + round(p[k] * 10)) for k in "NJVR") if p else "-")
        if w in pl_count or w in poss_count:
            cols.append(f"{poss_count[w]} {pl_count[w]} {round(pl_nominal[w])}")
        elif w in lefts:
            cols.append("-")
        if w in lefts:
            cols.append(str(lefts[w]))
        print("\t".join(cols))


if __name__ == "__main__":
    main()
