//! A small model of English for the `missing-apostrophe` rule's hard cases: is `years` in "the
//! years performance" the plural or the possessive `year's`, is `its` in "so its inevitable to" the
//! pronoun or `it's`? It scores both readings with word and class statistics and says how much
//! likelier one is; the rule decides, and only with a clear margin.
//!
//! **The data** (`data/english-model.tsv`, about 300 KB, embedded) is derived by
//! `scripts/english-model.py`, which documents how to rebuild it, from three sources, none of
//! which is committed:
//! - the part of speech of the 10,000 most frequent English words, with their frequencies, from
//!   Google Books Ngram data (version 20200217, books of 2010–2019) as listed in the GitHub
//!   repository `orgtre/google-books-ngram-frequency` — Creative Commons Attribution 3.0;
//! - the part of speech of rarer words, weighted by WordNet's sense-tagged counts: WordNet 3.0 as
//!   Debian packages it (`wordnet-base`) — the WordNet 3.0 licence (Princeton; use, copy,
//!   modify and distribute for any purpose, with its notice kept);
//! - word and word-pair counts from the State of the Union addresses 1945–2006 and the
//!   presidential inaugural addresses, as NLTK's data repository distributes them
//!   (`nltk/nltk_data`, `state_union`, `inaugural`) — public domain.
//!
//! Rejected: `wordfreq` and Wikipedia or OpenSubtitles counts (CC BY-SA, share-alike), Norvig's
//! and SymSpell's lists (Google Web 1T, research-only, or of unclear origin), the Brown corpus
//! (non-commercial), MASC (its own licence).
//!
//! **The model.** Each word has a part-of-speech profile (noun, adjective, verb, adverb; the rest
//! is function-word use); the forty commonest function words are classes of their own. Class
//! distributions, estimated on the corpus, say what follows a possessive (`nation's`), a plural
//! noun (`nations`), `it's` and `its`, what comes third after `it's`/`its` and an adjective, and
//! what precedes `it's`/`its`. A plural noun of the corpus also carries how often it was written as
//! a possessive and as a plural, and how often that plural was followed by a noun or adjective
//! ("years ago", "years of": almost never), and a function word how much more often it precedes a
//! possessive than a plural ("this year's", "two years"). A score is the log-odds, in nats, of the
//! apostrophe reading against the bare one: prior, left neighbour, right neighbour (and, after an
//! adjective, the word after it) multiplied as independent evidence.
//!
//! Loaded once per process on first use ([`english`]); this module never decides an edit and
//! never looks at more than the three or four words it is given.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use super::lexicon::WordHasher;

static DATA: &str = include_str!("data/english-model.tsv");

/// The coarse classes, in the order of the data's tables; then one class per common function word.
const NOUN: usize = 0;
const ADJ: usize = 1;
const ADV: usize = 3; // verbs are class 2
const FUNCTION: usize = 4;
const END: usize = 5;
const COARSE: [&str; 6] = ["N", "J", "V", "R", "F", "P"];

/// What the data says about one word.
#[derive(Debug, Default, Clone, Copy)]
struct Entry {
    /// Noun, adjective, verb, adverb share in tenths; `None` when the sources do not know the word.
    profile: Option<[u8; 4]>,
    /// The word's own class when it is one of the common function words.
    singleton: Option<u16>,
    /// Corpus counts for a plural noun: written as a possessive (`year's` for `years`), as a
    /// plural, and as a plural followed by a noun or adjective.
    possessive: u32,
    plural: u32,
    plural_nominal: u32,
    /// Log-odds (tenths of a nat) that the word precedes a possessive rather than a plural.
    left: i16,
}

/// A class distribution, indexed by class.
type Table = Vec<f32>;

pub(crate) struct EnglishModel {
    words: HashMap<&'static str, Entry, BuildHasherDefault<WordHasher>>,
    all: Table,
    poss: Table,
    plural: Table,
    its_c: Table,
    its_p: Table,
    its_c3: Table,
    its_p3: Table,
    all_left: Table,
    its_c_left: Table,
    its_p_left: Table,
    /// Counts of the words seen after `it's` and after `its`.
    its_words: HashMap<&'static str, (u32, u32), BuildHasherDefault<WordHasher>>,
    its_counts: (u32, u32),
    /// Possessives and plurals of common nouns in the corpus: the prior for an unseen noun.
    prior: (u32, u32),
    /// A bit per hash of each plural the model judges ([`Self::judges_plural`]): nearly every
    /// other word of the text is turned away by one bit test, before any table lookup.
    plural_bits: Box<[u64]>,
}

