// Persistence in IndexedDB: one key-value store.
//
// Keys:
//   'current'          -> hash of the open document
//   'dictionary'       -> array of the user's words
//   'doc:<hash>'       -> {name, text, bytes, openedAt}        (written once)
//   'state:<hash>'     -> {decisions, undo, redo, cursor, page, savedAt}
// The text is stored apart from the state so that each decision writes only
// the (small) state record. Every write is its own transaction, awaited, so
// a decision is on disk before the next one is made.

const DB_NAME = 'ocrmend';
const STORE = 'kv';
let dbPromise = null;

function open() {
  if (!dbPromise) {
    dbPromise = new Promise((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  }
  return dbPromise;
}

function request(mode, fn) {
  return open().then((db) => new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode, { durability: 'strict' });
    const req = fn(tx.objectStore(STORE));
    let value;
    req.onsuccess = () => { value = req.result; };
    tx.oncomplete = () => resolve(value);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error('transaction aborted'));
  }));
}

export const get = (key) => request('readonly', (s) => s.get(key));
export const put = (key, value) => request('readwrite', (s) => s.put(value, key));
export const del = (key) => request('readwrite', (s) => s.delete(key));
export const keys = () => request('readonly', (s) => s.getAllKeys());

// Serialises writes of one key: the newest value wins, and no older write can
// land after a newer one.
const pending = new Map();
export function save(key, value) {
  const prev = pending.get(key) || Promise.resolve();
  const next = prev.catch(() => {}).then(() => put(key, value));
  pending.set(key, next);
  return next;
}
