/*
 * The project list as a tool: sort, filter, share. Plain JavaScript, no
 * dependencies, no network: works from file:// as well as over HTTP. Without
 * JavaScript the page is a plain, complete table.
 *
 * Markup (templates/site/projects.md.j2):
 *   <div class="pl-tools" data-for="project-list"></div>
 *   <table class="project-list" id="project-list" data-status-order="申报中|…" data-category-order="新建|…">
 *     <th data-sort="amount|status|year">…</th>
 *     <tr data-dept="AJB" data-dept-name="…" data-year="2024" data-status="建设中"
 *         data-category="新建" data-amount="438.00">…</tr>
 *
 * The tools: one labelled <select> per filter (建设单位, 申报年度, 项目状态,
 * 项目类别) with the number of projects per option, a reset button, a sort
 * button in each sortable column header (the header carries aria-sort), and
 * a live region announcing "显示 N 个项目". The state lives in the URL
 * fragment (#dept=AJB&year=2024&sort=amount&order=desc), so a filtered view
 * can be bookmarked or shared, and opening such a link restores it.
 */
(function () {
  "use strict";

  var FILTERS = [
    { key: "dept", label: "建设单位", name: "dept-name" },
    { key: "year", label: "申报年度" },
    { key: "status", label: "项目状态" },
    { key: "category", label: "项目类别" }
  ];
  var SORTS = { amount: "核定投资", status: "项目状态", year: "申报年度" };
  var FIRST_ORDER = { amount: "desc", status: "asc", year: "desc" };

  function readState() {
    var state = {};
    var hash = window.location.hash.replace(/^#/, "");
    if (!hash || hash.indexOf("=") < 0) {
      return state;
    }
    hash.split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at > 0) {
        try {
          state[decodeURIComponent(pair.slice(0, at))] = decodeURIComponent(pair.slice(at + 1));
        } catch (e) {
          /* a malformed fragment is ignored */
        }
      }
    });
    return state;
  }

  function writeState(state) {
    var parts = [];
    FILTERS.forEach(function (f) {
      if (state[f.key]) {
        parts.push(f.key + "=" + encodeURIComponent(state[f.key]));
      }
    });
    if (state.sort) {
      parts.push("sort=" + state.sort, "order=" + (state.order === "asc" ? "asc" : "desc"));
    }
    var hash = parts.length ? "#" + parts.join("&") : "";
    var url = window.location.href.split("#")[0] + hash;
    try {
      window.history.replaceState(null, "", hash || window.location.pathname + window.location.search);
    } catch (e) {
      window.location.replace(hash ? url : url + "#");
    }
  }

  function orderOf(table, attr) {
    var raw = table.getAttribute(attr) || "";
    return raw ? raw.split("|") : [];
  }

  function setup(box) {
    var table = document.getElementById(box.getAttribute("data-for") || "project-list");
    if (!table || !table.tBodies.length) {
      return;
    }
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (row, i) {
      row.setAttribute("data-index", String(i));
    });
    var statusOrder = orderOf(table, "data-status-order");
    var categoryOrder = orderOf(table, "data-category-order");
    var state = readState();
    var selects = {};

    // --- filters ---------------------------------------------------------------
    var form = document.createElement("div");
    form.className = "pl-filters";
    form.setAttribute("role", "group");
    form.setAttribute("aria-label", "筛选项目");
    FILTERS.forEach(function (f) {
      var counts = {};
      var names = {};
      rows.forEach(function (row) {
        var value = row.getAttribute("data-" + f.key) || "";
        if (value) {
          counts[value] = (counts[value] || 0) + 1;
          names[value] = f.name ? row.getAttribute("data-" + f.name) || value : value;
        }
      });
      var values = Object.keys(counts);
      var rank = f.key === "status" ? statusOrder : f.key === "category" ? categoryOrder : null;
      values.sort(function (a, b) {
        if (f.key === "year") {
          return Number(b) - Number(a);
        }
        if (rank) {
          var ra = rank.indexOf(a), rb = rank.indexOf(b);
          return (ra < 0 ? 99 : ra) - (rb < 0 ? 99 : rb) || a.localeCompare(b, "zh");
        }
        return names[a].localeCompare(names[b], "zh");
      });
      var label = document.createElement("label");
      var text = document.createElement("span");
      text.textContent = f.label;
      var select = document.createElement("select");
      select.setAttribute("data-key", f.key);
      var all = document.createElement("option");
      all.value = "";
      all.textContent = "全部";
      select.appendChild(all);
      values.forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = (f.key === "year" ? value + " 年" : names[value]) + "（" + counts[value] + "）";
        select.appendChild(option);
      });
      select.value = state[f.key] && counts[state[f.key]] ? state[f.key] : "";
      state[f.key] = select.value;
      select.addEventListener("change", function () {
        state[f.key] = select.value;
        apply(true);
      });
      selects[f.key] = select;
      label.appendChild(text);
      label.appendChild(select);
      form.appendChild(label);
    });
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "pl-reset";
    reset.textContent = "清除筛选和排序";
    reset.addEventListener("click", function () {
      state = {};
      FILTERS.forEach(function (f) {
        selects[f.key].value = "";
      });
      apply(true);
    });
    form.appendChild(reset);
    var count = document.createElement("p");
    count.className = "pl-count";
    count.setAttribute("role", "status");
    count.setAttribute("aria-live", "polite");
    box.appendChild(form);
    box.appendChild(count);

    var empty = document.createElement("p");
    empty.className = "pl-empty";
    empty.textContent = "没有符合筛选条件的项目。";
    empty.hidden = true;
    table.parentNode.insertBefore(empty, table.nextSibling);

    // --- sort buttons ------------------------------------------------------------
    var headers = table.tHead ? table.tHead.querySelectorAll("th[data-sort]") : [];
    Array.prototype.forEach.call(headers, function (th) {
      var key = th.getAttribute("data-sort");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "pl-sort";
      button.setAttribute("data-sort", key);
      while (th.firstChild) {
        button.appendChild(th.firstChild);
      }
      var arrow = document.createElement("span");
      arrow.className = "pl-arrow";
      arrow.setAttribute("aria-hidden", "true");
      button.appendChild(arrow);
      var hint = document.createElement("span");
      hint.className = "sr-only";
      button.appendChild(hint);
      th.appendChild(button);
      button.addEventListener("click", function () {
        if (state.sort === key) {
          state.order = state.order === "asc" ? "desc" : "asc";
        } else {
          state.sort = key;
          state.order = FIRST_ORDER[key];
        }
        apply(true);
      });
    });
    if (!SORTS[state.sort]) {
      delete state.sort;
      delete state.order;
    }

    function sortValue(row, key) {
      if (key === "amount") {
        var a = row.getAttribute("data-amount");
        return a === "" || a === null ? null : Number(a);
      }
      if (key === "year") {
        var y = row.getAttribute("data-year");
        return y ? Number(y) : null;
      }
      var i = statusOrder.indexOf(row.getAttribute("data-status"));
      return i < 0 ? statusOrder.length : i;
    }

    function apply(save) {
      var key = state.sort;
      var sign = state.order === "asc" ? 1 : -1;
      var ordered = rows.slice();
      if (key) {
        ordered.sort(function (a, b) {
          var va = sortValue(a, key), vb = sortValue(b, key);
          if (va === null || vb === null) {
            // Projects without a value (not yet approved) always go last.
            return (va === null) - (vb === null) || a.getAttribute("data-index") - b.getAttribute("data-index");
          }
          return (va - vb) * sign || a.getAttribute("data-index") - b.getAttribute("data-index");
        });
      }
      var shown = 0;
      ordered.forEach(function (row) {
        var visible = FILTERS.every(function (f) {
          return !state[f.key] || row.getAttribute("data-" + f.key) === state[f.key];
        });
        row.hidden = !visible;
        shown += visible ? 1 : 0;
        body.appendChild(row);
      });
      Array.prototype.forEach.call(headers, function (th) {
        var k = th.getAttribute("data-sort");
        var hint = th.querySelector(".sr-only");
        if (k === key) {
          th.setAttribute("aria-sort", sign > 0 ? "ascending" : "descending");
          th.querySelector(".pl-arrow").textContent = sign > 0 ? "▲" : "▼";
          hint.textContent = sign > 0 ? "（当前升序，点击改为降序）" : "（当前降序，点击改为升序）";
        } else {
          th.removeAttribute("aria-sort");
          th.querySelector(".pl-arrow").textContent = "⇅";
          hint.textContent = "（点击排序）";
        }
      });
      var filtered = FILTERS.some(function (f) { return state[f.key]; });
      count.textContent = filtered ? "显示 " + shown + " 个项目（共 " + rows.length + " 个）" : "共 " + rows.length + " 个项目";
      empty.hidden = shown > 0;
      if (save) {
        writeState(state);
      }
      if (window.siteA11y) {
        window.siteA11y.refresh();
      }
    }

    window.addEventListener("hashchange", function () {
      state = readState();
      FILTERS.forEach(function (f) {
        var v = state[f.key] || "";
        selects[f.key].value = Array.prototype.some.call(selects[f.key].options, function (o) { return o.value === v; }) ? v : "";
        state[f.key] = selects[f.key].value;
      });
      if (!SORTS[state.sort]) {
        delete state.sort;
      }
      apply(false);
    });
    apply(false);
  }

  function init() {
    var boxes = document.querySelectorAll(".pl-tools[data-for]");
    for (var i = 0; i < boxes.length; i++) {
      if (!boxes[i].hasAttribute("data-ready")) {
        boxes[i].setAttribute("data-ready", "");
        setup(boxes[i]);
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
