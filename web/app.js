// ocrmend review UI. Analysis and applying edits happen in Rust (wasm, in a
// Web Worker); this module keeps the reviewer's decisions, renders the text
// one page at a time, and persists each action as it happens: the records it
// changed (the decisions near the one decided, the undo step, a small session
// record), in one IndexedDB transaction, journalled first (store.js).
import * as store from './store.js';

// ---------------------------------------------------------------- constants

const KIND_LABELS = {
  confusion: 'Misread characters',
  real_word: 'Wrong real word',
  split_word: 'Split word',
  merged_words: 'Merged words',
  hyphenation: 'Line-end hyphenation',
  punctuation_spacing: 'Punctuation spacing',
  garbled: 'Garbled run',
};
const PAGE_UNITS = 16000; // UTF-16 units per page, cut at line ends
const MAX_BYTES = 64 * 1024 * 1024;
const LARGE_BYTES = 4 * 1024 * 1024;
const MAX_UNDO = 1000;

// -------------------------------------------------------------------- utils

const $ = (id) => document.getElementById(id);
const esc = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
const pct = (c) => `${Math.round(c * 100)}%`;
const fmtBytes = (n) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : n >= 1024 ? `${Math.round(n / 1024)} kB` : `${n} bytes`);
const isWordLike = (s) => s.trim() !== '' && !/\s/.test(s.trim());
// The word a dictionary entry stands for: no surrounding quotes or
// punctuation (the core sees `“only”,` as the word `only`).
const dictWord = (s) => s.trim().replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '');
const visible = (s) => (s === '' ? '∅' : s.replace(/\n/g, '↵').replace(/\r/g, '').replace(/ /g, '·'));

async function hashText(text) {
  const bytes = new TextEncoder().encode(text);
  if (crypto.subtle) {
    const digest = await crypto.subtle.digest('SHA-256', bytes);
    return Array.from(new Uint8Array(digest).slice(0, 12), (b) => b.toString(16).padStart(2, '0')).join('');
  }
  let h = 0xcbf29ce484222325n; // FNV-1a 64, when subtle crypto is unavailable
  for (const b of bytes) h = BigInt.asUintN(64, (h ^ BigInt(b)) * 0x100000001b3n);
  return h.toString(16);
}

function download(name, content, type) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

let toastTimer = 0;
function toast(msg) {
  const t = $('toast');
  t.textContent = msg;
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { t.hidden = true; }, 3500);
}

function busy(text) {
  $('busy-text').textContent = text || '';
  $('busy').hidden = !text;
}

function message(title, body, buttons = [{ label: 'OK' }]) {
  return new Promise((resolve) => {
    $('message-title').textContent = title;
    $('message-body').textContent = body;
    const row = $('message-buttons');
    row.replaceChildren();
    for (const b of buttons) {
      const el = document.createElement('button');
      el.textContent = b.label;
      if (b.primary) el.className = 'primary';
      el.onclick = () => { $('message').hidden = true; resolve(b.value); };
      row.append(el);
    }
    $('message').hidden = false;
    row.querySelector('button')?.focus();
  });
}

// ------------------------------------------------------------------- worker

let worker = null;
let nextCall = 1;
const calls = new Map();
// Hash of the document the worker holds analysed (what `apply` works on).
let workerDoc = null;

function startWorker() {
  worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  workerDoc = null;
  worker.onmessage = ({ data }) => {
    const call = calls.get(data.id);
    calls.delete(data.id);
    if (data.ok) call.resolve(data.result); else call.reject(new Error(data.error));
    // After a Rust panic the wasm instance is not to be trusted: start afresh.
    if (data.fatal) { worker.terminate(); startWorker(); }
  };
  worker.onerror = (e) => {
    for (const call of calls.values()) call.reject(new Error(e.message || 'the analysis worker failed'));
    calls.clear();
  };
}
startWorker();

function callWorker(type, args) {
  return new Promise((resolve, reject) => {
    const id = nextCall++;
    calls.set(id, { resolve, reject });
    worker.postMessage({ id, type, ...args });
  });
}

// -------------------------------------------------------------------- state

const S = {
  hash: null, name: '', text: '', bytes: 0,
  sugg: [], kindNames: [], byKey: new Map(),
  decisions: {}, // key -> {s: 'accepted' | 'rejected', r: replacement}
  undo: [], redo: [], // operations, each with its `seq` in the stored history
  seq: 0, // the highest history seq used for this document
  buckets: new Map(), decided: 0, // bucket number -> keys of its decisions; how many decisions
  cur: -1, page: 0, pages: [],
  dict: [], dictLower: new Set(), analyzedWith: new Set(),
  lineEnds: 'auto', // words broken across line ends: auto, join or keep
  lastAction: '',
};

const keyOf = (s) => `${s.start}:${s.end}`;
const inDict = (s) => isWordLike(s.orig) && S.dictLower.has(dictWord(s.orig).toLowerCase());
function statusOf(s) {
  if (inDict(s)) return 'dictionary';
  const d = S.decisions[s.key];
  return d ? d.s : 'pending';
}
const shownText = (s) => {
  const d = S.decisions[s.key];
  return d && d.s === 'accepted' ? d.r : s.orig;
};

// A read-only copy of the review state, for the browser tests and for a look
// from the console (`ocrmendState()`): it reads the page's memory, not
// IndexedDB, and changes nothing.
window.ocrmendState = () => ({
  hash: S.hash,
  suggestions: S.sugg.length,
  decisions: Object.keys(S.decisions).sort().map((k) => [k, S.decisions[k].s, S.decisions[k].r]),
  undo: S.undo.map((op) => op.label),
  redo: S.redo.map((op) => op.label),
  cur: S.cur >= 0 && S.sugg[S.cur] ? S.sugg[S.cur].key : null,
  dictionary: S.dict.slice(),
});

