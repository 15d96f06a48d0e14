// Persistence: IndexedDB (database `ocrmend`, version 2), with a write-ahead
// journal in localStorage for the writes IndexedDB has not confirmed yet.
//
// Object stores and keys:
//   kv         'current'           -> hash of the open document
//              'dictionary'        -> array of the user's words
//              'doc:<hash>'        -> {name, text, bytes}            (written once)
//              'meta:<hash>'       -> {name, bytes, openedAt}
//              'session:<hash>'    -> {v: 2, head, cur, decided, savedAt}
//              'state:<hash>'      -> version 1's whole state {decisions, undo, redo, cur};
//                                     app.js migrates it on opening the document, then deletes it
//   decisions  [hash, bucket]      -> {'start:end': {s, r}, ...}   the decisions on
//                                     suggestions starting in one stretch of the text
//   history    [hash, seq]         -> op       the undo and redo steps: seq <= head are done
//
// Writes are staged as small operations (`stage`) and everything one task
// staged goes out in ONE readwrite transaction, at the end of that task (a
// microtask), committed at once with `commit()` (in Chromium, a large write
// left to auto-commit just before a reload was lost in some tries; with
// `commit()`, in none). Every such transaction has
// the same scope (all three stores), and IndexedDB runs readwrite
// transactions with overlapping scopes in the order they were created, so
// writes land in the order they were made: an older write can never finish
// after, and overwrite, a newer one.
//
// IndexedDB alone does not make a write safe the moment it is made: a
// transaction still waiting for an earlier one (a large write of this tab or
// another tab) is dropped when the page goes away, reload included. So before
// its transaction is created, each batch is also appended, synchronously, to
// a journal in localStorage (one key per batch) and removed from it once the
// transaction completes. The next start replays what is left, in order,
// before anything is read. The operations are plain puts and deletes of
// whole records, and what is left is always the newest batches (a batch
// leaves the journal only with all before it), so replaying some that did
// land before those that did not ends in the state the page had.

const DB_NAME = 'ocrmend';
const VERSION = 2;
const STORES = ['kv', 'decisions', 'history'];
const JOURNAL = 'ocrmend-journal:';
// This page's journal keys sort after every earlier page's and among
// themselves in the order written.
const TAB = `${Date.now().toString(36).padStart(9, '0')}${Math.random().toString(36).slice(2, 8)}`;

let db = null;
let dbPromise = null;
let reportError = (e) => console.error(e);
export function onError(fn) { reportError = fn; }

// All the records of one document in `decisions` or `history`.
const docRange = (hash) => IDBKeyRange.bound([hash], [hash, []]);

function applyOps(tx, ops) {
  for (const [op, store, key, value] of ops) {
    const s = tx.objectStore(store);
    if (op === 'put') s.put(value, key);
    else if (op === 'del') s.delete(key);
    else if (op === 'clear') s.delete(docRange(key)); // key: a document hash
    else throw new Error(`unknown store operation ${op}`);
  }
}

// ------------------------------------------------------------------ journal

let journalSeq = 0;
const unconfirmed = []; // this page's journal keys whose transaction has not completed

function journalAppend(ops) {
  const key = `${JOURNAL}${TAB}:${String(++journalSeq).padStart(10, '0')}`;
  try {
    localStorage.setItem(key, JSON.stringify(ops));
  } catch (e) {
    // Over localStorage's quota (a batch of many thousand decisions in a huge
    // document) or no localStorage: IndexedDB still gets the write.
    console.warn('ocrmend: write not journalled:', e);
    return null;
  }
  unconfirmed.push(key);
  return key;
}

// Transactions complete in the order they were created: when one is done,
// so are all before it.
function journalConfirm(key) {
  if (key === null || !unconfirmed.includes(key)) return;
  for (;;) {
    const k = unconfirmed.shift();
    try { localStorage.removeItem(k); } catch { /* nothing to do */ }
    if (k === key) break;
  }
}

function journalLeftovers() {
  const keys = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k && k.startsWith(JOURNAL) && !k.startsWith(`${JOURNAL}${TAB}:`)) keys.push(k);
    }
  } catch { /* no localStorage */ }
  return keys.sort();
}

// Replays what earlier pages journalled but may not have written. Called
// before the database is handed out, so every later transaction (reads
// included) comes after it.
function replayJournal(conn) {
  const keys = journalLeftovers();
  if (!keys.length) return;
  const tx = conn.transaction(STORES, 'readwrite', { durability: 'strict' });
  // Dropped either way: kept after a failure, they would later be replayed
  // over newer writes.
  const drop = () => { for (const k of keys) localStorage.removeItem(k); };
  tx.oncomplete = drop;
  tx.onabort = () => { drop(); reportError(new Error(`could not restore unsaved changes: ${tx.error ? tx.error.message : 'aborted'}`)); };
  try {
    for (const k of keys) {
      let ops = null;
      try { ops = JSON.parse(localStorage.getItem(k)); } catch { /* torn entry: skip */ }
      if (Array.isArray(ops)) applyOps(tx, ops);
    }
  } catch (e) {
    tx.abort();
    return;
  }
  tx.commit?.();
}

