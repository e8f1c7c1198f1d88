/**
 * Live files in Chromium, through the real worker: each -wal variant gives the rows SQLite reads
 * from copies (compared row by row in Node on the exported file); the report's picker and drop zone
 * pair skills.db with skills.db-wal; the saved copy falls back to IndexedDB when OPFS is missing;
 * a refused save is LOCAL_SAVE_FAILED; a worker that stops answering is reported within seconds.
 */
import { readFileSync } from 'node:fs';
import initSqlJs from 'sql.js';
import { test, expect, serveFixtures } from './fixtures.js';
import { foreignWal, fullRows, variantFiles } from '../unit/live-files/live-files.js';

const COLS = 'id, skill_name, invoked_at, session_id, completed, duration_seconds, workflow_phase';

test('every live variant through the worker holds the rows SQLite reads from copies', async ({ harness, page }) => {
  test.setTimeout(300_000);
  const variants = variantFiles();
  const logs = [...variants.map((v) => v.wal), foreignWal()];
  const expected = [...variants.map((v) => v.ref.count), 2000];
  await page.route('**/live-db', (route) => route.fulfill({ status: 200, body: Buffer.from(variants[0].db) }));
  await page.route('**/live-wal/*', (route) => route.fulfill({ status: 200, body: Buffer.from(logs[Number(new URL(route.request().url()).pathname.split('/').pop())]!) }));
  const results = await harness.evaluate(
    async (hasLog) => {
      const a = await window.analyticsReady;
      const out: { invocations: number; warnings: string[]; applied: boolean | null; b64: string }[] = [];
      for (let i = 0; i < hasLog.length; i++) {
        const info = await a.open('live-db', { wal: hasLog[i] ? `live-wal/${i}` : null });
        const bytes = await a.exportDatabase();
        let s = '';
        for (let k = 0; k < bytes.length; k += 0x8000) s += String.fromCharCode(...bytes.subarray(k, k + 0x8000));
        out.push({ invocations: info.invocations, warnings: info.warnings.map((w) => w.code), applied: info.wal?.applied ?? null, b64: btoa(s) });
      }
      return out;
    },
    logs.map((l) => l !== null),
  );
  const SQL = await initSqlJs();
  const names = [...variants.map((v) => v.name), 'log of another database'];
  results.forEach((r, i) => {
    expect(r.invocations, names[i]).toBe(expected[i]);
    const db = new SQL.Database(Buffer.from(r.b64, 'base64'));
    const rows = db.exec(`SELECT ${COLS} FROM skill_invocation ORDER BY id`)[0].values;
    db.close();
    expect(rows, names[i]).toEqual(fullRows.slice(0, expected[i]));
  });
  expect(results.map((r) => r.warnings)).toEqual([[], ['WAL_NOT_APPLIED'], ['WAL_TORN_TAIL'], ['WAL_TORN_TAIL'], ['WAL_MISMATCH'], ['WAL_TORN_TAIL'], [], ['WAL_MISMATCH']]);
});

test('the picker pairs skills.db with skills.db-wal by name and sets the -shm aside', async ({ page }) => {
  await page.goto('./');
  const report = page.locator('skills-report');
  await expect(report).toHaveAttribute('state', 'ready', { timeout: 60_000 });
  await report.locator('#file').setInputFiles([
    { name: 'skills.db-wal', mimeType: 'application/octet-stream', buffer: readFileSync('test/fixtures/live/live.db-wal') },
    { name: 'skills.db-shm', mimeType: 'application/octet-stream', buffer: Buffer.alloc(32768) },
    { name: 'skills.db', mimeType: 'application/octet-stream', buffer: readFileSync('test/fixtures/live/live.db') },
  ]);
  await expect(report.locator('[data-field="file"]')).toHaveText('skills.db + skills.db-wal', { timeout: 60_000 });
  await expect(report.locator('[data-field="invocations"]')).toHaveText('2300');
  await expect(report.locator('#status')).toContainText('Included 10 transaction(s) from the -wal log');
  await expect(report.locator('#status')).toContainText('Not opened: skills.db-shm');
});

test('the report site opens ?db=…&wal=… as one live file', async ({ page }) => {
  await page.route('**/live/*', (route) => route.fulfill({ status: 200, body: readFileSync(`test/fixtures/live/${new URL(route.request().url()).pathname.split('/').pop()}`) }));
  await page.goto('./?db=live/live.db&wal=live/live.db-wal');
  const report = page.locator('skills-report');
  await expect(report).toHaveAttribute('state', 'ready', { timeout: 60_000 });
  await expect(report.locator('[data-field="invocations"]')).toHaveText('2300');
  await expect(report.locator('[data-field="file"]')).toHaveText('live.db + live.db-wal');
});

