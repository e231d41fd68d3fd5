// sitegen search: a static index, matched in the browser. Results are built with DOM
// methods and textContent only, so nothing from the index is ever parsed as HTML. Its words
// come from the form's data-words (the theme's catalogue), in the page's language.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!form || !input || !list || !status) return;
  var index = null;
  var say = {
    empty: "Type a word to search events and articles.",
    loading: "Loading the index…",
    failed: "The search index could not be loaded.",
    nothing: "Nothing found for “%(query)s”.",
    results: { one: "%(num)d result for “%(query)s”", other: "%(num)d results for “%(query)s”" },
    event: { one: "event, %(num)d article", other: "event, %(num)d articles" }
  };
  var given = form.getAttribute("data-words");
  if (given) {
    try { say = Object.assign(say, JSON.parse(given)); } catch (e) { /* keep English */ }
  }
  var plurals = new Intl.PluralRules(document.documentElement.lang || "en");
  var fill = function (message, values) {
    return message.replace(/%\((\w+)\)[sd]/g, function (place, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : place;
    });
  };
  var counted = function (forms, n, values) {
    values.num = n;
    return fill(forms[plurals.select(n)] || forms.other, values);
  };
  var words = function (text) {
    return (text || "").toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  };
  var prepare = function (entry) {
    entry.tw = words(entry.t);
    entry.aw = entry.tw.concat(words(entry.s), words(entry.x), words(entry.w));
    return entry;
  };
  var hits = function (terms, bag) {
    var n = 0;
    for (var i = 0; i < terms.length; i++) {
      var found = false;
      for (var j = 0; j < bag.length; j++) {
        if (bag[j].lastIndexOf(terms[i], 0) === 0) { found = true; break; }
      }
      if (found) n++;
    }
    return n;
  };
  var show = function (query) {
    var terms = words(query);
    list.textContent = "";
    if (!terms.length) { status.textContent = say.empty; return; }
    var found = [];
    index.forEach(function (entry) {
      if (hits(terms, entry.aw) < terms.length) return;
      var score = hits(terms, entry.tw) * 3 + (entry.k === "event" ? 2 : 0);
      found.push([score, entry]);
    });
    found.sort(function (a, b) { return b[0] - a[0]; });
    found.slice(0, 50).forEach(function (pair) {
      var entry = pair[1];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = entry.u;
      link.textContent = entry.t;
      item.appendChild(link);
      var meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = entry.k === "event"
        ? " · " + counted(say.event, entry.n, {})
        : " · " + [entry.s, entry.d].filter(Boolean).join(", ");
      item.appendChild(meta);
      list.appendChild(item);
    });
    status.textContent = found.length
      ? counted(say.results, found.length, { query: query })
      : fill(say.nothing, { query: query });
  };
  var run = function () {
    var query = input.value.trim();
    if (history.replaceState) {
      history.replaceState(null, "", "?q=" + encodeURIComponent(query));
    }
    show(query);
  };
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  input.addEventListener("input", function () { if (index) run(); });
  status.textContent = say.loading;
  fetch(form.getAttribute("data-index"))
    .then(function (response) { return response.json(); })
    .then(function (data) {
      index = data.map(prepare);
      // Words typed while the index loaded are kept; otherwise start from ?q=.
      if (input.value.trim()) { run(); return; }
      var initial = new URLSearchParams(location.search).get("q") || "";
      input.value = initial;
      show(initial);
    })
    .catch(function () { status.textContent = say.failed; });
})();
