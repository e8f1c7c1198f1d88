/**
 * Two tabs of one origin with the same file: the first owns the saved copy (Web Locks), the
 * second opens read-only — it sees the owner's saved writes, its own writes are refused with
 * READ_ONLY — and once the owner's tab is closed, the other tab's next open owns the file.
 */
import { test, expect, serveFixtures } from './fixtures.js';

test('the second tab opens read-only, loses nothing, and takes over when the first closes', async ({ harness, context }) => {
  test.setTimeout(180_000);
  const second = await context.newPage();
  await serveFixtures(second);
  await second.goto('harness.html');
  await second.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
  const create = async (testName: string) => {
    const a = await window.analyticsReady;
    return a.abTesting.createTest({ testName, controlStrategy: 'a', treatmentStrategy: 'b' }, 0.5).then(
      () => 'ok',
      (e: { code?: string }) => e.code ?? 'untyped',
    );
  };
  const open = async () => {
    const a = await window.analyticsReady;
    const info = await a.open('fixtures/sample.db');
    return { readOnly: info.readOnly, localChanges: info.localChanges, warnings: info.warnings.map((w) => w.code), tests: (await a.abTesting.listTests()).map((t) => t.testName) };
  };

  expect((await harness.evaluate(open)).readOnly).toBe(false);
  expect(await harness.evaluate(create, 'from-first-tab')).toBe('ok');

  const follower = await second.evaluate(open);
  expect(follower).toMatchObject({ readOnly: true, localChanges: true });
  expect(follower.warnings).toContain('READ_ONLY_OTHER_TAB');
  expect(follower.tests).toContain('from-first-tab');
  expect(await second.evaluate(create, 'from-second-tab')).toBe('READ_ONLY');

  // The owner writes again: its saved copy keeps both of its writes (nothing overwritten).
  expect(await harness.evaluate(create, 'first-again')).toBe('ok');
  await harness.close();
  await expect.poll(async () => (await second.evaluate(open)).readOnly, { timeout: 30_000 }).toBe(false);
  const owner = await second.evaluate(open);
  expect(owner.tests).toEqual(expect.arrayContaining(['from-first-tab', 'first-again']));
  expect(owner.tests).not.toContain('from-second-tab');
  expect(await second.evaluate(create, 'from-second-tab')).toBe('ok');
});
