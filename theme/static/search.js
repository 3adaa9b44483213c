// Signpost site search: results as you type in the header's search box, and the full
// results on the search page (search.html?q=...).
//
// The index is in pieces, each a classic script made by `signpost build`: the site's words
// (assets/search-index.js), added to the page the first time the reader uses the search
// box; then, for each query, the shards holding its words (assets/search/w<n>.js), which
// rank the results, and the titles and excerpts of the results shown (assets/search/t<n>.js).
// No fetch, no ES module, no inline script, so search works from disk (file://) and under
// the site's Content-Security-Policy, and a large site's first query loads a small part of
// it. Results are built with textContent, never as HTML, so nothing in a page can inject
// markup into them.
//
// Keyboard: type to search; Down arrow moves into the results, Up and Down move between
// them, Escape goes back to the box and closes them; Tab works as usual. Enter goes to the
// search page with every result. The number of results is announced (role="status").
(function () {
  "use strict";

  var SHOWN_IN_HEADER = 8;
  var SHOWN_ON_PAGE = 50;
  var SNIPPET_LENGTH = 180;
  var WORD_CHAR = /[\p{L}\p{N}]/u;
  var MARKS = /[\u0300-\u036f]/g;

  var form, input, panel, list, summary, more, status, root;
  var searchPage, pageList, pageStatus, pageNote, allPages;
  var index = null;
  var loading = null;
  var timer = null;
  // Escape closed the results: focus coming back to the box must not open them again.
  var dismissed = false;

  // ---------------------------------------------------------------- the index

  function fold(text) {
    return text.normalize("NFD").replace(MARKS, "").toLowerCase();
  }

  // Folded text for matching, and where each folded character came from in the original
  // (only needed when folding changed the length, which is rare).
  function folded(text) {
    var simple = fold(text);
    if (simple.length === text.length) return { text: simple, from: null };
    var out = "";
    var from = [];
    for (var i = 0; i < text.length; ) {
      var code = text.codePointAt(i);
      var size = code > 0xffff ? 2 : 1;
      var f = fold(text.substr(i, size));
      for (var k = 0; k < f.length; k++) from.push(i);
      out += f;
      i += size;
    }
    from.push(text.length);
    return { text: out, from: from };
  }

  function decodeBase64(text) {
    var binary = atob(text);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  function unpackBytes(data) {
    var stream = new Blob([decodeBase64(data)]).stream()
      .pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }

  function unpackChunk(data) {
    return unpackBytes(data).then(function (bytes) {
      return JSON.parse(new TextDecoder().decode(bytes));
    });
  }

  // Adds a text piece's pages and sections to the index: pages from `firstPage`, sections
  // from `firstSection`, places numbered from the piece's first section. A section's text
  // is its excerpt, for the snippet.
  function addChunk(index, data, firstPage, firstSection) {
    data.pages.forEach(function (p, n) {
      index.pages[firstPage + n] = { number: firstPage + n, url: p[0], title: p[1], replaced: p[2] === 1, folded: fold(p[1]), sections: [] };
    });
    data.sections.forEach(function (s, n) {
      var text = folded(s[3]);
      var section = {
        number: firstSection + n, page: s[0], heading: s[1], id: s[2], text: s[3],
        folded: text.text, from: text.from, foldedHeading: fold(s[1]), places: []
      };
      index.sections[firstSection + n] = section;
      index.pages[s[0]].sections.push(section);
    });
    // The places a section names, with the other words for each ("Dubai" for the
    // United Arab Emirates).
    (data.places || []).forEach(function (p) {
      index.sections[firstSection + p[0]].places = p[1].map(function (place) {
        return { folded: fold(place[0]), words: place[1].map(fold) };
      });
    });
  }

  // The site's words; postings and texts are loaded as queries need them.
  function unpackWords(packed) {
    return unpackChunk(packed.data).then(function (base) {
      var words = base.words ? base.words.split("\n") : [];
      var byForm = new Map();
      var foldedWords = words.map(function (w, n) {
        var f = fold(w);
        if (!byForm.has(f)) byForm.set(f, []);
        byForm.get(f).push(n);
        return f;
      });
      var forms = Array.from(byForm.keys()).sort();
      var firstSection = [];
      var sectionPage = [];
      base.sections.forEach(function (count, page) {
        firstSection.push(sectionPage.length);
        for (var k = 0; k < count; k++) sectionPage.push(page);
      });
      return {
        pages: [], sections: [],
        words: foldedWords, rawWords: words, counts: base.counts, forms: forms, byForm: byForm,
        shardOf: base.shards, gaps: base.gaps, literals: base.literals, firstSection: firstSection, sectionPage: sectionPage,
        replaced: new Set(base.replaced), perPiece: base.pieces, postings: [], pieces: {}
      };
    });
  }

  function unpack(packed) {
    if (packed && packed.format === "signpost-search-4") return unpackWords(packed);
    return Promise.reject(new Error("unknown search index"));
  }

  function addScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("the search index is missing")); };
      document.head.appendChild(script);
    });
  }

  // Adds the first index script to the page once; resolves with the unpacked index.
  function loadIndex() {
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      if (typeof DecompressionStream !== "function" || typeof Blob.prototype.stream !== "function") {
        reject(new Error("this browser cannot unpack the search index"));
        return;
      }
      if (self.SIGNPOST_SEARCH_INDEX) {
        resolve(self.SIGNPOST_SEARCH_INDEX);
        return;
      }
      addScript(form.getAttribute("data-search-index")).then(function () {
        resolve(self.SIGNPOST_SEARCH_INDEX);
      }, reject);
    }).then(unpack).then(function (unpacked) {
      index = unpacked;
      self.SIGNPOST_SEARCH_INDEX = null;
      return index;
    });
    return loading;
  }

  // One piece of the index (a shard of postings, "w3", or a text piece, "t12"), packed;
  // its script is added unless the page already has the piece.
  var parts = {};
  function loadPart(name) {
    if (!parts[name]) {
      var folder = form.getAttribute("data-search-index").replace(/search-index\.js$/, "search/");
      var ready = (self.SIGNPOST_SEARCH_PARTS || {})[name] ? Promise.resolve() : addScript(folder + name + ".js");
      parts[name] = ready.then(function () {
        var all = self.SIGNPOST_SEARCH_PARTS || {};
        var packed = all[name];
        delete all[name];
        if (typeof packed !== "string") throw new Error("the search index is missing");
        return packed;
      });
      parts[name].catch(function () { delete parts[name]; });
    }
    return parts[name];
  }

  // Reads LEB128 numbers (and single bytes) from `bytes`, from `at`.
  function reader(bytes, at) {
    return {
      at: at,
      number: function () {
        var value = 0, scale = 1, b;
        do { b = bytes[this.at++]; value += (b & 0x7f) * scale; scale *= 128; } while (b >= 0x80);
        return value;
      },
      byte: function () { return bytes[this.at++]; }
    };
  }

  // Reads a shard: for each of its words, its number, the pages whose title has it and
  // the sections that have it (numbers after the first written as gaps), then each
  // section's weight (times in the text, and flags for the heading and a place's other
  // words).
  function readShard(index, bytes) {
    var read = reader(bytes, 0);
    while (read.at < bytes.length) {
      var w = read.number();
      var titles = [];
      var last = 0;
      for (var t = read.number(); t > 0; t--) { last += read.number(); titles.push(last); }
      var count = read.number();
      var sections = new Uint32Array(count);
      var weights = new Uint8Array(count);
      last = 0;
      for (var k = 0; k < count; k++) {
        last += read.number();
        sections[k] = last;
      }
      for (k = 0; k < count; k++) weights[k] = read.byte();
      index.postings[w] = { titles: titles, sections: sections, weights: weights };
    }
  }

  // Reads `count` texts coded with the site's words (numbered most used first): each is
  // the number of its words, the gap before the first, then its words. A byte below
  // ESCAPE is a word as listed followed by one space; from it, ESCAPE + (how the word is
  // written) × 2 + 1 if another gap follows, then the word's number, then the gap's.
  var ESCAPE = 192;
  function readTexts(index, read, count) {
    var texts = [];
    for (var i = 0; i < count; i++) {
      var words = read.number();
      var text = index.gaps[read.number()];
      for (var k = 0; k < words; k++) {
        var token = read.byte();
        if (token < ESCAPE) {
          text += index.rawWords[token] + " ";
          continue;
        }
        var kind = (token - ESCAPE) >> 1;
        var spaced = (token - ESCAPE) % 2 === 0;
        var n = read.number();
        var word = kind === 3 ? index.literals[n] : index.rawWords[n];
        if (kind === 1) {
          var first = String.fromCodePoint(word.codePointAt(0));
          word = first.toUpperCase() + word.slice(first.length);
        } else if (kind === 2) {
          word = word.toUpperCase();
        }
        text += word + (spaced ? " " : index.gaps[read.number()]);
      }
      texts.push(text);
    }
    return texts;
  }

  // A text piece: the length of its JSON, a newline, the JSON (pages, and sections
  // without their text), then the sections' texts, coded.
  function readPiece(index, bytes) {
    var newline = bytes.indexOf(10);
    var length = Number(new TextDecoder().decode(bytes.subarray(0, newline)));
    var data = JSON.parse(new TextDecoder().decode(bytes.subarray(newline + 1, newline + 1 + length)));
    var texts = readTexts(index, reader(bytes, newline + 1 + length), data.sections.length);
    data.sections.forEach(function (s, n) { s.push(texts[n]); });
    return data;
  }

  function loadPostings(index, words) {
    var shards = new Set();
    words.forEach(function (w) { if (!index.postings[w]) shards.add(index.shardOf[w]); });
    return Promise.all(Array.from(shards).map(function (n) {
      return loadPart("w" + n).then(unpackBytes).then(function (bytes) { readShard(index, bytes); });
    }));
  }

  // Loads the text of `pages` (page numbers), a few pages a piece.
  function loadPages(index, pages) {
    var pieces = new Set();
    pages.forEach(function (p) { if (!index.pages[p]) pieces.add(Math.floor(p / index.perPiece)); });
    return Promise.all(Array.from(pieces).map(function (n) {
      if (!index.pieces[n]) {
        index.pieces[n] = loadPart("t" + n).then(unpackBytes).then(function (bytes) {
          var data = readPiece(index, bytes);
          var first = n * index.perPiece;
          addChunk(index, data, first, index.firstSection[first]);
        });
        index.pieces[n].catch(function () { delete index.pieces[n]; });
      }
      return index.pieces[n];
    }));
  }

  // ---------------------------------------------------------------- matching
  //
  // Each word of the query (a "term") must be found in a section, its page's title or
  // heading, or among the other words for a place the section names ("Dubai" for the
  // United Arab Emirates). A term matches where a word starts with it ("trav" finds
  // "travel"). A term of MIN_FORGIVEN letters or more that is nowhere in the site is taken
  // to be misspelt: the site's words one letter off it (one letter added, dropped,
  // changed, or two swapped) are searched for instead ("pasport" finds "passport").

  var MIN_FORGIVEN = 5;
  var MAX_NEAR = 8;

  function terms(query) {
    return fold(query).split(/[^\p{L}\p{N}]+/u).filter(function (t) { return t.length > 0; });
  }

  function startsWord(text, at) {
    return at === 0 || !WORD_CHAR.test(text.charAt(at - 1));
  }

  // Where `term` starts a word in `text` (so "trav" finds "travel" but not "untraveled").
  function findWord(text, term, from) {
    var at = text.indexOf(term, from);
    while (at !== -1 && !startsWord(text, at)) at = text.indexOf(term, at + 1);
    return at;
  }

  // Whether `a` and `b` are one letter apart: one added, dropped or changed, or two
  // neighbours swapped.
  function oneOff(a, b) {
    var la = a.length, lb = b.length;
    if (a === b || Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a.charAt(i) === b.charAt(i)) i++;
    if (la === lb) {
      return a.slice(i + 1) === b.slice(i + 1) ||
        (a.charAt(i) === b.charAt(i + 1) && a.charAt(i + 1) === b.charAt(i) && a.slice(i + 2) === b.slice(i + 2));
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // Every word of the site (of 4 letters or more) and how often it occurs: made the first
  // time a term is found nowhere, kept with the index.
  function vocabulary(index) {
    if (index.vocabulary) return index.vocabulary;
    var counts = new Map();
    index.words.forEach(function (w, n) {
      if (w.length >= MIN_FORGIVEN - 1) counts.set(w, (counts.get(w) || 0) + index.counts[n]);
    });
    index.vocabulary = counts;
    return counts;
  }

  // Whether any section, title or heading of the site has a word `term` starts
  // (remembered: the reader types on from it).
  function anywhere(index, term) {
    if (!index.found) index.found = new Map();
    if (!index.found.has(term)) index.found.set(term, wordsFor(index, term).length > 0);
    return index.found.get(term);
  }

  // The site's words one letter off `term`, whole (best) or as the start of a longer word
  // the reader is still typing ("passpr" for "passport"); the most used first. Each is
  // {form: what to search for, word: the whole word, to show}.
  function nearWords(index, term) {
    var whole = [];
    var starts = [];
    vocabulary(index).forEach(function (count, word) {
      if (oneOff(term, word)) {
        whole.push({ form: word, word: word, count: count });
        return;
      }
      for (var len = term.length - 1; len <= term.length + 1; len++) {
        if (word.length > len && oneOff(term, word.slice(0, len))) {
          starts.push({ form: word.slice(0, len), word: word, count: count });
          return;
        }
      }
    });
    var byUse = function (a, b) { return b.count - a.count || (a.word < b.word ? -1 : 1); };
    var near = [];
    whole.sort(byUse).concat(starts.sort(byUse)).forEach(function (w) {
      if (!near.some(function (n) { return n.form === w.form; })) near.push(w);
    });
    return near.slice(0, MAX_NEAR);
  }

  // The query as searched: each term with the forms it is looked for in (itself, or the
  // words near it), and which terms were taken as misspelt.
  function readQuery(index, text) {
    var words = terms(text);
    var corrected = [];
    var parts = words.map(function (term) {
      if (term.length >= MIN_FORGIVEN && !anywhere(index, term)) {
        var near = nearWords(index, term);
        if (near.length) {
          corrected.push({ typed: term, meant: near[0].word });
          return { term: term, forms: near.map(function (n) { return n.form; }), meant: near[0].word };
        }
      }
      return { term: term, forms: [term] };
    });
    return { text: text, terms: parts, corrected: corrected };
  }

  // Where the terms occur one after another (with only spaces or punctuation between), as
  // [start, end] in the section's folded text: "strap team" in "the STRAP team".
  function phrases(text, parts) {
    var found = [];
    if (parts.length < 2) return found;
    parts[0].forms.forEach(function (first) {
      var at = findWord(text, first, 0);
      while (at !== -1) {
        var end = followedBy(text, at + first.length, parts, 1);
        if (end !== -1) found.push([at, end]);
        at = findWord(text, first, at + first.length);
      }
    });
    return found.sort(function (a, b) { return a[0] - b[0]; });
  }

  // Where the phrase ends if parts[n..] follow the word that runs on from `at`, else -1.
  function followedBy(text, at, parts, n) {
    if (n === parts.length) return at;
    while (at < text.length && WORD_CHAR.test(text.charAt(at))) at++;
    var gap = at;
    while (at < text.length && !WORD_CHAR.test(text.charAt(at)) && at - gap < 3) at++;
    if (at === gap) return -1;
    for (var i = 0; i < parts[n].forms.length; i++) {
      var form = parts[n].forms[i];
      if (text.startsWith(form, at)) {
        var end = followedBy(text, at + form.length, parts, n + 1);
        if (end !== -1) return end;
      }
    }
    return -1;
  }

  // Current guidance before replaced pages, then the best first.
  function byRank(a, b) {
    if (a.replaced !== b.replaced) return a.replaced ? 1 : -1;
    return b.score - a.score || a.pageNumber - b.pageNumber;
  }

  // The best section of each page that matches, current guidance before replaced pages,
  // ranked from the postings of the query's words: a promise of the results.
  function search(index, query) {
    if (query.terms.length === 0) return Promise.resolve([]);
    var words = [];
    query.terms.forEach(function (part) {
      part.words = part.forms.map(function (f) { return wordsFor(index, f); });
      part.words.forEach(function (ids) { words.push.apply(words, ids); });
    });
    return loadPostings(index, words).then(function () {
      return rankByWords(index, query);
    });
  }

  // Makes sure results[from..to] have their page's title and the section's excerpt
  // loaded, to be shown.
  function withText(index, results, from, to) {
    var shown = results.slice(from, to);
    var missing = shown.filter(function (r) { return !r.section; });
    return loadPages(index, missing.map(function (r) { return r.pageNumber; })).then(function () {
      shown.forEach(function (r) {
        r.page = index.pages[r.pageNumber];
        r.section = index.sections[r.sectionNumber];
      });
      return results;
    });
  }

  // Terms shorter than this match whole words only: a prefix of one or two letters would
  // bring in the postings of a good part of the site's words.
  var MIN_PREFIX = 3;

  // The site's words (numbers) that `form` starts, or that it is, if it is short.
  function wordsFor(index, form) {
    var forms = index.forms;
    var lo = 0, hi = forms.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (forms[mid] < form) lo = mid + 1; else hi = mid;
    }
    var out = [];
    for (var i = lo; i < forms.length && forms[i].startsWith(form); i++) {
      if (form.length < MIN_PREFIX && forms[i] !== form) break;
      out.push.apply(out, index.byForm.get(forms[i]));
    }
    return out;
  }

  // Scores every section from the postings of the query's words: in a page's title 12
  // (whole word) or 8, in the heading 6, in the text 2 a time (1 for a word it starts; at
  // most 11), among a place's other words 6. Every term must score. The best section of
  // each page, ranked. (Whether the terms are together in a section is not known before
  // its text is loaded, and only its start is shipped: see search.rs.)
  function rankByWords(index, query) {
    var total = null;
    query.terms.forEach(function (part) {
      var best = new Map();
      part.forms.forEach(function (form, f) {
        var text = new Map();
        var titled = new Map();
        part.words[f].forEach(function (w) {
          var p = index.postings[w];
          var whole = index.words[w] === form;
          p.titles.forEach(function (page) {
            titled.set(page, Math.max(titled.get(page) || 0, whole ? 12 : 8));
          });
          for (var k = 0; k < p.sections.length; k++) {
            var s = p.sections[k], weight = p.weights[k];
            var e = text.get(s);
            if (!e) { e = { count: 0, flags: 0 }; text.set(s, e); }
            e.count += (weight & 15) * (whole ? 2 : 1);
            e.flags |= weight & 48;
          }
        });
        var points = function (s, e) {
          // At most 11: the text's count stops at 10 or more.
          var p = Math.min(e ? e.count : 0, 11) + (titled.get(index.sectionPage[s]) || 0);
          if (e && e.flags & 16) p += 6;
          if (e && e.flags & 32) p += 6;
          if (p > (best.get(s) || 0)) best.set(s, p);
        };
        text.forEach(function (e, s) { points(s, e); });
        titled.forEach(function (_, page) {
          var first = index.firstSection[page];
          var end = page + 1 < index.firstSection.length ? index.firstSection[page + 1] : index.sectionPage.length;
          for (var s = first; s < end; s++) if (!text.has(s)) points(s, null);
        });
      });
      if (total === null) { total = best; return; }
      var both = new Map();
      total.forEach(function (points, s) {
        if (best.has(s)) both.set(s, points + best.get(s));
      });
      total = both;
    });
    var byPage = new Map();
    total.forEach(function (points, s) {
      var page = index.sectionPage[s];
      var known = byPage.get(page);
      if (!known || known.score < points || (known.score === points && s < known.sectionNumber)) {
        byPage.set(page, { score: points, pageNumber: page, sectionNumber: s, replaced: index.replaced.has(page), query: query });
      }
    });
    return Array.from(byPage.values()).sort(byRank);
  }

  // What to mark in a section's text, as [start, end, term number] in its folded text:
  // where the terms occur together, only there; otherwise every term (a place found by
  // another word for it is marked where the section names it).
  function matches(section, query) {
    var together = phrases(section.folded, query.terms);
    if (together.length) {
      return together.map(function (p) { return [p[0], p[1], -1]; });
    }
    var found = [];
    query.terms.forEach(function (part, n) {
      part.forms.forEach(function (form) {
        var at = findWord(section.folded, form, 0);
        while (at !== -1) {
          found.push([at, at + form.length, n]);
          at = findWord(section.folded, form, at + form.length);
        }
        section.places.forEach(function (place) {
          if (!place.words.some(function (w) { return findWord(w, form, 0) !== -1; })) return;
          var where = findWord(section.folded, place.folded, 0);
          while (where !== -1) {
            found.push([where, where + place.folded.length, n]);
            where = findWord(section.folded, place.folded, where + place.folded.length);
          }
        });
      });
    });
    return found.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
  }

  // Where the snippet should show: the first place with the most different terms close
  // together.
  function focus(found) {
    if (found.length === 0) return -1;
    var bestAt = found[0][0];
    var bestCount = 0;
    for (var i = 0; i < found.length; i++) {
      var seen = {};
      var count = 0;
      for (var k = i; k < found.length && found[k][0] < found[i][0] + SNIPPET_LENGTH / 2; k++) {
        if (!seen[found[k][2]]) { seen[found[k][2]] = true; count++; }
      }
      if (count > bestCount) { bestCount = count; bestAt = found[i][0]; }
    }
    return bestAt;
  }

  // ---------------------------------------------------------------- showing results

  function original(section, at) {
    return section.from ? section.from[at] : at;
  }

  // Up to SNIPPET_LENGTH characters around the best match, matches marked.
  function snippet(section, query) {
    var text = section.text;
    var found = matches(section, query);
    var first = focus(found);
    var start = 0;
    if (first > 60) {
      start = original(section, first) - 60;
      var space = text.indexOf(" ", start);
      start = space === -1 || space > original(section, first) ? start : space + 1;
    }
    var end = Math.min(text.length, start + SNIPPET_LENGTH);
    if (end < text.length) {
      var lastSpace = text.lastIndexOf(" ", end);
      if (lastSpace > start) end = lastSpace;
    }
    var marks = [];
    found.forEach(function (m) {
      var from = original(section, m[0]);
      var to = original(section, m[1]);
      if (from < end && to > start) marks.push([Math.max(from, start), Math.min(to, end)]);
    });

    var fragment = document.createDocumentFragment();
    var at = start;
    if (start > 0) fragment.appendChild(document.createTextNode("… "));
    marks.forEach(function (m) {
      if (m[0] < at) return; // overlaps the previous mark
      fragment.appendChild(document.createTextNode(text.slice(at, m[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(m[0], m[1]);
      fragment.appendChild(mark);
      at = m[1];
    });
    fragment.appendChild(document.createTextNode(text.slice(at, end)));
    if (end < text.length) fragment.appendChild(document.createTextNode(" …"));
    return fragment;
  }

  function resultItem(result) {
    var item = document.createElement("li");
    item.className = "site-search-result";
    var link = document.createElement("a");
    link.className = "site-search-result-link";
    link.href = root + result.page.url + (result.section.id ? "#" + encodeURIComponent(result.section.id) : "");
    var title = document.createElement("span");
    title.className = "site-search-result-title";
    title.textContent = result.page.title;
    link.appendChild(title);
    if (result.section.heading) {
      var section = document.createElement("span");
      section.className = "site-search-result-section";
      section.textContent = result.section.heading;
      link.appendChild(document.createTextNode(" "));
      link.appendChild(section);
    }
    item.appendChild(link);
    if (result.page.replaced) {
      var replaced = document.createElement("strong");
      replaced.className = "site-search-result-replaced";
      replaced.textContent = "Replaced guidance: kept for reference only";
      item.appendChild(replaced);
    }
    if (result.section.text) {
      var text = document.createElement("p");
      text.className = "site-search-result-snippet";
      text.appendChild(snippet(result.section, result.query));
      item.appendChild(text);
    }
    return item;
  }

  function quote(text) {
    return "\u201c" + text.trim() + "\u201d";
  }

  // "3 results for “passport”", saying so when a misspelt word was searched for as the
  // word it is near: "3 results for “passport” (no page has “pasport”)".
  function countText(count, query) {
    if (count === 0) return "No results for " + quote(query.text);
    var forgiven = query.corrected.length > 0;
    var searched = forgiven
      ? query.terms.map(function (t) { return t.meant || t.term; }).join(" ")
      : query.text;
    var text = count + (count === 1 ? " result for " : " results for ") + quote(searched);
    if (forgiven) {
      text += " (no page has " + query.corrected.map(function (c) { return quote(c.typed); }).join(" or ") + ")";
    }
    return text;
  }

  function fill(target, results, limit) {
    target.textContent = "";
    results.slice(0, limit).forEach(function (r) { target.appendChild(resultItem(r)); });
  }

  // The search page shows results SHOWN_ON_PAGE at a time (each needs its page's text
  // loaded); the button below them shows the next ones, and focus moves to the first.
  function showMoreButton(results) {
    var button = searchPage.querySelector(".search-page-more");
    if (!button) {
      button = document.createElement("button");
      button.type = "button";
      button.className = "search-page-more";
      pageList.parentNode.insertBefore(button, pageList.nextSibling);
      button.addEventListener("click", function () {
        var shown = pageList.childNodes.length;
        var all = button.results;
        withText(index, all, shown, shown + SHOWN_ON_PAGE).then(function () {
          all.slice(shown, shown + SHOWN_ON_PAGE).forEach(function (r) { pageList.appendChild(resultItem(r)); });
          var first = pageList.childNodes[shown];
          if (first) first.querySelector("a").focus();
          update();
        });
      });
    }
    button.results = results;
    function update() {
      var left = button.results.length - pageList.childNodes.length;
      button.hidden = left <= 0;
      button.textContent = "Show " + Math.min(left, SHOWN_ON_PAGE) + " more results";
    }
    update();
  }

  function searchPageHref(query) {
    return root + "search.html?q=" + encodeURIComponent(query.trim());
  }

  // ---------------------------------------------------------------- the header box

  function buildPanel() {
    panel = document.createElement("div");
    panel.className = "site-search-results";
    panel.id = "site-search-results";
    panel.hidden = true;
    summary = document.createElement("p");
    summary.className = "site-search-summary";
    // The status below says it to screen readers; this is the same words, seen.
    summary.setAttribute("aria-hidden", "true");
    list = document.createElement("ol");
    list.className = "site-search-list";
    list.setAttribute("aria-label", "Search results");
    more = document.createElement("p");
    more.className = "site-search-more";
    var moreLink = document.createElement("a");
    more.appendChild(moreLink);
    panel.appendChild(summary);
    panel.appendChild(list);
    panel.appendChild(more);
    // The page carries the status region from the start (screen readers announce changes
    // to a live region they already know); made here for a layout without one.
    status = form.querySelector("[role=status]");
    if (!status) {
      status = document.createElement("p");
      status.className = "visually-hidden";
      status.setAttribute("role", "status");
      form.appendChild(status);
    }
    form.appendChild(panel);
    input.setAttribute("aria-controls", panel.id);
    input.setAttribute("aria-describedby", "site-search-hint");
    var hint = document.createElement("span");
    hint.id = "site-search-hint";
    hint.className = "visually-hidden";
    hint.textContent = "Results appear below as you type. Press the down arrow to go to them.";
    form.appendChild(hint);
  }

  function close() {
    if (panel) panel.hidden = true;
  }

  function showHeaderResults(read, results) {
    var text = countText(results.length, read);
    var query = read.text;
    summary.textContent = text + (results.length > SHOWN_IN_HEADER ? ", the best " + SHOWN_IN_HEADER + " shown" : "");
    status.textContent = text;
    fill(list, results, SHOWN_IN_HEADER);
    var link = more.firstChild;
    link.href = searchPageHref(query);
    link.textContent = results.length > SHOWN_IN_HEADER
      ? "See all " + results.length + " results"
      : "Open these results on the search page";
    more.hidden = results.length === 0;
    panel.hidden = false;
  }

  function showUnavailable(target, message) {
    if (target === "page") {
      pageNote.textContent = message + " Every page of this site is listed below.";
      pageNote.hidden = false;
      allPages.hidden = false;
    } else {
      summary.textContent = message;
      status.textContent = message;
      list.textContent = "";
      more.firstChild.href = root + "search.html";
      more.firstChild.textContent = "Go to the list of every page";
      more.hidden = false;
      panel.hidden = false;
    }
  }

  function run() {
    var query = input.value;
    if (terms(query).length === 0) {
      if (searchPage) {
        pageList.textContent = "";
        pageStatus.textContent = "";
        var moreButton = searchPage.querySelector(".search-page-more");
        if (moreButton) moreButton.hidden = true;
        allPages.hidden = false;
      } else {
        close();
        status.textContent = "";
      }
      return;
    }
    var read;
    loadIndex().then(function () {
      if (input.value !== query) return null; // the reader typed on
      read = readQuery(index, query);
      var shown = searchPage ? SHOWN_ON_PAGE : SHOWN_IN_HEADER;
      return search(index, read).then(function (results) {
        return withText(index, results, 0, shown);
      });
    }).then(function (results) {
      if (!results || input.value !== query) return;
      if (searchPage) {
        fill(pageList, results, SHOWN_ON_PAGE);
        pageStatus.textContent = countText(results.length, read);
        showMoreButton(results);
        allPages.hidden = true;
      } else {
        showHeaderResults(read, results);
      }
    }).catch(function () {
      showUnavailable(searchPage ? "page" : "header", "Search does not work in this browser.");
    });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, 80);
  }

  function resultLinks() {
    return Array.prototype.slice.call(panel.querySelectorAll("a"));
  }

  function onInputKey(event) {
    if (event.key === "ArrowDown" && panel.hidden && list.childNodes.length) {
      event.preventDefault();
      panel.hidden = false;
    } else if (event.key === "ArrowDown" && !panel.hidden) {
      var links = resultLinks();
      if (links.length) {
        event.preventDefault();
        links[0].focus();
      }
    } else if (event.key === "Escape" && !panel.hidden) {
      event.preventDefault();
      close();
    }
  }

  function onPanelKey(event) {
    var links = resultLinks();
    var at = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && at !== -1) {
      event.preventDefault();
      if (at < links.length - 1) links[at + 1].focus();
    } else if (event.key === "ArrowUp" && at !== -1) {
      event.preventDefault();
      if (at === 0) input.focus(); else links[at - 1].focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
      dismissed = true;
      input.focus();
    }
  }

  function init() {
    form = document.querySelector("form.site-search");
    if (!form) return;
    input = form.querySelector("input[type=search]");
    root = form.getAttribute("data-site-root") || "";
    searchPage = document.querySelector("[data-search-page]");

    if (searchPage) {
      pageList = document.getElementById("search-page-results");
      pageStatus = searchPage.querySelector("[role=status]");
      pageNote = searchPage.querySelector("[data-search-note]");
      // With a query the page shows only its results; the list of every page is for
      // browsing (no query) and for when search cannot run.
      allPages = document.querySelector("[data-search-all-pages]") || document.createElement("div");
      pageNote.hidden = true;
      var query = new URLSearchParams(location.search).get("q") || "";
      input.value = query;
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        run();
      });
      input.addEventListener("input", function () {
        schedule();
        try {
          history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
        } catch (e) { /* some browsers refuse this from file:// */ }
      });
      if (query) run();
      return;
    }

    buildPanel();
    input.addEventListener("input", schedule);
    input.addEventListener("focus", function () {
      loadIndex().catch(function () {});
      if (!dismissed && input.value && list.childNodes.length) panel.hidden = false;
      dismissed = false;
    });
    input.addEventListener("keydown", onInputKey);
    panel.addEventListener("keydown", onPanelKey);
    // Close when focus leaves the search (Tab past the last result, a click elsewhere).
    form.addEventListener("focusout", function (event) {
      if (!event.relatedTarget || !form.contains(event.relatedTarget)) {
        setTimeout(function () {
          if (!form.contains(document.activeElement)) close();
        }, 0);
      }
    });
    if (input.value) schedule(); // the browser kept a query (back button)
    // signpost.js loads this script when the reader goes to the box, so the box may
    // already have focus and the reader's first letters.
    if (document.activeElement === input) loadIndex().catch(function () {});
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