// ------------------------------------------------------------------- opening

function open() {
  if (!dbPromise) {
    dbPromise = new Promise((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, VERSION);
      req.onupgradeneeded = (e) => {
        const conn = req.result;
        if (e.oldVersion < 1) conn.createObjectStore('kv');
        if (e.oldVersion < 2) {
          conn.createObjectStore('decisions');
          conn.createObjectStore('history');
        }
      };
      req.onblocked = () => reportError(new Error('another ocrmend tab holds an older version of the saved data: close it to continue'));
      req.onsuccess = () => {
        const conn = req.result;
        // A newer version in another tab needs this connection closed.
        conn.onversionchange = () => {
          conn.close();
          db = null;
          dbPromise = null;
          reportError(new Error('ocrmend was updated in another tab: reload this one'));
        };
        try { replayJournal(conn); } catch (e) { reportError(e); }
        db = conn;
        for (const [ops, key, done] of backlog.splice(0)) run(ops, key, done);
        resolve(conn);
      };
      req.onerror = () => reject(req.error);
    });
  }
  return dbPromise;
}

function request(mode, stores, fn) {
  return open().then((conn) => new Promise((resolve, reject) => {
    const tx = conn.transaction(stores, mode, { durability: 'strict' });
    const result = fn(tx);
    tx.oncomplete = () => resolve(typeof result === 'function' ? result() : undefined);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error('transaction aborted'));
    if (mode === 'readwrite') tx.commit?.();
  }));
}

// Resolves to a getter of a request's result, read once the transaction is done.
function result(req) { let v; req.onsuccess = () => { v = req.result; }; return () => v; }

export const get = (key) => request('readonly', 'kv', (tx) => result(tx.objectStore('kv').get(key)));
export const keys = () => request('readonly', 'kv', (tx) => result(tx.objectStore('kv').getAllKeys()));
// Direct writes, awaited by the caller (storing a new document).
export const put = (key, value) => request('readwrite', 'kv', (tx) => { tx.objectStore('kv').put(value, key); });
export const del = (key) => request('readwrite', 'kv', (tx) => { tx.objectStore('kv').delete(key); });

/**
 * Everything kept about one document, read in one transaction:
 * {session, legacy, decisions: [bucket record...], history: [op...] (by seq)}.
 */
export function readDocState(hash) {
  return request('readonly', STORES, (tx) => {
    const kv = tx.objectStore('kv');
    const session = result(kv.get(`session:${hash}`));
    const legacy = result(kv.get(`state:${hash}`));
    const decisions = result(tx.objectStore('decisions').getAll(docRange(hash)));
    const history = result(tx.objectStore('history').getAll(docRange(hash)));
    return () => ({
      session: session() || null,
      legacy: legacy() || null,
      decisions: decisions(),
      history: history(),
    });
  });
}

// ------------------------------------------------------------------- writing

let staged = [];
let scheduled = false;
const backlog = []; // batches made before the database was open

/**
 * Stages writes: ['put', store, key, value], ['del', store, key], or
 * ['clear', 'decisions' | 'history', hash]. Values must survive JSON (they
 * are journalled as JSON). Everything staged in one task is written in one
 * transaction when the task ends.
 */
export function stage(...ops) {
  staged.push(...ops);
  if (!scheduled) {
    scheduled = true;
    queueMicrotask(flush);
  }
}

/** Writes what is staged now; resolves when it is in the database. */
export function flush() {
  scheduled = false;
  if (!staged.length) return Promise.resolve();
  const ops = staged;
  staged = [];
  const key = journalAppend(ops);
  return new Promise((resolve) => {
    const done = (err) => { if (err) reportError(err); resolve(); };
    if (db) run(ops, key, done);
    else { backlog.push([ops, key, done]); open().catch(done); }
  });
}

/** Stages and writes at once; resolves when done. */
export function write(ops) {
  stage(...ops);
  return flush();
}

function run(ops, key, done) {
  let tx;
  try {
    tx = db.transaction(STORES, 'readwrite', { durability: 'strict' });
    applyOps(tx, ops);
  } catch (e) {
    try { tx?.abort(); } catch { /* already finished */ }
    journalConfirm(key);
    done(e);
    return;
  }
  tx.oncomplete = () => { journalConfirm(key); done(); };
  tx.onabort = () => { journalConfirm(key); done(tx.error || new Error('transaction aborted')); };
  tx.commit?.();
}

// Nothing waits for these today (a task's writes go out when it ends), but
// whatever is staged goes out before the page is hidden or left.
addEventListener('pagehide', () => { flush(); });
document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') flush(); });