/// Bits in [`EnglishModel::plural_bits`]: 64 Ki, 8 KB, for about 2,000 plurals.
const PLURAL_BITS: usize = 1 << 16;

/// A fast hash of a word into [`PLURAL_BITS`]: its first and last eight bytes (fewer for a
/// short word) and its length, one multiplication each.
fn plural_bit(word: &str) -> usize {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let b = word.as_bytes();
    let load = |s: &[u8]| {
        let mut buf = [0u8; 8];
        buf[..s.len()].copy_from_slice(s);
        u64::from_le_bytes(buf)
    };
    let n = b.len();
    let head = load(&b[..n.min(8)]);
    let tail = load(&b[n.saturating_sub(8)..]);
    let h = ((head ^ (n as u64)).wrapping_mul(K).rotate_left(29) ^ tail).wrapping_mul(K);
    (h >> 48) as usize & (PLURAL_BITS - 1)
}

/// The model, parsed from the embedded table on first use.
pub(crate) fn english() -> &'static EnglishModel {
    static MODEL: OnceLock<EnglishModel> = OnceLock::new();
    MODEL.get_or_init(|| EnglishModel::parse(DATA))
}

/// The plurals the model judges: nouns the corpus has seen as plurals, and written as plurals at
/// least as often as as possessives. An unseen plural has no evidence of its own; for "worlds"
/// (91 "world's" to 2 "worlds") the prior alone would decide, and the rule's own patterns ("the
/// worlds largest") are the better judge.
fn judged(e: &Entry) -> bool {
    e.profile.is_some_and(|p| p[0] >= 6) && e.plural > 0 && e.possessive <= e.plural
}

/// A plural the model judges, as [`EnglishModel::judges_plural`] found it.
#[derive(Clone, Copy)]
pub(crate) struct Plural<'a>(&'a Entry);

/// A word's class profile: up to five (class, weight) pairs.
#[derive(Debug, Clone, Copy)]
struct Profile {
    parts: [(u16, f32); 5],
    len: usize,
}

impl Profile {
    fn one(class: usize) -> Profile {
        let mut parts = [(0, 0.0); 5];
        parts[0] = (class as u16, 1.0);
        Profile { parts, len: 1 }
    }

    fn iter(&self) -> impl Iterator<Item = (usize, f32)> + '_ {
        self.parts[..self.len]
            .iter()
            .map(|&(c, w)| (usize::from(c), w))
    }

    fn share(&self, class: usize) -> f32 {
        self.iter()
            .filter(|&(c, _)| c == class)
            .map(|(_, w)| w)
            .sum()
    }
}

