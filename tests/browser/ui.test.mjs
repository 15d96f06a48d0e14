// End-to-end tests of the web UI in Debian's Chromium, driven by
// playwright-core (never downloads a browser), against `ocrmend serve`.
//
// The expected corrected text is computed here, independently of the wasm
// apply path: from the CLI's `ocrmend repair --format json` byte spans, the
// seed's bytes, and the decisions the UI reports.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const BIN = process.env.OCRMEND_BIN || path.join(root, 'target/debug/ocrmend');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARTIFACTS = path.join(here, 'artifacts');
const BIG_SEED = '003_1e6613b8d3b2a88b.txt';
mkdirSync(ARTIFACTS, { recursive: true });
// The review test works on the opening chapters of seed 000, the real scanned
// book (every kind of suggestion occurs in it), cut at a paragraph break: the
// clean web-article seeds have almost nothing to review.
const SEED_NAME = 'seed000-opening.txt';
const SEED = path.join(ARTIFACTS, SEED_NAME);
{
  const book = readFileSync(path.join(root, 'seeds/000_bfe484e0bb546434.txt'), 'utf8');
  writeFileSync(SEED, book.slice(0, book.indexOf('\n\n', 40000) + 2));
}

let server;
let baseUrl;
let browser;

function startServer(file) {
  return new Promise((resolve, reject) => {
    const proc = spawn(BIN, ['serve', '--port', '0', file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`ocrmend serve printed no URL: ${out}`)), 20000);
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) { clearTimeout(timer); resolve({ proc, url: m[0] }); }
    });
    proc.on('error', reject);
    proc.on('exit', (code) => reject(new Error(`ocrmend serve exited with ${code}: ${out}`)));
  });
}

before(async () => {
  ({ proc: server, url: baseUrl } = await startServer(SEED));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  server?.kill();
});

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

/** Waits until the document whose name starts with `name` is open and analysed. */
const opened = (page, name) => page.waitForFunction(
  (n) => document.getElementById('docname').textContent.startsWith(n) && document.body.dataset.ready === 'true',
  name, { timeout: 120000 },
);
const ready = (page, timeout = 60000) => page.waitForSelector('body[data-ready=true]', { state: 'attached', timeout });

async function counts(page) {
  const n = async (id) => Number((await page.locator(id).innerText()).replace(/[^\d]/g, ''));
  return { pending: await n('#n-pending'), accepted: await n('#n-accepted'), rejected: await n('#n-rejected') };
}

/** Index (0-based) of the current suggestion, from the panel's "N of M". */
async function currentIndex(page) {
  const text = await page.locator('#cur-pos').innerText();
  return Number(text.split(' of ')[0].replace(/[^\d]/g, '')) - 1;
}

async function goTo(page, target) {
  for (let guard = 0; guard < 5000; guard++) {
    const cur = await currentIndex(page);
    if (cur === target) return;
    await page.keyboard.press(cur < target ? 'j' : 'k');
  }
  throw new Error(`could not reach suggestion ${target}`);
}

/** Asserts that the state after a reload is the state before it, decisions first. */
function assertRestored(after, before) {
  const set = (state) => new Set(state.decisions.map((d) => JSON.stringify(d)));
  const [was, is] = [set(before), set(after)];
  const lost = [...was].filter((d) => !is.has(d));
  const stale = [...is].filter((d) => !was.has(d));
  assert.ok(!lost.length && !stale.length,
    `${lost.length} of ${was.size} decisions lost (${lost.slice(0, 3).join(' ')}), ${stale.length} stale (${stale.slice(0, 3).join(' ')})`);
  assert.deepEqual(after.decisions, before.decisions, 'every decision survives the reload');
  assert.deepEqual(after.undo, before.undo, 'the undo history survives');
  assert.deepEqual(after.redo, before.redo, 'the redo history survives');
  assert.deepEqual(after.dictionary, before.dictionary);
  assert.equal(after.cur, before.cur, 'the current suggestion survives');
  assert.equal(after.hash, before.hash);
}

async function downloadOf(page, click) {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: dl.suggestedFilename(), text: readFileSync(await dl.path(), 'utf8') };
}