function setDict(words) {
  S.dict = words;
  S.dictLower = new Set(words.map((w) => w.trim().toLowerCase()));
}

// Persistence (store.js): each action stages the records it changed and the
// store writes what one task staged in one transaction. The session record
// says which stored history steps are done (seq <= head), where the reviewer
// is, and how many decisions there are (for the Continue list).
const headSeq = () => (S.undo.length ? S.undo[S.undo.length - 1].seq : 0);
function saveSession() {
  if (!S.hash) return;
  store.stage(['put', 'kv', `session:${S.hash}`, {
    v: 2, head: headSeq(),
    cur: S.cur >= 0 && S.sugg[S.cur] ? S.sugg[S.cur].key : null,
    decided: S.decided, savedAt: Date.now(),
  }]);
}
// Decisions are stored in buckets: one record per 4,096 UTF-16 units of text
// with the decisions whose suggestion starts there. One decision rewrites one
// small record; accepting thousands at once writes a few hundred records,
// not thousands (each IndexedDB put costs the page ~30 µs).
const BUCKET = 4096;
const bucketOf = (key) => Math.floor(parseInt(key, 10) / BUCKET);
/** Sets or (v null) removes a decision; returns its bucket. */
function setDecision(key, v) {
  const b = bucketOf(key);
  let keys = S.buckets.get(b);
  if (v) {
    if (!(key in S.decisions)) S.decided++;
    S.decisions[key] = v;
    if (!keys) S.buckets.set(b, (keys = new Set()));
    keys.add(key);
  } else if (key in S.decisions) {
    S.decided--;
    delete S.decisions[key];
    keys?.delete(key);
  }
  return b;
}
function indexDecisions() {
  S.buckets = new Map();
  S.decided = 0;
  const all = S.decisions;
  S.decisions = {};
  for (const [key, v] of Object.entries(all)) setDecision(key, v);
}
function saveBuckets(buckets) {
  for (const b of buckets) {
    const keys = S.buckets.get(b);
    if (keys && keys.size) {
      const record = {};
      for (const k of keys) record[k] = S.decisions[k];
      store.stage(['put', 'decisions', [S.hash, b], record]);
    } else {
      S.buckets.delete(b);
      store.stage(['del', 'decisions', [S.hash, b]]);
    }
  }
}
const saveDict = () => store.stage(['put', 'kv', 'dictionary', S.dict.slice()]);
store.onError((e) => toast(`Could not save: ${e && e.message ? e.message : e}`));

// ------------------------------------------------------------------ actions
// Every change is an operation {label, changes: [[key, before, after]],
// dictAdd: [...], dictRemove: [...]}; undo runs it backwards. A batch is one
// operation, so one undo step undoes it.

function applyOp(op, backwards) {
  const touched = new Set();
  for (const [key, before, after] of op.changes) touched.add(setDecision(key, backwards ? before : after));
  saveBuckets(touched);
  let add = op.dictAdd || [];
  let remove = op.dictRemove || [];
  if (backwards) [add, remove] = [remove, add];
  if (add.length || remove.length) {
    const lowerRemove = new Set(remove.map((w) => w.toLowerCase()));
    const words = S.dict.filter((w) => !lowerRemove.has(w.toLowerCase()));
    for (const w of add) if (!words.some((x) => x.toLowerCase() === w.toLowerCase())) words.push(w);
    setDict(words);
    saveDict();
    // A word the analysis trusted is gone: its suggestions must come back.
    if (remove.some((w) => S.analyzedWith.has(w.toLowerCase()))) reanalyze();
  }
}

function commit(op) {
  if (!op.changes.length && !(op.dictAdd || []).length && !(op.dictRemove || []).length) {
    toast('Nothing to change');
    return false;
  }
  applyOp(op, false);
  // The redo steps are gone for good; the new step is stored under a new seq.
  for (const r of S.redo) store.stage(['del', 'history', [S.hash, r.seq]]);
  S.redo = [];
  op.seq = ++S.seq;
  S.undo.push(op);
  store.stage(['put', 'history', [S.hash, op.seq], op]);
  if (S.undo.length > MAX_UNDO) store.stage(['del', 'history', [S.hash, S.undo.shift().seq]]);
  S.lastAction = op.label;
  saveSession();
  refresh();
  return true;
}

function decide(indices, status, replacementOf, label) {
  const changes = [];
  for (const i of indices) {
    const s = S.sugg[i];
    const before = S.decisions[s.key] || null;
    const after = { s: status, r: status === 'accepted' ? replacementOf(s) : s.orig };
    if (before && before.s === after.s && before.r === after.r) continue;
    changes.push([s.key, before, after]);
  }
  return commit({ label, changes });
}

function current() { return S.cur >= 0 ? S.sugg[S.cur] : null; }

function accept(replacement) {
  const s = current();
  if (!s) return;
  const r = replacement ?? s.repl;
  decide([S.cur], 'accepted', () => r, `Accepted ${visible(s.orig)} → ${visible(r)}`);
  nextPending();
}

function reject() {
  const s = current();
  if (!s) return;
  decide([S.cur], 'rejected', null, `Rejected ${visible(s.orig)} → ${visible(s.repl)}`);
  nextPending();
}

function sameFix(s) {
  const out = [];
  S.sugg.forEach((t, i) => {
    if (t.orig === s.orig && t.repl === s.repl && statusOf(t) === 'pending') out.push(i);
  });
  return out;
}

function decideSame(status) {
  const s = current();
  if (!s) return;
  const indices = sameFix(s);
  if (statusOf(s) === 'pending' || indices.includes(S.cur)) { /* already included */ } else indices.push(S.cur);
  const verb = status === 'accepted' ? 'Accepted' : 'Rejected';
  if (decide(indices, status, (t) => t.repl, `${verb} ${indices.length} × ${visible(s.orig)} → ${visible(s.repl)}`)) {
    toast(`${verb} ${indices.length} occurrence${indices.length === 1 ? '' : 's'} — u to undo`);
    nextPending();
  }
}