impl EnglishModel {
    fn parse(data: &'static str) -> EnglishModel {
        let mut classes: Vec<&'static str> = Vec::new();
        let mut tables: HashMap<&'static str, Table> = HashMap::new();
        let mut model = EnglishModel {
            words: HashMap::default(),
            all: Vec::new(),
            poss: Vec::new(),
            plural: Vec::new(),
            its_c: Vec::new(),
            its_p: Vec::new(),
            its_c3: Vec::new(),
            its_p3: Vec::new(),
            all_left: Vec::new(),
            its_c_left: Vec::new(),
            its_p_left: Vec::new(),
            its_words: HashMap::default(),
            its_counts: (1, 1),
            prior: (1, 1),
            plural_bits: vec![0; PLURAL_BITS / 64].into_boxed_slice(),
        };
        let mut word = String::new();
        // Words are front-coded; the decoded keys are leaked once, for the life of the process,
        // so lookups borrow `&'static str` like the lexicon's.
        let mut keys = String::with_capacity(data.len());
        let mut rows: Vec<(usize, usize, Entry)> = Vec::new();
        for line in data.lines() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut fields = line.split('\t');
            let head = fields.next().unwrap_or("");
            if let Some(name) = head.strip_prefix('@') {
                let pairs = fields.filter_map(|f| f.split_once('='));
                match name {
                    "its_words" => {
                        for (w, counts) in pairs {
                            let (c, p) = counts.split_once('/').unwrap_or(("0", "0"));
                            model
                                .its_words
                                .insert(w, (c.parse().unwrap_or(0), p.parse().unwrap_or(0)));
                        }
                    }
                    "forms" => {
                        let map: HashMap<&str, u32> =
                            pairs.map(|(k, v)| (k, v.parse().unwrap_or(0))).collect();
                        model.its_counts = (
                            map.get("it's").copied().unwrap_or(1).max(1),
                            map.get("its").copied().unwrap_or(1).max(1),
                        );
                    }
                    "prior" => {
                        let map: HashMap<&str, u32> =
                            pairs.map(|(k, v)| (k, v.parse().unwrap_or(0))).collect();
                        model.prior = (
                            map.get("poss").copied().unwrap_or(1).max(1),
                            map.get("pl").copied().unwrap_or(1).max(1),
                        );
                    }
                    _ => {
                        let pairs: Vec<(&'static str, f32)> =
                            pairs.map(|(k, v)| (k, v.parse().unwrap_or(0.0))).collect();
                        if classes.is_empty() {
                            classes = pairs.iter().map(|&(k, _)| k).collect();
                        }
                        tables.insert(name, pairs.into_iter().map(|(_, v)| v).collect());
                    }
                }
                continue;
            }
            let shared = usize::from(head.as_bytes().first().map_or(0, |b| b - b'0'));
            word.truncate(shared);
            word.push_str(head.get(1..).unwrap_or(""));
            let mut entry = Entry::default();
            if let Some(p) = fields.next().filter(|p| *p != "-" && p.len() == 4) {
                let b = p.as_bytes();
                entry.profile = Some([b[0] - b'0', b[1] - b'0', b[2] - b'0', b[3] - b'0']);
            }
            if let Some(c) = fields.next().filter(|c| *c != "-") {
                let mut n = c.split(' ').map(|x| x.parse().unwrap_or(0));
                entry.possessive = n.next().unwrap_or(0);
                entry.plural = n.next().unwrap_or(0);
                entry.plural_nominal = n.next().unwrap_or(0);
            }
            if let Some(l) = fields.next() {
                entry.left = l.parse().unwrap_or(0);
            }
            let at = keys.len();
            keys.push_str(&word);
            rows.push((at, keys.len(), entry));
        }
        let keys: &'static str = Box::leak(keys.into_boxed_str());
        model.words.reserve(rows.len());
        for (from, to, entry) in rows {
            model.words.insert(&keys[from..to], entry);
        }
        for (&w, e) in &model.words {
            if judged(e) {
                let bit = plural_bit(w);
                model.plural_bits[bit / 64] |= 1 << (bit % 64);
            }
        }
        for (k, name) in classes.iter().enumerate().skip(COARSE.len()) {
            if let Some(e) = model.words.get_mut(name) {
                e.singleton = Some(k as u16);
            }
        }
        let mut take = |name: &str| tables.remove(name).unwrap_or_default();
        model.all = take("all");
        model.poss = take("poss");
        model.plural = take("pl");
        model.its_c = take("its_c");
        model.its_p = take("its_p");
        model.its_c3 = take("its_c3");
        model.its_p3 = take("its_p3");
        model.all_left = take("allL");
        model.its_c_left = take("its_cL");
        model.its_p_left = take("its_pL");
        model
    }

    /// Whether the word, in lower case, is among the model's words: the common words of
    /// English, not the rare ones the word list also holds (`shanghais`, `chinas`).
    pub(crate) fn knows(&self, word: &str) -> bool {
        self.entry(word).is_some()
    }

    fn entry(&self, word: &str) -> Option<&Entry> {
        if word.len() > 32 || !word.is_ascii() {
            return None;
        }
        if !word.bytes().any(|b| b.is_ascii_uppercase()) {
            return self.words.get(word);
        }
        let mut buf = [0u8; 32];
        for (slot, b) in buf.iter_mut().zip(word.bytes()) {
            *slot = b.to_ascii_lowercase();
        }
        std::str::from_utf8(&buf[..word.len()])
            .ok()
            .and_then(|w| self.words.get(w))
    }

