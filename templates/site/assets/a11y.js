/*
 * Accessibility helpers for both sites. Plain JavaScript, no dependencies, no
 * network: works from file:// as well as over HTTP.
 *
 * 1. Every box that scrolls sideways (material's table wrapper, charts, our
 *    own .table-scroll regions) becomes a keyboard-reachable region
 *    (WCAG 2.1.1): tabindex="0", role="region" and an aria-label taken from
 *    the nearest heading before it ("合同（表格，可左右滚动）"). Boxes that do
 *    not scroll get no tab stop; the check is repeated when the window is
 *    resized (a phone turned sideways).
 * 2. material's hidden toggles (#__search, #__drawer) and task-list checkboxes
 *    get a name, so no form control on any page is unlabelled.
 */
(function () {
  "use strict";

  var SCROLLERS = ".md-typeset__scrollwrap, .md-typeset .chart, .md-typeset .table-scroll, .md-typeset pre > code";

  function headingBefore(el) {
    var node = el;
    while (node && node !== document.body) {
      var prev = node.previousElementSibling;
      while (prev) {
        if (/^H[1-6]$/.test(prev.tagName)) {
          return prev;
        }
        var inner = prev.querySelectorAll ? prev.querySelectorAll("h1, h2, h3, h4, h5, h6") : [];
        if (inner.length) {
          return inner[inner.length - 1];
        }
        prev = prev.previousElementSibling;
      }
      node = node.parentElement;
    }
    return null;
  }

  function cleanText(el) {
    return (el ? el.textContent : "").replace(/[¶\s]+/g, " ").trim();
  }

  function labelFor(box) {
    if (box.hasAttribute("data-label")) {
      return box.getAttribute("data-label");
    }
    var svg = box.querySelector("svg[aria-label]");
    if (svg) {
      return svg.getAttribute("aria-label") + "（图表，可左右滚动）";
    }
    if (box.tagName === "CODE") {
      return "代码（可左右滚动）";
    }
    var caption = box.querySelector("caption");
    var name = cleanText(caption) || cleanText(headingBefore(box)) || document.title;
    return name + "（表格，可左右滚动）";
  }

  function update(box) {
    var scrolls = box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
    if (scrolls) {
      if (box.getAttribute("tabindex") !== "0") {
        box.setAttribute("tabindex", "0");
        box.setAttribute("data-a11y-scroll", "");
      }
      if (!box.hasAttribute("role")) {
        box.setAttribute("role", "region");
      }
      if (!box.hasAttribute("aria-label") && !box.hasAttribute("aria-labelledby")) {
        box.setAttribute("aria-label", labelFor(box));
      }
    } else if (box.hasAttribute("data-a11y-scroll")) {
      box.removeAttribute("tabindex");
      box.removeAttribute("data-a11y-scroll");
    }
  }

  function updateAll() {
    var boxes = document.querySelectorAll(SCROLLERS);
    for (var i = 0; i < boxes.length; i++) {
      update(boxes[i]);
    }
  }

  function nameToggles() {
    var names = { __search: "搜索", __drawer: "导航菜单" };
    for (var id in names) {
      var el = document.getElementById(id);
      if (el && !el.hasAttribute("aria-label")) {
        el.setAttribute("aria-label", names[id]);
      }
    }
  }

  // Task lists ("- [x] …" in the guides) render a checkbox inside an empty label: name it by its item.
  function nameTaskBoxes() {
    var boxes = document.querySelectorAll(".md-typeset .task-list-item input[type=checkbox]");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (!box.hasAttribute("aria-label")) {
        var item = box.closest(".task-list-item");
        var text = (item ? item.textContent : "").replace(/\s+/g, " ").trim().slice(0, 80);
        box.setAttribute("aria-label", (box.checked ? "已完成：" : "未完成：") + text);
      }
    }
  }

  function init() {
    nameToggles();
    nameTaskBoxes();
    updateAll();
  }

  var timer = null;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(updateAll, 100);
  });
  // material mounts its table wrappers on its document$ observable; run after it.
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(function () {
      setTimeout(init, 0);
    });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  window.addEventListener("load", init);
  window.siteA11y = { refresh: updateAll };
})();
