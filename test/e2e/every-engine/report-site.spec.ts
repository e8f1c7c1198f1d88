/**
 * The report site on sample.db in each engine: it reaches state="ready" with the file's numbers,
 * every panel is rendered, and axe-core (WCAG 2.x A/AA, its source injected into the page) finds
 * zero violations in the header, the contents and every panel with every table alternative open.
 * Screenshots of the whole page go to test-results/screenshots/<engine>-report.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test, expect } from '../../browsers/fixture.js';
import { openAnalytics } from '../../../src/node/index.js';

/** The report's panels, in order (src of each: the report's panels/ folder). */
const PANELS = ['glance', 'overview', 'snapshot', 'hourly', 'trends', 'ab-tests', 'predictor'];
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

test('sample.db: ready with its numbers, every panel rendered, zero axe violations', async ({ tab, engine }) => {
  test.setTimeout(300_000);
  const node = await openAnalytics('test/fixtures/sample.db');
  const info = await node.info();
  await node.dispose();

  await tab.goto('./');
  await tab.waitFor(() => ['ready', 'error'].includes(document.querySelector('skills-report')?.getAttribute('state') ?? ''), undefined, 240_000);
  const seen = await tab.evaluate(() => {
    const r = document.querySelector('skills-report')!;
    const root = r.shadowRoot!;
    return {
      state: r.getAttribute('state'),
      status: root.querySelector('#status')?.textContent ?? '',
      invocations: root.querySelector('[data-field="invocations"]')?.textContent,
      panels: [...root.querySelectorAll('#panels > section')].map((s) => ({
        id: s.id,
        loading: s.querySelectorAll('.loading').length,
        errors: [...s.querySelectorAll('.error')].map((e) => e.textContent),
        text: (s.textContent ?? '').trim().length,
      })),
    };
  });
  expect(seen.state, seen.status).toBe('ready');
  expect(seen.invocations).toBe(String(info.invocations));
  expect(seen.panels.map((p) => p.id)).toEqual(PANELS);
  for (const p of seen.panels) {
    expect(p.errors, `errors shown in #${p.id}`).toEqual([]);
    expect(p.loading, `#${p.id} still computing`).toBe(0);
    expect(p.text, `#${p.id} has content`).toBeGreaterThan(100);
  }

  // Each engine runs DuckDB's exception-handling build (all three have wasm exceptions), not the MVP one.
  const wasm = tab
    .requestLog()
    .map((u) =>
      new URL(u).pathname
        .split('/')
        .pop()!
        .replace(/-[\w-]{8}\.wasm$/, '.wasm'),
    )
    .filter((n) => n.endsWith('.wasm'));
  expect([...new Set(wasm)].sort()).toEqual(['duckdb-eh.wasm', 'sql-wasm-browser.wasm']);

  mkdirSync('test-results/screenshots', { recursive: true });
  await tab.screenshot(`test-results/screenshots/${engine}-report.png`);

  // axe-core's bundle (it defines window.axe), as @axe-core/playwright injects it.
  await tab.addScript(AXE_SOURCE);
  await tab.evaluate(() => {
    for (const d of document.querySelector('skills-report')!.shadowRoot!.querySelectorAll('details')) d.open = true;
  });
  const targets = [['header'], ['nav.contents'], ...seen.panels.map((p) => [`#${p.id}`])];
  const found: string[] = [];
  for (const [selector] of targets) {
    const result = await tab.evaluate(
      async ({ selector, tags }) => {
        const axe = (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[]; passes: unknown[] }> } })
          .axe;
        const r = await axe.run({ include: [{ fromShadowDom: ['skills-report', selector] }] }, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
        return { passes: r.passes.length, violations: r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`) };
      },
      { selector, tags: WCAG },
    );
    expect(result.passes, `axe checked ${selector}`).toBeGreaterThan(0);
    found.push(...result.violations.map((v) => `${selector} ${v}`));
  }
  expect(found, `axe violations in ${tab.version}`).toEqual([]);
});
