// The search page (search/index.html): full-text search of the edition's passages with the
// Pagefind bundle in ../pagefind/ (built by `tei build`, toolkit/outputs/search.py). Every
// language of the corpus is searched, each with its own stemming: the bundle's other language
// indexes are merged into the page's. Results link to the passage's stable ID.
// Two Pagefind instances: one finds the results, the other counts them per facet value. Pagefind
// counts every loaded facet over every result, which is slow when a query matches tens of
// thousands of passages, so the results are shown first and the facets' counts follow.
// A classic script (not a module), so that a page opened from a file runs it and can explain
// why it cannot search.
(() => {
  const PAGE = 10;
  const form = document.getElementById("ed-search-form");
  const input = document.getElementById("ed-search-q");
  const panel = document.getElementById("ed-search-panel");
  const statusLine = document.getElementById("ed-search-status");
  const list = document.getElementById("ed-search-list");
  const more = document.getElementById("ed-search-more");
  const facets = [...document.querySelectorAll(".search-facet")];
  const facetsBox = document.getElementById("ed-search-facets");
  const languageNames = typeof Intl.DisplayNames === "function" ? new Intl.DisplayNames(["en"], { type: "language" }) : null;
  const chosen = {};  // facet name -> Set of values
  let results = [];
  let shown = 0;
  let generation = 0;

  const script = document.currentScript.src;
  if (location.protocol === "file:") {
    // Browsers do not let a page opened from a file load modules or fetch files beside it, so the
    // bundle cannot be read: say so, and keep the registers' list of passages.
    const note = document.createElement("p");
    note.className = "search-file";
    note.textContent = "Searching needs the site to be served over the web (tei serve, or any web server): "
      + "a browser does not let a page opened from a file read the search index. Every passage can also be "
      + "found through the registers:";
    const nojs = document.getElementById("ed-search-nojs");
    nojs.querySelector("p").replaceWith(note);
    return;
  }
  document.getElementById("ed-search-nojs")?.remove();
  form.hidden = false;
  panel.hidden = false;

  const bundle = new URL(panel.dataset.pagefind || "../pagefind/", script);
  const moduleReady = import(new URL("pagefind.js", bundle).href);

  // An instance that searches every language of the bundle (the same bundle merged once per other
  // language: Pagefind skips a path equal to the instance's own, hence "./").
  async function searching(instance) {
    await instance.options({ excerptLength: 30 });
    try {
      const entry = await (await fetch(new URL("pagefind-entry.json", bundle))).json();
      const languages = Object.keys(entry.languages || {});
      const page = document.documentElement.lang.toLowerCase();
      const primary = languages.includes(page) ? page : languages.includes(page.split("-")[0]) ? page.split("-")[0]
        : languages.sort((a, b) => entry.languages[b].page_count - entry.languages[a].page_count)[0];
      for (const language of languages.filter((l) => l !== primary)) {
        await instance.mergeIndex(bundle.pathname + "./", { language });
      }
    } catch (error) {
      console.warn("search: only the page's language is searched", error);
    }
    return instance;
  }

  const pagefindReady = moduleReady.then(searching).then((pagefind) => {
    panel.dataset.ready = "true";
    return pagefind;
  });
  let counterReady = null;  // made after the first results: it loads every facet
  function counter() {
    counterReady ??= moduleReady.then((module) => searching(module.createInstance({})))
      .then(async (instance) => { await instance.filters(); return instance; });
    return counterReady;
  }

  function label(facet, value) {
    if (facet === "language" && languageNames) {
      try { return value === "und" ? "Not stated" : `${languageNames.of(value)} (${value})`; } catch { return value; }
    }
    return value;
  }

  function filters() {
    const out = {};
    for (const [name, values] of Object.entries(chosen)) if (values.size) out[name] = { any: [...values] };
    return out;
  }

  function renderFacets(counts) {
    for (const fieldset of facets) {
      const name = fieldset.dataset.facet;
      const picked = chosen[name] || new Set();
      const values = Object.entries(counts[name] || {}).filter(([value, n]) => n > 0 || picked.has(value))
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 12);
      for (const value of picked) if (!values.some(([v]) => v === value)) values.push([value, 0]);
      fieldset.querySelectorAll(".search-option").forEach((node) => node.remove());
      fieldset.hidden = values.length === 0;
      values.forEach(([value, n], i) => {
        const id = `ed-facet-${name}-${i}`;
        const row = document.createElement("div");
        row.className = "search-option";
        const box = document.createElement("input");
        box.type = "checkbox";
        box.id = id;
        box.value = value;
        box.checked = picked.has(value);
        box.addEventListener("change", () => {
          const set = chosen[name] || (chosen[name] = new Set());
          box.checked ? set.add(value) : set.delete(value);
          run();
        });
        const text = document.createElement("label");
        text.htmlFor = id;
        text.textContent = `${label(name, value)} (${n})`;
        row.append(box, text);
        fieldset.append(row);
      });
    }
  }

  async function showMore() {
    const mine = generation;
    const batch = await Promise.all(results.slice(shown, shown + PAGE).map((r) => r.data()));
    if (mine !== generation) return;
    for (const data of batch) {
      const item = document.createElement("li");
      item.className = "search-result";
      const link = document.createElement("a");
      link.href = data.url;
      const title = data.filters?.document?.[0] || data.meta?.title || data.url;
      const label = data.filters?.label?.[0];
      link.textContent = label ? `${title}, ${label}` : title;
      const excerpt = document.createElement("p");
      excerpt.className = "search-excerpt";
      excerpt.innerHTML = data.excerpt;  // Pagefind's excerpt: the text escaped, the matches in <mark>
      item.append(link, excerpt);
      list.append(item);
    }
    shown += batch.length;
    more.hidden = shown >= results.length;
  }

  async function run() {
    const query = input.value.trim();
    const mine = ++generation;
    const url = new URL(location.href);
    query ? url.searchParams.set("q", query) : url.searchParams.delete("q");
    history.replaceState(null, "", url);
    if (!query && !Object.keys(filters()).length) {
      list.replaceChildren();
      statusLine.textContent = "";
      more.hidden = true;
      renderFacets({});
      return;
    }
    statusLine.textContent = "Searching…";
    const pagefind = await pagefindReady;
    const found = await pagefind.search(query || null, { filters: filters() });
    if (mine !== generation || !found) return;
    results = found.results;
    shown = 0;
    list.replaceChildren();
    const n = results.length;
    statusLine.textContent = n ? `${n} passage${n === 1 ? "" : "s"} found` : "No passage found. Try fewer words, or fewer filters.";
    await showMore();
    if (mine !== generation) return;
    facetsBox.setAttribute("aria-busy", "true");
    let counted;
    try {
      counted = await (await counter()).search(query || null, { filters: filters() });
    } catch (error) {
      console.warn("search: the facets could not be counted", error);
      return;
    }
    if (mine !== generation || !counted) return;
    renderFacets(counted.filters || {});
    facetsBox.setAttribute("aria-busy", "false");
    panel.dataset.counted = String(mine);
  }

  let timer;
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 250); });
  form.addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(timer); run(); });
  more.addEventListener("click", showMore);
  const initial = new URL(location.href).searchParams.get("q");
  if (initial) { input.value = initial; run(); }
})();
