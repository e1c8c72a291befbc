// errref site: search, filters, grouping, highlighting and deep links on
// top of the server-rendered list. Everything the page shows on load is in
// the HTML already; this script only reacts to the reader, so nothing
// moves when it runs. Text is only ever put into the page as text
// (textContent, createTextNode), never parsed as HTML.
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var search = $("q"), sevSel = $("severity"), groupSel = $("grouping");
  var status = $("status"), empty = $("empty"), list = $("list"), controls = $("controls");
  var suggest = $("suggest"), suggestQ = $("suggest-q"), toggle = $("filters-toggle"), active = $("active");
  var chips = Array.prototype.slice.call(document.querySelectorAll("#chips .chip"));
  var SEVERITIES = [["fatal", "Fatal"], ["error", "Error"], ["warn", "Warning"], ["info", "Info"]];
  // A term found in the code counts most, then the title, the message,
  // and the rest; a whole word counts twice a prefix. (See rank.)
  var WEIGHTS = [8, 4, 2, 1];
  // Little words a reader types ("can't log in") that need not all be
  // there: they rank, but only the other words must match.
  var STOP = new Set(("a an and are as at be but by can cannot could did do does don for from has have how i if in into is isn it " +
    "its me my no not of on or so s t that the their then there this to was what when where which why will with won you your").split(" "));
  var state = { cat: "" };

  // words splits text as the index was split when the page was built
  // (exporters.SiteWords): runs of letters and digits, lowercased.
  function words(s) { return s.toLowerCase().match(/[\p{L}\p{N}]+/gu) || []; }

  // stem folds the endings people vary: plurals, -ing, -ed, a final e,
  // so that "firewalls", "caching" and "cached" find "firewall" and "cache".
  function stem(w) {
    if (w.length > 4 && /ies$/.test(w)) return w.slice(0, -3) + "y";
    if (w.length > 3 && /s$/.test(w) && !/(ss|us|is)$/.test(w)) {
      w = w.slice(0, -1);
    } else if (w.length > 5 && /ing$/.test(w) && /[aeiouy]/.test(w.slice(0, -3))) {
      w = undouble(w.slice(0, -3));
    } else if (w.length > 4 && /ed$/.test(w) && /[aeiouy]/.test(w.slice(0, -2))) {
      w = undouble(w.slice(0, -2));
    }
    if (w.length > 3 && /e$/.test(w)) w = w.slice(0, -1);
    return w;
  }
  // undouble: "logg" (logging) is "log"; "install" keeps its "ll".
  function undouble(w) {
    return /([^aeiouylsz])\1$/.test(w) ? w.slice(0, -1) : w;
  }

  // One record per entry, in page order: its article and its row of the
  // index. The words are stemmed on the first search, not on load.
  var vocab = null;
  var items = JSON.parse($("errref-index").textContent).map(function (row, i) {
    var art = $("e-" + row[0]), code = art.querySelector(".code"), title = art.querySelector(".title");
    return {
      id: row[0], order: i, art: art, home: art.parentNode, row: row, fields: null,
      severity: art.dataset.severity, cats: art.dataset.categories.split(" "),
      code: code, title: title, codeText: code.textContent, titleText: title.textContent
    };
  });

  // prepare stems every entry's words per field, and counts in vocab how
  // many entries have each word. The first field lists the codes, each as
  // its words, comma-separated.
  function prepare() {
    if (vocab) return;
    vocab = new Map();
    items.forEach(function (it) {
      var seen = new Set();
      it.codes = it.row[1] ? it.row[1].split(",").map(function (c) { return c.split(" "); }) : [];
      it.fields = it.row.slice(1).map(function (f, i) {
        var ws = f ? (i ? f.split(" ") : Array.from(new Set(f.replace(/,/g, " ").split(" ")))) : [];
        ws.forEach(function (w) { seen.add(w); });
        return ws.map(stem);
      });
      seen.forEach(function (w) { vocab.set(w, (vocab.get(w) || 0) + 1); });
    });
  }

  // Sections for grouping by severity and for ranked results, made hidden
  // so that adding them changes nothing on screen.
  function section(kind, value, label) {
    var sec = document.createElement("section");
    sec.className = "group";
    sec.hidden = true;
    sec.dataset[kind] = value;
    var h = document.createElement("h2");
    h.textContent = label;
    sec.appendChild(h);
    list.insertBefore(sec, empty);
    return sec;
  }
  var results = section("results", "", "Best matches first");
  var sevSections = {};
  SEVERITIES.forEach(function (s) { sevSections[s[0]] = section("severity", s[0], s[1]); });

  // queryTerms are the words of a query; if some are not little words,
  // only those are required.
  function queryTerms(q) {
    var ts = words(q).map(function (w) { return { word: w, stem: stem(w), optional: STOP.has(w) }; });
    var all = ts.every(function (t) { return t.optional; });
    ts.forEach(function (t) { if (all) t.optional = false; });
    return ts;
  }

  // score is how well an entry matches every term, 0 if one is missing:
  // the weight of the first field a term is found in, twice that for a
  // whole word. A little word counts only as a whole word.
  function score(it, terms) {
    var total = 0;
    for (var t = 0; t < terms.length; t++) {
      var best = 0, s = terms[t].stem, opt = terms[t].optional;
      for (var f = 0; f < it.fields.length && !best; f++) {
        for (var k = 0; k < it.fields[f].length; k++) {
          var w = it.fields[f][k];
          if (w === s) { best = 2 * WEIGHTS[f]; break; }
          if (!best && !opt && w.lastIndexOf(s, 0) === 0) best = WEIGHTS[f];
        }
      }
      if (!best && !opt) return 0;
      total += best;
    }
    return total;
  }

  // codeRank is 2 if the query's words are one of the entry's codes
  // (accounts:54 is one of accounts:53–55's), 1 if they begin one, the
  // last word perhaps cut short (accounts:5, auth), else 0.
  function codeRank(it, terms) {
    var rank = 0, n = terms.length;
    it.codes.forEach(function (c) {
      if (c.length < n) return;
      for (var i = 0; i < n - 1; i++) if (c[i] !== terms[i].word) return;
      if (c[n - 1] === terms[n - 1].word) rank = Math.max(rank, c.length === n ? 2 : 1);
      else if (c[n - 1].lastIndexOf(terms[n - 1].word, 0) === 0) rank = Math.max(rank, 1);
    });
    return rank;
  }

  // titleAt is the place of the first title word a term finds (a title
  // that starts with the word comes first), or 1000 if none.
  function titleAt(it, terms) {
    var ws = it.fields[1];
    for (var k = 0; k < ws.length; k++) {
      for (var t = 0; t < terms.length; t++) {
        if (ws[k] === terms[t].stem || !terms[t].optional && ws[k].lastIndexOf(terms[t].stem, 0) === 0) return k;
      }
    }
    return 1000;
  }

  // rank orders matches: a code named, then a code begun, then the score,
  // then the title word found earliest, the shorter title, page order.
  function rank(a, b) {
    return b.named - a.named || b.score - a.score || a.at - b.at || a.fields[1].length - b.fields[1].length || a.order - b.order;
  }

  // highlight writes text into el, marking every word a term is a prefix of.
  function highlight(el, text, terms) {
    el.textContent = "";
    var re = /[\p{L}\p{N}]+/gu, last = 0, m;
    while (terms.length && (m = re.exec(text))) {
      var s = stem(m[0].toLowerCase());
      var hit = terms.some(function (t) { return s === t.stem || !t.optional && s.lastIndexOf(t.stem, 0) === 0; });
      if (!hit) continue;
      el.appendChild(document.createTextNode(text.slice(last, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      el.appendChild(mark);
      last = m.index + m[0].length;
    }
    el.appendChild(document.createTextNode(text.slice(last)));
  }

  // distance is the Levenshtein distance, giving up above max.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev = [], cur;
    for (var j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      var low = i;
      for (j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        low = Math.min(low, cur[j]);
      }
      if (low > max) return max + 1;
      prev = cur;
    }
    return prev[b.length];
  }

  // didYouMean replaces each term no word starts with by the closest word
  // of the index (most common on a tie), or returns "" if that finds nothing.
  function didYouMean(terms) {
    var changed = false;
    var out = terms.map(function (t) {
      if (t.optional) return t.word;
      var known = false;
      vocab.forEach(function (n, w) { if (!known && stem(w).lastIndexOf(t.stem, 0) === 0) known = true; });
      if (known) return t.word;
      var max = t.word.length > 4 ? 2 : 1, best = "", bestD = max + 1, bestN = 0;
      vocab.forEach(function (n, w) {
        var d = distance(t.word, w, max);
        if (d < bestD || (d === bestD && d <= max && (n > bestN || (n === bestN && w < best)))) {
          best = w; bestD = d; bestN = n;
        }
      });
      if (!best) return t.word;
      changed = true;
      return best;
    });
    if (!changed) return "";
    var q = out.join(" "), ts = queryTerms(q);
    return items.some(function (it) { return score(it, ts) > 0; }) ? q : "";
  }

  function update() {
    var terms = queryTerms(search.value), sev = sevSel.value;
    if (terms.length) prepare();
    var shown = 0, all = 0, counts = {}, ranked = [];
    items.forEach(function (it) {
      it.score = terms.length ? score(it, terms) : 1;
      var matches = it.score > 0 && (!sev || it.severity === sev);
      if (matches) {
        all++;
        it.cats.forEach(function (c) { counts[c] = (counts[c] || 0) + 1; });
      }
      var visible = matches && (!state.cat || it.cats.indexOf(state.cat) >= 0);
      it.art.hidden = !visible;
      if (visible) { shown++; ranked.push(it); }
      highlight(it.code, it.codeText, terms);
      highlight(it.title, it.titleText, terms);
    });
    // Searching lists the matches best first; browsing groups them.
    var bySeverity = groupSel.value === "severity";
    if (terms.length) {
      ranked.forEach(function (it) { it.named = codeRank(it, terms); it.at = titleAt(it, terms); });
      ranked.sort(rank);
      ranked.forEach(function (it) { results.appendChild(it.art); });
    } else {
      items.forEach(function (it) { (bySeverity ? sevSections[it.severity] || it.home : it.home).appendChild(it.art); });
    }
    chips.forEach(function (ch) {
      var c = ch.dataset.cat, n = c ? counts[c] || 0 : all;
      ch.setAttribute("aria-pressed", String(c === state.cat));
      ch.querySelector(".n").textContent = String(n);
      ch.classList.toggle("none", n === 0);
    });
    Array.prototype.forEach.call(list.querySelectorAll("section.group"), function (sec) {
      sec.hidden = !sec.querySelector("article.entry:not([hidden])");
    });
    // The Filters button (on a phone, where the filters fold away) says
    // how many are set.
    active.textContent = String((sev ? 1 : 0) + (state.cat ? 1 : 0) || "");
    status.textContent = shown === items.length ? items.length + " error codes documented" : shown + " of " + items.length + " shown";
    empty.hidden = shown > 0;
    var alt = shown === 0 && terms.length ? didYouMean(terms) : "";
    suggest.hidden = !alt;
    suggestQ.textContent = alt;
    suggestQ.setAttribute("href", "?q=" + encodeURIComponent(alt));
  }

  // measure tells the stylesheet how tall the sticky controls are, so that
  // the browser's own jumps to an anchor land just below them.
  function measure() {
    document.documentElement.style.setProperty("--bar", controls.offsetHeight + 8 + "px");
  }

  // openHash opens the entry the URL's fragment names and scrolls it just
  // below the sticky controls, clearing the filters if they hide it.
  function openHash() {
    var id = "";
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    var art = id && document.getElementById(id);
    if (!art || !art.classList.contains("entry")) return;
    if (art.hidden) {
      search.value = "";
      sevSel.value = "";
      state.cat = "";
      update();
    }
    items.forEach(function (it) { it.art.classList.toggle("current", it.art === art); });
    art.querySelector("details").open = true;
    // The browser already landed it below the stylesheet's guess of the
    // controls' height: a correction of a pixel or two is no jump worth
    // making, and would move the page after its first paint.
    var dy = art.getBoundingClientRect().top - controls.offsetHeight - 8;
    if (Math.abs(dy) > 2) scrollTo(0, scrollY + dy);
  }

  // Opening an entry makes the address a link to it (#e-<id>): once per
  // frame, for the last one opened, so opening many at once (a script, a
  // "print all") does not flood the history API.
  var pendingHash = "";
  list.addEventListener("toggle", function (ev) {
    var d = ev.target;
    if (!d.open || !d.parentNode || !d.parentNode.classList.contains("entry")) return;
    if (!pendingHash) requestAnimationFrame(setHash);
    pendingHash = "#" + d.parentNode.id;
  }, true);
  function setHash() {
    var hash = pendingHash;
    pendingHash = "";
    if (location.hash === hash) return;
    try {
      history.replaceState(null, "", hash);
    } catch (e) {
      location.hash = hash;
    }
  }

  search.addEventListener("input", update);
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") {
      ev.preventDefault();
      search.value = "";
      update();
    }
  });
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    controls.classList.toggle("open", open);
    measure();
  });
  sevSel.addEventListener("change", update);
  groupSel.addEventListener("change", update);
  chips.forEach(function (ch) {
    ch.addEventListener("click", function () { state.cat = ch.dataset.cat; update(); });
  });
  suggestQ.addEventListener("click", function (ev) {
    ev.preventDefault();
    search.value = suggestQ.textContent;
    update();
    search.focus();
  });
  document.addEventListener("keydown", function (ev) {
    var t = ev.target, tag = t && t.tagName;
    if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
    ev.preventDefault();
    search.focus();
    search.select();
  });
  window.addEventListener("hashchange", openHash);
  window.addEventListener("resize", measure);

  $("theme").addEventListener("click", function () {
    var root = document.documentElement;
    var dark = root.dataset.theme ? root.dataset.theme === "dark" : matchMedia("(prefers-color-scheme: dark)").matches;
    root.dataset.theme = dark ? "light" : "dark";
    try { localStorage.setItem("errref-theme", root.dataset.theme); } catch (e) {}
  });

  var q = new URLSearchParams(location.search).get("q");
  if (q) search.value = q;
  // A browser may restore form values on Back: apply whatever is there.
  if (search.value || sevSel.value || groupSel.value !== "area") update();
  measure();
  openHash();
  document.documentElement.dataset.ready = "true";
})();
