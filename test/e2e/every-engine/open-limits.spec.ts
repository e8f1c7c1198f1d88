/**
 * open() limits in each engine's worker: a same-origin URL whose response announces more than
 * the tab can hold (1.6 GiB, test/browsers/serve-e2e.mjs; no byte follows) is refused with
 * FILE_TOO_LARGE from its Content-Length, and the engine then opens a real file.
 */
import { test, expect } from '../../browsers/fixture.js';

test('a 1.6 GiB URL: FILE_TOO_LARGE with its size and the limit; the next open works', async ({ tab }) => {
  test.setTimeout(180_000);
  await tab.goto('harness.html');
  await tab.waitFor(() => document.getElementById('status')?.textContent === 'ready');
  const r = await tab.evaluate(async () => {
    const a = await (window as unknown as { analyticsReady: Promise<import('../../../src/client/index.js').Analytics> }).analyticsReady;
    const refused = await a.open('__too-large.db').then(
      () => null,
      (e: { code?: string; details?: unknown }) => ({ code: e.code, details: e.details }),
    );
    const info = await a.open('fixtures/sample.db');
    return { refused, invocations: info.invocations };
  });
  expect(r.refused).toEqual({ code: 'FILE_TOO_LARGE', details: { bytes: 1600 * 1024 * 1024, limit: 1536 * 1024 * 1024 } });
  expect(r.invocations).toBe(2000);
});