// Kinds the reviewer has switched off in the legend: skipped by navigation
// and by the batch accept, drawn without colour. A view setting, not a
// decision, so it is kept in localStorage and not undone.
const hiddenKinds = new Set(JSON.parse(localStorage.getItem('ocrmend-hidden-kinds') || '[]'));
function toggleKind(kind) {
  if (hiddenKinds.has(kind)) hiddenKinds.delete(kind); else hiddenKinds.add(kind);
  localStorage.setItem('ocrmend-hidden-kinds', JSON.stringify([...hiddenKinds]));
  if (S.cur >= 0 && !navigable(S.cur)) step(1, false);
  refresh();
}

function batchCandidates(th) {
  const indices = [];
  S.sugg.forEach((s, i) => {
    if (statusOf(s) === 'pending' && !s.flag && s.conf >= th && !hiddenKinds.has(s.kind)) indices.push(i);
  });
  return indices;
}

function acceptAbove() {
  const th = Number($('threshold').value);
  const indices = batchCandidates(th);
  if (decide(indices, 'accepted', (t) => t.repl, `Accepted ${indices.length} at or above ${pct(th)}`)) {
    toast(`Accepted ${indices.length} suggestions at or above ${pct(th)} — u to undo`);
    nextPending();
  }
}

function addToDict() {
  const s = current();
  if (!s || !isWordLike(s.orig) || !dictWord(s.orig)) return;
  const word = dictWord(s.orig);
  if (S.dictLower.has(word.toLowerCase())) return;
  const hidden = S.sugg.filter((t) => isWordLike(t.orig) && dictWord(t.orig).toLowerCase() === word.toLowerCase()).length;
  if (commit({ label: `Added “${word}” to the dictionary`, changes: [], dictAdd: [word] })) {
    toast(`“${word}” added to your dictionary (${hidden} suggestion${hidden === 1 ? '' : 's'} dismissed) — u to undo`);
    nextPending();
  }
}

async function importDict(file) {
  const text = await file.text();
  const words = await callWorker('parseWords', { text });
  const fresh = words.filter((w) => !S.dictLower.has(w.toLowerCase()));
  if (commit({ label: `Imported ${fresh.length} dictionary words`, changes: [], dictAdd: fresh })) {
    toast(`Imported ${fresh.length} new word${fresh.length === 1 ? '' : 's'}`);
  }
}

function undo() {
  const op = S.undo.pop();
  if (!op) { toast('Nothing to undo'); return; }
  applyOp(op, true);
  S.redo.push(op);
  S.lastAction = `Undid: ${op.label}`;
  focusOnOp(op);
  saveSession();
  refresh();
}

function redo() {
  const op = S.redo.pop();
  if (!op) { toast('Nothing to redo'); return; }
  applyOp(op, false);
  S.undo.push(op);
  S.lastAction = `Redid: ${op.label}`;
  focusOnOp(op);
  saveSession();
  refresh();
}

function focusOnOp(op) {
  if (op.changes.length === 1) {
    const i = S.byKey.get(op.changes[0][0]);
    if (i !== undefined) go(i, false);
  }
}

// --------------------------------------------------------------- navigation

const navigable = (i) => !inDict(S.sugg[i]) && !hiddenKinds.has(S.sugg[i].kind);

function step(dir, pendingOnly) {
  const n = S.sugg.length;
  if (!n) return;
  let i = S.cur;
  for (let k = 0; k < n; k++) {
    i = (i + dir + n) % n;
    if (!navigable(i)) continue;
    if (pendingOnly && statusOf(S.sugg[i]) !== 'pending') continue;
    go(i);
    return;
  }
  if (pendingOnly) toast('No pending suggestions left');
}
const next = () => step(1, false);
const prev = () => step(-1, false);
function nextPending() {
  if (S.cur >= 0 && statusOf(S.sugg[S.cur]) === 'pending' && navigable(S.cur)) { refresh(); return; }
  step(1, true);
}

function pageOf(i) {
  let lo = 0; let hi = S.pages.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (S.pages[mid].first <= i) lo = mid; else hi = mid - 1;
  }
  // Skip empty pages that share the same `first`.
  while (lo + 1 < S.pages.length && S.pages[lo].last <= i) lo++;
  return lo;
}

function go(i, scroll = true) {
  if (i < 0 || i >= S.sugg.length) return;
  S.cur = i;
  const p = pageOf(i);
  if (p !== S.page) { S.page = p; renderPage(); } else markCurrent();
  renderPanel();
  if (scroll) {
    const el = $('text').querySelector(`mark[data-i="${i}"]`);
    if (el) {
      const r = el.getBoundingClientRect();
      const reader = $('reader').getBoundingClientRect();
      if (r.top < reader.top + 60 || r.bottom > reader.bottom - 60) el.scrollIntoView({ block: 'center' });
    }
  }
  saveSession();
}

function goPage(p) {
  if (p < 0 || p >= S.pages.length || p === S.page) return;
  S.page = p;
  renderPage();
  $('reader').scrollTop = 0;
  const { first, last } = S.pages[p];
  for (let i = first; i < last; i++) if (navigable(i)) { S.cur = i; break; }
  renderPanel();
  markCurrent();
}

// ------------------------------------------------------------------ loading

function buildSuggestions(r) {
  S.kindNames = r.kindNames;
  const sugg = new Array(r.count);
  for (let i = 0; i < r.count; i++) {
    const alts = [];
    for (let k = r.altOffsets[i]; k < r.altOffsets[i + 1]; k++) {
      alts.push({ r: r.altReplacements[k], c: r.altConfidences[k] });
    }
    const s = {
      i, start: r.starts[i], end: r.ends[i], kind: r.kindNames[r.kinds[i]],
      conf: r.confidences[i], orig: r.originals[i], repl: r.replacements[i], alts,
    };
    s.key = keyOf(s);
    s.flag = s.orig === s.repl;
    sugg[i] = s;
  }
  S.sugg = sugg;
  S.byKey = new Map(sugg.map((s) => [s.key, s.i]));
}

