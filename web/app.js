/*
 * app.js -- the newsgraph web page: search with date and tag filters,
 * results with marked snippets, attention over time, articles with what
 * the analysis found in them highlighted. Plain JavaScript over the JSON
 * API (docs/api.md); no framework, no build step, no data but the API's.
 *
 * Views are chosen by the URL fragment, so the back button and links work:
 *   #/                                  the store at a glance
 *   #/search?q=..&since=..&until=..&tag=..&entity=..&type=..&offset=..
 *   #/article?id=..&q=..                one article (q marks its words)
 *   #/article?id=..&quote=START         ... showing the quote at START
 *   #/entity?name=..&type=..&offset=..&qoffset=..
 *                                       an entity: its aliases, mentions
 *                                       over time, the entities it appears
 *                                       with, what it said, its articles
 *   #/graph?since=..&until=..&type=..&max_nodes=..&min_weight=..
 *                                       the network of the most mentioned
 *                                       entities
 *
 * Panels whose data the store does not have stay hidden: the article
 * view draws entities, times, amounts, quotes and keywords only when the
 * article JSON holds them (and lists no kind it has none of), and the
 * entity, quote and network panels only when /api lists their endpoints. Text from the API is only ever set as text, never as HTML.
 * Offsets from the API are UTF-8 byte offsets (textIndex maps them).
 */
'use strict';

const PAGE_SIZE = 10;
/* seq counts the views drawn: an answer that arrives after the user went
 * on to another view (stale) is dropped instead of drawn over it. */
const state = { endpoints: new Set(), view: null, seq: 0 };

class Stale extends Error {}

/* The answer (or the error) of promise, or Stale when the view that asked
 * for it is no longer the current one; route() drops Stale quietly. */
async function fresh(seq, promise) {
  let value, error = null;
  try { value = await promise; } catch (e) { error = e; }
  if (seq !== state.seq) throw new Stale('stale');
  if (error) throw error;
  return value;
}

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
        node = el(m.tag || 'mark', { class: m.cls, title: m.title, ...(m.attrs || {}) }, node);
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
  const seq = state.seq;
  const [stats, tags] = await fresh(seq, Promise.all([api('stats'), api('tags', { limit: 40 })]));
  const range = stats.first_date ? `, dated ${stats.first_date} to ${stats.last_date}` : '';
  $('home-stats').textContent =
    `${fmt(stats.articles)} articles, ${fmt(stats.sentences)} sentences, ` +
    `${fmt(stats.tokens)} tokens${range}.`;
  const list = clear($('home-tags'));
  for (const t of tags.tags)
    list.append(el('li', {}, el('a', { class: 'chip', href: link('search', { q: `tags:"${t.tag}"` }) },
      t.tag, el('span', { class: 'count' }, ` ${t.articles}`))));
  const box = $('home-entities-box');
  box.hidden = true;
  if (!state.endpoints.has('/api/entities')) return;
  const top = await fresh(seq, api('entities', { limit: 30 }));
  const ents = clear($('home-entities'));
  for (const e of top.entities)
    ents.append(el('li', {}, entityChip(e, entityLink(e), `${e.mentions} mentions in ${e.articles} articles`),
      el('span', { class: 'count' }, ` ${fmt(e.mentions)}`)));
  box.hidden = top.entities.length === 0;
}

/* ---- entities: links and chips ------------------------------------------------ */

function entityLink(e) {
  return state.endpoints.has('/api/entity') ? link('entity', { name: e.name, type: e.type }) : null;
}

/* A chip in the entity's colour: a link when href is given. */
function entityChip(e, href, title) {
  const attrs = { class: `chip ent-${e.type || 'MISC'}`, title: title || `${e.type}` };
  return href ? el('a', { ...attrs, href }, e.name) : el('span', attrs, e.name);
}

/* ---- the search view ---------------------------------------------------------- */