const exportDecisions = async (page) => JSON.parse((await downloadOf(page, () => page.click('#btn-export-json'))).text);

const cliCache = new Map();
function cliEdits(file) {
  if (!cliCache.has(file)) cliCache.set(file, cliEditsUncached(file));
  return cliCache.get(file);
}
function cliEditsUncached(file) {
  const out = execFileSync(BIN, ['repair', '--format', 'json', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return out.split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((m) => m.type === 'edit').map((m) => m.data);
}

test('review a seed: accept, reject, alternative, own fix, undo/redo, batch, dictionary, reload, export', async () => {
  const bytes = readFileSync(SEED);
  const text = bytes.toString('utf8');
  const edits = cliEdits(SEED);
  assert.ok(edits.length >= 50, `the seed should have suggestions (CLI found ${edits.length})`);
  const u16 = (byte) => bytes.subarray(0, byte).toString('utf8').length;

  const { page, errors } = await newPage();
  await page.goto(baseUrl);
  await ready(page); // `ocrmend serve FILE` preloads the seed
  assert.equal(await page.locator('#docname').innerText(), path.basename(SEED));

  // The suggestions the page shows are the CLI's edits, span for span.
  const initial = await exportDecisions(page);
  assert.equal(initial.decisions.length, edits.length);
  initial.decisions.forEach((d, i) => {
    const e = edits[i];
    assert.deepEqual(
      [d.start_utf16, d.end_utf16, d.original, d.suggested, d.kind, Math.fround(d.confidence)],
      [u16(e.span.start), u16(e.span.end), e.original, e.replacement, e.kind, Math.fround(e.confidence)],
      `suggestion ${i}`,
    );
    assert.deepEqual(d.alternatives.map((a) => a.replacement), e.alternatives.map((a) => a.replacement));
  });
  const c0 = await counts(page);
  assert.equal(c0.pending, edits.length);

  // Accept by click, accept by key, reject by key (each moves to the next pending).
  const order = [];
  order.push(await currentIndex(page));
  await page.click('#btn-accept');
  order.push(await currentIndex(page));
  await page.keyboard.press('a');
  order.push(await currentIndex(page));
  await page.keyboard.press('r');
  assert.deepEqual(await counts(page), { pending: c0.pending - 3, accepted: 2, rejected: 1 });
  const cur = await page.locator('mark.s.st-accepted').count();
  assert.ok(cur >= 1, 'accepted marks are drawn');

  // Clicking a highlight makes it current.
  const other = page.locator('mark.s:not(.cur)').last();
  const otherIndex = Number(await other.getAttribute('data-i'));
  await other.click();
  assert.equal(await currentIndex(page), otherIndex);

  // Pick an alternative (key 2 = first alternative) on a pending suggestion that has one.
  const withAlt = edits.findIndex((e, i) => e.alternatives.length > 0 && !order.includes(i) && e.original !== e.replacement);
  assert.ok(withAlt >= 0, 'seed has a suggestion with alternatives');
  await goTo(page, withAlt);
  await page.keyboard.press('2');
  const picked = edits[withAlt].alternatives[0].replacement;

  // Type an own fix.
  // (A one-line fix for a one-line span, so the line count stays comparable.)
  const own = edits.findIndex((e, i) => i !== withAlt && !order.includes(i) && e.original !== e.replacement && !e.original.includes('\n'));
  await goTo(page, own);
  await page.keyboard.press('e');
  await page.fill('#custom-input', 'OWN-FIX');
  await page.keyboard.press('Enter');
  assert.equal((await counts(page)).accepted, 4);

  // Undo and redo the own fix.
  await page.keyboard.press('u');
  assert.equal((await counts(page)).accepted, 3);
  await page.keyboard.press('Control+z');
  assert.equal((await counts(page)).accepted, 2, 'second undo reverts the alternative');
  await page.keyboard.press('U');
  await page.keyboard.press('Control+Shift+Z');
  assert.equal((await counts(page)).accepted, 4, 'redo brings both back');

  // Accept every occurrence of one fix, as one undo step.
  const used = new Set([...order, withAlt, own]);
  const groups = new Map();
  edits.forEach((e, i) => {
    if (used.has(i) || e.original === e.replacement) return;
    const k = `${e.original}\u0000${e.replacement}`;
    groups.set(k, [...(groups.get(k) || []), i]);
  });
  const [, group] = [...groups].sort((a, b) => b[1].length - a[1].length)[0];
  await goTo(page, group[0]);
  const before = await counts(page);
  await page.keyboard.press('A');
  assert.equal((await counts(page)).accepted, before.accepted + group.length);
  await page.keyboard.press('u');
  assert.deepEqual(await counts(page), before, 'one undo undoes the whole batch');
  await page.keyboard.press('U');
  group.forEach((i) => used.add(i));

  // Add a word to the dictionary: every suggestion for it disappears.
  const dictIdx = edits.findIndex((e, i) => !used.has(i) && /^\S+$/.test(e.original));
  assert.ok(dictIdx >= 0);
  // The dictionary keeps the word without surrounding punctuation.
  const bare = (w) => w.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '').toLowerCase();
  const word = edits[dictIdx].original.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '');
  const sameWord = edits.filter((e, i) => !used.has(i) && /^\S+$/.test(e.original) && bare(e.original) === word.toLowerCase()).length;
  await goTo(page, dictIdx);
  const beforeDict = await counts(page);
  await page.click('#btn-dict');
  assert.equal((await counts(page)).pending, beforeDict.pending - sameWord);
  assert.match(await page.locator('#dict-words').innerText(), new RegExp(word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

  // Screenshots for a person to look at.
  await page.screenshot({ path: path.join(ARTIFACTS, 'review.png') });
  await page.keyboard.press('?');
  await page.screenshot({ path: path.join(ARTIFACTS, 'help.png') });
  await page.keyboard.press('Escape');

  // Reload: the document, every decision and the dictionary are still there.
  const kept = await exportDecisions(page);
  const countsBefore = await counts(page);
  await page.reload();
  await ready(page);
  const reloaded = await exportDecisions(page);
  assert.deepEqual(await counts(page), countsBefore);
  assert.deepEqual(reloaded.dictionary, [word]);
  const live = (d) => d.decisions.filter((x) => x.status !== 'dictionary').map((x) => [x.start_utf16, x.status, x.replacement]);
  assert.deepEqual(live(reloaded), live(kept));
  // Undo history survives too: undoing the dictionary word brings its suggestions back.
  await page.keyboard.press('u');
  await page.waitForFunction((n) => Number(document.getElementById('n-pending').textContent.replace(/\D/g, '')) === n, countsBefore.pending + sameWord);
  await page.keyboard.press('U');

  // Export: the download is the seed with exactly the accepted replacements,
  // applied here to the seed's bytes at the CLI's byte spans.
  const final = await exportDecisions(page);
  const byStart = new Map(edits.map((e) => [u16(e.span.start), e]));
  const chosen = final.decisions
    .filter((d) => d.status === 'accepted' && d.replacement !== d.original)
    .map((d) => ({ e: byStart.get(d.start_utf16), r: d.replacement }))
    .sort((a, b) => a.e.span.start - b.e.span.start);
  assert.ok(chosen.some((c) => c.r === picked), 'the picked alternative is applied');
  assert.ok(chosen.some((c) => c.r === 'OWN-FIX'), 'the typed fix is applied');
  const parts = [];
  let pos = 0;
  for (const { e, r } of chosen) {
    parts.push(bytes.subarray(pos, e.span.start), Buffer.from(r, 'utf8'));
    pos = e.span.end;
  }
  parts.push(bytes.subarray(pos));
  const expected = Buffer.concat(parts).toString('utf8');
  const exported = await downloadOf(page, () => page.click('#btn-export-text'));
  assert.equal(exported.name, SEED_NAME.replace(/\.txt$/, '.corrected.txt'));
  assert.equal(exported.text, expected);
  assert.equal(exported.text.split('\n').length, text.split('\n').length, 'same line structure');
  assert.deepEqual(errors, []);

  // A tab that dies without unloading loses nothing: a new tab finds it all.
  const countsAtCrash = await counts(page);
  const context = page.context();
  await page.close({ runBeforeUnload: false });
  const tab = await context.newPage();
  await tab.goto(baseUrl);
  await ready(tab);
  assert.deepEqual(await counts(tab), countsAtCrash);
  await context.close();
});

test('bad input: not UTF-8 (loadable with replacement characters) and empty files', async () => {
  const { page, errors } = await newPage();
  await page.goto(baseUrl);
  await ready(page);
  await page.click('#btn-open');
  await page.setInputFiles('#file-input', { name: 'latin1.txt', mimeType: 'text/plain', buffer: Buffer.from('caf\xe9 sorne text\n', 'latin1') });
  await page.waitForSelector('#message:not([hidden])');
  assert.match(await page.locator('#message-title').innerText(), /Not UTF-8/);
  await page.click('#message-buttons button.primary');
  await opened(page, 'latin1.txt');
  assert.match(await page.locator('#text').innerText(), /caf\uFFFD sorne/);

  await page.click('#btn-open');
  await page.setInputFiles('#file-input', { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) });
  await page.waitForSelector('#message:not([hidden])');
  assert.match(await page.locator('#message-title').innerText(), /Empty file/);
  await page.click('#message-buttons button');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('paste, drag and drop, CRLF kept on export, dictionary import and export', async () => {
  const { page, errors } = await newPage();
  await page.goto(baseUrl);
  await ready(page);

  // Paste into the text box.
  await page.click('#btn-open');
  await page.click('.paste summary');
  await page.fill('#paste-text', 'Pasted text: sorne of it ofthe kind.\n');
  await page.click('#btn-paste');
  await opened(page, 'pasted-');
  assert.match(await page.locator('#text').innerText(), /Pasted text/);

  // A CRLF file: line endings survive review and export byte for byte.
  const crlf = 'Tbe rnan said sorne thing ofthe past.\r\nWhen l first dealt with it\r\n\r\nthe end.\r\n';
  await page.click('#btn-open');
  await page.setInputFiles('#file-input', { name: 'crlf.txt', mimeType: 'text/plain', buffer: Buffer.from(crlf) });
  await opened(page, 'crlf.txt');
  const pasted = crlf;
  assert.equal((await downloadOf(page, () => page.click('#btn-export-text'))).text, pasted);
  await page.fill('#threshold', '0');
  await page.click('#btn-accept-above');
  const all = await downloadOf(page, () => page.click('#btn-export-text'));
  assert.equal(all.text.split('\r\n').length, pasted.split('\r\n').length, 'CRLF line structure kept');
  assert.doesNotMatch(all.text.replace(/\r\n/g, ''), /[\r\n]/, 'no bare line feeds introduced');

  // Drag and drop a file onto the page.
  await page.click('#btn-open');
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['Dropped text with sorne errors.\n'], 'dropped.txt', { type: 'text/plain' }));
    document.getElementById('drop').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await opened(page, 'dropped.txt');

  // Import a word list, then export it.
  await page.setInputFiles('#dict-import', { name: 'words.txt', mimeType: 'text/plain', buffer: Buffer.from('# names\nKornilov\n\nTrotskywith\n') });
  await page.waitForFunction(() => document.getElementById('dict-count').textContent === '(2)');
  const words = await downloadOf(page, () => page.click('#btn-dict-export'));
  assert.match(words.text, /^Kornilov$/m);
  assert.match(words.text, /^Trotskywith$/m);
  await page.keyboard.press('u');
  await page.waitForFunction(() => document.getElementById('dict-count').textContent === '(0)');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('line ends: a newspaper column keeps its lines, join joins them, and the choice survives a reload', async () => {
  const { page, errors } = await newPage();
  await page.goto(baseUrl);
  await ready(page);
  const column = [
    'The Finance Committee met on the', '31st December, when the report of',
    'the Committee was read and the', 'Council resolved that it be an instruc-',
    'tion to the Works Committee to', 'enquire into tbe circumstances',
    'under which the contractor had', 'been paid, and to report to the',
    'Council at its next meeting.', '',
  ].join('\n');
  await page.click('#btn-open');
  await page.setInputFiles('#file-input', { name: 'column.txt', mimeType: 'text/plain', buffer: Buffer.from(column) });
  await opened(page, 'column.txt');
  const acceptAllAndExport = async () => {
    await page.fill('#threshold', '0');
    await page.click('#btn-accept-above');
    return (await downloadOf(page, () => page.click('#btn-export-text'))).text;
  };
  assert.equal(await page.locator('#line-ends').inputValue(), 'auto');
  assert.match(await acceptAllAndExport(), /an instruc-\ntion to/, 'auto keeps a narrow column\'s lines');

  await page.selectOption('#line-ends', 'join');
  await page.waitForFunction(() => window.ocrmendState().suggestions > 0 && document.body.dataset.ready === 'true');
  assert.match(await acceptAllAndExport(), /an instruction\nto the/, 'join joins the broken word');

  await page.reload();
  await opened(page, 'column.txt');
  assert.equal(await page.locator('#line-ends').inputValue(), 'join', 'the choice survives a reload');
  await page.locator('#panel .line-ends').screenshot({ path: path.join(ARTIFACTS, 'line-ends.png') });
  await page.selectOption('#line-ends', 'auto');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the 1 MB sample opens, stays responsive while analysing, and pages quickly', async () => {
  const { page, errors } = await newPage();
  await page.goto(baseUrl);
  await ready(page);
  await page.click('#btn-open');
  const t0 = Date.now();
  await page.click(`button[data-sample="${BIG_SEED}"]`);
  // The main thread keeps answering while the worker analyses.
  const lag = await page.evaluate(() => new Promise((resolve) => {
    let worst = 0; let last = performance.now(); let n = 0;
    const tick = () => {
      const now = performance.now(); worst = Math.max(worst, now - last); last = now;
      if (++n < 30) requestAnimationFrame(tick); else resolve(worst);
    };
    requestAnimationFrame(tick);
  }));
  await opened(page, BIG_SEED);
  const ms = Date.now() - t0;
  console.log(`# ${BIG_SEED}: reviewable after ${ms} ms; worst frame gap while analysing ${lag.toFixed(0)} ms`);
  assert.ok(lag < 500, `main thread blocked for ${lag} ms`);
  // The goal is 2 s on the 2-core dev machine; the bound leaves room for a
  // busy CI run while still catching a slow-down of the analysis or render.
  assert.ok(ms < 4000, `1 MB document took ${ms} ms to become reviewable`);
  const marks = await page.locator('mark.s').count();
  assert.ok(marks < 2000, 'only one page is rendered');
  const t1 = Date.now();
  await page.keyboard.press(']');
  await page.keyboard.press('.');
  assert.ok(Date.now() - t1 < 2000);
  await page.screenshot({ path: path.join(ARTIFACTS, 'large.png') });
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a burst of decisions on the whole of seed 000, then an immediate reload, loses nothing', async () => {
  const SEED000 = '000_bfe484e0bb546434.txt';
  const bookText = readFileSync(path.join(root, 'seeds', SEED000), 'utf8');
  const { page, errors } = await newPage();
  await page.goto(baseUrl);
  await ready(page);
  await page.click('#btn-open');
  await page.click(`button[data-sample="${SEED000}"]`);
  await opened(page, SEED000);
  const state = () => page.evaluate(() => window.ocrmendState());
  const fresh = await state();
  assert.ok(fresh.suggestions > 8000, `seed 000 has about 9,000 suggestions (${fresh.suggestions})`);
  assert.deepEqual(fresh.decisions, []);

  // A reviewer first accepts the confident suggestions in one batch (the
  // state now holds thousands of decisions and a big undo step), then makes
  // 30 key presses in quick succession: accept, reject, undo, redo, accept
  // every occurrence of a fix, add a word to the dictionary, move on.
  await page.fill('#threshold', '0.9');
  await page.click('#btn-accept-above');
  const batch = (await state()).decisions.length;
  assert.ok(batch > 1000, `the batch accepted thousands (${batch})`);
  const keys = 'a a r a u a r r a u u r a j A r u a a r d a r u U a r a r a'.split(' ');
  assert.equal(keys.length, 30);
  // What the page holds when it goes away is what must come back: a
  // pagehide handler hands it over in sessionStorage, so nothing runs
  // between the last key and the reload.
  await page.evaluate(() => addEventListener('pagehide', () => {
    sessionStorage.setItem('ocrmend-test-before-reload', JSON.stringify(window.ocrmendState()));
  }));
  // Sent without waiting for each to be handled, as a fast typist's keys
  // queue up in the browser: they arrive in order, while earlier writes are
  // still under way.
  await Promise.all(keys.map((key) => page.keyboard.press(key)));
  await page.reload(); // no wait: the last writes may still be under way
  await ready(page);
  const before = await page.evaluate(() => JSON.parse(sessionStorage.getItem('ocrmend-test-before-reload')));
  const after = await state();
  assert.ok(before.decisions.length >= batch + 10, `the burst made decisions (${before.decisions.length - batch})`);
  assertRestored(after, before);

  // The export is the book with exactly the accepted replacements, applied
  // here at the decisions' UTF-16 spans.
  const accepted = before.decisions
    .map(([key, s, r]) => { const [start, end] = key.split(':').map(Number); return { start, end, s, r }; })
    .filter((d) => d.s === 'accepted' && d.r !== bookText.slice(d.start, d.end))
    .sort((x, y) => x.start - y.start);
  let expected = '';
  let pos = 0;
  for (const d of accepted) { expected += bookText.slice(pos, d.start) + d.r; pos = d.end; }
  expected += bookText.slice(pos);
  const exported = await downloadOf(page, () => page.click('#btn-export-text'));
  assert.equal(exported.text, expected);
  await page.screenshot({ path: path.join(ARTIFACTS, 'burst-reload.png') });
  // Every write was confirmed, so the journal empties.
  await page.waitForFunction(() => !Object.keys(localStorage).some((k) => k.startsWith('ocrmend-journal:')));
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('writes held up by another tab are not lost by an immediate reload', async () => {
  const { page, errors } = await newPage();
  await page.goto(baseUrl);
  await ready(page);
  // Another tab of the same origin keeps a long write transaction open on
  // ocrmend's database (say, storing a 20 MB document): this tab's writes
  // wait behind it, and the reload comes before they can start.
  const other = await page.context().newPage();
  await other.goto(`${baseUrl}no-such-page`);
  await other.evaluate(() => new Promise((started) => {
    const req = indexedDB.open('ocrmend');
    req.onsuccess = () => {
      const conn = req.result;
      const tx = conn.transaction([...conn.objectStoreNames], 'readwrite');
      const s = tx.objectStore('kv');
      const t0 = performance.now();
      const spin = () => { s.get('current').onsuccess = () => { if (performance.now() - t0 < 2500) spin(); }; };
      s.get('current').onsuccess = () => { started(); spin(); };
      tx.oncomplete = () => conn.close();
    };
  }));
  await page.evaluate(() => addEventListener('pagehide', () => {
    sessionStorage.setItem('ocrmend-test-before-reload', JSON.stringify(window.ocrmendState()));
  }));
  for (const key of 'a r a a u r a j a'.split(' ')) await page.keyboard.press(key);
  await page.reload();
  await ready(page);
  const before = await page.evaluate(() => JSON.parse(sessionStorage.getItem('ocrmend-test-before-reload')));
  const after = await page.evaluate(() => window.ocrmendState());
  assert.equal(before.decisions.length, 6);
  assertRestored(after, before);
  // The journal that kept them was replayed and emptied.
  await page.waitForFunction(() => !Object.keys(localStorage).some((k) => k.startsWith('ocrmend-journal:')));
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a document reviewed with the version 1 store (one state record) opens with its decisions and history', async () => {
  const text = readFileSync(SEED, 'utf8');
  const hash = createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex').slice(0, 24);
  const bytes = readFileSync(SEED);
  const u16 = (byte) => bytes.subarray(0, byte).toString('utf8').length;
  const edits = cliEdits(SEED).filter((e) => e.original !== e.replacement).slice(0, 6)
    .map((e) => ({ key: `${u16(e.span.start)}:${u16(e.span.end)}`, orig: e.original, repl: e.replacement }));
  const acc = (e) => ({ s: 'accepted', r: e.repl });
  const rej = (e) => ({ s: 'rejected', r: e.orig });
  const op = (label, e, after) => ({ label, changes: [[e.key, null, after]] });
  const legacy = {
    decisions: { [edits[0].key]: acc(edits[0]), [edits[1].key]: acc(edits[1]), [edits[2].key]: rej(edits[2]) },
    undo: [op('first', edits[0], acc(edits[0])), op('second', edits[1], acc(edits[1])), op('third', edits[2], rej(edits[2]))],
    redo: [op('undone later', edits[4], acc(edits[4])), op('undone last', edits[3], acc(edits[3]))],
    cur: edits[5].key,
    savedAt: Date.now(),
  };
  const { page, errors } = await newPage();
  // Lay out the version 1 database as the previous UI left it, before the
  // UI first runs in this browser profile.
  await page.goto(`${baseUrl}no-such-page`);
  await page.evaluate(([hash, name, text, bytes, legacy]) => new Promise((done, fail) => {
    sessionStorage.setItem('ocrmend-preload-done', '1'); // resume, as after a reload
    const req = indexedDB.open('ocrmend', 1);
    req.onupgradeneeded = () => req.result.createObjectStore('kv');
    req.onerror = () => fail(req.error);
    req.onsuccess = () => {
      const conn = req.result;
      const tx = conn.transaction('kv', 'readwrite');
      const kv = tx.objectStore('kv');
      kv.put({ name, text, bytes }, `doc:${hash}`);
      kv.put({ name, bytes, openedAt: Date.now() }, `meta:${hash}`);
      kv.put(hash, 'current');
      kv.put(['Xylographica'], 'dictionary');
      kv.put(legacy, `state:${hash}`);
      tx.oncomplete = () => { conn.close(); done(); };
    };
  }), [hash, SEED_NAME, text, bytes.length, legacy]);
  await page.goto(baseUrl);
  await ready(page);
  const state = () => page.evaluate(() => window.ocrmendState());
  const keyed = (d) => Object.keys(d).sort().map((k) => [k, d[k].s, d[k].r]);
  const migrated = await state();
  assert.equal(migrated.hash, hash);
  assert.deepEqual(migrated.decisions, keyed(legacy.decisions));
  assert.deepEqual(migrated.undo, ['first', 'second', 'third']);
  assert.deepEqual(migrated.redo, ['undone later', 'undone last']);
  assert.equal(migrated.cur, edits[5].key);
  assert.deepEqual(migrated.dictionary, ['Xylographica']);
  assert.deepEqual(await counts(page), { pending: migrated.suggestions - 3, accepted: 2, rejected: 1 });

  // The history works as it did: redo brings back the step undone last.
  await page.keyboard.press('U');
  assert.deepEqual((await state()).decisions, keyed({ ...legacy.decisions, [edits[3].key]: acc(edits[3]) }));
  await page.keyboard.press('u');
  await page.keyboard.press('u');
  const now = await state();
  assert.deepEqual(now.decisions, keyed({ [edits[0].key]: acc(edits[0]), [edits[1].key]: acc(edits[1]) }));
  assert.deepEqual(now.redo, ['undone later', 'undone last', 'third']);

  // The old record is gone and what replaced it restores the same state.
  await page.reload();
  await ready(page);
  assert.deepEqual(await state(), now);
  const oldRecord = await page.evaluate((hash) => new Promise((done) => {
    const req = indexedDB.open('ocrmend');
    req.onsuccess = () => {
      const get = req.result.transaction('kv').objectStore('kv').get(`state:${hash}`);
      get.onsuccess = () => { done(get.result ?? null); req.result.close(); };
    };
  }), hash);
  assert.equal(oldRecord, null);
  assert.deepEqual(errors, []);
  await page.context().close();
});