function buildPages() {
  const { text, sugg } = S;
  const len = text.length;
  const pages = [];
  let start = 0;
  let si = 0;
  // Last suggestion starting before `b`, if it crosses `b`, pushes the cut.
  const crossing = (b) => {
    let lo = 0; let hi = sugg.length - 1; let j = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sugg[mid].start < b) { j = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return j >= 0 && sugg[j].end > b ? sugg[j].end : -1;
  };
  const cutAfter = (b) => {
    if (b >= len) return len;
    let nl = text.indexOf('\n', b);
    if (nl === -1 || nl - b > PAGE_UNITS) { // no line end near: cut at a space
      nl = text.indexOf(' ', b);
      if (nl === -1 || nl - b > PAGE_UNITS) nl = b - 1;
    }
    let cut = Math.min(nl + 1, len);
    const code = text.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut++;
    return cut;
  };
  while (start < len || pages.length === 0) {
    let b = cutAfter(Math.min(start + PAGE_UNITS, len));
    for (let e = crossing(b); e !== -1; e = crossing(b)) b = cutAfter(e);
    const first = si;
    while (si < sugg.length && sugg[si].start < b) si++;
    if (b >= len) si = sugg.length;
    pages.push({ start, end: b, first, last: si });
    if (b >= len) break;
    start = b;
  }
  S.pages = pages;
}

// Analysis runs in the worker while the text is already readable; a newer
// analysis (another document opened meanwhile) makes an older result stale.
let generation = 0;

function setAnalysing(text) {
  document.body.dataset.analysing = text ? 'true' : 'false';
  $('analysing').hidden = !text;
  $('analysing-text').textContent = text || '';
  $('btn-export-text').disabled = !!text || !S.hash;
  $('btn-export-json').disabled = !!text || !S.hash;
  if (S.hash && !current()) renderPanel();
}

/** Analyses S.text; resolves to the time taken, or null when superseded. */
async function analyze() {
  const gen = ++generation;
  const t0 = performance.now();
  const words = S.dict.slice();
  // About 1.5 s per MB in Chromium on a 2-core machine.
  const estimate = S.bytes > LARGE_BYTES ? ` — about ${Math.ceil((S.bytes / 1048576) * 1.5 / 5) * 5} s; you can read meanwhile` : '';
  setAnalysing(`Analysing ${fmtBytes(S.bytes)}${estimate}…`);
  try {
    const r = await callWorker('analyze', { text: S.text, words, lineEnds: S.lineEnds });
    if (gen !== generation) return null;
    workerDoc = S.hash;
    S.analyzedWith = new Set(words.map((w) => w.toLowerCase()));
    buildSuggestions(r);
    buildPages();
    return performance.now() - t0;
  } finally {
    if (gen === generation) setAnalysing('');
  }
}

async function reanalyze() {
  const curKey = current()?.key;
  if ((await analyze()) === null) return;
  S.cur = curKey && S.byKey.has(curKey) ? S.byKey.get(curKey) : -1;
  S.page = S.cur >= 0 ? pageOf(S.cur) : 0;
  renderPage();
  refresh();
}

async function openText(name, text, bytes) {
  const hash = await hashText(text);
  try {
    const existing = await store.get(`meta:${hash}`);
    if (!existing) {
      await store.put(`doc:${hash}`, { name, text, bytes });
    }
    await store.put(`meta:${hash}`, { name, bytes, openedAt: Date.now() });
    await store.put('current', hash);
  } catch (e) {
    // Reviewing without saving would lose work: say so instead.
    await message('Cannot keep this document', `The browser refused to store “${name}” (${fmtBytes(bytes)}): ${e && e.message ? e.message : e}. Forget documents you no longer need (× in the Continue list) and try again.`);
    return;
  }
  await loadSession(hash, { name, text, bytes });
}

/**
 * A document's decisions, undo and redo steps and place, as stored: bucket,
 * history and session records (version 2), or version 1's single state
 * record, which is then migrated (`migrate`).
 */
async function restoreState(hash) {
  const { session, legacy, decisions, history } = await store.readDocState(hash);
  if (!session && legacy) {
    // Version 1: {decisions, undo, redo, cur}; the redo stack's last step is
    // the next one to redo, so it gets the seq after the undo steps.
    const undo = legacy.undo || [];
    const redo = legacy.redo || [];
    undo.forEach((op, i) => { op.seq = i + 1; });
    redo.forEach((op, i) => { op.seq = undo.length + redo.length - i; });
    return { decisions: legacy.decisions || {}, undo, redo, seq: undo.length + redo.length, cur: legacy.cur || null, migrate: true };
  }
  const head = session ? session.head : 0;
  const undo = history.filter((op) => op.seq <= head);
  const redo = history.filter((op) => op.seq > head).reverse();
  return {
    decisions: decisions.reduce((all, bucket) => Object.assign(all, bucket), {}),
    undo, redo,
    seq: Math.max(head, ...history.map((op) => op.seq)),
    cur: session ? session.cur : null,
  };
}

/** Writes S (just restored from a version 1 record) as version 2 records, in one transaction. */
function migrateState(hash, cur) {
  saveBuckets([...S.buckets.keys()]);
  for (const op of [...S.undo, ...S.redo]) store.stage(['put', 'history', [hash, op.seq], op]);
  store.stage(['put', 'kv', `session:${hash}`, { v: 2, head: headSeq(), cur, decided: S.decided, savedAt: Date.now() }]);
  store.stage(['del', 'kv', `state:${hash}`]);
}

