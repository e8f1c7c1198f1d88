/**
 * The bad-input corpus through the worker in Chromium: every case ends as in Node (a result or a
 * typed error), the worker never dies, and every opened file answers each capability.
 */
import { test, expect } from './fixtures.js';
import { buildCorpus } from '../hardening/corpus.js';

test('bad-input corpus through the worker', async ({ harness, page }) => {
  test.setTimeout(600_000);
  const cases = await buildCorpus();
  await page.route('**/corpus/*', (route) => {
    const i = Number(new URL(route.request().url()).pathname.split('/').pop());
    return route.fulfill({ status: 200, contentType: 'application/octet-stream', body: Buffer.from(cases[i].bytes) });
  });
  await page.route('**/corpus-wal/*', (route) => {
    const i = Number(new URL(route.request().url()).pathname.split('/').pop());
    return route.fulfill({ status: 200, contentType: 'application/octet-stream', body: Buffer.from(cases[i].wal!) });
  });
  const results = await harness.evaluate(
    async (withLog) => {
      const n = withLog.length;
      const a = await window.analyticsReady;
      const out: { outcome: string; invocations: number | null; warnings: string[]; calls: string[] }[] = [];
      for (let i = 0; i < n; i++) {
        let outcome = 'ok';
        let info = null;
        try {
          info = await a.open(`corpus/${i}`, { wal: withLog[i] ? `corpus-wal/${i}` : null });
        } catch (e) {
          outcome = (e as { code?: string }).code ?? `UNTYPED: ${String(e)}`;
        }
        const calls: string[] = [];
        if (info) {
          const run = async (p: () => Promise<unknown>) =>
            p().then(
              () => 'ok',
              (e: { code?: string }) => e.code ?? 'UNTYPED',
            );
          calls.push(await run(() => a.timeSeries.aggregateHourlyMetrics({ hours: 720 })));
          calls.push(await run(() => a.timeSeries.getMultiSkillTrends({ minInvocations: 1 })));
          calls.push(await run(() => a.abTesting.listTests()));
          calls.push(await run(() => a.skillTables.getSkillSnapshot({})));
        }
        out.push({ outcome, invocations: info?.invocations ?? null, warnings: info?.warnings.map((w) => w.code) ?? [], calls });
      }
      return out;
    },
    cases.map((c) => c.wal !== undefined),
  );
  results.forEach((r, i) => {
    const c = cases[i];
    expect(c.acceptable ?? [c.expect], `${c.group}: ${c.name}`).toContain(r.outcome);
    if (c.invocations !== undefined && r.outcome === 'ok') expect(r.invocations, c.name).toBe(c.invocations);
    for (const w of c.warnings ?? []) expect(r.warnings, c.name).toContain(w);
    for (const call of r.calls) expect(call, c.name).toMatch(/^(ok|INSUFFICIENT_DATA|INVALID_ARGUMENT)$/);
  });
  // The worker is still alive and opens a good file.
  const info = await harness.evaluate(async () => (await window.analyticsReady).open('fixtures/sample.db'));
  expect(info.invocations).toBe(2000);
});
