// The newsevents page: map, timeline, table and event evidence over the JSON API.
// Article text and everything derived from it is untrusted: this file builds the page with
// createElement and textContent only, never with HTML strings.
"use strict";

const TYPE_COLOURS = {
  "Battles": "#d62728",
  "Explosions/Remote violence": "#ff7f0e",
  "Violence against civilians": "#9467bd",
  "Protests": "#2ca02c",
  "Riots": "#8c564b",
  "Strategic developments": "#1f77b4",
};
const ROLE_LABELS = {
  trigger: "event word", perpetrator: "perpetrator", target: "target", victim: "victim",
  place: "place", time: "time", weapon: "weapon", killed: "killed", injured: "injured",
  arrested: "arrested",
};
const PAGE_SIZE = 50;
const FILTER_NAMES = ["since", "until", "country", "event_type", "sub_event_type", "actor",
  "min_fatalities", "min_confidence", "status", "q", "story"];

const state = { filters: { status: "new" }, sort: "event_date", order: "desc", offset: 0 };
let meta = null;
let map = null;
let markerLayer = null;
let timeline = null;
let mapRequest = 0;

// ---- small helpers -------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "class") node.className = v;
    else if (k === "dataset") Object.assign(node.dataset, v);
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

function params(extra) {
  const p = new URLSearchParams();
  for (const name of FILTER_NAMES) {
    const v = state.filters[name];
    if (v !== undefined && v !== null && v !== "") p.set(name, v);
  }
  for (const [k, v] of Object.entries(extra || {})) {
    if (v !== undefined && v !== null && v !== "") p.set(k, v);
  }
  return p;
}

async function api(path, query) {
  const url = query ? `${path}?${query}` : path;
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const message = body && body.error ? body.error.message : `${response.status} ${url}`;
    throw new Error(message);
  }
  return body;
}

function showError(err) {
  const banner = document.getElementById("banner");
  banner.textContent = String(err.message || err);
  banner.hidden = false;
}

function safeUrl(url) {
  // Only web links become clickable: a javascript: or data: URL from an article never does.
  return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
}

function fmt(n) {
  return n === null || n === undefined ? "" : Number(n).toLocaleString("en");
}

// ---- routing: #/?filters  or  #/event/ID -----------------------------------------------

function readHash() {
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, query] = hash.split("?");
  const p = new URLSearchParams(query || "");
  const filters = { status: "new" };
  for (const name of FILTER_NAMES) if (p.get(name)) filters[name] = p.get(name);
  return { path, filters };
}

function writeHash() {
  const q = params().toString();
  const target = q ? `#/?${q}` : "#/";
  if (location.hash !== target) history.replaceState(null, "", target);
  state.lastMain = target;
}

async function route() {
  const { path, filters } = readHash();
  const eventMatch = path.match(/^\/event\/([A-Za-z0-9_.:-]+)$/);
  if (eventMatch) {
    await showEvent(eventMatch[1]);
    return;
  }
  document.getElementById("event").hidden = true;
  state.lastMain = location.hash || "#/";
  const changed = JSON.stringify(filters) !== JSON.stringify(state.filters);
  if (changed || !state.loaded) {
    state.filters = filters;
    state.offset = 0;
    fillForm();
    await refresh();
  }
}

// ---- filters form ------------------------------------------------------------------------

function fillForm() {
  const form = document.getElementById("filters");
  for (const name of FILTER_NAMES) {
    const input = form.elements[name];
    if (input) input.value = state.filters[name] || (name === "status" ? "new" : "");
  }
  fillSubTypes();
  form.elements.sub_event_type.value = state.filters.sub_event_type || "";
}

function fillSubTypes() {
  const form = document.getElementById("filters");
  const select = form.elements.sub_event_type;
  const chosen = form.elements.event_type.value;
  clear(select);
  select.append(el("option", { value: "" }, "any"));
  for (const t of (meta ? meta.event_types : [])) {
    if (chosen && t.event_type !== chosen) continue;
    for (const sub of t.sub_event_types) select.append(el("option", { value: sub }, sub));
  }
}

function readForm() {
  const form = document.getElementById("filters");
  const filters = {};
  for (const name of FILTER_NAMES) {
    const v = form.elements[name] ? form.elements[name].value.trim() : "";
    if (v) filters[name] = v;
  }
  if (!filters.status) filters.status = "new";
  return filters;
}