/** Opens a stored document (`doc` saves reading back what was just stored). */
async function loadSession(hash, doc = null) {
  doc = doc || (await store.get(`doc:${hash}`));
  if (!doc) return false;
  const state = await restoreState(hash);
  document.body.dataset.ready = 'false';
  Object.assign(S, {
    hash, name: doc.name, text: doc.text, bytes: doc.bytes,
    decisions: state.decisions, undo: state.undo, redo: state.redo, seq: state.seq,
    cur: -1, page: 0, lastAction: '', sugg: [], byKey: new Map(),
  });
  indexDecisions();
  if (state.migrate) migrateState(hash, state.cur);
  // Show the text at once; suggestions follow when the worker is done.
  buildPages();
  showReview();
  refresh();
  let ms;
  try {
    ms = await analyze();
  } catch (e) {
    await message('Analysis failed', e.message);
    showStart();
    return false;
  }
  if (ms === null) return false;
  const at = state.cur && S.byKey.has(state.cur) ? S.byKey.get(state.cur) : -1;
  showReview();
  if (at >= 0) go(at); else { S.cur = -1; S.page = 0; renderPage(); nextPending(); }
  refresh();
  document.body.dataset.ready = 'true';
  toast(`${S.sugg.length.toLocaleString()} suggestions in ${(ms / 1000).toFixed(2)} s`);
  return true;
}

async function openBytes(name, buffer) {
  const bytes = buffer.byteLength;
  if (bytes === 0) {
    await message('Empty file', `“${name}” is empty: there is nothing to review.`);
    return;
  }
  if (bytes > MAX_BYTES) {
    await message('File too large', `“${name}” is ${fmtBytes(bytes)}; ocrmend in the browser handles up to ${fmtBytes(MAX_BYTES)}. Split it, or use the command line (ocrmend repair).`);
    return;
  }
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buffer);
  } catch {
    const choice = await message(
      'Not UTF-8 text',
      `“${name}” is not valid UTF-8 (is it another encoding, or not a text file?). You can load it anyway: every invalid byte becomes the replacement character �, and the export will contain those characters instead of the original bytes.`,
      [{ label: 'Load with replacement characters', value: 'lossy', primary: true }, { label: 'Cancel', value: 'cancel' }],
    );
    if (choice !== 'lossy') return;
    text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(buffer);
  }
  if (/^\s*$/.test(text)) {
    await message('Nothing to review', `“${name}” contains only whitespace.`);
    return;
  }
  await openText(name, text, bytes);
}

async function openFile(file) {
  if (file.size > MAX_BYTES) {
    await message('File too large', `“${file.name}” is ${fmtBytes(file.size)}; the browser UI handles up to ${fmtBytes(MAX_BYTES)}.`);
    return;
  }
  await openBytes(file.name, await file.arrayBuffer());
}

// ---------------------------------------------------------------- rendering

function showStart() {
  $('start').hidden = false;
  $('review').hidden = true;
  $('progress').hidden = true;
  $('docname').textContent = '';
  $('btn-export-text').disabled = true;
  $('btn-export-json').disabled = true;
  document.body.dataset.view = 'start';
  renderRecent();
}

function showReview() {
  $('start').hidden = true;
  $('review').hidden = false;
  $('progress').hidden = false;
  $('docname').textContent = S.name;
  document.title = `${S.name} — ocrmend`;
  $('reader').focus({ preventScroll: true });
  $('docname').title = `${S.name} — ${fmtBytes(S.bytes)}`;
  document.body.dataset.view = 'review';
  renderLegend();
}

function confClass(c) {
  return c >= 0.85 ? 'c3' : c >= 0.6 ? 'c2' : 'c1';
}

function renderPage() {
  const page = S.pages[S.page];
  if (!page) { $('text').replaceChildren(); return; }
  const { text } = S;
  const parts = [];
  let pos = page.start;
  for (let i = page.first; i < page.last; i++) {
    const s = S.sugg[i];
    if (s.start < pos) continue; // defensive: never draw overlapping marks
    parts.push(esc(text.slice(pos, s.start)));
    pos = s.end;
    const st = statusOf(s);
    if (st === 'dictionary') { parts.push(esc(s.orig)); continue; }
    const shown = shownText(s);
    const content = shown === '' ? '<span class="empty"></span>' : esc(shown);
    const title = `${KIND_LABELS[s.kind] || s.kind}, ${pct(s.conf)}: ${s.orig} → ${s.repl}`;
    parts.push(`<mark class="s k-${s.kind} ${confClass(s.conf)} st-${st}${hiddenKinds.has(s.kind) ? ' off' : ''}${i === S.cur ? ' cur' : ''}" data-i="${i}" title="${esc(title)}">${content}</mark>`);
  }
  parts.push(esc(text.slice(pos, page.end)));
  $('text').innerHTML = parts.join('');
  renderPager();
}

function renderPager() {
  const n = S.pages.length;
  for (const id of ['pager-top', 'pager-bottom']) {
    const el = $(id);
    el.hidden = n <= 1;
    el.innerHTML = `<button data-page="${S.page - 1}" ${S.page === 0 ? 'disabled' : ''}>‹ Previous page <kbd>[</kbd></button>
      <span>Page ${S.page + 1} of ${n}</span>
      <button data-page="${S.page + 1}" ${S.page >= n - 1 ? 'disabled' : ''}>Next page <kbd>]</kbd> ›</button>`;
  }
}

function markCurrent() {
  const root = $('text');
  root.querySelector('mark.cur')?.classList.remove('cur');
  root.querySelector(`mark[data-i="${S.cur}"]`)?.classList.add('cur');
}

function counts() {
  let pending = 0; let accepted = 0; let rejected = 0;
  for (const s of S.sugg) {
    const st = statusOf(s);
    if (st === 'pending') pending++; else if (st === 'accepted') accepted++; else if (st === 'rejected') rejected++;
  }
  return { pending, accepted, rejected, total: pending + accepted + rejected };
}