test('the drop zone takes both files; the log alone is refused with a reason', async ({ page }) => {
  await page.goto('./');
  const report = page.locator('skills-report');
  await expect(report).toHaveAttribute('state', 'ready', { timeout: 60_000 });
  await page.route('**/drop/*', (route) => route.fulfill({ status: 200, body: readFileSync(`test/fixtures/live/${new URL(route.request().url()).pathname.split('/').pop()}`) }));
  const drop = (names: string[]) =>
    page.evaluate(async (list) => {
      const dt = new DataTransfer();
      for (const n of list) dt.items.add(new File([await (await fetch(`drop/${n}`)).blob()], n));
      document.querySelector('skills-report')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, names);
  await drop(['live.db-wal']);
  await expect(report.locator('#status')).toContainText('live.db-wal is only the log: choose live.db together with it');
  await drop(['live.db', 'live.db-wal']);
  await expect(report.locator('[data-field="invocations"]')).toHaveText('2300', { timeout: 60_000 });
});

test('with OPFS unavailable the saved copy lives in IndexedDB and survives a reload', async ({ page }) => {
  test.setTimeout(180_000);
  await serveFixtures(page);
  // The worker script as built, with OPFS removed before anything runs in it.
  await page.route('**/assets/analytics.worker-*.js', async (route) => {
    const original = await route.fetch();
    await route.fulfill({ response: original, body: `delete StorageManager.prototype.getDirectory;\n${await original.text()}` });
  });
  await page.goto('harness.html');
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
  const first = await page.evaluate(async () => {
    const a = await window.analyticsReady;
    await a.open('fixtures/sample.db');
    await a.abTesting.createTest({ testName: 'saved-in-indexeddb', controlStrategy: 'a', treatmentStrategy: 'b' }, 0.5);
    const dbs = (await indexedDB.databases()).map((d) => d.name);
    const opfs: string[] = [];
    try {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('session-buddy-analytics');
      for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) opfs.push(name);
    } catch {
      /* no OPFS folder at all */
    }
    return { dbs, opfs };
  });
  expect(first.dbs).toContain('session-buddy-analytics');
  expect(first.opfs.filter((n) => n.endsWith('.db'))).toEqual([]);
  await page.reload();
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
  const again = await page.evaluate(async () => {
    const a = await window.analyticsReady;
    const info = await a.open('fixtures/sample.db');
    return { localChanges: info.localChanges, tests: (await a.abTesting.listTests()).map((t) => t.testName) };
  });
  expect(again.localChanges).toBe(true);
  expect(again.tests).toContain('saved-in-indexeddb');
});

test('a full storage quota: LOCAL_SAVE_FAILED (quota), the write stays in memory and in the export', async ({ harness, page }) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(page.url()).origin, quotaSize: 256 * 1024 });
  const out = await harness.evaluate(async () => {
    const a = await window.analyticsReady;
    await a.open('fixtures/sample.db');
    const failure = await a.abTesting.createTest({ testName: 'over-quota', controlStrategy: 'a', treatmentStrategy: 'b' }, 0.5).then(
      () => null,
      (e: { code?: string; details?: { reason?: string } }) => ({ code: e.code, reason: e.details?.reason }),
    );
    const tests = (await a.abTesting.listTests()).map((t) => t.testName);
    const info = await a.info();
    const exported = await a.exportDatabase();
    const check = await window.createAnalytics();
    await check.open(exported, { localKey: 'check' });
    const exportedTests = (await check.abTesting.listTests()).map((t) => t.testName);
    check.terminate();
    return { failure, tests, warnings: info.warnings.map((w) => w.code), exportedTests };
  });
  expect(out.failure).toEqual({ code: 'LOCAL_SAVE_FAILED', reason: 'quota' });
  expect(out.tests).toContain('over-quota');
  expect(out.warnings).toContain('LOCAL_SAVE_FAILED');
  expect(out.exportedTests).toContain('over-quota');
});

test('a worker that stops answering is reported by the heartbeat, not after callTimeoutMs', async ({ harness }) => {
  test.setTimeout(240_000);
  const out = await harness.evaluate(async () => {
    // Answers comlink GETs (the heartbeat) until the first call, then never again: as a worker
    // stuck or killed mid-call looks from the page.
    const stuck = `self.onmessage = (e) => { const d = e.data; if (!d || !d.id) return; if (d.type === 'GET') { self.postMessage({ id: d.id, type: 'RAW', value: undefined }); return; } for (;;) {} };`;
    // Runs out of memory on the first call (ArrayBuffers of 128 MiB until allocation fails).
    const hog = `self.onmessage = (e) => { const d = e.data; if (!d || !d.id) return; if (d.type === 'GET') { self.postMessage({ id: d.id, type: 'RAW', value: undefined }); return; } const keep = []; for (;;) keep.push(new Float64Array(1 << 24).fill(1)); };`;
    const run = async (src: string) => {
      const worker = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
      // The first heartbeat answered (an event, not a fixed wait), then the call.
      const answered = new Promise((r) => worker.addEventListener('message', r, { once: true }));
      const a = await window.createAnalytics({ worker, callTimeoutMs: 600_000 });
      await answered;
      const t0 = performance.now();
      const e = (await a.info().catch((x: unknown) => x)) as { code?: string; message?: string };
      return { code: e.code, message: e.message, ms: Math.round(performance.now() - t0) };
    };
    return { stuck: await run(stuck), hog: await run(hog) };
  });
  console.log('heartbeat detection:', JSON.stringify(out));
  // Who noticed, from the message: the heartbeat ("no heartbeat for …") or the worker's own error
  // event (out of memory), never the 600 s call deadline (TIMEOUT; the test's 240 s would end first).
  expect(out.stuck.code).toBe('WORKER_CRASHED');
  expect(out.stuck.message).toMatch(/stopped answering \(no heartbeat for/);
  expect(out.hog.code).toBe('WORKER_CRASHED');
  expect(out.hog.message).toMatch(/stopped answering \(no heartbeat for|crashed/);
});
