/*
 * The library's full-text search page (fulltext.html). It searches the index that
 * generator/publish/fulltext_index.py writes into fulltext/ (see that module for the format):
 * a query is cut into runs of letters and digits, each run into its pairs of characters
 * (a one-character run is looked up as it is); the postings of those terms come from the
 * few terms/<k>.bin files they hash to, every unit of the site that holds them all is a
 * candidate, and the candidates' texts (docs/<n>.json, fetched for the hits shown) confirm
 * that the runs occur as written. No word segmentation: any part of a name is found.
 * It fetches files, so it works over HTTP only; from file:// the page says so.
 * A query in the URL (fulltext.html?search=供应商) is searched at once, so a search can be shared.
 */
(function () {
  "use strict";

  var SHOW = 10; // results per "显示更多结果"
  var BATCHES = 3; // at most this many rounds of SHOW texts fetched for one "显示更多结果"
  var CONTEXT = 40; // characters of text shown before a hit
  var SPAN = 120; // characters of an excerpt
  var SUBS = 3; // sections listed under a result
  var IN_HEADING = 0x80;
  var FORMAT_VERSION = 1; // generator/publish/fulltext_index.py FORMAT_VERSION
  var RUN = /[\p{L}\p{N}]+/gu;
  var WIDE = /[\uFF01-\uFF5E]/g; // full-width ASCII: letters and digits as generator/publish/fulltext_index.py
  // maps them, and punctuation too, so that a query typed in full width matches the text as written

  function normalize(text) {
    return text.replace(WIDE, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xFEE0);
    }).replace(/\u3000/g, " ").toLowerCase();
  }

  function runsOf(text) {
    return normalize(text).match(RUN) || [];
  }

  function termsOf(runs) {
    var out = [];
    runs.forEach(function (run) {
      var chars = Array.from(run);
      var wanted = chars.length === 1 ? chars : chars.slice(1).map(function (c, i) { return chars[i] + c; });
      wanted.forEach(function (t) {
        if (out.indexOf(t) < 0) {
          out.push(t);
        }
      });
    });
    return out;
  }

  var encoder = new TextEncoder();
  var decoder = new TextDecoder();

  function fnv1a(term) {
    var bytes = encoder.encode(term);
    var h = 0x811C9DC5;
    for (var i = 0; i < bytes.length; i++) {
      h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
    }
    return h;
  }

  function Index(root) {
    this.root = root;
    this.chunks = new Map();
    this.docs = new Map();
    this.meta = fetch(root + "meta.json").then(function (r) {
      if (!r.ok) {
        throw new Error("meta.json: HTTP " + r.status);
      }
      return r.json();
    }).then(function (meta) {
      if (meta.version !== FORMAT_VERSION) {
        throw new Error("索引格式版本 " + meta.version + "，本页面读取版本 " + FORMAT_VERSION);
      }
      return meta;
    });
  }

  // The terms of one terms/<k>.bin: term -> [offset, count, end] into the chunk's bytes.
  Index.prototype.chunk = function (k) {
    var root = this.root;
    if (!this.chunks.has(k)) {
      this.chunks.set(k, fetch(root + "terms/" + k + ".bin").then(function (r) {
        if (!r.ok) {
          throw new Error("terms/" + k + ".bin: HTTP " + r.status);
        }
        return r.arrayBuffer();
      }).then(function (buffer) {
        var bytes = new Uint8Array(buffer);
        var entries = new Map();
        var at = 0;
        function varint() {
          var n = 0;
          var shift = 0;
          var b;
          do {
            b = bytes[at++];
            n += (b & 0x7F) * Math.pow(2, shift);
            shift += 7;
          } while (b & 0x80);
          return n;
        }
        while (at < bytes.length) {
          var length = bytes[at++];
          var term = decoder.decode(bytes.subarray(at, at + length));
          at += length;
          var count = varint();
          var size = varint();
          entries.set(term, { bytes: bytes, from: at, to: at + size, count: count });
          at += size;
        }
        return entries;
      }));
    }
    return this.chunks.get(k);
  };

  // The units holding `term`, ascending, with their weights; null when none does.
  Index.prototype.postings = function (term) {
    var self = this;
    return this.meta.then(function (meta) {
      return self.chunk(fnv1a(term) % meta.chunks);
    }).then(function (entries) {
      var e = entries.get(term);
      if (!e) {
        return null;
      }
      var units = new Uint32Array(e.count);
      var weights = new Uint8Array(e.count);
      var at = e.from;
      var unit = 0;
      for (var i = 0; i < e.count; i++) {
        var n = 0;
        var shift = 0;
        var b;
        do {
          b = e.bytes[at++];
          n += (b & 0x7F) * Math.pow(2, shift);
          shift += 7;
        } while (b & 0x80);
        unit += n;
        units[i] = unit;
        weights[i] = e.bytes[at++];
      }
      return { units: units, weights: weights };
    });
  };

  Index.prototype.doc = function (n) {
    if (!this.docs.has(n)) {
      this.docs.set(n, fetch(this.root + "docs/" + n + ".json").then(function (r) {
        if (!r.ok) {
          throw new Error("docs/" + n + ".json: HTTP " + r.status);
        }
        return r.json();
      }));
    }
    return this.docs.get(n);
  };

  // Candidates for `runs`, best first: [{unit, score}].
  Index.prototype.candidates = function (runs) {
    var self = this;
    var terms = termsOf(runs);
    return Promise.all([this.meta, Promise.all(terms.map(function (t) { return self.postings(t); }))])
      .then(function (both) {
        var meta = both[0];
        var lists = both[1];
        if (!lists.length || lists.some(function (l) { return l === null; })) {
          return [];
        }
        lists.sort(function (a, b) { return a.units.length - b.units.length; });
        var first = lists[0];
        var found = [];
        var cursors = lists.map(function () { return 0; });
        for (var i = 0; i < first.units.length; i++) {
          var unit = first.units[i];
          var heading = (first.weights[i] & IN_HEADING) !== 0;
          var times = first.weights[i] & 0x7F;
          var all = true;
          for (var j = 1; j < lists.length; j++) {
            var list = lists[j].units;
            var c = cursors[j];
            while (c < list.length && list[c] < unit) {
              c++;
            }
            cursors[j] = c;
            if (c === list.length || list[c] !== unit) {
              all = false;
              break;
            }
            var w = lists[j].weights[c];
            heading = heading && (w & IN_HEADING) !== 0;
            times = Math.min(times, w & 0x7F);
          }
          if (all) {
            // in the title or a heading >> times in the text; a project page counts double
            var score = (heading ? 1000 : 0) + times * (unit < meta.projectUnits ? 2 : 1);
            found.push({ unit: unit, score: score });
          }
        }
        found.sort(function (a, b) { return b.score - a.score || a.unit - b.unit; });
        // a long page indexed in several units is one result: its best unit
        var page = new Map();
        (meta.parts || []).forEach(function (p) {
          for (var u = p[0]; u < p[0] + p[1]; u++) {
            page.set(u, p[0]);
          }
        });
        var seen = new Set();
        return found.filter(function (c) {
          var key = page.has(c.unit) ? page.get(c.unit) : c.unit;
          if (seen.has(key)) {
            return false;
          }
          seen.add(key);
          return true;
        });
      });
  };

  function escape(text) {
    return text.replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" }[c];
    });
  }

  // An excerpt of `text` around the first hit of `runs`, the hits marked; the query as written
  // (`phrase`: runs and what is between them) is marked whole where the text has it.
  function excerpt(text, runs, phrase) {
    var low = normalize(text);
    if (low.length !== text.length) {
      text = low; // a character that lower-cases to two: show the text as compared
    }
    if (runs.length > 1 && low.indexOf(phrase) >= 0) {
      runs = [phrase];
    }
    var first = -1;
    runs.forEach(function (run) {
      var at = low.indexOf(run);
      if (at >= 0 && (first < 0 || at < first)) {
        first = at;
      }
    });
    var from = Math.max(0, first - CONTEXT);
    var to = Math.min(text.length, from + SPAN);
    var marks = [];
    runs.forEach(function (run) {
      for (var at = low.indexOf(run, from); at >= 0 && at < to; at = low.indexOf(run, at + run.length)) {
        marks.push([at, Math.min(to, at + run.length)]);
      }
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var out = from > 0 ? "…" : "";
    var at = from;
    marks.forEach(function (m) {
      if (m[0] < at) {
        return;
      }
      out += escape(text.slice(at, m[0])) + "<mark>" + escape(text.slice(m[0], m[1])) + "</mark>";
      at = m[1];
    });
    return out + escape(text.slice(at, to)) + (to < text.length ? "…" : "");
  }

  // The hit a fetched unit makes for `runs`, or null when the runs do not all occur in it.
  function hit(doc, runs, phrase) {
    var whole = normalize(doc.title + "\n" + doc.sections.map(function (s) { return s[1] + "\n" + s[2]; }).join("\n"));
    if (!runs.every(function (run) { return whole.indexOf(run) >= 0; })) {
      return null;
    }
    var sections = doc.sections.map(function (s) {
      var text = normalize(s[1] + "\n" + s[2]);
      var held = runs.filter(function (run) { return text.indexOf(run) >= 0; }).length;
      return { anchor: s[0], heading: s[1], text: s[2], held: held + (text.indexOf(phrase) >= 0 ? runs.length : 0) };
    }).filter(function (s) { return s.held > 0; });
    sections.sort(function (a, b) { return b.held - a.held; });
    return { url: doc.url, title: doc.title, sections: sections, exact: whole.indexOf(phrase) >= 0 };
  }

  function start() {
    var box = document.getElementById("fulltext-search");
    if (!box || box.hasAttribute("data-ready")) {
      return;
    }
    box.setAttribute("data-ready", "");
    if (window.location.protocol === "file:" || typeof fetch === "undefined") {
      var note = document.createElement("p");
      note.className = "fulltext-offline";
      note.textContent = "全文搜索需要通过网址（http/https）访问内部项目库；从本地文件打开时请使用页面顶部的搜索框。";
      box.appendChild(note);
      return;
    }
    // Links relative to this page's folder, so the library may live under any path.
    var base = new URL(".", window.location.href).pathname;
    var index = new Index(base + "fulltext/");

    box.innerHTML =
      '<form class="fulltext-form" action="" onsubmit="return false">' +
      '<label class="fulltext-label" for="fulltext-input">搜索全部备案和页面的全文</label>' +
      '<input class="fulltext-input" id="fulltext-input" type="search" name="search" autocomplete="off" ' +
      'spellcheck="false" placeholder="例如供应商名称、合同编号、系统名称" aria-describedby="fulltext-status">' +
      "</form>" +
      '<p class="fulltext-status" id="fulltext-status" role="status" aria-live="polite"></p>' +
      '<ol class="fulltext-results" aria-label="搜索结果"></ol>' +
      '<button class="fulltext-more" type="button" hidden>显示更多结果</button>';
    var input = box.querySelector(".fulltext-input");
    var status = box.querySelector(".fulltext-status");
    var list = box.querySelector(".fulltext-results");
    var more = box.querySelector(".fulltext-more");
    var current = 0; // the latest search; an older one that finishes later shows nothing
    var state = null;

    function say(text) {
      status.textContent = text;
    }

    function render(found) {
      var item = document.createElement("li");
      item.className = "fulltext-result";
      item.innerHTML = '<a class="fulltext-result-link"></a><p class="fulltext-excerpt"></p><ul class="fulltext-sub"></ul>';
      var link = item.querySelector(".fulltext-result-link");
      link.href = base + found.url;
      link.textContent = found.title || found.url;
      var top = found.sections[0];
      item.querySelector(".fulltext-excerpt").innerHTML = top ? excerpt(top.text || top.heading, state.runs, state.phrase) : "";
      var subs = item.querySelector(".fulltext-sub");
      found.sections.filter(function (s) { return s.anchor; }).slice(0, SUBS).forEach(function (s) {
        var li = document.createElement("li");
        li.innerHTML = '<a class="fulltext-result-link fulltext-sub-link"></a>';
        var a = li.querySelector("a");
        a.href = base + found.url + "#" + encodeURIComponent(s.anchor);
        a.textContent = s.heading || s.anchor;
        if (s !== top) { // the page's excerpt above is this section's already
          var p = document.createElement("p");
          p.className = "fulltext-excerpt";
          p.innerHTML = excerpt(s.text || s.heading, state.runs, state.phrase);
          li.appendChild(p);
        }
        subs.appendChild(li);
      });
      list.appendChild(item);
    }

    // Show up to SHOW more results of the current search.
    function next(search) {
      var shown = 0;
      var rounds = 0;
      function batch() {
        if (search !== current) {
          return Promise.resolve();
        }
        var take = state.candidates.slice(state.at, state.at + SHOW);
        state.at += take.length;
        return Promise.all(take.map(function (c) { return index.doc(c.unit); })).then(function (docs) {
          if (search !== current) {
            return;
          }
          var hits = [];
          docs.forEach(function (doc) {
            var found = hit(doc, state.runs, state.phrase);
            if (found) {
              hits.push(found);
            } else {
              state.misses++;
            }
          });
          // within what was fetched together, the query as written before its runs apart
          hits.sort(function (a, b) { return b.exact - a.exact; });
          hits.forEach(render);
          shown += hits.length;
          if (shown < SHOW && state.at < state.candidates.length && ++rounds < BATCHES) {
            return batch(); // texts that did not hold the query as a whole: fetch the next ones
          }
        });
      }
      more.hidden = true;
      return batch().then(function () {
        if (search !== current) {
          return;
        }
        var total = state.candidates.length - state.misses;
        var exact = state.at >= state.candidates.length;
        var q = "“" + state.query + "”";
        if (!list.children.length) {
          say("没有找到包含" + q + "的页面");
        } else {
          say((exact ? "找到 " + list.children.length : "找到约 " + total) + " 个包含" + q + "的结果" +
              (exact ? "" : "，已显示 " + list.children.length + " 个"));
        }
        more.hidden = exact;
      });
    }

    function search(query) {
      var id = ++current;
      var runs = runsOf(query);
      list.innerHTML = "";
      more.hidden = true;
      if (!runs.length) {
        state = null;
        say(query.trim() ? "请输入文字或数字" : "");
        return Promise.resolve();
      }
      say("正在搜索“" + query.trim() + "”……");
      return index.candidates(runs).then(function (candidates) {
        if (id !== current) {
          return;
        }
        state = { query: query.trim(), phrase: normalize(query.trim()).replace(/\s+/g, " "), runs: runs,
                  candidates: candidates, at: 0, misses: 0 };
        return next(id);
      }).catch(function (err) {
        if (id === current) {
          say("全文索引无法读取（" + err.message + "），请联系管理员重新生成内部项目库。");
        }
      });
    }

    function remember(query) {
      var url = new URL(window.location.href);
      if (query) {
        url.searchParams.set("search", query);
      } else {
        url.searchParams.delete("search");
      }
      window.history.replaceState(window.history.state, "", url);
    }

    var timer = 0;
    input.addEventListener("input", function (event) {
      if (event.isComposing) {
        return; // an input method is still composing: search what it commits
      }
      clearTimeout(timer);
      timer = setTimeout(function () {
        remember(input.value.trim());
        search(input.value);
      }, 30);
    });
    input.addEventListener("compositionend", function () {
      clearTimeout(timer);
      remember(input.value.trim());
      search(input.value);
    });
    more.addEventListener("click", function () {
      if (state) {
        var before = list.children.length;
        next(current).then(function () {
          var first = list.children[before];
          var link = first && first.querySelector("a");
          if (link) {
            link.focus(); // keyboard and screen-reader users continue at the first new result
          }
        });
      }
    });

    var query = new URLSearchParams(window.location.search).get("search");
    if (query) {
      input.value = query;
      search(query);
    }
  }

  // For tests/publish/test_fulltext_index.py: the browser's terms must be the index's.
  window.filingsFulltext = { normalize: normalize, runs: runsOf, terms: termsOf, hash: fnv1a };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