function renderProgress() {
  const c = counts();
  $('n-pending').textContent = c.pending.toLocaleString();
  $('n-accepted').textContent = c.accepted.toLocaleString();
  $('n-rejected').textContent = c.rejected.toLocaleString();
  const total = Math.max(c.total, 1);
  $('bar-accepted').style.width = `${(100 * c.accepted) / total}%`;
  $('bar-rejected').style.width = `${(100 * c.rejected) / total}%`;
  $('progress').title = `${c.accepted + c.rejected} of ${c.total} reviewed`;
  const th = Number($('threshold').value);
  $('threshold-out').textContent = pct(th);
  const above = batchCandidates(th).length;
  $('btn-accept-above').textContent = `Accept ${above.toLocaleString()} pending at ≥ ${pct(th)}${hiddenKinds.size ? ' (shown kinds)' : ''}`;
  $('btn-accept-above').disabled = above === 0;
}

function renderPanel() {
  const s = current();
  const panel = $('current');
  panel.classList.toggle('none', !s);
  if (!s) {
    $('cur-kind').textContent = '';
    $('cur-pos').textContent = S.sugg.length ? 'Nothing selected'
      : document.body.dataset.analysing === 'true' ? 'Analysing… suggestions appear here shortly' : 'No suggestions for this document';
    $('cur-status').textContent = '';
    $('cur-orig').textContent = '';
    $('cur-repl').textContent = '';
    $('cur-alts').replaceChildren();
    for (const id of ['btn-accept', 'btn-reject', 'btn-accept-same', 'btn-reject-same', 'btn-dict']) $(id).disabled = true;
    renderUndo();
    return;
  }
  const st = statusOf(s);
  const d = S.decisions[s.key];
  $('cur-kind').textContent = KIND_LABELS[s.kind] || s.kind;
  $('cur-kind').className = `kind-badge k-${s.kind}`;
  $('cur-pos').textContent = `${(s.i + 1).toLocaleString()} of ${S.sugg.length.toLocaleString()}`;
  $('cur-status').textContent = st === 'accepted' && d.r !== s.repl ? 'accepted (own fix)' : st;
  $('cur-status').className = `status-badge st-${st}`;
  $('cur-orig').textContent = visible(s.orig);
  $('cur-repl').textContent = s.flag ? 'no reading proposed' : visible(st === 'accepted' ? d.r : s.repl);
  $('cur-repl').classList.toggle('flag', s.flag && st !== 'accepted');
  $('cur-conf').textContent = `${pct(s.conf)} confident`;
  $('cur-conf-bar').style.width = pct(s.conf);
  $('btn-accept').disabled = false;
  $('btn-reject').disabled = false;
  $('btn-accept').firstChild.textContent = s.flag ? 'Keep as is ' : 'Accept ';
  const alts = $('cur-alts');
  alts.replaceChildren();
  const options = s.flag ? s.alts : [{ r: s.repl, c: s.conf }, ...s.alts];
  options.slice(0, 9).forEach((a, k) => {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.className = 'alt';
    b.dataset.alt = String(k);
    b.innerHTML = `<kbd>${k + 1}</kbd> <span class="alt-text"></span> <span class="alt-conf">${pct(a.c)}</span>`;
    b.querySelector('.alt-text').textContent = visible(a.r);
    if (st === 'accepted' && d.r === a.r) b.classList.add('chosen');
    b.onclick = () => accept(a.r);
    li.append(b);
    alts.append(li);
  });
  $('cur-alts').parentElement.hidden = options.length === 0;
  const input = $('custom-input');
  if (document.activeElement !== input) {
    const want = st === 'accepted' ? d.r : s.repl;
    input.value = want;
    input.dataset.full = input.value === want ? '' : want;
  }
  const same = sameFix(s).length;
  $('btn-accept-same').textContent = `Accept all ${same} × ${visible(s.orig)} → ${visible(s.repl)}`;
  $('btn-reject-same').textContent = `Reject all ${same}`;
  $('btn-accept-same').disabled = s.flag || same === 0;
  $('btn-reject-same').disabled = same === 0;
  const word = isWordLike(s.orig) && dictWord(s.orig) !== '';
  $('btn-dict').textContent = word ? `Add “${dictWord(s.orig)}” to dictionary` : 'Add to dictionary (single words only)';
  $('btn-dict').disabled = !word;
  renderUndo();
}

function renderUndo() {
  $('btn-undo').disabled = S.undo.length === 0;
  $('btn-redo').disabled = S.redo.length === 0;
  $('last-action').textContent = S.lastAction;
}

function renderLegend() {
  const byKind = {};
  for (const s of S.sugg) if (statusOf(s) !== 'dictionary') byKind[s.kind] = (byKind[s.kind] || 0) + 1;
  const ul = $('legend');
  ul.replaceChildren();
  for (const kind of S.kindNames) {
    const li = document.createElement('li');
    li.innerHTML = `<button class="legend-item" aria-pressed="${!hiddenKinds.has(kind)}" title="Show or skip this kind"><span class="swatch k-${kind}"></span><span class="legend-name"></span><span class="legend-count">${(byKind[kind] || 0).toLocaleString()}</span></button>`;
    li.querySelector('.legend-name').textContent = KIND_LABELS[kind] || kind;
    li.querySelector('button').onclick = () => toggleKind(kind);
    ul.append(li);
  }
}

function renderDict() {
  $('dict-count').textContent = `(${S.dict.length})`;
  const box = $('dict-words');
  box.textContent = S.dict.length ? S.dict.slice(-30).join(', ') + (S.dict.length > 30 ? ', …' : '') : 'No words yet. Press d on a flagged word to add it.';
}

function refresh() {
  if (!S.hash) return;
  renderPage();
  renderPanel();
  renderProgress();
  renderLegend();
  renderDict();
}

