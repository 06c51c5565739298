/* Search on the innsyn site (kvk site). Served over http(s), Pagefind's index answers; opened
   from file:// (where a page may not fetch the files beside it) or without Pagefind, the small
   index in sok-indeks.js (window.KVK_SOK, loaded with a <script> tag) does. */
(function () {
  "use strict";
  var script = document.currentScript;
  var words = { hits: script.dataset.treff, none: script.dataset.ingen };
  var form = document.getElementById("sok-skjema");
  var input = document.getElementById("q");
  var status = document.getElementById("sok-status");
  var list = document.getElementById("sok-treff");
  var site = new URL(".", script.src);

  function norm(text) { return text.toLocaleLowerCase("nb").normalize("NFC"); }

  function excerpt(text, term) {
    var at = norm(text).indexOf(term);
    if (at < 0) { return text.slice(0, 160); }
    var start = Math.max(0, at - 70);
    return (start > 0 ? "…" : "") + text.slice(start, at + term.length + 110) + "…";
  }

  function local(query) {
    var terms = norm(query).split(/\s+/).filter(Boolean);
    return (window.KVK_SOK || []).filter(function (e) {
      var text = norm(e.t + " " + e.x);
      return terms.every(function (t) { return text.indexOf(t) >= 0; });
    }).map(function (e) {
      return { url: new URL(e.u, site).href, title: e.t, kind: e.k, excerpt: excerpt(e.x, terms[0]), html: false };
    });
  }

  async function pagefind(query) {
    if (location.protocol === "file:") { return null; }
    try {
      var pf = await import(new URL("pagefind/pagefind.js", site).href);
      await pf.options({ baseUrl: site.pathname });
      var found = await pf.search(query);
      var data = await Promise.all(found.results.slice(0, 30).map(function (r) { return r.data(); }));
      return data.map(function (d) {
        return { url: d.url, title: (d.meta && d.meta.title) || d.url, excerpt: d.excerpt, html: true };
      });
    } catch (err) {
      return null;  // no Pagefind index here: the small index answers
    }
  }

  function show(results) {
    list.textContent = "";
    results.forEach(function (r) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = r.url;
      a.textContent = r.kind ? r.kind + ": " + r.title : r.title;
      li.appendChild(a);
      var p = document.createElement("p");
      if (r.html) { p.innerHTML = r.excerpt; } else { p.textContent = r.excerpt; }  // Pagefind escapes its excerpts
      li.appendChild(p);
      list.appendChild(li);
    });
    status.textContent = results.length ? results.length + " " + words.hits : words.none;
  }

  async function run(query) {
    if (!query.trim()) { list.textContent = ""; status.textContent = ""; return; }
    var found = await pagefind(query);
    show(found || local(query));
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (location.protocol !== "file:") { history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); }
    run(input.value);
  });
  var asked = new URLSearchParams(location.search).get("q");
  if (asked) { input.value = asked; run(asked); }
})();
