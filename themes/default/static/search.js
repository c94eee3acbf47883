// folio search: matches what you type against the index folio prebuilt at build time
// (search-index.js sets window.folioSearchIndex), in the browser, with no server and no
// network. Chinese and Japanese have no spaces between words, so each space-separated term is
// matched as a substring (case-insensitive via toLocaleLowerCase), not as a whole word; every
// term must occur in the article, its title or its comments. Results are built with DOM
// nodes and textContent only: nothing from the index is ever parsed as HTML.
(function () {
  "use strict";
  var form = document.querySelector(".search-form");
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!form || !input || !status || !list) return;
  var index = window.folioSearchIndex;
  if (!index || !index.articles) {
    status.textContent = "The search index (search-index.js) could not be loaded.";
    return;
  }
  var root = list.getAttribute("data-root") || "";
  var lang = document.documentElement.lang || undefined;
  var MAX_RESULTS = 50;
  // A snippet: up to BEFORE characters before the first hit it shows, the WINDOW in which the
  // most terms occur, and up to AFTER_WINDOW more to end at a word.
  var BEFORE = 50;
  var WINDOW = 160;
  var AFTER_WINDOW = 30;
  var MAX_HITS = 200;

  function fold(s) {
    try {
      return s.toLocaleLowerCase(lang);
    } catch (e) {
      return s.toLowerCase();
    }
  }

  // A text with its folded form. When folding changes the length (rare: "İ" → "i̇"), `map`
  // takes a position in the folded text back to the original.
  function folded(text) {
    var lower = fold(text);
    if (lower.length === text.length) return { text: text, lower: lower, map: null };
    var out = "";
    var map = [];
    for (var i = 0; i < text.length; ) {
      var ch = String.fromCodePoint(text.codePointAt(i));
      var l = fold(ch);
      for (var k = 0; k < l.length; k++) map.push(i);
      out += l;
      i += ch.length;
    }
    map.push(text.length);
    return { text: text, lower: out, map: map };
  }

  function original(f, pos) {
    return f.map ? f.map[Math.min(pos, f.map.length - 1)] : pos;
  }

  var docs = null;
  function prepare() {
    if (docs) return docs;
    docs = index.articles.map(function (a) {
      return {
        article: a,
        title: folded(a.title || ""),
        body: folded(a.body || ""),
        comments: (a.comments || []).map(function (c) {
          return { anchor: c[0], author: c[1], author_f: folded(c[1] || ""), text: folded(c[2] || "") };
        }),
      };
    });
    return docs;
  }

  function count(hay, term, cap) {
    var n = 0;
    var at = hay.indexOf(term);
    while (at !== -1 && n < cap) {
      n++;
      at = hay.indexOf(term, at + term.length);
    }
    return n;
  }

  function termsOf(query) {
    var seen = {};
    return fold(query)
      .split(/\s+/)
      .filter(function (t) {
        if (!t || seen[t]) return false;
        seen[t] = true;
        return true;
      });
  }

  function search(terms) {
    var results = [];
    prepare().forEach(function (d, order) {
      var score = 0;
      for (var i = 0; i < terms.length; i++) {
        var t = terms[i];
        var s = 10 * count(d.title.lower, t, 5) + count(d.body.lower, t, 20);
        for (var j = 0; j < d.comments.length; j++) {
          var c = d.comments[j];
          s += count(c.text.lower, t, 5) + 3 * count(c.author_f.lower, t, 1);
        }
        if (s === 0) return;
        score += s;
      }
      results.push({ doc: d, score: score, order: order });
    });
    results.sort(function (a, b) {
      return b.score - a.score || a.order - b.order;
    });
    return results;
  }

  // Appends `f.text[start, end)` to `parent`, every occurrence of a term wrapped in <mark>.
  function highlight(parent, f, start, end, terms) {
    var spans = [];
    terms.forEach(function (t) {
      var at = f.lower.indexOf(t, start);
      while (at !== -1 && at < end) {
        spans.push([at, Math.min(at + t.length, end)]);
        at = f.lower.indexOf(t, at + t.length);
      }
    });
    spans.sort(function (a, b) {
      return a[0] - b[0];
    });
    var pos = start;
    spans.forEach(function (sp) {
      if (sp[1] <= pos) return;
      var from = Math.max(sp[0], pos);
      if (from > pos) parent.appendChild(document.createTextNode(f.text.slice(original(f, pos), original(f, from))));
      var mark = document.createElement("mark");
      mark.textContent = f.text.slice(original(f, from), original(f, sp[1]));
      parent.appendChild(mark);
      pos = sp[1];
    });
    if (pos < end) parent.appendChild(document.createTextNode(f.text.slice(original(f, pos), original(f, end))));
  }

  // Where in `f` to cut a snippet: the window of WINDOW characters that holds the most
  // different terms (the earliest such window), as {at: where its first hit is, covered: how
  // many terms it holds}; covered is 0 when no term occurs. A snippet built around the first
  // hit alone could show one word of the query and miss the others.
  function bestWindow(f, terms) {
    var hits = [];
    terms.forEach(function (t, k) {
      var at = f.lower.indexOf(t);
      for (var n = 0; at !== -1 && n < MAX_HITS; n++) {
        hits.push([at, k, t.length]);
        at = f.lower.indexOf(t, at + t.length);
      }
    });
    if (!hits.length) return { at: -1, covered: 0 };
    hits.sort(function (a, b) {
      return a[0] - b[0] || a[1] - b[1];
    });
    var best = { at: hits[0][0], covered: 0 };
    for (var i = 0; i < hits.length; i++) {
      var seen = {};
      var covered = 0;
      for (var j = i; j < hits.length && hits[j][0] + hits[j][2] <= hits[i][0] + WINDOW; j++) {
        if (!seen[hits[j][1]]) {
          seen[hits[j][1]] = true;
          covered++;
        }
      }
      if (covered > best.covered) best = { at: hits[i][0], covered: covered };
      if (covered === terms.length) break;
    }
    return best;
  }

  function snippet(f, at, terms) {
    var p = document.createElement("p");
    p.className = "snippet";
    var start = Math.max(0, at - BEFORE);
    var end = Math.min(f.lower.length, at + WINDOW + AFTER_WINDOW);
    // Start at a word boundary where the text has spaces near by.
    if (start > 0) {
      var space = f.lower.slice(start, at).search(/\s/);
      if (space !== -1 && space < 20) start += space + 1;
    }
    // End at one too.
    if (end < f.lower.length) {
      var tail = f.lower.slice(at + WINDOW, end).search(/\s/);
      if (tail !== -1) end = at + WINDOW + tail;
    }
    // Do not cut a surrogate pair in half.
    if (start > 0 && /[\uDC00-\uDFFF]/.test(f.lower.charAt(start))) start--;
    if (end < f.lower.length && /[\uDC00-\uDFFF]/.test(f.lower.charAt(end))) end++;
    if (start > 0) p.appendChild(document.createTextNode("…"));
    highlight(p, f, start, end, terms);
    if (end < f.lower.length) p.appendChild(document.createTextNode("…"));
    return p;
  }

  function render(result, terms) {
    var d = result.doc;
    var a = d.article;
    var li = document.createElement("li");
    li.className = "search-result";
    var h = document.createElement("h2");
    var link = document.createElement("a");
    var url = root + a.slug + "/index.html";
    link.href = url;
    highlight(link, d.title, 0, d.title.lower.length, terms);
    h.appendChild(link);
    li.appendChild(h);
    var meta = document.createElement("p");
    meta.className = "meta";
    if (a.date) {
      var time = document.createElement("time");
      time.dateTime = a.date;
      // The date as every other page shows it ("25 May 2021").
      time.textContent = a.date_human || a.date;
      meta.appendChild(time);
    }
    li.appendChild(meta);
    // The snippet comes from the body, or from the comment whose best window holds more of
    // the terms; a comment found by its author alone is shown from its start.
    var body = bestWindow(d.body, terms);
    var chosen = null;
    if (body.covered < terms.length) {
      for (var i = 0; i < d.comments.length; i++) {
        var c = d.comments[i];
        var w = bestWindow(c.text, terms);
        var byAuthor = bestWindow(c.author_f, terms).covered;
        var score = Math.max(w.covered, byAuthor);
        if (score > (chosen ? chosen.score : body.covered)) {
          chosen = { comment: c, window: w, score: score };
          if (score === terms.length) break;
        }
      }
    }
    if (!chosen) {
      if (body.at !== -1) li.appendChild(snippet(d.body, body.at, terms));
      else if (d.body.lower.length) li.appendChild(snippet(d.body, 0, terms));
      return li;
    }
    var comment = chosen.comment;
    if (meta.firstChild) meta.appendChild(document.createTextNode(" · "));
    var where = document.createElement("a");
    where.href = url + "#" + comment.anchor;
    where.appendChild(document.createTextNode("comment by "));
    highlight(where, comment.author_f, 0, comment.author_f.lower.length, terms);
    meta.appendChild(where);
    li.appendChild(snippet(comment.text, Math.max(chosen.window.at, 0), terms));
    return li;
  }

  function run() {
    var query = input.value.trim();
    var terms = termsOf(query);
    list.textContent = "";
    if (!terms.length) {
      status.textContent = "Type to search " + index.articles.length + " articles and their comments.";
      return;
    }
    var results = search(terms);
    var shown = results.slice(0, MAX_RESULTS);
    shown.forEach(function (r) {
      list.appendChild(render(r, terms));
    });
    var n = results.length;
    var text = n === 0 ? "No results" : n === 1 ? "1 result" : n + " results";
    text += " for “" + query + "”";
    if (n > shown.length) text += "; showing the first " + shown.length;
    status.textContent = text + ".";
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
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) input.value = initial;
  run();
})();
