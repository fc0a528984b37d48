/*
 * app.js -- the newsgraph web page: search with date and tag filters,
 * results with marked snippets, attention over time, articles with what
 * the analysis found in them highlighted. Plain JavaScript over the JSON
 * API (docs/api.md); no framework, no build step, no data but the API's.
 *
 * Views are chosen by the URL fragment, so the back button and links work:
 *   #/                                  the store at a glance
 *   #/search?q=..&since=..&until=..&tag=..&offset=..
 *   #/article?id=..&q=..                one article (q marks its words)
 *   #/entity?id=..                      an entity (needs the entity tagger)
 *
 * Panels whose data the store does not have yet stay hidden: the article
 * view draws entities, times, amounts and quotes only when the article
 * JSON holds them, and the query's top entities only when /api lists an
 * entities endpoint. Text from the API is only ever set as text, never as
 * HTML. Offsets from the API are UTF-8 byte offsets (textIndex maps them).
 */
'use strict';

const PAGE_SIZE = 10;
const state = { endpoints: new Set(), view: null };

/* ---- small helpers ---------------------------------------------------- */

const $ = (id) => document.getElementById(id);

/* Makes an element: el('a', {href: '#/'}, 'text', child, ...); 'svg:rect'
 * makes an SVG element. */
function el(tag, attrs, ...children) {
  const node = tag.startsWith('svg:')
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
    : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') node.setAttribute('class', v);
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/* '#/search?q=a' -> {route: 'search', params: URLSearchParams} */
function parseHash() {
  const h = location.hash.replace(/^#\/?/, '');
  const i = h.indexOf('?');
  return {
    route: (i < 0 ? h : h.slice(0, i)) || 'home',
    params: new URLSearchParams(i < 0 ? '' : h.slice(i + 1)),
  };
}

function link(route, params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v) p.set(k, v);
  const s = p.toString();
  return '#/' + route + (s ? '?' + s : '');
}

async function api(path, params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {}))
    if (v !== null && v !== undefined && v !== '') p.set(k, v);
  const url = '/api/' + path + (p.toString() ? '?' + p : '');
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  let body = null;
  try { body = await res.json(); } catch (e) { body = null; }
  if (!res.ok) {
    const msg = body && body.error ? body.error.message : res.statusText;
    const err = new Error(msg);
    err.status = res.status;
    throw err;
  }
  return body;
}

function showError(message) {
  const e = $('error');
  e.textContent = message || '';
  e.hidden = !message;
}

function show(view) {
  for (const v of document.querySelectorAll('.view')) v.hidden = v.id !== 'view-' + view;
  state.view = view;
}

function fmt(n) {
  return Number(n).toLocaleString('en-US');
}

/* A title for an article: its title, else its tags (the native format's
 * headline words), else its id. */
function titleOf(a) {
  if (a.title) return a.title;
  if (a.tags && a.tags.length) return a.tags.join(' ');
  return a.id;
}

/* ---- UTF-8 byte offsets -> string indexes --------------------------------- */

/* Returns f(byteOffset) -> index into the JavaScript string s. */
function textIndex(s) {
  const map = [];
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i);
    const n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    for (let k = 0; k < n; k++) map[bytes + k] = i;
    bytes += n;
    if (c >= 0x10000) i++;
  }
  map[bytes] = s.length;
  return (b) => (b >= bytes ? s.length : b <= 0 ? 0 : map[b]);
}

/*
 * Renders s[from, to) with spans marked: spans are {start, end, cls,
 * title} in string indexes, may overlap or nest (a quote holding a name);
 * each piece of text is wrapped in one element per span covering it.
 */
