/*
 * The library's full-text search page (fulltext.html): mounts Pagefind's UI
 * (pagefind/pagefind-ui.js, generated into the site at build time, no CDN)
 * into #fulltext-search. Pagefind fetches its index chunks, so this works over
 * HTTP only; from file:// the page says so instead of failing silently.
 * A query in the URL (fulltext.html?search=供应商) is searched at once, so a search
 * can be shared.
 */
(function () {
  "use strict";

  function start() {
    var box = document.getElementById("fulltext-search");
    if (!box || box.hasAttribute("data-ready")) {
      return;
    }
    box.setAttribute("data-ready", "");
    if (window.location.protocol === "file:" || typeof window.PagefindUI === "undefined") {
      var note = document.createElement("p");
      note.className = "fulltext-offline";
      note.textContent = "全文搜索需要通过网址（http/https）访问内部项目库；从本地文件打开时请使用页面顶部的搜索框。";
      box.appendChild(note);
      return;
    }
    // Result links relative to this page's folder, so the library may live under any path.
    var base = new URL(".", window.location.href).pathname;
    // A large library is indexed in several Pagefind bundles (pagefind/, pagefind/shard-2/ …,
    // listed by pagefind/shards.js); each is merged into one result list.
    var shards = (window.filingsPagefindShards || []).map(function (path) {
      return { bundlePath: new URL("pagefind/" + path, window.location.href).pathname, baseUrl: base };
    });
    var ui = new window.PagefindUI({
      element: "#fulltext-search",
      baseUrl: base,
      mergeIndex: shards,
      showSubResults: true,
      // Pagefind waits 300 ms after the last keystroke before it searches; a Chinese input method
      // commits whole words, so a short pause is enough (its index chunks are fetched at once anyway).
      debounceTimeoutMs: 80,
      showImages: false,
      resetStyles: false,
      translations: {
        placeholder: "搜索全部备案和页面的全文",
        clear_search: "清除",
        load_more: "显示更多结果",
        search_label: "全文搜索",
        zero_results: "没有找到包含 [SEARCH_TERM] 的页面",
        many_results: "找到 [COUNT] 个包含 [SEARCH_TERM] 的页面",
        one_result: "找到 1 个包含 [SEARCH_TERM] 的页面",
        searching: "正在搜索 [SEARCH_TERM]……"
      }
    });
    var query = new URLSearchParams(window.location.search).get("search");
    if (query) {
      ui.triggerSearch(query);
    } else {
      // Pagefind loads its bundles when its box first gets focus; start now, without moving the
      // focus, so that a large library (several bundles to merge) is ready by the first keystroke.
      var input = document.querySelector("#fulltext-search input");
      if (input) {
        input.dispatchEvent(new FocusEvent("focus"));
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