function applyFilters(filters) {
  state.filters = filters;
  state.offset = 0;
  writeHash();
  refresh();
}

function setupForm() {
  const form = document.getElementById("filters");
  form.addEventListener("submit", (e) => { e.preventDefault(); applyFilters(readForm()); });
  form.elements.event_type.addEventListener("change", fillSubTypes);
  document.getElementById("reset").addEventListener("click", () => {
    applyFilters({ status: "new" });
    fillForm();
  });
  document.getElementById("clear-dates").addEventListener("click", () => {
    const f = { ...state.filters };
    delete f.since;
    delete f.until;
    applyFilters(f);
    fillForm();
  });
  const countries = form.elements.country;
  for (const c of meta.countries) {
    countries.append(el("option", { value: c.iso3 || c.country }, `${c.country} (${fmt(c.events)})`));
  }
  const types = form.elements.event_type;
  for (const t of meta.event_types) types.append(el("option", { value: t.event_type }, t.event_type));
  fillSubTypes();
  api("/api/actors", "limit=300").then((data) => {
    const list = document.getElementById("actor-list");
    for (const a of data.items) list.append(el("option", { value: a.name }));
  }).catch(showError);
}

// ---- map ---------------------------------------------------------------------------------

function setupMap() {
  if (!window.L) {
    showError("The map libraries are not installed: run `make setup` (npm ci in web/).");
    return;
  }
  map = L.map("map", { preferCanvas: true, worldCopyJump: true, minZoom: 1, maxZoom: 14 })
    .setView([25, 30], 2);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Borders: Natural Earth · Places: GeoNames, UCDP");
  fetch("/vendor/world-atlas/countries-50m.json").then((r) => r.json()).then((topo) => {
    const borders = topojson.feature(topo, topo.objects.countries);
    // Antarctica's ring runs along the pole, which a Mercator map draws as stray bands.
    borders.features = borders.features.filter((f) => f.properties.name !== "Antarctica");
    for (const f of borders.features) unwrapRings(f.geometry);
    L.geoJSON(borders, {
      interactive: false,
      style: { color: "#888", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 },
    }).addTo(map).bringToBack();
  }).catch(showError);
  let timer = null;
  map.on("moveend", () => {
    clearTimeout(timer);
    timer = setTimeout(loadMap, 200);
  });
  const legend = document.getElementById("legend");
  for (const [type, colour] of Object.entries(TYPE_COLOURS)) {
    const swatch = el("span", { class: "swatch" });
    swatch.style.background = colour;
    legend.append(el("span", { class: "legend-item" }, swatch, type));
  }
}

function unwrapRings(geometry) {
  // Rings that cross the antimeridian (Russia, Fiji) jump from +180 to -180 and would be
  // drawn as bands across the map: move their western points one turn east.
  if (!geometry) return;
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      const crosses = ring.some((p, i) => i > 0 && Math.abs(p[0] - ring[i - 1][0]) > 180);
      if (crosses) for (const p of ring) if (p[0] < 0) p[0] += 360;
    }
  }
}

function radiusFor(fatalities) {
  return 4 + Math.min(16, Math.sqrt(fatalities || 0) * 1.6);
}

function pointMarker(p) {
  const m = L.circleMarker([p.latitude, p.longitude], {
    radius: radiusFor(p.fatalities),
    color: "#333", weight: 0.6,
    fillColor: TYPE_COLOURS[p.event_type] || "#555", fillOpacity: 0.85,
  });
  m.eventId = p.event_id;
  const label = `${p.event_date || "?"} · ${p.sub_event_type} · ${p.location || "?"}`
    + (p.fatalities ? ` · ${p.fatalities} killed` : "");
  // Leaflet writes tooltip strings with innerHTML: give it a text node instead.
  m.bindTooltip(document.createTextNode(label));
  m.on("click", () => { location.hash = `#/event/${encodeURIComponent(p.event_id)}`; });
  return m;
}