function markedText(s, spans, from, to) {
  const frag = document.createDocumentFragment();
  const inside = spans.filter((m) => m.end > from && m.start < to && m.end > m.start);
  const cuts = new Set([from, to]);
  for (const m of inside) {
    cuts.add(Math.max(from, m.start));
    cuts.add(Math.min(to, m.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    let node = document.createTextNode(s.slice(a, b));
    for (const m of inside) {
      if (m.start <= a && m.end >= b) {
        node = el(m.tag || 'mark', { class: m.cls, title: m.title }, node);
      }
    }
    frag.append(node);
  }
  return frag;
}

/* ---- the home view ----------------------------------------------------------- */

async function viewHome() {
  show('home');
  document.title = 'newsgraph';
  const [stats, tags] = await Promise.all([api('stats'), api('tags', { limit: 40 })]);
  const range = stats.first_date ? `, dated ${stats.first_date} to ${stats.last_date}` : '';
  $('home-stats').textContent =
    `${fmt(stats.articles)} articles, ${fmt(stats.sentences)} sentences, ` +
    `${fmt(stats.tokens)} tokens${range}.`;
  const list = clear($('home-tags'));
  for (const t of tags.tags)
    list.append(el('li', {}, el('a', { class: 'chip', href: link('search', { q: `tags:"${t.tag}"` }) },
      t.tag, el('span', { class: 'count' }, ` ${t.articles}`))));
}

/* ---- the search view ---------------------------------------------------------- */

function searchParams(p) {
  return {
    q: p.get('q') || '',
    since: p.get('since') || '',
    until: p.get('until') || '',
    tag: p.get('tag') || '',
    offset: Math.max(0, parseInt(p.get('offset') || '0', 10) || 0),
  };
}

function fillForm(f) {
  $('q').value = f.q || '';
  $('since').value = f.since || '';
  $('until').value = f.until || '';
  $('tag').value = f.tag || '';
}

function renderHit(h, q, filters) {
  const snippet = el('p', { class: 'snippet' });
  const at = textIndex(h.snippet);
  snippet.append(markedText(h.snippet,
    h.marks.map(([s, e]) => ({ start: at(s), end: at(e), cls: 'hit' })), 0, h.snippet.length));
  const tags = el('ul', { class: 'chips small', 'aria-label': 'tags (a tag filters the search)' },
    h.tags.map((t) => el('li', {}, el('a', { class: 'chip', href: link('search', { ...filters, tag: t }) }, t))));
  return el('li', { class: 'result' },
    el('h2', {}, el('a', { class: 'result-link', href: link('article', { id: h.id, q }) }, titleOf(h))),
    el('p', { class: 'meta' }, el('time', { datetime: h.date || '' }, h.date || 'undated')),
    tags, snippet);
}

function renderPager(f, total) {
  const nav = clear($('pager'));
  const page = (offset, label, rel) =>
    el('a', { href: link('search', { ...f, offset: offset || '' }), rel }, label);
  if (f.offset > 0) nav.append(page(Math.max(0, f.offset - PAGE_SIZE), '← Previous', 'prev'));
  const last = Math.min(total, f.offset + PAGE_SIZE);
  if (total > 0) nav.append(el('span', {}, ` ${fmt(f.offset + 1)}–${fmt(last)} of ${fmt(total)} `));
  if (last < total && f.offset + PAGE_SIZE <= 10000)
    nav.append(page(f.offset + PAGE_SIZE, 'Next →', 'next'));
}

function describeFilters(f) {
  const p = clear($('filters'));
  const parts = [];
  if (f.since) parts.push(`from ${f.since}`);
  if (f.until) parts.push(`to ${f.until}`);
  if (f.tag) parts.push(`tag ${f.tag}`);
  if (!parts.length) return;
  p.append('Only articles ' + parts.join(', ') + '. ',
    el('a', { href: link('search', { q: f.q }) }, 'Clear the filters'));
}

async function viewSearch(params) {
  const f = searchParams(params);
  show('search');
  fillForm(f);
  document.title = `${f.q} - newsgraph`;
  describeFilters(f);
  const list = clear($('results'));
  $('result-count').textContent = 'Searching…';
  clear($('pager'));
  const filters = { q: f.q, since: f.since, until: f.until, tag: f.tag };
  const chart = drawAttention(filters);
  const entities = drawTopEntities(filters);
  const r = await api('search', { ...filters, offset: f.offset || '', limit: PAGE_SIZE });
  $('result-count').textContent = r.total === 1 ? '1 matching article' : `${fmt(r.total)} matching articles`;
  for (const h of r.results) list.append(renderHit(h, f.q, filters));
  renderPager(f, r.total);
  await Promise.all([chart, entities]);
}

/* Picks a period that gives a readable number of bars. */
async function timelineFor(filters) {
  let t = await api('timeline', { ...filters, by: 'month' });
  if (t.points.length <= 2) t = await api('timeline', { ...filters, by: 'day' });
  else if (t.points.length <= 12) t = await api('timeline', { ...filters, by: 'week' });
  return t;
}

/* Bars of matching articles per period; a bar is a link that narrows the
 * search to its period. */
async function drawAttention(filters) {
  const box = clear($('chart'));
  const caption = $('chart-caption');
  caption.textContent = '';
  let t;
  try { t = await timelineFor(filters); } catch (e) { return; }
  if (!t.points.length) {
    caption.textContent = 'No dated article matches.';
    return;
  }
  const W = 320, H = 140, pad = 18;
  const max = Math.max(...t.points.map((p) => p.articles), 1);
  const bw = (W - 2) / t.points.length;
  const svg = el('svg:svg', { viewBox: `0 0 ${W} ${H + pad}`, role: 'group', class: 'chart-svg',
    'aria-label': `Matching articles per ${t.by}, ${t.points[0].period} to ${t.points[t.points.length - 1].period}, at most ${max} in one ${t.by}` });
  svg.append(el('svg:line', { x1: 0, y1: H, x2: W, y2: H, class: 'axis' }));
  t.points.forEach((p, i) => {
    if (!p.articles) return;
    const h = Math.max(2, (p.articles / max) * (H - 4));
    const a = el('svg:a', { href: link('search', { ...filters, since: p.start, until: periodEnd(p.start, t.by) }) },
      el('svg:rect', { x: 1 + i * bw, y: H - h, width: Math.max(2, bw - 1), height: h, class: 'bar' },
        el('svg:title', {}, `${p.period}: ${p.articles} article${p.articles === 1 ? '' : 's'}`)));
    svg.append(a);
  });
  svg.append(el('svg:text', { x: 0, y: H + 14, class: 'tick' }, t.points[0].period));
  svg.append(el('svg:text', { x: W, y: H + 14, class: 'tick end' }, t.points[t.points.length - 1].period));
  svg.append(el('svg:text', { x: 2, y: 10, class: 'tick' }, `${max}`));
  box.append(svg);
  caption.textContent = `${fmt(t.total)} dated articles per ${t.by}` +
    (t.undated ? `, ${fmt(t.undated)} undated` : '') + '. A bar narrows the search to its dates.';
}

/* The last day of the period starting on `start` (YYYY-MM-DD). */
function periodEnd(start, by) {
  const d = new Date(start + 'T00:00:00Z');
  if (by === 'week') d.setUTCDate(d.getUTCDate() + 6);
  else if (by === 'month') { d.setUTCMonth(d.getUTCMonth() + 1); d.setUTCDate(0); }
  return d.toISOString().slice(0, 10);
}

/* The query's top entities, once the store has entities (the API then
 * lists /api/entities); a click adds one to the query. */
async function drawTopEntities(filters) {
  const panel = $('entities-panel');
  panel.hidden = true;
  if (!state.endpoints.has('/api/entities')) return;
  let r;
  try { r = await api('entities', { q: filters.q, since: filters.since, until: filters.until, tag: filters.tag, limit: 15 }); } catch (e) { return; }
  const list = clear($('entities'));
  for (const e of r.entities || []) {
    const q = `${filters.q} "${e.name}"`;
    list.append(el('li', {}, el('a', { class: `chip ent-${e.type || 'MISC'}`, href: link('search', { ...filters, q }) },
      e.name, el('span', { class: 'count' }, ` ${e.articles}`))));
  }
  panel.hidden = list.children.length === 0;
}

/* ---- the article view ----------------------------------------------------------- */

/* Words of a query, for marking them in the article: no operators,
 * fields or quotes; a prefix (withdraw*) keeps its star. */
function queryWords(q) {
  return (q || '').replace(/\b(title|tags|text):/g, ' ')
    .split(/[\s"()]+/)
    .filter((w) => w.replace(/\*/g, '') && !['AND', 'OR', 'NOT'].includes(w))
    .map((w) => w.normalize('NFC'));
}

function wordSpans(text, words) {
  const spans = [];
  if (!words.length) return spans;
  const esc = words.map((w) => {
    const prefix = w.endsWith('*');
    const word = w.replace(/\*+/g, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return prefix ? `${word}[\\p{L}\\p{N}]*` : word;
  });
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(${esc.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  for (const m of text.matchAll(re))
    spans.push({ start: m.index, end: m.index + m[0].length, cls: 'hit', title: 'matches the search' });
  return spans;
}

/* What the analysis found (design.md section 3), as marked spans; each
 * kind only when the article has it. */
function analysisSpans(a, at) {
  const spans = [];
  const names = new Map();
  for (const e of a.entities || []) {
    names.set(e.id, e.name);
    for (const m of e.mentions || [])
      spans.push({ start: at(m.start), end: at(m.end), cls: `ent ent-${e.type}`, title: `${e.type}: ${e.name}` });
  }
  for (const t of a.times || [])
    spans.push({ start: at(t.start), end: at(t.end), cls: 'time', title: `${t.type || 'time'}: ${t.value}` });
  for (const m of a.amounts || [])
    spans.push({ start: at(m.start), end: at(m.end), cls: 'amount',
      title: `${m.approx ? '~' : ''}${m.value}${m.unit ? ' ' + m.unit : ''}` });
  for (const q of a.quotes || []) {
    const who = q.speaker !== null && q.speaker !== undefined ? names.get(q.speaker) : null;
    spans.push({ start: at(q.start), end: at(q.end), cls: 'quote', tag: 'q',
      title: `quote${who ? ' by ' + who : ''}${q.verb ? ' (' + q.verb + ')' : ''}` });
  }
  return spans;
}

/* The side panels: one list per kind the article has. */
function articleSide(a, at) {
  const side = clear($('article-side'));
  const panel = (title, items) => items.length &&
    side.append(el('section', { class: 'panel' }, el('h2', {}, title), el('ul', { class: 'plain' }, items)));
  if (a.entities) {
    panel('Entities', a.entities.map((e) => el('li', {},
      state.endpoints.has('/api/entity')
        ? el('a', { class: `chip ent-${e.type}`, href: link('entity', { id: e.name }) }, e.name)
        : el('span', { class: `chip ent-${e.type}` }, e.name),
      el('span', { class: 'count' }, ` ${e.type}, ${(e.mentions || []).length}×`))));
  }
  if (a.times) panel('Times', a.times.map((t) => el('li', {}, el('span', { class: 'time' }, t.text || ''), ` → ${t.value}`)));
  if (a.amounts) panel('Amounts', a.amounts.map((m) => el('li', {},
    `${m.approx ? '~' : ''}${fmt(m.value)}${m.unit ? ' ' + m.unit : ''}`)));
  if (a.quotes) panel('Quotes', a.quotes.map((q) => el('li', {},
    el('q', {}, a.text.slice(at(q.start), at(q.end))),
    q.verb ? ` (${q.verb})` : '')));
}

/* Says what the colours mean, when the text has any marks. */
function legend(a, hasHits) {
  const kinds = [['hit', 'search words', hasHits], ['ent', 'entities', a.entities],
    ['time', 'times', a.times], ['amount', 'amounts', a.amounts], ['quote', 'quotes', a.quotes]];
  const shown = kinds.filter((k) => k[2]);
  const p = clear($('legend'));
  p.append('Marked: ');
  shown.forEach(([cls, label], i) => p.append(i ? ', ' : '', el('mark', { class: cls }, label)));
  p.hidden = shown.length === 0;
}

async function viewArticle(params) {
  const id = params.get('id');
  const q = params.get('q') || '';
  show('article');
  $('back').href = q ? link('search', { q }) : '#/';
  for (const part of ['article-text', 'article-title', 'article-meta', 'article-tags', 'article-side'])
    clear($(part));
  $('legend').hidden = true;
  const a = await api('article', { id });
  document.title = `${titleOf(a)} - newsgraph`;
  $('article-title').textContent = titleOf(a);
  const meta = clear($('article-meta'));
  meta.append(el('time', { datetime: a.date || '' }, a.date || 'undated'));
  if (a.source) meta.append(' · ', a.source);
  if (a.url && /^https?:\/\//i.test(a.url))
    meta.append(' · ', el('a', { href: a.url, rel: 'noopener noreferrer' }, 'original'));
  meta.append(' · ', el('span', { class: 'id' }, a.id));
  const tags = clear($('article-tags'));
  for (const t of a.tags)
    tags.append(el('li', {}, el('a', { class: 'chip', href: link('search', { q: `tags:"${t}"` }) }, t)));
  const at = textIndex(a.text);
  const hits = wordSpans(a.text, queryWords(q));
  const spans = [...analysisSpans(a, at), ...hits];
  const body = $('article-text');
  const paragraphs = a.text.split(/\n\s*\n/);
  let pos = 0;
  for (const para of paragraphs) {
    const start = a.text.indexOf(para, pos);
    pos = start + para.length;
    if (para.trim()) body.append(el('p', {}, markedText(a.text, spans, start, pos)));
  }
  legend(a, hits.length > 0);
  articleSide(a, at);
  $('article-title').focus();
}

/* ---- the entity view ------------------------------------------------------------ */

async function viewEntity(params) {
  show('entity');
  $('entity-title').textContent = params.get('id') || 'Entity';
  $('entity-body').textContent = state.endpoints.has('/api/entity')
    ? '' : 'This store has no entities yet: entity pages come with the entity tagger.';
}

/* ---- routing and keys ---------------------------------------------------------------- */

async function route() {
  const { route: r, params } = parseHash();
  showError('');
  try {
    if (r === 'search' && params.get('q')) await viewSearch(params);
    else if (r === 'article' && params.get('id')) await viewArticle(params);
    else if (r === 'entity') await viewEntity(params);
    else await viewHome();
  } catch (e) {
    showError(e.status === 404 ? `Not found: ${e.message}` : e.message);
    if (r === 'search') $('result-count').textContent = '';
  }
}

function onSubmit(ev) {
  ev.preventDefault();
  const q = $('q').value.trim();
  if (!q) { $('q').focus(); return; }
  location.hash = link('search', { q, since: $('since').value, until: $('until').value, tag: $('tag').value.trim() });
}

/* Moves the focus to the next (+1) or previous (-1) result link. */
function moveFocus(step) {
  const links = [...document.querySelectorAll('#results .result-link')];
  if (!links.length) return;
  const i = links.indexOf(document.activeElement);
  const next = links[Math.max(0, Math.min(links.length - 1, i < 0 ? 0 : i + step))];
  next.focus();
}

function onKey(ev) {
  const typing = ['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement.tagName);
  if (ev.key === 'ArrowDown' && document.activeElement.id === 'q' && state.view === 'search') {
    ev.preventDefault();
    moveFocus(1);
    return;
  }
  if (ev.key === 'Escape') {
    if (typing) document.activeElement.blur();
    else if (state.view === 'article' || state.view === 'entity') history.back();
    return;
  }
  if (typing || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  if (ev.key === '/') { ev.preventDefault(); $('q').focus(); $('q').select(); }
  else if (ev.key === 'j' && state.view === 'search') { ev.preventDefault(); moveFocus(1); }
  else if (ev.key === 'k' && state.view === 'search') { ev.preventDefault(); moveFocus(-1); }
}

async function start() {
  $('search-form').addEventListener('submit', onSubmit);
  document.addEventListener('keydown', onKey);
  window.addEventListener('hashchange', route);
  $('article-title').setAttribute('tabindex', '-1');
  try {
    const index = await api('');
    state.endpoints = new Set(index.endpoints);
    const tags = await api('tags', { limit: 200 });
    const list = $('tag-list');
    for (const t of tags.tags) list.append(el('option', { value: t.tag }));
  } catch (e) {
    showError(`The API does not answer: ${e.message}`);
  }
  await route();
  document.body.dataset.ready = 'true';
}

start();