async function renderRecent() {
  const all = (await store.keys()).filter((k) => String(k).startsWith('meta:'));
  // Decisions are counted in the session record, or in a version 1 state
  // record not yet migrated (the document has not been opened since).
  const decidedIn = async (hash) => (await store.get(`session:${hash}`))?.decided
    ?? Object.keys((await store.get(`state:${hash}`))?.decisions || {}).length;
  const metas = (await Promise.all(all.map(async (k) => [k.slice(5), await store.get(k), await decidedIn(k.slice(5))])))
    .filter(([, m]) => m).sort((a, b) => b[1].openedAt - a[1].openedAt).slice(0, 8);
  $('recent-wrap').hidden = metas.length === 0;
  const ul = $('recent');
  ul.replaceChildren();
  for (const [hash, m, decided] of metas) {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.className = 'sample';
    b.innerHTML = '<span class="sample-name"></span><span class="muted"></span>';
    b.firstChild.textContent = m.name;
    b.lastChild.textContent = `${decided.toLocaleString()} decision${decided === 1 ? '' : 's'} · ${fmtBytes(m.bytes)}`;
    b.onclick = async () => { await store.put('current', hash); await loadSession(hash); };
    const forget = document.createElement('button');
    forget.className = 'forget';
    forget.textContent = '×';
    forget.title = `Forget ${m.name} and its decisions`;
    forget.onclick = async () => {
      const sure = await message('Forget this document?', `“${m.name}” and every decision made on it will be removed from this browser. Export first if you need them.`,
        [{ label: 'Forget', value: true, primary: true }, { label: 'Cancel', value: false }]);
      if (!sure) return;
      await store.write([
        ['del', 'kv', `doc:${hash}`], ['del', 'kv', `meta:${hash}`], ['del', 'kv', `session:${hash}`],
        ['del', 'kv', `state:${hash}`], ['clear', 'decisions', hash], ['clear', 'history', hash],
      ]);
      if ((await store.get('current')) === hash) await store.del('current');
      if (S.hash === hash) S.hash = null;
      renderRecent();
    };
    li.className = 'recent-item';
    li.append(b, forget);
    ul.append(li);
  }
}

async function renderSamples() {
  const ul = $('samples');
  try {
    const res = await fetch('pkg/samples.json');
    if (!res.ok) throw new Error(res.statusText);
    const samples = await res.json();
    ul.replaceChildren();
    for (const s of samples) {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.className = 'sample';
      b.dataset.sample = s.name;
      b.innerHTML = '<span class="sample-name"></span><span class="muted"></span>';
      b.firstChild.textContent = s.name;
      b.lastChild.textContent = fmtBytes(s.bytes);
      b.onclick = async () => {
        busy(`Loading ${s.name}…`);
        const r = await fetch(`pkg/samples/${encodeURIComponent(s.name)}`);
        busy('');
        await openBytes(s.name, await r.arrayBuffer());
      };
      li.append(b);
      ul.append(li);
    }
  } catch (e) {
    ul.innerHTML = '<li class="muted">No samples found (run scripts/build-web).</li>';
  }
}

// ------------------------------------------------------------------- export

async function exportText() {
  const indices = [];
  const replacements = [];
  for (const s of S.sugg) {
    const d = S.decisions[s.key];
    if (statusOf(s) === 'accepted' && d.r !== s.orig) { indices.push(s.i); replacements.push(d.r); }
  }
  try {
    // The worker lost the document (it was restarted): analyse again first;
    // decisions are keyed by span, so they carry over.
    if (workerDoc !== S.hash) {
      if ((await analyze()) === null) return;
      refresh();
      return exportText();
    }
    const text = await callWorker('apply', { indices, replacements });
    const dot = S.name.lastIndexOf('.');
    const base = dot > 0 ? S.name.slice(0, dot) : S.name;
    download(`${base}.corrected${dot > 0 ? S.name.slice(dot) : '.txt'}`, text, 'text/plain;charset=utf-8');
    toast(`Exported with ${indices.length} change${indices.length === 1 ? '' : 's'}`);
  } catch (e) {
    await message('Export failed', e.message);
  }
}

function exportJson() {
  const decisions = S.sugg.map((s) => {
    const d = S.decisions[s.key];
    return {
      index: s.i, start_utf16: s.start, end_utf16: s.end, kind: s.kind, confidence: s.conf,
      original: s.orig, suggested: s.repl,
      alternatives: s.alts.map((a) => ({ replacement: a.r, confidence: a.c })),
      status: statusOf(s),
      replacement: d && d.s === 'accepted' ? d.r : null,
    };
  });
  const out = {
    document: { name: S.name, sha256_prefix: S.hash, bytes: S.bytes, utf16_length: S.text.length },
    offsets: 'UTF-16 code units into the document text (JavaScript string indices)',
    counts: counts(), dictionary: S.dict, decisions,
  };
  const dot = S.name.lastIndexOf('.');
  download(`${dot > 0 ? S.name.slice(0, dot) : S.name}.decisions.json`, JSON.stringify(out, null, 2), 'application/json');
}

// ------------------------------------------------------------------- events

function typing(e) {
  const t = e.target;
  // (A focused select takes letter keys to pick an option.)
  return t instanceof HTMLElement && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
}

