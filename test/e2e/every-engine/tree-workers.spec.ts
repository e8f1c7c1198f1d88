/**
 * The forest's tree workers in each engine: module workers nested in the analytics worker grow
 * the same model as one thread; and when a tree worker cannot start, crashes after its first
 * tree, or goes silent, the analytics worker grows the rest itself: still the same model. The
 * e2e server serves the faulty workers while the page's cookie names the fault
 * (test/browsers/serve-e2e.mjs); no timing is asserted. Firefox starts no nested worker (one can
 * hang the analytics worker there: worker/browser-tree-workers.ts): the analytics worker grows
 * every tree, the same model, and no tree worker script is fetched.
 */
import { test, expect } from '../../browsers/fixture.js';
import type { BrowserTab } from '../../browsers/driver.js';

const OPTIONS = { days: 30, model: 'forest' as const, forest: { nTrees: 16 } };

/** Trains on sample.db with `parallelism`; the saved model minus its wall-clock seconds, and progress. */
async function train(tab: BrowserTab, parallelism: number, fault = '') {
  await tab.goto('harness.html');
  await tab.waitFor(() => document.getElementById('status')?.textContent === 'ready');
  // biome-ignore lint/suspicious/noDocumentCookie: the e2e server reads this cookie on the tree worker's request
  await tab.evaluate((f) => void (document.cookie = `sba-tree-worker=${f}; path=/; SameSite=Strict`), fault);
  return tab.evaluate(
    async ({ options, parallelism }) => {
      const a = await (window as unknown as { analyticsReady: Promise<import('../../../src/client/index.js').Analytics> }).analyticsReady;
      await a.open('fixtures/sample.db');
      const done: number[] = [];
      await a.predictor.trainModel({ ...options, parallelism, onProgress: (p: { phase: string; done: number }) => void (p.phase === 'training' && done.push(p.done)) });
      const m = await a.predictor.exportModel();
      return { model: JSON.stringify({ ...m, training: { ...m.training, seconds: 0 } }), lastDone: done.at(-1) };
    },
    { options: OPTIONS, parallelism },
  );
}

/** Tree worker scripts the e2e server served since the last call: 'plain', 'real' or a fault's name. */
async function served(): Promise<string[]> {
  const res = await fetch(new URL('__tree-worker-log', test.info().project.use.baseURL));
  return (await res.json()) as string[];
}

/**
 * What the server saw for two tree workers: each script once per worker, except in WebKit, which
 * sometimes fetches a worker script once for two workers started together (even with no-store):
 * there, each script at least once.
 */
function seenForTwoWorkers(tab: BrowserTab, served: string[]): string[] {
  return tab.engine === 'webkit' ? [...new Set(served)].sort() : served.sort();
}

/** What the server should have seen for two tree workers given `scripts` each: none in Firefox. */
function expectedForTwoWorkers(tab: BrowserTab, scripts: string[]): string[] {
  if (tab.engine === 'firefox') return [];
  return tab.engine === 'webkit' ? [...new Set(scripts)] : scripts;
}

test('parallelism 2: nested tree workers grow the same model as one thread', async ({ tab }) => {
  test.setTimeout(300_000);
  await served();
  const one = await train(tab, 1);
  expect(await served()).toEqual([]);
  const two = await train(tab, 2);
  expect(two.model).toBe(one.model);
  expect(two.lastDone).toBe(one.lastDone);
  // The analytics worker started two nested tree workers (WebKit may fetch their script once for both).
  expect(seenForTwoWorkers(tab, await served())).toEqual(expectedForTwoWorkers(tab, ['plain', 'plain']));
});

for (const [fault, name] of [
  ['throws', 'cannot start (its script throws)'],
  ['crashes', 'crashes after its first tree'],
  ['silent', 'goes silent after saying ready'],
] as const) {
  test(`a tree worker that ${name}: the analytics worker grows its trees, same model`, async ({ tab }) => {
    test.setTimeout(400_000);
    const one = await train(tab, 1);
    await served();
    const faulty = await train(tab, 2, fault);
    expect(faulty.model).toBe(one.model);
    expect(faulty.lastDone).toBe(one.lastDone);
    // Both tree workers got the faulty script (the crashing one also loaded the real one).
    const two = fault === 'crashes' ? ['crashes', 'crashes', 'real', 'real'] : [fault, fault];
    expect(seenForTwoWorkers(tab, await served())).toEqual(expectedForTwoWorkers(tab, two));
  });
}
