/* edition.js: progressive enhancement of the reading edition. No framework, no network.
   Without it the page is complete: every word is there and every link works. With it:
   - the text opens clean: the highlighting of each entity type is switched on on demand
     (remembered locally);
   - one control switches between the reading view and a view closer to the witness
     (page breaks marked, the source editor's omission marks set off), remembered locally;
   - hovering or focusing a name shows its register card; a note marker shows its note;
     Escape closes them;
   - a passage's label ("¶ 3") opens one shared citation panel with its full citation and a
     button that copies it, announced to screen readers through a live region;
   - a link to a passage that moved since a release (its old id is kept on a note,
     data-moved-to) goes on to where the passage is now. */
(function () {
  "use strict";

  /* The kinds of names and what the page calls them: "person=Persons|place=Places|…",
     written by the stylesheet from its one list of kinds (common/registers.xsl). */
  var TYPES = (document.body.getAttribute("data-ed-types") || "").split("|").filter(Boolean)
    .map(function (pair) { var at = pair.indexOf("="); return [pair.slice(0, at), pair.slice(at + 1)]; });
  var STORE = "tei-edition-highlight";
  var VIEW_STORE = "tei-edition-view";
  var root = document.documentElement;
  root.classList.add("js");

  function load() {
    try { return JSON.parse(window.localStorage.getItem(STORE) || "{}") || {}; } catch (e) { return {}; }
  }
  function save(state) {
    try { window.localStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* storage disabled */ }
  }

  var live = document.createElement("div");
  live.id = "ed-live";
  live.className = "visually-hidden";
  live.setAttribute("aria-live", "polite");
  live.setAttribute("role", "status");
  document.body.appendChild(live);
  function announce(text) {
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  /* ---------------------------------------------------------------- highlighting */
  function setupHighlighting() {
    var text = document.getElementById("ed-text");
    if (!text) { return; }
    var present = TYPES.filter(function (t) { return text.querySelector(".ent-" + t[0]); });
    if (!present.length) { return; }
    var state = load();
    var box = document.createElement("fieldset");
    box.className = "controls highlight-controls";
    var legend = document.createElement("legend");
    legend.textContent = "Highlight names";
    box.appendChild(legend);
    present.forEach(function (t) {
      var id = "hl-" + t[0];
      var label = document.createElement("label");
      label.className = "hl-toggle hl-" + t[0];
      var input = document.createElement("input");
      input.type = "checkbox";
      input.id = id;
      input.checked = state[t[0]] === true;  /* clean text by default: highlighting on demand */
      input.addEventListener("change", function () {
        state[t[0]] = input.checked;
        root.classList.toggle("hl-on-" + t[0], input.checked);
        save(state);
      });
      root.classList.toggle("hl-on-" + t[0], input.checked);
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + t[1]));
      box.appendChild(label);
    });
    var tools = document.getElementById("ed-tools");
    if (tools) { tools.appendChild(box); } else { text.parentNode.insertBefore(box, text); }
  }

  /* ---------------------------------------------------------------- views */
  function setupViews() {
    var text = document.getElementById("ed-text");
    if (!text || !text.querySelector(".pb, .omission, .source, .fw-witness")) { return; }
    var view = "reading";
    try { view = window.localStorage.getItem(VIEW_STORE) || "reading"; } catch (e) { /* storage disabled */ }
    var box = document.createElement("fieldset");
    box.className = "controls view-controls";
    var legend = document.createElement("legend");
    legend.textContent = "View";
    box.appendChild(legend);
    [["reading", "Reading text"], ["witness", text.querySelector(".fw-witness") ? "Closer to the witness (page breaks, page furniture, omission marks)" : "Closer to the witness (page breaks, omission marks)"]].forEach(function (v) {
      var label = document.createElement("label");
      label.className = "view-toggle";
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "ed-view";
      input.id = "view-" + v[0];
      input.value = v[0];
      input.checked = view === v[0];
      input.addEventListener("change", function () {
        root.classList.toggle("view-witness", v[0] === "witness");
        try { window.localStorage.setItem(VIEW_STORE, v[0]); } catch (e) { /* storage disabled */ }
        announce(v[0] === "witness" ? "View closer to the witness" : "Reading view");
      });
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + v[1]));
      box.appendChild(label);
    });
    root.classList.toggle("view-witness", view === "witness");
    var tools = document.getElementById("ed-tools");
    if (tools) { tools.insertBefore(box, tools.firstChild); } else { text.parentNode.insertBefore(box, text); }
  }

  /* ---------------------------------------------------------------- popovers */
  var open = null;
  var closeTimer = null;

  function close() {
    if (open) {
      open.pop.remove();
      open.trigger.removeAttribute("aria-describedby");
      open = null;
    }
  }

  var suppressed = null;

  function show(trigger, container, content, label) {
    window.clearTimeout(closeTimer);
    if (suppressed === trigger || (open && open.trigger === trigger)) { return; }
    close();
    var pop = document.createElement("span");
    pop.className = "popover";
    pop.id = "ed-popover";
    pop.setAttribute("role", "tooltip");
    pop.setAttribute("aria-label", label);
    pop.appendChild(content);
    container.appendChild(pop);
    trigger.setAttribute("aria-describedby", pop.id);
    /* keep it inside the viewport */
    var rect = pop.getBoundingClientRect();
    var overflow = rect.right - (document.documentElement.clientWidth - 8);
    if (overflow > 0) { pop.style.marginLeft = (-overflow) + "px"; }
    pop.addEventListener("mouseenter", function () { window.clearTimeout(closeTimer); });
    pop.addEventListener("mouseleave", scheduleClose);
    open = { trigger: trigger, pop: pop };
  }

  function scheduleClose() {
    window.clearTimeout(closeTimer);
    closeTimer = window.setTimeout(close, 300);
  }

  function entityContent(span) {
    var entry = document.getElementById("reg-" + span.getAttribute("data-entity"));
    var box = document.createElement("span");
    box.className = "popover-body";
    if (entry) {
      Array.prototype.forEach.call(entry.children, function (child) {
        var copy = child.cloneNode(true);
        copy.removeAttribute("id");
        Array.prototype.forEach.call(copy.querySelectorAll("[id]"), function (n) { n.removeAttribute("id"); });
        var line = document.createElement("span");
        line.className = "popover-line " + (child.className || "");
        while (copy.firstChild) { line.appendChild(copy.firstChild); }
        box.appendChild(line);
      });
    }
    return box;
  }

  function noteContent(link) {
    var note = document.querySelector(link.getAttribute("href"));
    var box = document.createElement("span");
    box.className = "popover-body";
    if (note) {
      var copy = note.cloneNode(true);
      Array.prototype.forEach.call(copy.querySelectorAll(".note-back, [id]"), function (n) {
        if (n.classList.contains("note-back")) { n.remove(); } else { n.removeAttribute("id"); }
      });
      while (copy.firstChild) { box.appendChild(copy.firstChild); }
    }
    return box;
  }

  function setupPopovers() {
    Array.prototype.forEach.call(document.querySelectorAll("#ed-text .ent[data-entity] > .ent-link"), function (link) {
      var span = link.parentNode;
      function open_() {
        var name = span.querySelector(".card-name");
        show(link, span, entityContent(span), name ? name.textContent : "Register entry");
      }
      link.addEventListener("mouseenter", open_);
      link.addEventListener("focus", open_);
      link.addEventListener("mouseleave", function () { suppressed = null; scheduleClose(); });
      link.addEventListener("blur", function () { if (suppressed === link) { suppressed = null; } });
    });
    Array.prototype.forEach.call(document.querySelectorAll("#ed-text a[role='doc-noteref']"), function (link) {
      function open_() { show(link, link.parentNode, noteContent(link), link.getAttribute("aria-label") || "Note"); }
      link.addEventListener("mouseenter", open_);
      link.addEventListener("focus", open_);
      link.addEventListener("mouseleave", function () { suppressed = null; scheduleClose(); });
      link.addEventListener("blur", function () { if (suppressed === link) { suppressed = null; } });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && open) {
        var trigger = open.trigger;
        var inside = open.pop.contains(document.activeElement);
        suppressed = trigger;  /* focus stays on the name without reopening its card */
        close();
        if (inside) { trigger.focus({ preventScroll: true }); }
      }
    });
    document.addEventListener("focusin", function (event) {
      if (open && !open.pop.contains(event.target) && event.target !== open.trigger) { close(); }
    });
  }

  /* ---------------------------------------------------------------- citation */
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "visually-hidden";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      if (ok) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }

  /* Citation on demand: the passage's label ("¶ 3") is a link to the passage; following it
     also opens one shared panel, filled from the passage's data-cite-* attributes, with the
     full citation (selectable) and a button that copies it. Escape or "Close" closes it and
     gives the focus back to the label. Without this script the label is a plain link and
     "How to cite" gives the form of a passage's citation. */
  function setupCitation() {
    var text = document.getElementById("ed-text");
    if (!text || !text.querySelector("[data-cite-text] .passage-link")) { return; }
    var panel = document.createElement("div");
    panel.id = "ed-cite-panel";
    panel.className = "cite-panel";
    panel.setAttribute("role", "group");
    panel.setAttribute("aria-labelledby", "ed-cite-panel-title");
    panel.hidden = true;
    var title = document.createElement("p");
    title.id = "ed-cite-panel-title";
    title.className = "cite-panel-title";
    var body = document.createElement("p");
    body.id = "ed-cite-panel-text";
    body.className = "cite-panel-text";
    var copy = document.createElement("button");
    copy.type = "button";
    copy.className = "cite-copy";
    copy.textContent = "Copy citation";
    copy.setAttribute("aria-describedby", body.id);
    var shut = document.createElement("button");
    shut.type = "button";
    shut.className = "cite-close";
    shut.textContent = "Close";
    panel.appendChild(title);
    panel.appendChild(body);
    panel.appendChild(copy);
    panel.appendChild(shut);
    text.appendChild(panel);
    var current = null;

    function citationOf(passage) {
      var url = new URL(passage.getAttribute("data-cite-url"), window.location.href).href;
      // the date of access is the reader's: today's, in ISO 8601
      var today = new Date();
      var accessed = today.getFullYear() + "-" + String(today.getMonth() + 1).padStart(2, "0") + "-" +
        String(today.getDate()).padStart(2, "0");
      return passage.getAttribute("data-cite-text") + " " + url + ". Accessed " + accessed + ".";
    }

    function closePanel(restoreFocus) {
      if (!current) { return; }
      var link = current.link;
      panel.hidden = true;
      link.setAttribute("aria-expanded", "false");
      link.removeAttribute("aria-controls");
      current = null;
      if (restoreFocus) { link.focus({ preventScroll: true }); }
    }

    function openFor(passage, link) {
      if (current) { closePanel(false); }
      var label = passage.getAttribute("data-cite-label");
      title.textContent = "Cite " + label;
      body.textContent = citationOf(passage);
      copy.textContent = "Copy citation";
      /* right after the passage's label's block: the paragraph, or the headnote's heading */
      var block = link.parentElement.closest("p, h1, h2, h3, h4, h5, h6, li, div, section") || passage;
      block.insertAdjacentElement("afterend", panel);
      panel.hidden = false;
      link.setAttribute("aria-expanded", "true");
      link.setAttribute("aria-controls", panel.id);
      current = { passage: passage, link: link, label: label };
      /* after the link has been followed (which moves the focus to the passage) */
      window.setTimeout(function () { if (current && current.link === link) { copy.focus({ preventScroll: true }); } }, 0);
    }

    Array.prototype.forEach.call(text.querySelectorAll("[data-cite-text] .passage-link"), function (link) {
      link.setAttribute("aria-expanded", "false");
    });
    document.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest(".passage-link") : null;
      var passage = link ? link.closest("[data-cite-text]") : null;
      if (passage) { openFor(passage, link); }  /* the link is still followed: the URL names the passage */
    });
    copy.addEventListener("click", function () {
      if (!current) { return; }
      var label = current.label;
      var citation = body.textContent;
      copyText(citation).then(function () {
        copy.textContent = "Copied";
        announce("Citation of " + label + " copied: " + citation);
        window.setTimeout(function () { copy.textContent = "Copy citation"; }, 2000);
      }, function () {
        announce("Copying was refused by the browser. The citation is: " + citation);
      });
    });
    shut.addEventListener("click", function () { closePanel(true); });
    /* capture: seen before the popovers' own Escape, so that an open name card closes first */
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && current && !open) { closePanel(panel.contains(document.activeElement)); }
    }, true);
  }

  setupViews();
  setupHighlighting();
  setupPopovers();
  setupCitation();
  followMoved();

  /* The fragment names a published id that moved: go where it is now (common/release.xsl). */
  function followMoved() {
    function go() {
      var id = decodeURIComponent(window.location.hash.slice(1));
      var note = id && document.getElementById(id);
      var to = note && note.getAttribute("data-moved-to");
      if (to) { window.location.replace(to); }
    }
    go();
    window.addEventListener("hashchange", go);
  }
}());
