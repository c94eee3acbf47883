// folio search: matches what you type against the index folio prebuilt at build time, in the
// browser, with no server and no network. The index is split (src/backend/html/search.rs):
// search/manifest.js says which shard holds which terms, search/terms/N.js hold the terms'
// postings, search/docs/N.js the text of a few articles each. A query loads the manifest,
// the shards of its terms, then the text of the results it shows — never the whole archive.
// Each file is a script that calls back window.folioSearch, loaded with a <script> element,
// because browsers refuse fetch() of local files: search works opened from disk as well as
// served. Terms are folded and split exactly as the index was (src/backend/html/search/fold.rs;
// the suite's browser test checks the two agree): words of letters and digits, and Chinese,
// Japanese and Korean as single characters and overlapping pairs. Every term must match; the
// last word is also a prefix while you type. Results are built with DOM nodes and textContent
// only: nothing from the index is ever parsed as HTML.
(function () {
  "use strict";
  var form = document.querySelector(".search-form");
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  if (!form || !input || !status || !list) return;
  var root = list.getAttribute("data-root") || "";
  var base = list.getAttribute("data-index") || "";
  // Over HTTP the manifest's version goes into every URL, so a cache never mixes builds.
  var http = /^https?:$/.test(location.protocol);
  // A snippet: up to BEFORE characters before the first hit it shows, the WINDOW in which the
  // most terms occur, and up to AFTER_WINDOW more to end at a word.
  var BEFORE = 50;
  var WINDOW = 160;
  var AFTER_WINDOW = 30;
  var MAX_HITS = 200;

  // ---- Loading: one promise per file, settled by the file's own callback.
  var manifest = null;
  var chunkStarts = [];
  var slots = {};
  function slot(file) {
    var s = slots[file];
    if (!s) {
      s = slots[file] = { started: false, done: false };
      s.promise = new Promise(function (resolve, reject) {
        s.resolve = function (v) {
          s.done = true;
          resolve(v);
        };
        s.reject = reject;
      });
    }
    return s;
  }
  function load(file) {
    var s = slot(file);
    if (s.started) return s.promise;
    s.started = true;
    var script = document.createElement("script");
    script.src = base + file + (http && manifest ? "?v=" + manifest.version : "");
    script.onerror = function () {
      s.reject(new Error("search/" + file));
    };
    script.onload = function () {
      if (!s.done) s.reject(new Error("search/" + file));
    };
    document.head.appendChild(script);
    return s.promise;
  }
  window.folioSearch = {
    manifest: function (m) {
      slot("manifest.js").resolve(m);
    },
    terms: function (n, flat) {
      var terms = new Map();
      for (var i = 0; i + 1 < flat.length; i += 2) terms.set(flat[i], flat[i + 1]);
      slot("terms/" + n + ".js").resolve(terms);
    },
    docs: function (n, docs) {
      slot("docs/" + n + ".js").resolve(docs);
    },
  };

  // ---- Terms, as fold.rs makes them.
  var MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  var WORD_CHAR = /[\p{Alphabetic}\p{N}]/u;
  var WORD = 0;
  var CHAR = 1;
  var BIGRAM = 2;
  var maxTerm = 64;
  var folds = Object.create(null);
  function foldChar(ch) {
    if (ch.length === 1 && ch.charCodeAt(0) < 0x80) return ch.toLowerCase();
    var f = folds[ch];
    if (f === undefined) {
      f = ch.normalize("NFKD").toLowerCase().replace(MARKS, "").normalize("NFC");
      f = folds[ch] = f.replace(/ß/g, "ss").replace(/ς/g, "σ");
    }
    return f;
  }
  function isCjk(c) {
    return (
      (c >= 0x1100 && c <= 0x11ff) ||
      (c >= 0x2e80 && c <= 0x2fdf) ||
      (c >= 0x3005 && c <= 0x3007) ||
      (c >= 0x3040 && c <= 0x30ff) ||
      (c >= 0x3100 && c <= 0x318f) ||
      (c >= 0x31a0 && c <= 0x31ff) ||
      (c >= 0x3400 && c <= 0x4dbf) ||
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0xa960 && c <= 0xa97f) ||
      (c >= 0xac00 && c <= 0xd7ff) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0x20000 && c <= 0x3ffff)
    );
  }
  // The terms of `text` in order, each with the span [start, end) of the original text it
  // came from.
  function scan(text) {
    var out = [];
    var word = "";
    var chars = 0;
    var wordStart = 0;
    var wordEnd = 0;
    var prev = null;
    var prevStart = 0;
    function endWord() {
      if (word) out.push({ term: word, kind: WORD, start: wordStart, end: wordEnd });
      word = "";
      chars = 0;
    }
    for (var i = 0; i < text.length; ) {
      var ch = String.fromCodePoint(text.codePointAt(i));
      var next = i + ch.length;
      for (var f of foldChar(ch)) {
        if (isCjk(f.codePointAt(0))) {
          endWord();
          out.push({ term: f, kind: CHAR, start: i, end: next });
          if (prev !== null) out.push({ term: prev + f, kind: BIGRAM, start: prevStart, end: next });
          prev = f;
          prevStart = i;
        } else if (WORD_CHAR.test(f)) {
          prev = null;
          if (!word) wordStart = i;
          if (chars < maxTerm) {
            word += f;
            chars++;
          }
          wordEnd = next;
        } else {
          prev = null;
          endWord();
        }
      }
      i = next;
    }
    endWord();
    return out;
  }

  // A query as read.rs parses it: its distinct terms (the last word a prefix while typing)
  // and, for each word of the query, which terms it asks for.
  function parse(value) {
    var open = value.length > 0 && !/\s$/.test(value);
    var words = value.split(/\s+/).filter(Boolean);
    var terms = [];
    var groups = [];
    words.forEach(function (w, wi) {
      var found = scan(w);
      var inBigrams = {};
      found.forEach(function (t) {
        if (t.kind === BIGRAM) for (var c of t.term) inBigrams[c] = true;
      });
      var kept = found.filter(function (t) {
        return t.kind !== CHAR || !inBigrams[t.term];
      });
      var group = [];
      kept.forEach(function (t, i) {
        var prefix = open && wi === words.length - 1 && i === kept.length - 1 && t.kind === WORD;
        var at = -1;
        for (var k = 0; k < terms.length; k++) if (terms[k].term === t.term && terms[k].prefix === prefix) at = k;
        if (at === -1) {
          terms.push({ term: t.term, prefix: prefix, expand: false });
          at = terms.length - 1;
        }
        if (group.indexOf(at) === -1) group.push(at);
      });
      var key = group.join(",");
      if (group.length && !groups.some(function (g) { return g.join(",") === key; })) groups.push(group);
    });
    return { terms: terms, groups: groups };
  }

  // ---- Postings: VLQ digits (5 bits each, low first, 0x20 = more).
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  var digitValue = {};
  for (var d = 0; d < 64; d++) digitValue[DIGITS.charAt(d)] = d;
  function vlq(s) {
    var out = [];
    var value = 0;
    var shift = 0;
    for (var i = 0; i < s.length; i++) {
      var v = digitValue[s.charAt(i)];
      value += (v & 31) * Math.pow(2, shift);
      if (v & 32) shift += 5;
      else {
        out.push(value);
        value = 0;
        shift = 0;
      }
    }
    return out;
  }
  // Adds a term's postings to `found` (article → [weight, in title]).
  function addPostings(found, digits) {
    var n = vlq(digits);
    var id = 0;
    for (var i = 0; i + 1 < n.length; i += 2) {
      id += Math.floor(n[i] / 2);
      var e = found.get(id);
      if (!e) found.set(id, (e = [0, false]));
      e[0] += n[i + 1];
      e[1] = e[1] || n[i] % 2 === 1;
    }
  }
  function shardOf(term) {
    var lo = 0;
    var hi = manifest.terms.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (manifest.terms[mid][0] <= term) lo = mid + 1;
      else hi = mid;
    }
    return Math.max(0, lo - 1);
  }
  // The articles that have term `t`, loading its shards; a prefix within the manifest's
  // budget matches every term it starts.
  function lookup(t) {
    var first = shardOf(t.term);
    var last = first;
    if (t.prefix) {
      while (last + 1 < manifest.terms.length && manifest.terms[last + 1][0].startsWith(t.term)) last++;
      var bytes = 0;
      for (var k = first; k <= last; k++) bytes += manifest.terms[k][1];
      t.expand = bytes <= manifest.prefix_bytes;
      if (!t.expand) last = first;
    }
    var loads = [];
    for (var s = first; s <= last; s++) loads.push(load("terms/" + s + ".js"));
    return Promise.all(loads).then(function (shards) {
      var found = new Map();
      shards.forEach(function (shard) {
        if (t.expand) {
          shard.forEach(function (digits, term) {
            if (term.startsWith(t.term)) addPostings(found, digits);
          });
        } else if (shard.has(t.term)) addPostings(found, shard.get(t.term));
      });
      return found;
    });
  }
  function rank(q, found) {
    var ranked = [];
    found[0].forEach(function (_, id) {
      for (var k = 1; k < found.length; k++) if (!found[k].has(id)) return;
      var titles = 0;
      var weight = 0;
      q.groups.forEach(function (g) {
        var all = true;
        var least = Infinity;
        g.forEach(function (t) {
          var e = found[t].get(id);
          all = all && e[1];
          least = Math.min(least, e[0]);
        });
        if (all) titles++;
        weight += least;
      });
      ranked.push({ id: id, titles: titles, weight: weight });
    });
    ranked.sort(function (a, b) {
      return b.titles - a.titles || b.weight - a.weight || a.id - b.id;
    });
    return ranked;
  }
  function chunkOf(id) {
    var lo = 0;
    var hi = chunkStarts.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (chunkStarts[mid] <= id) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }
  function entry(id) {
    var c = chunkOf(id);
    return load("docs/" + c + ".js").then(function (docs) {
      return docs[id - chunkStarts[c]];
    });
  }

  // ---- Results.
  // The spans of `text` where a query term is, each as [start, end, term].
  function spansIn(text, q) {
    var spans = [];
    scan(text).forEach(function (tok) {
      for (var k = 0; k < q.terms.length; k++) {
        var t = q.terms[k];
        var hit = t.expand ? tok.kind === WORD && tok.term.startsWith(t.term) : tok.term === t.term;
        if (hit) spans.push([tok.start, tok.end, k]);
      }
    });
    spans.sort(function (a, b) {
      return a[0] - b[0] || a[2] - b[2];
    });
    return spans;
  }

  // Appends `text[start, end)` to `parent`, every span wrapped in <mark>.
  function highlight(parent, text, start, end, spans) {
    var pos = start;
    spans.forEach(function (sp) {
      var from = Math.max(sp[0], pos);
      var to = Math.min(sp[1], end);
      if (to <= from) return;
      if (from > pos) parent.appendChild(document.createTextNode(text.slice(pos, from)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(from, to);
      parent.appendChild(mark);
      pos = to;
    });
    if (pos < end) parent.appendChild(document.createTextNode(text.slice(pos, end)));
  }

  // Where to cut a snippet: the window of WINDOW characters that holds the most different
  // terms (the earliest such window), as {at: where its first hit is, covered: how many terms
  // it holds}; covered is 0 when no term occurs.
  function bestWindow(spans) {
    var hits = spans.slice(0, MAX_HITS);
    if (!hits.length) return { at: -1, covered: 0 };
    var best = { at: hits[0][0], covered: 0 };
    for (var i = 0; i < hits.length; i++) {
      var seen = {};
      var covered = 0;
      for (var j = i; j < hits.length && hits[j][1] <= hits[i][0] + WINDOW; j++) {
        if (!seen[hits[j][2]]) {
          seen[hits[j][2]] = true;
          covered++;
        }
      }
      if (covered > best.covered) best = { at: hits[i][0], covered: covered };
    }
    return best;
  }

  function snippet(text, at, spans) {
    var p = document.createElement("p");
    p.className = "snippet";
    var start = Math.max(0, at - BEFORE);
    var end = Math.min(text.length, at + WINDOW + AFTER_WINDOW);
    // Start at a word boundary where the text has spaces near by.
    if (start > 0) {
      var space = text.slice(start, at).search(/\s/);
      if (space !== -1 && space < 20) start += space + 1;
    }
    // End at one too.
    if (end < text.length) {
      var tail = text.slice(at + WINDOW, end).search(/\s/);
      if (tail !== -1) end = at + WINDOW + tail;
    }
    // Do not cut a surrogate pair in half.
    if (start > 0 && /[\uDC00-\uDFFF]/.test(text.charAt(start))) start--;
    if (end < text.length && /[\uDC00-\uDFFF]/.test(text.charAt(end))) end++;
    if (start > 0) p.appendChild(document.createTextNode("…"));
    highlight(p, text, start, end, spans);
    if (end < text.length) p.appendChild(document.createTextNode("…"));
    return p;
  }

  // An entry is [slug, title, date, date as the pages show it, text, [[anchor, author, text]…]].
  function render(a, q) {
    var li = document.createElement("li");
    li.className = "search-result";
    var h = document.createElement("h2");
    var link = document.createElement("a");
    var url = root + a[0] + "/index.html";
    link.href = url;
    highlight(link, a[1], 0, a[1].length, spansIn(a[1], q));
    h.appendChild(link);
    li.appendChild(h);
    var meta = document.createElement("p");
    meta.className = "meta";
    if (a[2]) {
      var time = document.createElement("time");
      time.dateTime = a[2];
      // The date as every other page shows it ("25 May 2021").
      time.textContent = a[3] || a[2];
      meta.appendChild(time);
    }
    li.appendChild(meta);
    // The snippet comes from the text, or from the comment whose best window holds more of
    // the terms; a comment found by its author alone is shown from its start.
    var n = q.terms.length;
    var bodySpans = spansIn(a[4], q);
    var body = bestWindow(bodySpans);
    var chosen = null;
    if (body.covered < n) {
      var comments = a[5] || [];
      for (var i = 0; i < comments.length; i++) {
        var c = comments[i];
        var spans = spansIn(c[2], q);
        var w = bestWindow(spans);
        var authorSpans = spansIn(c[1], q);
        var score = Math.max(w.covered, bestWindow(authorSpans).covered);
        if (score > (chosen ? chosen.score : body.covered)) {
          chosen = { comment: c, spans: spans, authorSpans: authorSpans, window: w, score: score };
          if (score === n) break;
        }
      }
    }
    if (!chosen) {
      if (a[4]) li.appendChild(snippet(a[4], Math.max(body.at, 0), bodySpans));
      return li;
    }
    var comment = chosen.comment;
    if (meta.firstChild) meta.appendChild(document.createTextNode(" · "));
    var where = document.createElement("a");
    where.href = url + "#" + comment[0];
    where.appendChild(document.createTextNode("comment by "));
    highlight(where, comment[1], 0, comment[1].length, chosen.authorSpans);
    meta.appendChild(where);
    li.appendChild(snippet(comment[2], Math.max(chosen.window.at, 0), chosen.spans));
    return li;
  }

  // ---- The page.
  var current = null;
  var sequence = 0;
  function failed(e) {
    status.textContent = "The search index (" + (e && e.message) + ") could not be loaded.";
    if (more) more.hidden = true;
  }
  function describe(state) {
    var n = state.ranked.length;
    var text = n === 0 ? "No results" : n === 1 ? "1 result" : n + " results";
    text += " for “" + state.query + "”";
    if (n > state.shown) text += "; showing the first " + state.shown;
    status.textContent = text + ".";
    if (more) more.hidden = state.shown >= n;
  }
  // Shows the next page of `state`'s results (in place of the list's items when `replace`:
  // the old results stay until the new ones are ready); resolves to the first new item.
  function showMore(state, replace) {
    var next = state.ranked.slice(state.shown, state.shown + manifest.page);
    return Promise.all(
      next.map(function (r) {
        return entry(r.id);
      })
    ).then(function (entries) {
      if (state !== current) return null;
      if (replace) list.textContent = "";
      var first = null;
      entries.forEach(function (a) {
        var li = render(a, state.q);
        if (!first) first = li;
        list.appendChild(li);
      });
      state.shown += entries.length;
      describe(state);
      return first;
    });
  }
  function run() {
    if (!manifest) return;
    var value = input.value;
    var query = value.trim();
    var q = parse(value);
    var mine = ++sequence;
    if (!q.groups.length) {
      current = null;
      list.textContent = "";
      if (more) more.hidden = true;
      status.textContent = "Type to search " + manifest.docs + " articles and their comments.";
      return;
    }
    var lookups = manifest.terms.length ? q.terms.map(lookup) : [Promise.resolve(new Map())];
    Promise.all(lookups)
      .then(function (found) {
        if (mine !== sequence) return null;
        var state = { query: query, q: q, ranked: rank(q, found), shown: 0 };
        current = state;
        return showMore(state, true);
      })
      .catch(function (e) {
        if (mine === sequence) failed(e);
      });
  }

  var timer = null;
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      run();
      try {
        var q = input.value.trim();
        history.replaceState(null, "", q ? "?q=" + encodeURIComponent(q) : location.pathname);
      } catch (e) {
        // Some browsers refuse to change the URL of a page opened from disk; search still works.
      }
    }, 120);
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    run();
  });
  input.addEventListener("input", schedule);
  if (more) {
    more.addEventListener("click", function () {
      var state = current;
      if (!state) return;
      showMore(state, false)
        .then(function (first) {
          var a = first && first.querySelector("a");
          if (a) a.focus();
        })
        .catch(failed);
    });
  }
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) input.value = initial;
  status.textContent = "Loading the search index…";
  load("manifest.js")
    .then(function (m) {
      manifest = m;
      maxTerm = m.max_term;
      var counts = vlq(m.chunks);
      var start = 0;
      counts.forEach(function (c) {
        chunkStarts.push(start);
        start += c;
      });
      run();
    })
    .catch(failed);
})();
