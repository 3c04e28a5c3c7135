/* The header search of both sites: Material's search-worker protocol, without lunr.
 *
 * Material's worker builds a lunr index in the browser from every entry of
 * search/search_index.json before it answers the first query: at 10,000 projects that
 * takes well over a second. The entries are short (a project's name, department, ID and
 * summary; a resource's name), so this worker answers by scanning them: no index to build,
 * a query over 20,000 entries takes a few milliseconds, and Chinese needs no word
 * segmentation (a query matches any part of a name, "应急指挥" inside "应急指挥中心").
 *
 * Ranking (the site guide explains it to users): a term found in an entry's tags (its
 * department name or project ID) counts 1,000,000, in its title 1,000, in its text 1 for
 * each time it occurs there (up to 10); a project's entry counts twice (its boost);
 * entries that hold every term and whole pages rank above the rest, as Material ranks them.
 * Results are grouped by page as Material's own worker groups them; matched terms are marked.
 *
 * Messages (Material 9): {type: 0, data: {config, docs, options}} -> {type: 1};
 * {type: 2, data: query} -> {type: 3, data: {items: [[page entry, section entries…], …]}}.
 * Loaded as a Worker over HTTP, or through Material's iframe-worker shim from file://.
 */
"use strict";

var ZWSP = /\u200b/g;
var TERMS = /[\s\u3000、。，．？！；]+/;
var WEIGHT = { tags: 1000000, title: 1000, text: 1 };
var entries = [];
var pages = new Map();

function plain(text) {
  return String(text || "").replace(ZWSP, "");
}

function lower(text) {
  return text.toLowerCase();
}

function setup(data) {
  entries = [];
  pages = new Map();
  for (var i = 0; i < data.docs.length; i++) {
    var doc = data.docs[i];
    var entry = {
      location: doc.location,
      title: plain(doc.title),
      text: plain(doc.text),
      tags: doc.tags ? doc.tags.map(plain) : undefined,
      boost: typeof doc.boost === "number" ? doc.boost : 1,
      order: i,
    };
    entry.find = {
      title: lower(entry.title),
      text: lower(entry.text.replace(/<[^>]*>/g, " ")),
      tags: entry.tags ? entry.tags.map(lower) : [],
    };
    var page = doc.location.split("#")[0];
    if (page === doc.location) {
      pages.set(page, entry);
    } else {
      entry.parent = page;
    }
    entries.push(entry);
  }
}

function terms(query) {
  // Material's query syntax (+term, -term, term~1, field:term, term*) is read as plain words.
  var seen = {};
  return String(query).split(TERMS).map(function (t) {
    return t.replace(/^[+\-]+|[~^*]+\d*$/g, "").replace(/^(title|text|tags):/, "");
  }).filter(function (t) {
    var key = lower(t);
    if (!t || seen[key]) return false;
    seen[key] = true;
    return true;
  });
}

function occurrences(text, key, most) {
  var count = 0;
  for (var at = text.indexOf(key); at !== -1 && count < most; at = text.indexOf(key, at + key.length)) count += 1;
  return count;
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function mark(html, words) {
  if (!words.length) return html;
  var pattern = new RegExp("(" + words.map(escapeRegExp).join("|") + ")", "gi");
  // only in text, never inside a tag
  return html.split(/(<[^>]*>)/).map(function (part) {
    return part.charAt(0) === "<" ? part : part.replace(pattern, "<mark>$1</mark>");
  }).join("");
}

function search(query) {
  var wanted = terms(query);
  if (!wanted.length) return { items: [] };
  var keys = wanted.map(lower);
  var hits = [];
  for (var i = 0; i < entries.length; i++) {
    var e = entries[i];
    var score = 0;
    var found = {};
    var matched = 0;
    for (var k = 0; k < keys.length; k++) {
      var key = keys[k];
      var weight = 0;
      for (var t = 0; t < e.find.tags.length; t++) {
        if (e.find.tags[t].indexOf(key) !== -1) {
          weight = e.find.tags[t] === key ? WEIGHT.tags * 2 : WEIGHT.tags;
          break;
        }
      }
      if (e.find.title.indexOf(key) !== -1) weight += WEIGHT.title;
      weight += WEIGHT.text * occurrences(e.find.text, key, 10);
      found[wanted[k]] = weight > 0;
      if (weight > 0) {
        matched += 1;
        score += weight;
      }
    }
    if (!matched) continue;
    var complete = (e.parent ? 0 : 1) + matched / keys.length;
    hits.push({ entry: e, score: score * e.boost * (1 + complete * complete), terms: found });
  }
  hits.sort(function (a, b) {
    return b.score - a.score || a.entry.order - b.entry.order;
  });
  var groups = new Map();
  for (var h = 0; h < hits.length; h++) {
    var hit = hits[h];
    var page = hit.entry.parent || hit.entry.location;
    var words = wanted.filter(function (w) { return hit.terms[w]; });
    var item = {
      location: hit.entry.location,
      title: mark(hit.entry.title, words),
      text: mark(hit.entry.text, words),
      score: hit.score,
      terms: hit.terms,
    };
    if (hit.entry.tags) item.tags = hit.entry.tags.slice();
    if (!groups.has(page)) groups.set(page, []);
    groups.get(page).push(item);
  }
  groups.forEach(function (group, page) {
    if (!group.some(function (item) { return item.location === page; })) {
      var entry = pages.get(page);
      if (entry) {
        var none = {};
        wanted.forEach(function (w) { none[w] = false; });
        group.push({ location: entry.location, title: entry.title, text: entry.text, score: 0, terms: none });
      }
    }
  });
  var items = [];
  groups.forEach(function (group) {
    if (group.some(function (item) { return item.location.indexOf("#") === -1; })) items.push(group);
  });
  return { items: items };
}

addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === 0) {
    setup(message.data);
    postMessage({ type: 1 });
  } else if (message.type === 2) {
    postMessage({ type: 3, data: search(message.data) });
  }
});
