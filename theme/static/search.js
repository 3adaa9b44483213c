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
  var searchPage, pageList, pageStatus, pageNote;
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
        data.pages.forEach(function (p) {
          pages.push({ url: p[0], title: p[1], replaced: p[2] === 1, folded: fold(p[1]) });
        });
        data.sections.forEach(function (s) {
          var text = folded(s[3]);
          sections.push({
            page: s[0], heading: s[1], id: s[2], text: s[3],
            folded: text.text, from: text.from, foldedHeading: fold(s[1])
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

  // A section's score: every term must be in its page's title, its heading or its text.
  function score(section, page, words, phrase) {
    var total = 0;
    for (var i = 0; i < words.length; i++) {
      var word = words[i];
      var points = 0;
      var inTitle = findWord(page.folded, word, 0);
      if (inTitle !== -1) points += endsWord(page.folded, inTitle + word.length) ? 12 : 8;
      if (findWord(section.foldedHeading, word, 0) !== -1) points += 6;
      points += countWords(section.folded, word, 10);
      if (points === 0) return 0;
      total += points;
    }
    if (words.length > 1 && section.folded.indexOf(phrase) !== -1) total += 8;
    return total;
  }

  // The best section of each page that matches, current guidance before replaced pages.
  function search(query) {
    var words = terms(query);
    if (!index || words.length === 0) return [];
    var phrase = words.join(" ");
    var best = {};
    for (var i = 0; i < index.sections.length; i++) {
      var section = index.sections[i];
      var page = index.pages[section.page];
      var points = score(section, page, words, phrase);
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
      return { page: r.page, section: r.section, words: words };
    });
  }

  // ---------------------------------------------------------------- showing results

  function original(section, at) {
    return section.from ? section.from[at] : at;
  }

  // Up to SNIPPET_LENGTH characters around the first match, matches marked.
  function snippet(section, words) {
    var text = section.text;
    var first = -1;
    words.forEach(function (w) {
      var at = findWord(section.folded, w, 0);
      if (at !== -1 && (first === -1 || at < first)) first = at;
    });
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
    words.forEach(function (w) {
      var at = findWord(section.folded, w, 0);
      while (at !== -1) {
        var from = original(section, at);
        var to = original(section, at + w.length);
        if (from >= end) break;
        if (to > start) marks.push([Math.max(from, start), Math.min(to, end)]);
        at = findWord(section.folded, w, at + w.length);
      }
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });

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
      text.appendChild(snippet(result.section, result.words));
      item.appendChild(text);
    }
    return item;
  }

  function countText(count, query) {
    var quoted = "\u201c" + query.trim() + "\u201d";
    if (count === 0) return "No results for " + quoted;
    return count + (count === 1 ? " result for " : " results for ") + quoted;
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

  function showHeaderResults(query, results) {
    var text = countText(results.length, query);
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
      } else {
        close();
        status.textContent = "";
      }
      return;
    }
    loadIndex().then(function () {
      if (input.value !== query) return; // the reader typed on
      var results = search(query);
      if (searchPage) {
        fill(pageList, results, results.length);
        pageStatus.textContent = countText(results.length, query);
      } else {
        showHeaderResults(query, results);
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