    /// The class profile of a neighbouring word; `None` for the end of the phrase (punctuation
    /// or the line's end). `Err` for a lower-case word the sources do not know: no judgement.
    fn profile(&self, word: Option<&str>) -> Result<Profile, ()> {
        let Some(w) = word else {
            return Ok(Profile::one(END));
        };
        let first = w.as_bytes()[0];
        if first.is_ascii_digit() {
            return Ok(Profile::one(FUNCTION));
        }
        let upper = first.is_ascii_uppercase();
        if upper && w.len() > 1 && w.bytes().all(|b| b.is_ascii_uppercase()) {
            return Ok(Profile::one(NOUN));
        }
        match self.entry(w) {
            Some(Entry {
                singleton: Some(k), ..
            }) => Ok(Profile::one(usize::from(*k))),
            Some(Entry {
                profile: Some(p), ..
            }) => {
                let mut parts = [(0u16, 0.0f32); 5];
                let mut len = 0;
                let mut rest = 1.0f32;
                for (class, &tenths) in p.iter().enumerate() {
                    if tenths > 0 {
                        let share = f32::from(tenths) / 10.0;
                        parts[len] = (class as u16, share);
                        len += 1;
                        rest -= share;
                    }
                }
                if rest > 0.05 {
                    parts[len] = (FUNCTION as u16, rest);
                    len += 1;
                }
                Ok(Profile { parts, len })
            }
            _ if upper => Ok(Profile::one(NOUN)),
            _ => Err(()),
        }
    }

    /// How likely the profile is in a context against the corpus at large.
    fn likelihood(&self, p: &Profile, table: &Table, base: &Table) -> f32 {
        p.iter()
            .map(|(c, w)| {
                let (t, b) = (
                    table.get(c).copied().unwrap_or(0.0),
                    base.get(c).copied().unwrap_or(1.0),
                );
                w * t / b.max(1e-6)
            })
            .sum::<f32>()
            .max(1e-9)
    }

