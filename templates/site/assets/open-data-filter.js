/*
 * Open-data catalog filter. Plain JavaScript, no dependencies, no network:
 * works from file:// as well as over HTTP.
 *
 * Markup the pages generate:
 *   <div class="od-filters" data-for="od-table"></div>
 *   <table class="od-table"> ... <tr data-provider="…" data-format="…"
 *          data-cycle="…" data-open="…"> ... </table>
 * data-for names the table by id, else by class. The div is filled with one
 * <select> per attribute (options gathered from the rows), a reset button and
 * a live count "共 N 条"; choosing a value hides the rows that do not match.
 * An option shows data-<key>-name when the row has it (a department's name
 * for its code in data-provider), else the value itself.
 */
(function () {
  "use strict";

  var FILTERS = [
    { key: "provider", label: "提供单位" },
    { key: "format", label: "格式" },
    { key: "cycle", label: "更新周期" },
    { key: "open", label: "开放属性" }
  ];
  var ALL = "";

  function findTable(box) {
    var name = box.getAttribute("data-for") || "od-table";
    var byId = document.getElementById(name);
    if (byId && byId.tagName === "TABLE") {
      return byId;
    }
    var tables = document.querySelectorAll("table");
    var following = null;
    for (var i = 0; i < tables.length; i++) {
      if (!tables[i].classList.contains(name)) {
        continue;
      }
      // Prefer the first matching table after the filter box.
      if (box.compareDocumentPosition(tables[i]) & Node.DOCUMENT_POSITION_FOLLOWING) {
        return tables[i];
      }
      following = following || tables[i];
    }
    return following;
  }

  function dataRows(table) {
    var rows = table.querySelectorAll("tr");
    var out = [];
    for (var i = 0; i < rows.length; i++) {
      for (var j = 0; j < FILTERS.length; j++) {
        if (rows[i].hasAttribute("data-" + FILTERS[j].key)) {
          out.push(rows[i]);
          break;
        }
      }
    }
    return out;
  }

  function valuesOf(rows, key) {
    var counts = {};
    var labels = {};
    for (var i = 0; i < rows.length; i++) {
      var value = (rows[i].getAttribute("data-" + key) || "").trim();
      if (value) {
        counts[value] = (counts[value] || 0) + 1;
        labels[value] = (rows[i].getAttribute("data-" + key + "-name") || "").trim() || value;
      }
    }
    var values = Object.keys(counts);
    values.sort(function (a, b) { return labels[a].localeCompare(labels[b], "zh-CN"); });
    return values.map(function (value) {
      return { value: value, label: labels[value], count: counts[value] };
    });
  }

  function makeSelect(filter, rows, id) {
    var label = document.createElement("label");
    label.setAttribute("for", id);
    label.appendChild(document.createTextNode(filter.label));
    var select = document.createElement("select");
    select.id = id;
    select.setAttribute("data-key", filter.key);
    var any = document.createElement("option");
    any.value = ALL;
    any.textContent = "全部";
    select.appendChild(any);
    valuesOf(rows, filter.key).forEach(function (item) {
      var option = document.createElement("option");
      option.value = item.value;
      option.textContent = item.label + "（" + item.count + "）";
      select.appendChild(option);
    });
    label.appendChild(select);
    return { label: label, select: select };
  }

  function setup(box, index) {
    if (box.getAttribute("data-ready") === "true") {
      return;
    }
    var table = findTable(box);
    if (!table) {
      return;
    }
    var rows = dataRows(table);
    var selects = [];
    box.textContent = "";
    box.setAttribute("role", "search");
    box.setAttribute("aria-label", "筛选开放数据目录");
    FILTERS.forEach(function (filter) {
      var made = makeSelect(filter, rows, "od-filter-" + index + "-" + filter.key);
      selects.push(made.select);
      box.appendChild(made.label);
    });
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "od-reset";
    reset.textContent = "重置";
    box.appendChild(reset);
    var count = document.createElement("span");
    count.className = "od-count";
    count.setAttribute("aria-live", "polite");
    box.appendChild(count);
    var empty = document.createElement("p");
    empty.className = "od-empty";
    empty.textContent = "没有符合条件的开放数据资源，请调整筛选条件。";
    empty.hidden = true;
    table.parentNode.insertBefore(empty, table.nextSibling);

    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var match = selects.every(function (select) {
          var key = select.getAttribute("data-key");
          return select.value === ALL || (row.getAttribute("data-" + key) || "").trim() === select.value;
        });
        row.hidden = !match;
        if (match) {
          shown += 1;
        }
      });
      var filtered = selects.some(function (select) { return select.value !== ALL; });
      count.textContent = "共 " + shown + " 条" + (filtered ? "（全部 " + rows.length + " 条）" : "");
      empty.hidden = shown !== 0;
      reset.disabled = !filtered;
    }

    selects.forEach(function (select) { select.addEventListener("change", apply); });
    reset.addEventListener("click", function () {
      selects.forEach(function (select) { select.value = ALL; });
      apply();
    });
    box.setAttribute("data-ready", "true");
    apply();
  }

  function init() {
    var boxes = document.querySelectorAll("div.od-filters");
    for (var i = 0; i < boxes.length; i++) {
      setup(boxes[i], i);
    }
  }

  // material's document$ emits on every page load (also with instant navigation).
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