function onKey(e) {
  if (!$('message').hidden) return;
  if (!$('help').hidden) {
    if (e.key === 'Escape' || e.key === '?') { $('help').hidden = true; e.preventDefault(); }
    return;
  }
  if (typing(e)) {
    if (e.key === 'Escape' && e.target.id === 'custom-input') { e.target.blur(); renderPanel(); e.preventDefault(); }
    return;
  }
  if (e.key === '?') { $('help').hidden = false; e.preventDefault(); return; }
  if (document.body.dataset.view !== 'review') return;
  const ctrl = e.ctrlKey || e.metaKey;
  if (ctrl && (e.key === 'z' || e.key === 'Z')) { if (e.shiftKey) redo(); else undo(); e.preventDefault(); return; }
  if (ctrl && (e.key === 'y' || e.key === 'Y')) { redo(); e.preventDefault(); return; }
  if (ctrl || e.altKey) return;
  const keys = {
    j: next, n: next, k: prev, p: prev,
    '.': () => step(1, true), ',': () => step(-1, true),
    a: () => accept(), Enter: () => accept(),
    r: reject, x: reject,
    A: () => decideSame('accepted'), R: () => decideSame('rejected'),
    d: addToDict, u: undo, U: redo,
    e: () => { const i = $('custom-input'); i.focus(); i.select(); },
    '[': () => goPage(S.page - 1), ']': () => goPage(S.page + 1),
  };
  if (/^[1-9]$/.test(e.key)) {
    const b = $('cur-alts').querySelector(`button[data-alt="${Number(e.key) - 1}"]`);
    if (b) b.click();
    e.preventDefault();
    return;
  }
  const fn = keys[e.key];
  if (fn) { fn(); e.preventDefault(); }
}

function wire() {
  document.addEventListener('keydown', onKey);
  // After a click on a panel button, arrow keys and Page Down scroll the text again.
  $('panel').addEventListener('click', (e) => {
    if (e.target.closest('button')) $('reader').focus({ preventScroll: true });
  });
  $('text').addEventListener('click', (e) => {
    const m = e.target.closest('mark[data-i]');
    if (m) go(Number(m.dataset.i), false);
  });
  for (const id of ['pager-top', 'pager-bottom']) {
    $(id).addEventListener('click', (e) => {
      const b = e.target.closest('button[data-page]');
      if (b) goPage(Number(b.dataset.page));
    });
  }
  $('btn-accept').onclick = () => accept();
  $('btn-reject').onclick = reject;
  $('btn-accept-same').onclick = () => decideSame('accepted');
  $('btn-reject-same').onclick = () => decideSame('rejected');
  $('btn-dict').onclick = addToDict;
  $('btn-next').onclick = next;
  $('btn-prev').onclick = prev;
  $('btn-next-pending').onclick = () => step(1, true);
  $('btn-undo').onclick = undo;
  $('btn-redo').onclick = redo;
  $('btn-accept-above').onclick = acceptAbove;
  $('threshold').oninput = renderProgress;
  // Another convention brings other suggestions; decisions on the spans
  // both share stay.
  $('line-ends').onchange = async (e) => {
    S.lineEnds = e.target.value;
    await store.put('lineEnds', S.lineEnds);
    if (S.hash) await reanalyze();
  };
  $('custom-form').onsubmit = (e) => {
    e.preventDefault();
    const input = $('custom-input');
    // An <input> drops line breaks: an untouched value stands for the full
    // replacement (say, a rejoined hyphenation ending in a line break).
    const full = input.dataset.full;
    const v = full && input.value === full.replace(/[\r\n]/g, '') ? full : input.value;
    input.blur();
    accept(v);
  };
  $('btn-help').onclick = () => { $('help').hidden = false; };
  $('btn-help-close').onclick = () => { $('help').hidden = true; };
  $('help').onclick = (e) => { if (e.target === $('help')) $('help').hidden = true; };
  $('btn-open').onclick = showStart;
  $('btn-export-text').onclick = exportText;
  $('btn-export-json').onclick = exportJson;
  $('btn-dict-export').onclick = () => download('ocrmend-words.txt', `# ocrmend user dictionary\n${S.dict.join('\n')}\n`, 'text/plain;charset=utf-8');
  $('dict-import').onchange = async (e) => {
    const f = e.target.files[0];
    e.target.value = '';
    if (f) await importDict(f);
  };
  $('file-input').onchange = async (e) => {
    const f = e.target.files[0];
    e.target.value = '';
    if (f) await openFile(f);
  };
  $('btn-paste').onclick = async () => {
    const text = $('paste-text').value;
    if (!text.trim()) { await message('Nothing to review', 'Paste some text first.'); return; }
    await openText(`pasted-${new Date().toISOString().slice(0, 19).replace(/[T:]/g, '-')}.txt`, text, new TextEncoder().encode(text).length);
  };
  // Drag and drop anywhere on the page.
  const drop = $('drop');
  document.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  document.addEventListener('dragleave', (e) => { if (!e.relatedTarget) drop.classList.remove('over'); });
  document.addEventListener('drop', async (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const f = e.dataTransfer.files[0];
    if (f) await openFile(f);
  });
  // Paste on the start screen opens the pasted text directly.
  document.addEventListener('paste', async (e) => {
    if (document.body.dataset.view !== 'start' || typing(e)) return;
    const text = e.clipboardData.getData('text/plain');
    if (text.trim()) {
      e.preventDefault();
      await openText('pasted.txt', text, new TextEncoder().encode(text).length);
    }
  });
}

async function main() {
  wire();
  renderSamples();
  setDict((await store.get('dictionary')) || []);
  S.lineEnds = (await store.get('lineEnds')) || 'auto';
  $('line-ends').value = S.lineEnds;
  // `ocrmend serve FILE` offers FILE once per tab; a reload resumes instead.
  if (!sessionStorage.getItem('ocrmend-preload-done')) {
    sessionStorage.setItem('ocrmend-preload-done', '1');
    try {
      const res = await fetch('api/preload');
      if (res.ok) {
        const name = decodeURIComponent(res.headers.get('x-ocrmend-name') || 'document.txt');
        await openBytes(name, await res.arrayBuffer());
        if (S.hash) return;
      }
    } catch { /* a static server has no preload */ }
  }
  const hash = await store.get('current');
  if (hash && (await loadSession(hash))) return;
  showStart();
}

window.addEventListener('unhandledrejection', (e) => {
  toast(`Something failed: ${e.reason && e.reason.message ? e.reason.message : e.reason}`);
});

main().catch((e) => message('ocrmend failed to start', String(e && e.message ? e.message : e)));
