/* site.js: the home page's list of documents, sortable and filterable (progressive
   enhancement: without this script the list is a plain table with every document).
   It adds a search field, a list for each column marked data-filter (author, type,
   language), and a button in each column head marked data-sort; the table's own order is
   the build's (the order of the previous and next links). Local file, no network. */
(function () {
  "use strict";
  var table = document.getElementById("ed-doc-table");
  if (!table || !table.tBodies.length) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  rows.forEach(function (row, i) { row.dataset.order = String(i); });
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var cell = function (row, i) { return row.cells[i] ? row.cells[i].textContent.trim() : ""; };
  var key = function (row, i) {
    var time = row.cells[i] && row.cells[i].querySelector("time");
    return time ? time.getAttribute("datetime") : cell(row, i).toLowerCase();
  };

  var controls = document.createElement("div");
  controls.className = "doc-controls";
  var make = function (label, element) {
    var wrap = document.createElement("label");
    wrap.appendChild(document.createTextNode(label));
    wrap.appendChild(element);
    controls.appendChild(wrap);
    return element;
  };
  var search = document.createElement("input");
  search.type = "search";
  search.id = "ed-doc-filter";
  make("Filter by words", search);
  var selects = [];
  heads.forEach(function (head, i) {
    if (!head.dataset.filter) { return; }
    var values = {};
    rows.forEach(function (row) { var v = cell(row, i); if (v) { values[v] = true; } });
    var names = Object.keys(values).sort();
    if (names.length < 2) { return; }
    var select = document.createElement("select");
    select.id = "ed-doc-filter-" + head.dataset.filter;
    var all = document.createElement("option");
    all.value = "";
    all.textContent = "All";
    select.appendChild(all);
    names.forEach(function (name) {
      var option = document.createElement("option");
      option.value = name;
      option.textContent = name;
      select.appendChild(option);
    });
    selects.push({ column: i, select: make(head.textContent.trim(), select) });
  });
  var status = document.createElement("output");
  status.setAttribute("aria-live", "polite");
  controls.appendChild(status);
  table.parentNode.insertBefore(controls, table);

  var filter = function () {
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase();
      var ok = words.every(function (w) { return text.indexOf(w) !== -1; }) &&
        selects.every(function (s) { return !s.select.value || cell(row, s.column) === s.select.value; });
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    status.textContent = shown + " of " + rows.length + " documents";
  };
  search.addEventListener("input", filter);
  selects.forEach(function (s) { s.select.addEventListener("change", filter); });

  /* Sorting: column i (-1: the build's order), "ascending" or "descending"; equal keys keep
     the build's order. The column heads' buttons and the "Sort by" list do the same. */
  var order = document.createElement("select");
  order.id = "ed-doc-sort";
  var sortBy = function (i, direction) {
    heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
    if (i >= 0) { heads[i].setAttribute("aria-sort", direction); }
    var sign = direction === "descending" ? -1 : 1;
    rows.slice().sort(function (a, b) {
      var x = i >= 0 ? key(a, i) : "", y = i >= 0 ? key(b, i) : "";
      if (x === y) { return Number(a.dataset.order) - Number(b.dataset.order); }
      return (x < y ? -1 : 1) * sign;
    }).forEach(function (row) { body.appendChild(row); });
    order.value = i >= 0 ? i + ":" + direction : "";
  };
  var first = document.createElement("option");
  first.value = "";
  first.textContent = "The edition's order";
  order.appendChild(first);
  heads.forEach(function (head, i) {
    if (!head.dataset.sort) { return; }
    var name = head.textContent.trim();
    [["ascending", name + ", ascending"], ["descending", name + ", descending"]].forEach(function (pair) {
      var option = document.createElement("option");
      option.value = i + ":" + pair[0];
      option.textContent = pair[1];
      order.appendChild(option);
    });
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = name;
    head.textContent = "";
    head.appendChild(button);
    button.addEventListener("click", function () {
      sortBy(i, head.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending");
    });
  });
  controls.insertBefore(make("Sort by", order).parentNode, status);
  order.addEventListener("change", function () {
    var parts = order.value.split(":");
    sortBy(order.value ? Number(parts[0]) : -1, parts[1] || "ascending");
  });
  filter();
}());
