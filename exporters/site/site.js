// errref site: search, filters, grouping, highlighting and deep links on
// top of the server-rendered list. Data is only ever put into the page as
// text (textContent, createTextNode), never parsed as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("errref-data").textContent);
  var total = data.entries.length;
  var $ = function (id) { return document.getElementById(id); };
  var search = $("q"), sevSel = $("severity"), groupSel = $("grouping");
  var status = $("status"), empty = $("empty"), list = $("list");
  var chips = Array.prototype.slice.call(document.querySelectorAll("#chips .chip"));
  var SEVERITIES = [["fatal", "Fatal"], ["error", "Error"], ["warn", "Warning"], ["info", "Info"]];
  var state = { cat: "" };

  // One record per entry. hay is what search looks in: code, concrete
  // codes, title, messages, causes, steps (backticks dropped) and note,
  // one field per line so that no term can match across two fields.
  var items = data.entries.map(function (e) {
    var art = $("e-" + e.id);
    var parts = [e.code, e.title];
    e.codes.forEach(function (c) { parts.push(c.code); });
    e.message.variants.forEach(function (v) { parts.push(v.text); });
    parts = parts.concat(e.causes);
    e.resolution.forEach(function (s) { parts.push(s.split("`").join("")); });
    if (e.note) { parts.push(e.note.title || "", e.note.text); }
    return {
      e: e, art: art, home: art.parentNode, details: art.querySelector("details"),
      code: art.querySelector(".code"), title: art.querySelector(".title"),
      hay: parts.join("\n").toLowerCase()
    };
  });

  // Sections for grouping by severity, filled when that grouping is chosen.
  var sevSections = {};
  SEVERITIES.forEach(function (s) {
    var sec = document.createElement("section");
    sec.className = "group";
    sec.dataset.severity = s[0];
    var h = document.createElement("h2");
    h.textContent = s[1];
    sec.appendChild(h);
    list.insertBefore(sec, empty);
    sevSections[s[0]] = sec;
  });

  function terms() {
    return search.value.toLowerCase().split(/\s+/).filter(Boolean);
  }

  // highlight writes text into el, wrapping every match of a term in <mark>.
  function highlight(el, text, ts) {
    var lower = text.toLowerCase(), hit = [];
    if (lower.length === text.length) { // else indexes would not line up
      ts.forEach(function (t) {
        for (var i = lower.indexOf(t); i >= 0; i = lower.indexOf(t, i + 1)) {
          for (var j = i; j < i + t.length; j++) hit[j] = true;
        }
      });
    }
    el.textContent = "";
    var start = 0;
    for (var i = 1; i <= text.length; i++) {
      if (i === text.length || !hit[i] !== !hit[start]) {
        var piece = document.createTextNode(text.slice(start, i));
        if (hit[start]) {
          var m = document.createElement("mark");
          m.appendChild(piece);
          el.appendChild(m);
        } else {
          el.appendChild(piece);
        }
        start = i;
      }
    }
  }

  function regroup() {
    var bySeverity = groupSel.value === "severity";
    items.forEach(function (it) {
      var to = bySeverity ? sevSections[it.e.severity] || it.home : it.home;
      to.insertBefore(it.art, null);
    });
    // Keep "No matching errors." last.
    list.appendChild(empty);
  }

  function update() {
    var ts = terms(), sev = sevSel.value, shown = 0, all = 0, counts = {};
    items.forEach(function (it) {
      var e = it.e;
      var matches = ts.every(function (t) { return it.hay.indexOf(t) >= 0; }) && (!sev || e.severity === sev);
      if (matches) {
        all++;
        e.categories.forEach(function (c) { counts[c] = (counts[c] || 0) + 1; });
      }
      var visible = matches && (!state.cat || e.categories.indexOf(state.cat) >= 0);
      it.art.hidden = !visible;
      if (visible) shown++;
      highlight(it.code, e.code, ts);
      highlight(it.title, e.title, ts);
    });
    chips.forEach(function (ch) {
      var c = ch.dataset.cat;
      ch.setAttribute("aria-pressed", String(c === state.cat));
      var n = c ? counts[c] || 0 : all;
      ch.querySelector(".n").textContent = String(n);
      ch.classList.toggle("none", n === 0);
    });
    Array.prototype.forEach.call(list.querySelectorAll("section.group"), function (sec) {
      sec.hidden = !sec.querySelector("article.entry:not([hidden])");
    });
    status.textContent = shown === total ? total + " error codes documented" : shown + " of " + total + " shown";
    empty.hidden = shown > 0;
  }

  // openHash opens and scrolls to the entry the URL's fragment names,
  // clearing the filters if they hide it.
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
    art.scrollIntoView({ block: "start" });
  }

  // Opening an entry makes the address a link to it (#e-<id>).
  list.addEventListener("toggle", function (ev) {
    var d = ev.target;
    if (!d.open || !d.parentNode || !d.parentNode.classList.contains("entry")) return;
    var hash = "#" + d.parentNode.id;
    if (location.hash === hash) return;
    try {
      history.replaceState(null, "", hash);
    } catch (e) {
      location.hash = hash;
    }
  }, true);

  search.addEventListener("input", update);
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") {
      ev.preventDefault();
      search.value = "";
      update();
    }
  });
  sevSel.addEventListener("change", update);
  groupSel.addEventListener("change", function () { regroup(); update(); });
  chips.forEach(function (ch) {
    ch.addEventListener("click", function () { state.cat = ch.dataset.cat; update(); });
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

  var themeBtn = $("theme");
  themeBtn.addEventListener("click", function () {
    var root = document.documentElement;
    var dark = root.dataset.theme ? root.dataset.theme === "dark" : matchMedia("(prefers-color-scheme: dark)").matches;
    root.dataset.theme = dark ? "light" : "dark";
    try { localStorage.setItem("errref-theme", root.dataset.theme); } catch (e) {}
  });

  var q = new URLSearchParams(location.search).get("q");
  if (q) search.value = q;
  $("controls").hidden = false;
  themeBtn.hidden = false;
  update();
  openHash();
  document.documentElement.dataset.ready = "true";
})();
