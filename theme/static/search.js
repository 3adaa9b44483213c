// Signpost site search: results as you type in the header's search box, and the full
// results on the search page (search.html?q=...).
//
// The index is a classic script (assets/search-index.js, made by `signpost build`) that is
// added to the page the first time the reader uses the search box: no fetch, no ES module,
// no inline script, so search works from disk (file://) and under the site's
// Content-Security-Policy. Results are built with textContent, never as HTML, so nothing
// in a page can inject markup into them.
//
// Keyboard: type to search; Down arrow moves into the results, Up and Down move between
// them, Escape goes back to the box and closes them; Tab works as usual. Enter goes to the
// search page with every result. The number of results is announced (role="status").
(function () {
  "use strict";

  var SHOWN_IN_HEADER = 8;
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

  // The index comes in chunks (packed in parallel at build time), each gzip-compressed JSON
  // with the pages and sections of a run of pages, numbered across the whole site.
  function unpackChunk(data) {
    var stream = new Blob([decodeBase64(data)]).stream()
      .pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  }

  function unpack(packed) {
    if (!packed || packed.format !== "signpost-search-2") {
      return Promise.reject(new Error("unknown search index"));
    }
    return Promise.all(packed.data.map(unpackChunk)).then(function (chunks) {
      var pages = [];
      var sections = [];
      chunks.forEach(function (data) {
        var firstSection = sections.length;
        data.pages.forEach(function (p) {
          pages.push({ url: p[0], title: p[1], replaced: p[2] === 1, folded: fold(p[1]) });
        });
        data.sections.forEach(function (s) {
          var text = folded(s[3]);
          sections.push({
            page: s[0], heading: s[1], id: s[2], text: s[3],
            folded: text.text, from: text.from, foldedHeading: fold(s[1]), places: []
          });
        });
        // The places a section names, with the other words for each ("Dubai" for the
        // United Arab Emirates); numbered from the chunk's first section.
        (data.places || []).forEach(function (p) {
          sections[firstSection + p[0]].places = p[1].map(function (place) {
            return { folded: fold(place[0]), words: place[1].map(fold) };
          });
        });
      });
      return { pages: pages, sections: sections };
    });
  }

  // Adds the index script to the page once; resolves with the unpacked index.
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
      var script = document.createElement("script");
      script.src = form.getAttribute("data-search-index");
      script.onload = function () { resolve(self.SIGNPOST_SEARCH_INDEX); };
      script.onerror = function () { reject(new Error("the search index is missing")); };
      document.head.appendChild(script);
    }).then(unpack).then(function (unpacked) {
      index = unpacked;
      self.SIGNPOST_SEARCH_INDEX = null;
      return index;
    });
    return loading;
  }

  // ---------------------------------------------------------------- matching
  //
  // Pure functions of the unpacked index ({pages, sections}) and the reader's query: how
  // the index is loaded (above) is no concern of theirs.
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

  function endsWord(text, at) {
    return at >= text.length || !WORD_CHAR.test(text.charAt(at));
  }

  // Where `term` starts a word in `text` (so "trav" finds "travel" but not "untraveled").
  function findWord(text, term, from) {
    var at = text.indexOf(term, from);
    while (at !== -1 && !startsWord(text, at)) at = text.indexOf(term, at + 1);
    return at;
  }

  function countWords(text, term, limit) {
    var count = 0;
    var at = findWord(text, term, 0);
    while (at !== -1 && count < limit) {
      count += endsWord(text, at + term.length) ? 2 : 1;
      at = findWord(text, term, at + term.length);
    }
    return count;
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
    var add = function (text) {
      text.split(/[^\p{L}\p{N}]+/u).forEach(function (w) {
        if (w.length >= MIN_FORGIVEN - 1) counts.set(w, (counts.get(w) || 0) + 1);
      });
    };
    index.pages.forEach(function (p) { add(p.folded); });
    index.sections.forEach(function (s) {
      add(s.foldedHeading);
      add(s.folded);
      s.places.forEach(function (place) { place.words.forEach(add); });
    });
    index.vocabulary = counts;
    return counts;
  }

  function inPlaces(section, term) {
    for (var i = 0; i < section.places.length; i++) {
      var words = section.places[i].words;
      for (var k = 0; k < words.length; k++) {
        if (findWord(words[k], term, 0) !== -1) return true;
      }
    }
    return false;
  }

  // Whether any section, title or heading of the site has `term` (remembered: the reader
  // types on from it).
  function anywhere(index, term) {
    if (!index.found) index.found = new Map();
    if (!index.found.has(term)) index.found.set(term, lookEverywhere(index, term));
    return index.found.get(term);
  }

  function lookEverywhere(index, term) {
    for (var i = 0; i < index.pages.length; i++) {
      if (findWord(index.pages[i].folded, term, 0) !== -1) return true;
    }
    for (var k = 0; k < index.sections.length; k++) {
      var s = index.sections[k];
      if (findWord(s.folded, term, 0) !== -1 || findWord(s.foldedHeading, term, 0) !== -1 || inPlaces(s, term)) return true;
    }
    return false;
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

  // A section's score: every term must be in its page's title, its heading, its text, or
  // the other words for a place it names. Whole words count more than starts of words,
  // and the terms together, in order, count more again.
  function score(section, page, query) {
    var total = 0;
    for (var i = 0; i < query.terms.length; i++) {
      var best = 0;
      query.terms[i].forms.forEach(function (form) {
        var points = 0;
        var inTitle = findWord(page.folded, form, 0);
        if (inTitle !== -1) points += endsWord(page.folded, inTitle + form.length) ? 12 : 8;
        if (findWord(section.foldedHeading, form, 0) !== -1) points += 6;
        points += countWords(section.folded, form, 10);
        if (inPlaces(section, form)) points += 6;
        if (points > best) best = points;
      });
      if (best === 0) return 0;
      total += best;
    }
    if (phrases(section.folded, query.terms).length) total += 8;
    return total;
  }

  // The best section of each page that matches, current guidance before replaced pages.
  function search(index, query) {
    if (query.terms.length === 0) return [];
    var best = {};
    for (var i = 0; i < index.sections.length; i++) {
      var section = index.sections[i];
      var page = index.pages[section.page];
      var points = score(section, page, query);
      if (points > 0 && (!best[section.page] || best[section.page].score < points)) {
        best[section.page] = { score: points, section: section, page: page };
      }
    }
    var results = Object.keys(best).map(function (k) { return best[k]; });
    results.sort(function (a, b) {
      if (a.page.replaced !== b.page.replaced) return a.page.replaced ? 1 : -1;
      return b.score - a.score || a.section.page - b.section.page;
    });
    return results.map(function (r) {
      return { page: r.page, section: r.section, query: query };
    });
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
    status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    form.appendChild(status);
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
        allPages.hidden = false;
      } else {
        close();
        status.textContent = "";
      }
      return;
    }
    loadIndex().then(function () {
      if (input.value !== query) return; // the reader typed on
      var read = readQuery(index, query);
      var results = search(index, read);
      if (searchPage) {
        fill(pageList, results, results.length);
        pageStatus.textContent = countText(results.length, read);
        allPages.hidden = true;
      } else {
        showHeaderResults(read, results);
      }
    }, function () {
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
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