function clusterMarker(c) {
  const size = 22 + Math.min(40, Math.sqrt(c.events) * 1.5);
  const badge = el("div", { class: "grid-cluster" }, fmt(c.events));
  badge.style.width = badge.style.height = badge.style.lineHeight = `${size}px`;
  badge.style.background = TYPE_COLOURS[c.event_type] || "#555";
  const icon = L.divIcon({ html: badge, className: "grid-cluster-icon", iconSize: [size, size] });
  const m = L.marker([c.latitude, c.longitude], { icon });
  const tip = `${fmt(c.events)} events, ${fmt(c.fatalities)} killed; mostly ${c.event_type}`;
  m.bindTooltip(document.createTextNode(tip));
  m.on("click", () => {
    map.fitBounds([[c.south, c.west], [c.north, c.east]], { maxZoom: map.getZoom() + 3 });
  });
  return m;
}

async function loadMap() {
  if (!map) return;
  const id = ++mapRequest;
  const zoom = map.getZoom();
  const extra = { zoom };
  if (zoom >= 4) {
    const b = map.getBounds();
    extra.bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((x) => x.toFixed(4)).join(",");
  }
  const status = document.getElementById("map-status");
  let data;
  try {
    data = await api("/api/map", params(extra));
  } catch (err) {
    showError(err);
    return;
  }
  if (id !== mapRequest) return;  // a newer view was asked for meanwhile
  if (markerLayer) map.removeLayer(markerLayer);
  if (data.mode === "points") {
    markerLayer = L.markerClusterGroup({ chunkedLoading: true, maxClusterRadius: 40 });
    markerLayer.addLayers(data.points.map(pointMarker));
    status.dataset.ids = data.points.map((p) => p.event_id).sort().join(" ");
  } else {
    markerLayer = L.layerGroup(data.clusters.map(clusterMarker));
    status.dataset.ids = "";
  }
  markerLayer.addTo(map);
  status.dataset.total = data.total;
  status.dataset.mode = data.mode;
  status.textContent = `${fmt(data.total)} events on the map (${fmt(data.fatalities)} killed)`
    + (data.mode === "clusters" ? " — grouped; zoom in for single events" : "");
}

// ---- timeline ----------------------------------------------------------------------------

function intervalFor() {
  if (!meta.date_min || !meta.date_max) return "month";
  const days = (Date.parse(meta.date_max) - Date.parse(meta.date_min)) / 86400000;
  return days > 3 * 365 ? "month" : days > 120 ? "week" : "day";
}

async function loadTimeline() {
  const box = document.getElementById("timeline");
  if (!window.uPlot) return;
  const p = params();
  p.delete("since");
  p.delete("until");
  p.set("interval", intervalFor());
  const data = await api("/api/counts/time", p);
  const xs = data.buckets.map((b) => Date.parse(b.period) / 1000);
  const ys = data.buckets.map((b) => b.events);
  if (timeline) timeline.destroy();
  clear(box);
  const width = Math.max(300, box.clientWidth || 500);
  timeline = new uPlot({
    width, height: 150,
    cursor: { drag: { x: true, y: false, setScale: false } },
    legend: { show: false },
    scales: { x: { time: true } },
    axes: [{}, { size: 45 }],
    series: [{}, { label: "events", stroke: "#b33", fill: "rgba(200,50,50,0.25)", paths: uPlot.paths.stepped({ align: 1 }) }],
    hooks: {
      setSelect: [(u) => {
        if (u.select.width < 3) return;
        const lo = u.posToVal(u.select.left, "x");
        const hi = u.posToVal(u.select.left + u.select.width, "x");
        const day = (t) => new Date(t * 1000).toISOString().slice(0, 10);
        applyFilters({ ...state.filters, since: day(lo), until: day(hi) });
        fillForm();
      }],
    },
  }, [xs, ys], box);
  box.dataset.buckets = xs.length;
}

// ---- table -------------------------------------------------------------------------------

