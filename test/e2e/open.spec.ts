import { test, expect, serveFixtures, toBase64 } from './fixtures.js';
import { openAnalytics } from '../../src/node/index.js';
import { badFiles } from '../unit/engine/bad-files.js';

test('the demo opens the bundled sample through the worker and shows the summary', async ({ page }) => {
  await page.goto('./');
  const report = page.locator('skills-report');
  await expect(report).toHaveAttribute('state', 'ready', { timeout: 60_000 });
  await expect(report.locator('[data-field="invocations"]')).toHaveText('2000');
  await expect(report.locator('[data-field="skills"]')).toHaveText('30');
  await expect(report.locator('[data-field="sessions"]')).toHaveText('100');
  await expect(report.locator('[data-field="last-invocation"]')).toHaveText('2026-11-24T17:00:52.968772Z');
});

test('a file picked with setInputFiles opens in the report', async ({ page }) => {
  await page.goto('./');
  const report = page.locator('skills-report');
  await expect(report).toHaveAttribute('state', 'ready', { timeout: 60_000 });
  await report.locator('#file').setInputFiles('test/fixtures/legacy.db');
  await expect(report.locator('[data-field="file"]')).toHaveText('legacy.db');
  await expect(report.locator('[data-field="first-invocation"]')).toHaveText('2026-11-10T23:22:12.856278Z');
});

test('info through the worker equals info in Node', async ({ harness }) => {
  const node = await openAnalytics('test/fixtures/legacy.db');
  const expected = await node.info();
  await node.dispose();
  const info = await harness.evaluate(async () => (await window.analyticsReady).open('fixtures/legacy.db'));
  expect(info).toEqual(expected);
});

test('bad files end in typed errors through the worker, and the same worker then opens a good file', async ({ harness }) => {
  const cases = (await badFiles()).map((c) => ({ name: c.name, code: c.code, b64: toBase64(c.bytes) }));
  const outcomes = await harness.evaluate(async (list) => {
    const a = await window.analyticsReady;
    const results: { name: string; code: string | null; isAnalyticsError: boolean }[] = [];
    for (const c of list) {
      const bytes = Uint8Array.from(atob(c.b64), (ch) => ch.charCodeAt(0));
      try {
        await a.open(bytes);
        results.push({ name: c.name, code: null, isAnalyticsError: false });
      } catch (e) {
        results.push({ name: c.name, code: (e as { code?: string }).code ?? null, isAnalyticsError: window.isAnalyticsError(e) });
      }
    }
    const info = await a.open('fixtures/sample.db');
    return { results, invocations: info.invocations };
  }, cases);
  expect(outcomes.results).toEqual(cases.map((c) => ({ name: c.name, code: c.code, isAnalyticsError: true })));
  expect(outcomes.invocations).toBe(2000);
});

test('a URL from another origin is refused without any request', async ({ harness }) => {
  const code = await harness.evaluate(async () => {
    const a = await window.analyticsReady;
    return a.open('https://example.com/skills.db').then(
      () => null,
      (e: { code?: string }) => e.code,
    );
  });
  expect(code).toBe('INVALID_ARGUMENT');
});

test('the worker fetches and compiles DuckDB once, as it starts: the wasm is requested before any call and never again', async ({ page }) => {
  const wasm: string[] = [];
  page.context().on('request', (r) => {
    if (/duckdb-(eh|mvp)[^/]*\.wasm$/.test(new URL(r.url()).pathname)) wasm.push(r.url());
  });
  await serveFixtures(page);
  await page.goto('harness.html');
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
  // No call has been made: only the worker's start can have asked for it.
  await expect.poll(() => wasm.length, { timeout: 30_000 }).toBe(1);
  const out = await page.evaluate(async () => {
    const a = await window.analyticsReady;
    const info = await a.open('fixtures/sample.db');
    const hours = await a.timeSeries.aggregateHourlyMetrics({ hours: 24 * 30 });
    const legacy = await a.open('fixtures/legacy.db');
    const legacyHours = await a.timeSeries.aggregateHourlyMetrics({ hours: 24 * 30 });
    return {
      invocations: info.invocations,
      hourly: hours.reduce((s, r) => s + r.invocationCount, 0),
      legacy: legacy.invocations,
      legacyHourly: legacyHours.reduce((s, r) => s + r.invocationCount, 0),
    };
  });
  expect(out).toEqual({ invocations: 2000, hourly: 2000, legacy: out.legacy, legacyHourly: out.legacy });
  expect(out.legacy).toBeGreaterThan(0);
  expect(wasm).toHaveLength(1);
  expect(wasm[0]).toMatch(/duckdb-eh/);
});

test('the worker keeps opens in IndexedDB: a reopen answers the same from the entry; cache: false leaves it alone', async ({ harness }) => {
  const got = await harness.evaluate(async () => {
    const a = await window.analyticsReady;
    const entries = () =>
      new Promise<number>((resolve) => {
        const req = indexedDB.open('session-buddy-analytics-cache');
        // Only look: a database the worker has not made yet is not created here.
        req.onupgradeneeded = () => req.transaction?.abort();
        req.onerror = () => resolve(0);
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains('entries')) return resolve(0);
          const count = db.transaction('entries').objectStore('entries').count();
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
        };
      });
    const none = await a.open('fixtures/legacy.db', { cache: false });
    const before = await entries();
    const first = await a.open('fixtures/legacy.db');
    // The entry is saved behind the answer.
    for (let i = 0; i < 200 && (await entries()) === before; i++) await new Promise((r) => setTimeout(r, 50));
    const after = await entries();
    const again = await a.open('fixtures/legacy.db');
    const hourly = await a.timeSeries.aggregateHourlyMetrics({ hours: 48 });
    return { same: JSON.stringify(first) === JSON.stringify(again) && JSON.stringify(none) === JSON.stringify(first), added: after - before, hours: hourly.length };
  });
  expect(got.same).toBe(true);
  expect(got.added).toBe(1);
  expect(got.hours).toBeGreaterThan(0);
});