    /// Whether [`Self::possessive_score`] can judge the lower-case `word` at all (see
    /// [`judged`]). Mostly one bit test, so the rule asks this before it looks at the neighbours.
    pub(crate) fn judges_plural(&self, word: &str) -> Option<Plural<'_>> {
        let bit = plural_bit(word);
        if self.plural_bits[bit / 64] & (1 << (bit % 64)) == 0 {
            return None;
        }
        self.words.get(word).filter(|e| judged(e)).map(Plural)
    }

    /// Log-odds that the plural `word` ("years") is the possessive `year's` rather than the
    /// plural, between `prev` and `next` (`None`: the phrase ends there). `None` when the model
    /// cannot judge: a neighbour it does not know.
    pub(crate) fn possessive_score(
        &self,
        prev: Option<&str>,
        word: Plural<'_>,
        next: Option<&str>,
    ) -> Option<f32> {
        let entry = word.0;
        // The prior: this word's possessives against its plurals, pulled towards the rate of
        // all common nouns.
        const ALPHA: f32 = 10.0;
        let (all_poss, all_pl) = self.prior;
        let p0 = all_poss as f32 / (all_poss + all_pl) as f32;
        let prior = ((entry.possessive as f32 + ALPHA * p0)
            / (entry.plural as f32 + ALPHA * (1.0 - p0)))
            .ln();
        // The right neighbour, against what follows this plural: most plurals are almost never
        // followed by a noun or an adjective, and the corpus says how rarely for this one.
        const KAPPA: f32 = 10.0;
        let next = self.profile(next).ok()?;
        let nominal = self.plural[NOUN] + self.plural[ADJ];
        let own = (entry.plural_nominal as f32 + KAPPA * nominal) / (entry.plural as f32 + KAPPA);
        let (nominal_scale, other_scale) = (own / nominal, (1.0 - own) / (1.0 - nominal));
        let plural = next
            .iter()
            .map(|(c, w)| {
                let t = self.plural.get(c).copied().unwrap_or(0.0);
                let scale = if c == NOUN || c == ADJ {
                    nominal_scale
                } else {
                    other_scale
                };
                w * t * scale / self.all.get(c).copied().unwrap_or(1.0).max(1e-6)
            })
            .sum::<f32>()
            .max(1e-9);
        let right = (self.likelihood(&next, &self.poss, &self.all) / plural).ln();
        let left = prev
            .and_then(|p| self.entry(p))
            .map_or(0.0, |e| f32::from(e.left) / 10.0);
        Some(prior + right + left)
    }

    /// Log-odds that `its` is `it's`, from the word before it, the word after it and, when that
    /// is an adjective ("so its inevitable to"), the word after that. `None` when the model cannot
    /// judge: an unknown neighbour, a noun after `its` ("its time to market") or an adverb ("its
    /// very existence", "its not guilty plea"), whose reading only words further on decide.
    pub(crate) fn its_score(
        &self,
        prev: Option<&str>,
        next: Option<&str>,
        after_next: Option<&str>,
    ) -> Option<f32> {
        let next_word = next?;
        let (its_c, its_p) = self.its_counts;
        let prior = (its_c as f32 / its_p as f32).ln();
        let left = match prev {
            Some(p) => {
                let pp = self.profile(Some(p)).ok()?;
                (self.likelihood(&pp, &self.its_c_left, &self.all_left)
                    / self.likelihood(&pp, &self.its_p_left, &self.all_left))
                .ln()
            }
            None => 0.0,
        };
        let np = self.profile(next).ok()?;
        // After a noun the possessive always reads ("its time to market", "its part"): only
        // the rest of the sentence could tell, so the model does not judge.
        if np.share(NOUN) >= 0.5 {
            return None;
        }
        let mut buf = [0u8; 32];
        let len = next_word.len().min(buf.len());
        for (slot, b) in buf.iter_mut().zip(next_word.bytes()) {
            *slot = b.to_ascii_lowercase();
        }
        let lower = std::str::from_utf8(&buf[..len]).unwrap_or("");
        let right = match self.its_words.get(lower) {
            // The word's own counts after it's and its ("its own", "it's time").
            Some(&(c, p)) => {
                ((c as f32 + 0.5) / its_c as f32).ln() - ((p as f32 + 0.5) / its_p as f32).ln()
            }
            None => {
                if np.share(ADV) >= 0.5 {
                    return None;
                }
                (self.likelihood(&np, &self.its_c, &self.all)
                    / self.likelihood(&np, &self.its_p, &self.all))
                .ln()
            }
        };
        let third = if np.share(ADJ) > 0.5 {
            let zp = self.profile(after_next).ok()?;
            (self.likelihood(&zp, &self.its_c3, &self.all)
                / self.likelihood(&zp, &self.its_p3, &self.all))
            .ln()
        } else {
            0.0
        };
        Some(prior + left + right + third)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_loads_with_its_tables_and_words() {
        let m = english();
        assert!(m.words.len() > 20_000, "{} words", m.words.len());
        for t in [&m.all, &m.poss, &m.plural, &m.its_c, &m.its_p, &m.its_c3] {
            assert_eq!(t.len(), m.all.len());
            assert!(t.len() > COARSE.len());
            let sum: f32 = t.iter().sum();
            assert!((sum - 1.0).abs() < 0.01, "{sum}");
        }
        assert!(m.entry("performance").and_then(|e| e.profile).is_some());
        assert!(m.entry("the").and_then(|e| e.singleton).is_some());
        assert!(m.entry("years").is_some_and(|e| e.plural > 100));
        assert!(m.judges_plural("years").is_some() && m.judges_plural("governments").is_some());
        assert!(m.judges_plural("worlds").is_none() && m.judges_plural("this").is_none());
        let judged_count = m.words.values().filter(|e| judged(e)).count();
        assert!((500..5_000).contains(&judged_count), "{judged_count}");
    }

    #[test]
    fn scores_point_the_right_way() {
        let m = english();
        let poss = |p, w, n| {
            m.judges_plural(w)
                .and_then(|w| m.possessive_score(p, w, n))
                .unwrap_or(f32::NAN)
        };
        assert!(poss(Some("the"), "years", Some("performance")) > 1.0);
        assert!(poss(Some("the"), "years", Some("passed")) < -1.0);
        assert!(poss(Some("two"), "years", Some("ago")) < -1.0);
        assert!(poss(Some("the"), "years", Some("of")) < -1.0);
        assert!(m.judges_plural("worlds").is_none());
        let years = m.judges_plural("years").expect("years");
        assert!(
            m.possessive_score(Some("the"), years, Some("zzyzx"))
                .is_none()
        );
        let its = |p, n, z| m.its_score(p, n, z).unwrap_or(f32::NAN);
        assert!(its(Some("so"), Some("inevitable"), Some("to")) > 1.0);
        assert!(its(None, Some("own"), None) < -1.0);
        assert!(its(Some("in"), Some("total"), Some("revenue")) < -1.0);
        assert!(
            m.its_score(None, Some("very"), Some("existence"))
                .is_none_or(|s| s < 0.0)
        );
        assert!(m.its_score(None, Some("really"), Some("good")).is_none());
    }
}