async function loadTable() {
  const data = await api("/api/events", params({
    sort: state.sort, order: state.order, limit: PAGE_SIZE, offset: state.offset,
  }));
  const body = document.querySelector("#events tbody");
  clear(body);
  for (const e of data.items) {
    const row = el("tr", { dataset: { id: e.event_id }, tabindex: "0" },
      el("td", {}, e.event_date || "?"),
      el("td", {}, el("span", { class: "dot", dataset: { type: e.event_type } }), e.sub_event_type),
      el("td", {}, e.actor1 || ""),
      el("td", {}, e.actor2 || ""),
      el("td", {}, e.location || ""),
      el("td", {}, e.country || ""),
      el("td", { class: "num" }, e.fatalities === null ? "" : e.fatalities),
      el("td", { class: "num" }, e.n_sources),
    );
    row.querySelector(".dot").style.background = TYPE_COLOURS[e.event_type] || "#555";
    const open = () => { location.hash = `#/event/${encodeURIComponent(e.event_id)}`; };
    row.addEventListener("click", open);
    row.addEventListener("keydown", (ev) => { if (ev.key === "Enter") open(); });
    body.append(row);
  }
  const status = document.getElementById("table-status");
  status.dataset.total = data.total;
  const last = Math.min(data.total, data.offset + data.items.length);
  status.textContent = data.total
    ? `${fmt(data.offset + 1)}–${fmt(last)} of ${fmt(data.total)}`
    : "no events match";
  document.getElementById("prev").disabled = data.offset === 0;
  document.getElementById("next").disabled = last >= data.total;
  for (const th of document.querySelectorAll("#events th")) {
    th.classList.toggle("sorted", th.dataset.sort === state.sort);
    th.dataset.order = th.dataset.sort === state.sort ? state.order : "";
  }
  const dl = (id, path, extra) => {
    document.getElementById(id).href = `${path}?${params({ sort: state.sort, order: state.order, ...extra })}`;
  };
  dl("dl-csv", "/api/events.csv");
  dl("dl-acled", "/api/events.csv", { flavour: "acled" });
  dl("dl-geojson", "/api/events.geojson");
}

function setupTable() {
  for (const th of document.querySelectorAll("#events th")) {
    th.addEventListener("click", () => {
      const key = th.dataset.sort;
      state.order = state.sort === key && state.order === "desc" ? "asc" : "desc";
      state.sort = key;
      state.offset = 0;
      loadTable().catch(showError);
    });
  }
  document.getElementById("prev").addEventListener("click", () => {
    state.offset = Math.max(0, state.offset - PAGE_SIZE);
    loadTable().catch(showError);
  });
  document.getElementById("next").addEventListener("click", () => {
    state.offset += PAGE_SIZE;
    loadTable().catch(showError);
  });
}

async function loadStories() {
  const data = await api("/api/stories", "limit=20");
  const panel = document.getElementById("stories-panel");
  const list = document.getElementById("stories");
  clear(list);
  panel.hidden = data.items.length === 0;
  for (const s of data.items) {
    const link = el("a", { href: "#", onclick: (e) => {
      e.preventDefault();
      applyFilters({ status: "all", story: s.story_id });
      fillForm();
    } }, s.title || s.story_id);
    list.append(el("li", {}, link, ` (${s.start_date || "?"} – ${s.end_date || "?"}, ${s.n_events} events)`));
  }
}

async function refresh() {
  state.loaded = true;
  document.getElementById("banner").hidden = true;
  const filtered = FILTER_NAMES.filter((n) => n !== "status" && state.filters[n]).length;
  document.getElementById("summary").textContent =
    `${fmt(meta.counts.events_new)} events from ${fmt(meta.counts.articles)} articles`
    + (meta.date_min ? `, ${meta.date_min} to ${meta.date_max}` : "")
    + (filtered ? ` · ${filtered} filter(s) on` : "");
  await Promise.all([loadTable(), loadMap(), loadTimeline(), loadStories()]).catch(showError);
}

// ---- event page --------------------------------------------------------------------------

function fact(dl, name, value) {
  if (value === null || value === undefined || value === "") return;
  dl.append(el("dt", {}, name), el("dd", {}, String(value)));
}

function renderEvidence(source) {
  // Text before the sentence, the sentence with its role spans, text after: all text nodes.
  const text = source.text;
  const s = source.sentence;
  const body = el("div", { class: "article-text" });
  if (source.offset > 0) body.append("… ");
  body.append(text.slice(0, s.start));
  const mark = el("mark", { class: "sentence" });
  let at = s.start;
  for (const h of source.highlights) {
    if (h.start < at) continue;
    mark.append(text.slice(at, h.start));
    const role = h.role in ROLE_LABELS ? h.role : "other";
    mark.append(el("span", { class: `role role-${role}`, title: ROLE_LABELS[h.role] || h.role, dataset: { role: h.role } },
      text.slice(h.start, h.end)));
    at = h.end;
  }
  mark.append(text.slice(at, s.end));
  body.append(mark, text.slice(s.end));
  if (source.truncated) body.append(" …");
  const url = safeUrl(source.url);
  const title = source.title || source.article_id;
  const head = el("p", { class: "source-head" },
    url ? el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, title) : title,
    ` — ${source.outlet || "unknown outlet"}, ${source.published || "undated"}`);
  const card = el("article", { class: "source" }, head, body);
  return { card, mark };
}