function searchParams(p) {
  return {
    q: p.get('q') || '',
    since: p.get('since') || '',
    until: p.get('until') || '',
    tag: p.get('tag') || '',
    entity: p.get('entity') || '',
    type: p.get('entity') ? p.get('type') || '' : '',
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
  if (f.entity) parts.push(`mentioning ${f.entity}${f.type ? ` (${f.type})` : ''}`);
  if (!parts.length) return;
  p.append('Only articles ' + parts.join(', ') + '. ');
  if (f.entity) {
    const about = entityLink({ name: f.entity, type: f.type });
    if (about) p.append(el('a', { href: about }, `About ${f.entity}`), ' · ');
    p.append(el('a', { href: link('search', { ...f, entity: '', type: '', offset: '' }) }, 'Any entity'), ' · ');
  }
  p.append(el('a', { href: link('search', { q: f.q }) }, 'Clear the filters'));
}

async function viewSearch(params) {
  const seq = state.seq;
  const f = searchParams(params);
  show('search');
  fillForm(f);
  document.title = `${f.q} - newsgraph`;
  describeFilters(f);
  const list = clear($('results'));
  $('result-count').textContent = 'Searching…';
  clear($('pager'));
  const filters = { q: f.q, since: f.since, until: f.until, tag: f.tag, entity: f.entity, type: f.type };
  const chart = drawAttention(filters);
  const entities = drawTopEntities(filters);
  const r = await fresh(seq, api('search', { ...filters, offset: f.offset || '', limit: PAGE_SIZE }));
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
  const seq = state.seq;
  try { t = await fresh(seq, timelineFor(filters)); } catch (e) { return; }
  if (!t.points.length) {
    caption.textContent = 'No dated article matches.';
    return;
  }
  box.append(barChart(t.points, t.by, (p) => p.articles, 'article',
    (p) => link('search', { ...filters, since: p.start, until: periodEnd(p.start, t.by) }),
    'Matching articles'));
  caption.textContent = `${fmt(t.total)} dated articles per ${t.by}` +
    (t.undated ? `, ${fmt(t.undated)} undated` : '') + '. A bar narrows the search to its dates.';
}

/* An SVG bar chart of points ({period, start, ...}) per `by`: value(p)
 * is a bar's height, href(p) where it leads. */
function barChart(points, by, value, unit, href, what) {
  const W = 320, H = 140, pad = 18;
  const max = Math.max(...points.map(value), 1);
  const bw = Math.min(40, (W - 2) / points.length);
  const first = points[0].period, last = points[points.length - 1].period;
  const svg = el('svg:svg', { viewBox: `0 0 ${W} ${H + pad}`, role: 'group', class: 'chart-svg',
    'aria-label': `${what} per ${by}, ${first} to ${last}, at most ${max} in one ${by}` });
  svg.append(el('svg:line', { x1: 0, y1: H, x2: W, y2: H, class: 'axis' }));
  points.forEach((p, i) => {
    const v = value(p);
    if (!v) return;
    const h = Math.max(2, (v / max) * (H - 4));
    svg.append(el('svg:a', { href: href(p) },
      el('svg:rect', { x: 1 + i * bw, y: H - h, width: Math.max(2, bw - 1), height: h, class: 'bar' },
        el('svg:title', {}, `${p.period}: ${v} ${unit}${v === 1 ? '' : 's'}`))));
  });
  svg.append(el('svg:text', { x: 0, y: H + 14, class: 'tick' }, first));
  if (points.length > 1)
    svg.append(el('svg:text', { x: Math.min(W, 1 + points.length * bw), y: H + 14, class: 'tick end' }, last));
  svg.append(el('svg:text', { x: 2, y: 10, class: 'tick' }, `${max}`));
  return svg;
}

/* The last day of the period starting on `start` (YYYY-MM-DD). */
function periodEnd(start, by) {
  const d = new Date(start + 'T00:00:00Z');
  if (by === 'week') d.setUTCDate(d.getUTCDate() + 6);
  else if (by === 'month') { d.setUTCMonth(d.getUTCMonth() + 1); d.setUTCDate(0); }
  return d.toISOString().slice(0, 10);
}

/* The query's top entities (when the API lists /api/entities); a click
 * adds one as the entity filter of the search. */
async function drawTopEntities(filters) {
  const panel = $('entities-panel');
  panel.hidden = true;
  if (!state.endpoints.has('/api/entities')) return;
  const seq = state.seq;
  let r;
  try {
    r = await fresh(seq, api('entities', { q: filters.q, since: filters.since, until: filters.until, tag: filters.tag,
      entity: filters.entity, order: 'articles', limit: 15 }));
  } catch (e) { return; }
  const list = clear($('entities'));
  for (const e of r.entities || []) {
    const active = filters.entity && e.name.toLowerCase() === filters.entity.toLowerCase() &&
      (!filters.type || filters.type === e.type);
    const href = link('search', { ...filters, entity: e.name, type: e.type });
    const chip = entityChip(e, active ? null : href,
      active ? 'the filter of this search' : `only the articles mentioning ${e.name} (${e.articles} of them)`);
    if (active) chip.setAttribute('aria-current', 'true');
    list.append(el('li', {}, chip, el('span', { class: 'count' }, ` ${e.articles}`)));
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
 * kind only when the article has it. Entity mentions are links to the
 * entity's page (Tab reaches them); times, amounts and quotes carry
 * data-ref so that the side panel can jump to them. A quote's mark names
 * its speaker (tooltip and data-speaker). */
function analysisSpans(a, at) {
  const spans = [];
  for (const e of a.entities || []) {
    const href = entityLink(e);
    for (const m of e.mentions || [])
      spans.push({ start: at(m.start), end: at(m.end), cls: `ent ent-${e.type}`, title: `${e.type}: ${e.name}`,
        tag: href ? 'a' : 'mark', attrs: { href, 'data-kind': 'ent' } });
  }
  (a.times || []).forEach((t, i) =>
    spans.push({ start: at(t.start), end: at(t.end), cls: 'time', title: `${t.type || 'time'}: ${t.value}`,
      attrs: { 'data-ref': `time-${i}` } }));
  (a.amounts || []).forEach((m, i) =>
    spans.push({ start: at(m.start), end: at(m.end), cls: 'amount', title: amountText(m),
      attrs: { 'data-ref': `amount-${i}` } }));
  (a.quotes || []).forEach((q, i) => {
    const who = speakerName(a, q, at);
    spans.push({ start: at(q.start), end: at(q.end), cls: 'quote',
      title: `${q.kind || 'quote'} of ${who}${q.verb ? ` (${q.verb})` : ''}`,
      attrs: { 'data-ref': `quote-${i}`, 'data-speaker': who } });
  });
  return spans;
}

/* The speaking entity of a quote of article a, or null. */
function speakerOf(a, q) {
  if (q.speaker === null || q.speaker === undefined) return null;
  return (a.entities || []).find((e) => e.id === q.speaker) || null;
}

/* Who said it: the entity's name, else the words that name the speaker
 * in parentheses, else "unknown speaker". at: textIndex(a.text). */
function speakerName(a, q, at) {
  const e = speakerOf(a, q);
  if (e) return e.name;
  if (q.source) return `(${a.text.slice(at(q.source.start), at(q.source.end))})`;
  return 'unknown speaker';
}

/* At most n characters of s, cut at a word with an ellipsis. */
function shorten(s, n) {
  if (s.length <= n) return s;
  const cut = s.slice(0, n);
  return cut.slice(0, Math.max(cut.lastIndexOf(' '), n / 2)) + '…';
}

/* "~2,500 troops", "$3,000,000,000", "10-15 people", "more than 20%". */
function amountText(m) {
  const n = (v) => (m.currency === 'USD' ? '$' : '') + fmt(v);
  let v = n(m.value);
  if (m.vague) v = `${v}s`;
  else if (m.mod === 'range' && m.high !== undefined) v = `${n(m.low !== undefined ? m.low : m.value)}–${n(m.high)}`;
  else if (m.mod) v = `${m.mod.replace(/_/g, ' ')} ${v}`; // about, nearly, more than, up to ...
  else if (m.approx) v = `~${v}`;
  const cur = m.currency && m.currency !== 'USD' ? ` ${m.currency}` : '';
  const unit = m.kind === 'percent' ? '%' : m.unit ? ` ${m.unit}` : '';
  return v + cur + unit;
}

/* Moves the focus to a mark of the text and flashes it. */
function jumpTo(ref) {
  const mark = $('article-text').querySelector(`[data-ref="${ref}"]`);
  if (!mark) return;
  mark.setAttribute('tabindex', '-1');
  mark.focus({ preventScroll: true });
  mark.scrollIntoView({ block: 'center', behavior: 'smooth' });
  mark.classList.remove('flash');
  void mark.offsetWidth; // restart the animation
  mark.classList.add('flash');
}

/* The side panels: one list per kind the article has. */
function articleSide(a, at) {
  const side = clear($('article-side'));
  const panel = (title, items) => items.length &&
    side.append(el('section', { class: 'panel' }, el('h2', {}, title), el('ul', { class: 'plain' }, items)));
  if (a.entities) {
    panel('Entities', a.entities.map((e) => el('li', {}, entityChip(e, entityLink(e), `${e.type}: ${e.name}`),
      el('span', { class: 'count' }, ` ${e.type}, ${(e.mentions || []).length}×`))));
  }
  const jump = (ref, label, cls, detail) => el('li', {},
    el('button', { type: 'button', class: 'jump', onclick: () => jumpTo(ref), title: 'show it in the text' },
      el('span', { class: cls }, label)), detail ? ` → ${detail}` : '');
  if (a.times) panel('Times', a.times.map((t, i) => jump(`time-${i}`, t.text || '', 'time', t.value)));
  if (a.amounts) panel('Amounts', a.amounts.map((m, i) => jump(`amount-${i}`, m.text || '', 'amount', amountText(m))));
  if (a.quotes) panel('Quotes', a.quotes.map((q, i) => {
    const e = speakerOf(a, q);
    const who = e ? entityChip(e, entityLink(e), `${e.type}: ${e.name}`)
      : el('span', { class: 'speaker-unknown' }, speakerName(a, q, at));
    return el('li', { class: 'quote-item' }, who, el('span', { class: 'count' }, ` ${q.verb || q.kind}:`),
      el('button', { type: 'button', class: 'jump', onclick: () => jumpTo(`quote-${i}`), title: 'show it in the text' },
        el('span', { class: 'quote' }, shorten(a.text.slice(at(q.start), at(q.end)), 160))));
  }));
  if (a.keywords) panel('Keywords', a.keywords.map((k) => el('li', { class: 'keyword' },
    el('a', { href: link('search', { q: `"${k.term.replace(/"/g, ' ')}"` }), title: 'search for it' }, k.term),
    el('span', { class: 'count' }, ` ${Number(k.score).toFixed(2)}`))));
}

/* Says what the colours mean, when the text has any marks; each kind is
 * a toggle button that shows or hides its marks. */
function legend(a, hits) {
  const count = (x) => (x ? x.length : 0);
  const kinds = [['hit', 'search words', hits], ['ent', 'entities', count(a.entities)],
    ['time', 'times', count(a.times)], ['amount', 'amounts', count(a.amounts)], ['quote', 'quotes', count(a.quotes)]];
  const shown = kinds.filter((k) => k[2] > 0);
  const p = clear($('legend'));
  const text = $('article-text');
  p.append('Marked: ');
  shown.forEach(([cls, label, n], i) => {
    const button = el('button', { type: 'button', class: 'legend-toggle', 'aria-pressed': 'true',
      title: `show or hide the ${label}` }, el('mark', { class: cls }, label), el('span', { class: 'count' }, ` ${n}`));
    button.addEventListener('click', () => {
      const on = button.getAttribute('aria-pressed') !== 'true';
      button.setAttribute('aria-pressed', String(on));
      text.classList.toggle(`hide-${cls}`, !on);
    });
    p.append(i ? ' ' : '', button);
  });
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
  const a = await fresh(state.seq, api('article', { id }));
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
  body.className = 'article-text';
  const paragraphs = a.text.split(/\n\s*\n/);
  let pos = 0;
  for (const para of paragraphs) {
    const start = a.text.indexOf(para, pos);
    pos = start + para.length;
    if (para.trim()) body.append(el('p', {}, markedText(a.text, spans, start, pos)));
  }
  legend(a, hits.length);
  articleSide(a, at);
  $('article-title').focus();
  // #/article?id=..&quote=START (a quote listed elsewhere): show it.
  const quoteAt = params.get('quote');
  const i = quoteAt ? (a.quotes || []).findIndex((x) => String(x.start) === quoteAt) : -1;
  if (i >= 0) jumpTo(`quote-${i}`);
}

/* ---- the entity view ------------------------------------------------------------ */

const TYPE_NAMES = { PER: 'person', ORG: 'organization', LOC: 'place', MISC: 'other name' };

async function viewEntity(params) {
  show('entity');
  const name = params.get('name') || params.get('id') || '';
  const type = params.get('type') || '';
  const since = params.get('since') || '', until = params.get('until') || '';
  const offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
  for (const part of ['entity-meta', 'entity-timeline', 'entity-timeline-caption', 'entity-network',
    'entity-related', 'entity-articles', 'entity-pager', 'entity-count', 'network-caption', 'entity-aliases',
    'entity-quotes', 'entity-quotes-count', 'entity-quotes-pager'])
    clear($(part));
  $('entity-aliases-box').hidden = true;
  $('entity-quotes-panel').hidden = true;
  $('entity-title').textContent = name || 'Entity';
  const listed = state.endpoints.has('/api/entity');
  $('entity-body').textContent = listed ? '' : 'This store has no entities yet.';
  $('entity-main').hidden = !listed;
  if (!listed || !name) return;
  const r = await fresh(state.seq, api('entity', { name, type, since, until, limit: PAGE_SIZE, offset: offset || '', related: 12 }));
  const e = r.entity;
  document.title = `${e.name} - newsgraph`;
  $('entity-title').textContent = e.name;
  const meta = $('entity-meta');
  meta.append(el('span', { class: `chip ent-${e.type}` }, TYPE_NAMES[e.type] || e.type),
    ` ${fmt(e.mentions)} mention${e.mentions === 1 ? '' : 's'} in ${fmt(e.articles)} article${e.articles === 1 ? '' : 's'}`,
    e.first_date ? `, ${e.first_date} to ${e.last_date}` : '', '.');
  if (since || until)
    meta.append(` Only ${since ? 'from ' + since : ''}${since && until ? ' ' : ''}${until ? 'to ' + until : ''}. `,
      el('a', { href: link('entity', { name: e.name, type: e.type }) }, 'All dates'));
  const self = { name: e.name, type: e.type };
  drawAliases(r);
  drawEntityTimeline(r, self);
  drawNetwork(r, self);
  renderEntityArticles(r, { ...self, since, until });
  $('entity-title').focus();
  const qoffset = Math.max(0, parseInt(params.get('qoffset') || '0', 10) || 0);
  await drawEntityQuotes({ ...self, since, until }, offset, qoffset);
}

/* The names it goes by, but the one in the title. */
function drawAliases(r) {
  const names = (r.aliases || []).filter((n) => n !== r.entity.name);
  const list = $('entity-aliases');
  for (const n of names) list.append(el('li', {}, el('span', { class: 'chip' }, n)));
  $('entity-aliases-box').hidden = names.length === 0;
}

const QUOTES_PAGE = 5;

/* What the entity said (as the speaker of quotes), newest first; each
 * leads to its place in the article. */
async function drawEntityQuotes(self, offset, qoffset) {
  if (!state.endpoints.has('/api/quotes')) return;
  const r = await fresh(state.seq, api('quotes', { entity: self.name, type: self.type, since: self.since,
    until: self.until, limit: QUOTES_PAGE, offset: qoffset || '' }));
  $('entity-quotes-count').textContent = r.total === 0 ? 'No quote of it was found.'
    : r.total === 1 ? '1 quote or reported statement.' : `${fmt(r.total)} quotes and reported statements, newest first.`;
  const list = $('entity-quotes');
  for (const q of r.quotes) {
    list.append(el('li', { class: 'result quote-hit' },
      el('p', { class: 'quote-text' }, el('span', { class: 'quote', 'data-speaker': q.speaker || '' }, shorten(q.text, 400))),
      el('p', { class: 'meta' }, el('time', { datetime: q.date || '' }, q.date || 'undated'),
        ` · ${q.kind}${q.verb ? `, ${q.verb}` : ''}`, q.source && q.source !== q.speaker ? ` (“${q.source}”)` : '', ' · ',
        el('a', { class: 'result-link', href: link('article', { id: q.article, quote: String(q.start) }) }, 'in the article'))));
  }
  const nav = $('entity-quotes-pager');
  const page = (o, label, rel) =>
    el('a', { href: link('entity', { ...self, offset: offset || '', qoffset: o || '' }), rel }, label);
  if (r.offset > 0) nav.append(page(Math.max(0, r.offset - QUOTES_PAGE), '← Newer', 'prev'));
  const last = Math.min(r.total, r.offset + QUOTES_PAGE);
  if (r.total > QUOTES_PAGE) nav.append(el('span', {}, ` ${fmt(r.offset + 1)}–${fmt(last)} of ${fmt(r.total)} `));
  if (last < r.total && r.offset + QUOTES_PAGE <= 10000) nav.append(page(r.offset + QUOTES_PAGE, 'Older →', 'next'));
  $('entity-quotes-panel').hidden = false;
}

function drawEntityTimeline(r, self) {
  const caption = $('entity-timeline-caption');
  if (!r.timeline.length) {
    caption.textContent = 'No dated article mentions it.';
    return;
  }
  $('entity-timeline').append(barChart(r.timeline, r.by, (p) => p.mentions, 'mention',
    (p) => link('entity', { ...self, since: p.start, until: periodEnd(p.start, r.by) }),
    `Mentions of ${self.name}`));
  caption.textContent = `Mentions per ${r.by}. A bar narrows the page to its dates.`;
}

/* The entity in the middle, the entities mentioned in the same articles
 * around it; a line's width says in how many articles both appear. Each
 * entity is a link to its page. */
function drawNetwork(r, self) {
  const rel = r.related || [];
  const caption = $('network-caption');
  if (!rel.length) {
    caption.textContent = 'No other entity appears in its articles.';
    return;
  }
  const W = 460, H = 300, cx = W / 2, cy = H / 2, R = 105;
  const max = Math.max(...rel.map((x) => x.articles), 1);
  const svg = el('svg:svg', { viewBox: `0 0 ${W} ${H}`, class: 'network-svg', role: 'group',
    'aria-label': `${self.name} and the ${rel.length} entities mentioned most often in the same articles` });
  const short = (s) => (s.length > 16 ? s.slice(0, 15) + '…' : s);
  const nodes = rel.map((x, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / rel.length;
    return { ...x, x: cx + R * Math.cos(angle), y: cy + R * Math.sin(angle), cos: Math.cos(angle) };
  });
  for (const n of nodes)
    svg.append(el('svg:line', { x1: cx, y1: cy, x2: n.x, y2: n.y, class: 'edge',
      'stroke-width': (1 + 7 * (n.articles / max)).toFixed(1) },
      el('svg:title', {}, `${self.name} and ${n.name}: ${n.articles} article${n.articles === 1 ? '' : 's'}`)));
  for (const n of nodes) {
    const anchor = n.cos > 0.3 ? 'start' : n.cos < -0.3 ? 'end' : 'middle';
    const dx = anchor === 'start' ? 9 : anchor === 'end' ? -9 : 0;
    const dy = anchor === 'middle' ? (n.y < cy ? -10 : 16) : 4;
    svg.append(el('svg:a', { href: link('entity', { name: n.name, type: n.type }), class: 'node' },
      el('svg:title', {}, `${n.name} (${n.type}): in ${n.articles} of its articles`),
      el('svg:circle', { cx: n.x, cy: n.y, r: 6, class: `dot ent-${n.type}` }),
      el('svg:text', { x: n.x + dx, y: n.y + dy, 'text-anchor': anchor, class: 'label' }, short(n.name))));
  }
  svg.append(el('svg:g', { class: 'center' },
    el('svg:circle', { cx, cy, r: 10, class: `dot ent-${self.type}` }),
    el('svg:text', { x: cx, y: cy + 26, 'text-anchor': 'middle', class: 'label strong' }, short(self.name))));
  $('entity-network').append(svg);
  caption.textContent = 'The entities mentioned most often in its articles: a thicker line, more articles in common.';
  const list = $('entity-related');
  for (const n of rel)
    list.append(el('li', {}, entityChip(n, link('entity', { name: n.name, type: n.type }),
      `in ${n.articles} of its articles`), el('span', { class: 'count' }, ` ${n.articles}`)));
}

function renderEntityArticles(r, self) {
  $('entity-count').textContent = r.total === 1 ? '1 article mentions it' : `${fmt(r.total)} articles mention it`;
  const list = $('entity-articles');
  for (const a of r.articles) {
    const snippet = el('p', { class: 'snippet' });
    const at = textIndex(a.snippet);
    snippet.append(markedText(a.snippet,
      a.marks.map(([s, e]) => ({ start: at(s), end: at(e), cls: `ent ent-${self.type}` })), 0, a.snippet.length));
    list.append(el('li', { class: 'result' },
      el('h3', {}, el('a', { class: 'result-link', href: link('article', { id: a.id }) }, titleOf(a))),
      el('p', { class: 'meta' }, el('time', { datetime: a.date || '' }, a.date || 'undated'),
        ` · ${a.mentions} mention${a.mentions === 1 ? '' : 's'}`),
      snippet));
  }
  const nav = $('entity-pager');
  const page = (offset, label, rel) =>
    el('a', { href: link('entity', { ...self, offset: offset || '' }), rel }, label);
  if (r.offset > 0) nav.append(page(Math.max(0, r.offset - PAGE_SIZE), '← Newer', 'prev'));
  const last = Math.min(r.total, r.offset + PAGE_SIZE);
  if (r.total > 0) nav.append(el('span', {}, ` ${fmt(r.offset + 1)}–${fmt(last)} of ${fmt(r.total)} `));
  if (last < r.total && r.offset + PAGE_SIZE <= 10000) nav.append(page(r.offset + PAGE_SIZE, 'Older →', 'next'));
}

/* ---- the network of the whole store ------------------------------------------------------ */

function graphParams(p) {
  const num = (k, def, lo, hi) => Math.min(hi, Math.max(lo, parseInt(p.get(k) || def, 10) || def));
  return { since: p.get('since') || '', until: p.get('until') || '',
    type: ['PER', 'ORG', 'LOC', 'MISC'].includes(p.get('type')) ? p.get('type') : '',
    max_nodes: num('max_nodes', 40, 2, 100), min_weight: num('min_weight', 2, 1, 1000) };
}

async function viewGraph(params) {
  show('graph');
  document.title = 'Network - newsgraph';
  const g = graphParams(params);
  $('graph-since').value = g.since;
  $('graph-until').value = g.until;
  $('graph-type').value = g.type;
  $('graph-nodes').value = g.max_nodes;
  $('graph-weight').value = g.min_weight;
  clear($('graph'));
  clear($('graph-list'));
  $('graph-caption').textContent = 'Drawing…';
  const r = await fresh(state.seq, api('graph', g));
  const linked = new Set(r.edges.flatMap((e) => [e.source, e.target]));
  const nodes = r.nodes.filter((n) => linked.has(n.id));
  $('graph-caption').textContent = nodes.length
    ? `${nodes.length} of the ${r.nodes.length} most mentioned entities, joined when they appear in at least ` +
      `${r.min_weight} article${r.min_weight === 1 ? '' : 's'} together (${r.edges.length} lines; a thicker line, ` +
      'more articles). A name leads to its page.'
    : 'No two of the most mentioned entities appear in that many articles together.';
  if (nodes.length) $('graph').append(networkSvg(nodes, r.edges));
  for (const n of nodes)
    $('graph-list').append(el('li', {}, entityChip(n, link('entity', { name: n.name, type: n.type }),
      `${n.mentions} mentions in ${n.articles} articles`), el('span', { class: 'count' }, ` ${fmt(n.mentions)}`)));
}

/* Positions for the nodes by Fruchterman and Reingold's force-directed
 * placement (1991): near ones repel (k^2/d, within 2k as in their grid
 * variant), linked ones attract (d^2/k, more for more articles
 * together), a weak pull keeps loose ones near the middle; the step
 * shrinks as it cools. Deterministic: the same answer
 * draws the same picture. */
function layout(nodes, edges, W, H) {
  const n = nodes.length;
  const k = Math.sqrt((W * H) / Math.max(n, 1));
  const index = new Map(nodes.map((x, i) => [x.id, i]));
  const pos = nodes.map((x, i) => { // a sunflower spiral, largest inside
    const a = i * 2.399963, r = k * 0.5 * Math.sqrt(i + 1);
    return { x: r * Math.cos(a), y: r * Math.sin(a) };
  });
  const maxW = Math.max(...edges.map((e) => e.weight), 1);
  const links = edges.map((e) => [index.get(e.source), index.get(e.target),
    0.4 + 0.6 * Math.log1p(e.weight) / Math.log1p(maxW)]);
  const steps = 300;
  for (let step = 0; step < steps; step++) {
    const t = (W / 10) * (1 - step / steps);
    const d = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        const dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
        const dist = Math.max(Math.hypot(dx, dy), 0.01);
        if (dist > 2 * k) continue; // FR's grid variant: far ones are left alone
        const f = (k * k) / dist / dist;
        d[i].x += dx * f; d[i].y += dy * f; d[j].x -= dx * f; d[j].y -= dy * f;
      }
    for (const [a, b, w] of links) {
      const dx = pos[a].x - pos[b].x, dy = pos[a].y - pos[b].y;
      const dist = Math.max(Math.hypot(dx, dy), 0.01), f = (w * dist) / k;
      d[a].x -= dx * f; d[a].y -= dy * f; d[b].x += dx * f; d[b].y += dy * f;
    }
    pos.forEach((p, i) => {
      const dx = d[i].x - 0.1 * p.x, dy = d[i].y - 0.1 * p.y;
      const len = Math.max(Math.hypot(dx, dy), 0.01), m = Math.min(len, t);
      p.x += (dx / len) * m; p.y += (dy / len) * m;
    });
  }
  const xs = pos.map((p) => p.x), ys = pos.map((p) => p.y);
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  const sx = (W - 160) / Math.max(x1 - x0, 1), sy = (H - 70) / Math.max(y1 - y0, 1);
  return pos.map((p) => ({ x: 80 + (p.x - x0) * sx, y: 40 + (p.y - y0) * sy }));
}

/* The network as SVG: nodes are links to their entity's page (Tab goes
 * through them, most mentioned first), sized by mentions; lines by
 * articles in common. */
function networkSvg(nodes, edges) {
  const narrow = $('graph').clientWidth < 600; // a phone: taller, fewer labels
  const W = narrow ? 420 : 800, H = narrow ? 600 : 560;
  const at = layout(nodes, edges, W, H);
  const byId = new Map(nodes.map((n, i) => [n.id, { ...n, ...at[i] }]));
  const maxW = Math.max(...edges.map((e) => e.weight), 1);
  const maxM = Math.max(...nodes.map((n) => n.mentions), 1);
  const svg = el('svg:svg', { viewBox: `0 0 ${W} ${H}`, class: 'network-svg', role: 'group',
    'aria-label': `${nodes.length} entities and the ${edges.length} pairs of them mentioned in the same articles` });
  for (const e of edges) {
    const a = byId.get(e.source), b = byId.get(e.target);
    if (!a || !b) continue;
    svg.append(el('svg:line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: 'edge',
      'stroke-width': (0.5 + 6 * (e.weight / maxW)).toFixed(1) },
      el('svg:title', {}, `${a.name} and ${b.name}: ${e.weight} article${e.weight === 1 ? '' : 's'}`)));
  }
  const short = (s) => (s.length > 18 ? s.slice(0, 17) + '…' : s);
  nodes.forEach((n, i) => {
    const p = byId.get(n.id), r = 4 + 10 * Math.sqrt(n.mentions / maxM);
    svg.append(el('svg:a', { href: link('entity', { name: n.name, type: n.type }), class: 'node' },
      el('svg:title', {}, `${n.name} (${n.type}): ${n.mentions} mentions in ${n.articles} articles`),
      el('svg:circle', { cx: p.x, cy: p.y, r: r.toFixed(1), class: `dot ent-${n.type}` }),
      i < (narrow ? 15 : 30) ? el('svg:text', { x: p.x, y: p.y - r - 3, 'text-anchor': 'middle', class: 'label' }, short(n.name)) : null));
  });
  return svg;
}

function onGraphSubmit(ev) {
  ev.preventDefault();
  location.hash = link('graph', { since: $('graph-since').value, until: $('graph-until').value,
    type: $('graph-type').value, max_nodes: $('graph-nodes').value, min_weight: $('graph-weight').value });
}

/* ---- routing and keys ---------------------------------------------------------------- */

async function route() {
  state.seq++;
  const { route: r, params } = parseHash();
  showError('');
  try {
    if (r === 'search' && params.get('q')) await viewSearch(params);
    else if (r === 'article' && params.get('id')) await viewArticle(params);
    else if (r === 'entity') await viewEntity(params);
    else if (r === 'graph' && state.endpoints.has('/api/graph')) await viewGraph(params);
    else await viewHome();
  } catch (e) {
    if (e instanceof Stale) return;
    showError(e.status === 404 ? `Not found: ${e.message}` : e.message);
    if (r === 'search') $('result-count').textContent = '';
  }
}

function onSubmit(ev) {
  ev.preventDefault();
  const q = $('q').value.trim();
  if (!q) { $('q').focus(); return; }
  // The entity filter has no field of its own: a new query keeps it
  // (the filter line says so and clears it).
  const cur = parseHash();
  const keep = cur.route === 'search' ? { entity: cur.params.get('entity'), type: cur.params.get('type') } : {};
  location.hash = link('search', { q, since: $('since').value, until: $('until').value, tag: $('tag').value.trim(), ...keep });
}

/* Moves the focus to the next (+1) or previous (-1) result link. */
function moveFocus(step) {
  const links = [...document.querySelectorAll(`#view-${state.view} .result-link`)];
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
    else if (['article', 'entity', 'graph'].includes(state.view)) history.back();
    return;
  }
  if (typing || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  if (ev.key === '/') { ev.preventDefault(); $('q').focus(); $('q').select(); }
  else if (ev.key === 'j' && ['search', 'entity'].includes(state.view)) { ev.preventDefault(); moveFocus(1); }
  else if (ev.key === 'k' && ['search', 'entity'].includes(state.view)) { ev.preventDefault(); moveFocus(-1); }
}

async function start() {
  $('search-form').addEventListener('submit', onSubmit);
  $('graph-form').addEventListener('submit', onGraphSubmit);
  document.addEventListener('keydown', onKey);
  window.addEventListener('hashchange', route);
  $('article-title').setAttribute('tabindex', '-1');
  $('entity-title').setAttribute('tabindex', '-1');
  try {
    const index = await api('');
    state.endpoints = new Set(index.endpoints);
    $('nav-graph').hidden = !state.endpoints.has('/api/graph');
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
