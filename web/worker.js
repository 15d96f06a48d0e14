// Runs ocrmend's wasm off the main thread so the page never freezes.
//
// Protocol: the page posts {id, type, ...}; the worker answers {id, ok, result}
// or {id, ok: false, error}. The worker keeps the last analysed Document:
// `apply` names suggestions by their index in that analysis and Rust applies
// the replacements, so no JS offset ever goes back into Rust.
import init, { Document, editKinds, parseWordList, takePanicMessage } from './pkg/ocrmend_wasm.js';

const ready = init();
let doc = null;

const handlers = {
  async analyze({ text, words, lineEnds }) {
    const t0 = performance.now();
    if (doc) { doc.free(); doc = null; }
    doc = new Document(text, words, lineEnds || 'auto');
    const result = {
      count: doc.count(),
      kindNames: editKinds(),
      starts: doc.starts(),
      ends: doc.ends(),
      kinds: doc.kinds(),
      confidences: doc.confidences(),
      originals: doc.originals(),
      replacements: doc.replacements(),
      altOffsets: doc.alternativeOffsets(),
      altReplacements: doc.alternativeReplacements(),
      altConfidences: doc.alternativeConfidences(),
      ms: 0,
    };
    result.ms = performance.now() - t0;
    return result;
  },
  async apply({ indices, replacements }) {
    if (!doc) throw new Error('no document has been analysed');
    return doc.apply(Uint32Array.from(indices), replacements);
  },
  async parseWords({ text }) {
    return parseWordList(text);
  },
};

self.onmessage = async (event) => {
  const { id, type, ...args } = event.data;
  try {
    await ready;
    const result = await handlers[type](args);
    self.postMessage({ id, ok: true, result });
  } catch (err) {
    let error = String(err && err.message ? err.message : err);
    // A Rust panic traps as "unreachable"; its message was kept for us.
    let panic = null;
    try { panic = takePanicMessage(); } catch { /* the module is unusable */ }
    if (panic) {
      error = `internal error: ${panic}`;
      doc = null; // its memory may be inconsistent after the trap
    }
    self.postMessage({ id, ok: false, error, fatal: !!panic });
  }
};