async function showEvent(eventId) {
  const panel = document.getElementById("event");
  panel.hidden = false;
  document.getElementById("back").href = state.lastMain || "#/";
  const title = document.getElementById("event-title");
  const facts = document.getElementById("event-facts");
  const flags = document.getElementById("event-flags");
  const evidence = document.getElementById("evidence");
  for (const n of [facts, flags, evidence]) clear(n);
  title.textContent = "Loading…";
  let ev, ed;
  try {
    [ev, ed] = await Promise.all([
      api(`/api/events/${encodeURIComponent(eventId)}`),
      api(`/api/events/${encodeURIComponent(eventId)}/evidence`),
    ]);
  } catch (err) {
    title.textContent = String(err.message || err);
    return;
  }
  title.textContent = `${ev.sub_event_type} — ${[ev.location, ev.country].filter(Boolean).join(", ") || "unknown place"}, ${ev.event_date || "undated"}`;
  document.getElementById("event-notes").textContent = ev.notes || "";
  fact(facts, "Event type", `${ev.event_type} / ${ev.sub_event_type}`);
  fact(facts, "Date", ev.event_date_end ? `${ev.event_date} to ${ev.event_date_end}` : ev.event_date);
  fact(facts, "Date precision", ev.date_precision);
  fact(facts, "Actor 1", ev.actor1 && `${ev.actor1} (${ev.actor1_kind || "?"})`);
  fact(facts, "Actor 2", ev.actor2 && `${ev.actor2} (${ev.actor2_kind || "?"})`);
  fact(facts, "Place", [ev.location, ev.admin1, ev.country].filter(Boolean).join(", "));
  fact(facts, "Coordinates", ev.latitude !== null ? `${ev.latitude}, ${ev.longitude} (precision ${ev.geo_precision})` : null);
  fact(facts, "Fatalities", ev.fatalities);
  fact(facts, "Injured", ev.injured);
  fact(facts, "Status / modality", `${ev.status} / ${ev.modality}`);
  fact(facts, "Independent sources", ev.n_sources);
  fact(facts, "Claimed by", (ev.claimed_by || []).join("; "));
  fact(facts, "Confidence", ev.confidence);
  fact(facts, "Event id", ev.event_id);
  if (ev.redirected_from) flags.append(el("p", { class: "flag" }, `${ev.redirected_from} was merged into this event.`));
  for (const c of ev.conflicts || []) flags.append(el("p", { class: "flag conflict" }, `Sources disagree: ${c}`));
  for (const s of ev.stories || []) {
    flags.append(el("p", { class: "flag" }, "Part of the story ",
      el("a", { href: `#/?status=all&story=${encodeURIComponent(s.story_id)}` }, s.title || s.story_id)));
  }
  const legend = document.getElementById("roles-legend");
  clear(legend);
  for (const [role, label] of Object.entries(ROLE_LABELS)) {
    legend.append(el("span", { class: `role role-${role}` }, label));
  }
  let first = null;
  for (const source of ed.sources) {
    const { card, mark } = renderEvidence(source);
    evidence.append(card);
    first = first || mark;
  }
  if (first) first.scrollIntoView({ block: "center" });
  panel.scrollTop = 0;
}

// ---- start -------------------------------------------------------------------------------

async function start() {
  try {
    meta = await api("/api/meta");
  } catch (err) {
    document.getElementById("summary").textContent = "";
    showError(err);
    return;
  }
  if (meta.vendor_missing.length) {
    showError(`Missing front-end packages (${meta.vendor_missing.join(", ")}): run \`make setup\`.`);
  }
  setupForm();
  setupMap();
  setupTable();
  window.addEventListener("hashchange", () => route().catch(showError));
  await route();
  document.body.dataset.ready = "1";
}

start();
