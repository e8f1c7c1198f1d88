/**
 * Cross-filtering in the report, in real Chromium: a brush dragged across the hourly chart selects
 * hours, every panel redraws for them with the numbers the engine gives in Node for the same window
 * (asOf = to − 1 s, hours = to − from), the selection is in the URL (a fresh page shows the same
 * numbers; back restores the previous one), the keyboard moves, resizes and clears it, axe-core
 * finds nothing on the panels with a selection, and the file filter of several files is in the URL.
 * Screenshots of the hourly panel and the headline with a selection go to test-results/screenshots.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures.js';
import { shoot } from './report-helpers.js';
import { openAnalytics } from '../../src/node/index.js';
import type { AnalyticsEngine } from '../../src/analytics/AnalyticsEngine.js';

const HOUR = 3_600_000;
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The selection in the page URL. */
function urlSelection(page: Page): { from: string; to: string; fromMs: number; toMs: number } | null {
  const u = new URL(page.url());
  const from = u.searchParams.get('from');
  const to = u.searchParams.get('to');
  if (!from || !to) return null;
  return { from, to, fromMs: Date.parse(from.replace('Z', ':00Z')), toMs: Date.parse(to.replace('Z', ':00Z')) };
}

/** Waits until every panel has redrawn for the selection. */
async function drawn(report: Locator): Promise<void> {
  await expect(report).not.toHaveAttribute('selecting', '');
  await expect(report.locator('[aria-busy="true"]')).toHaveCount(0);
}

/** Checks the panels against the engine for the window [fromMs, toMs). */
async function expectPanels(report: Locator, engine: AnalyticsEngine, fromMs: number, toMs: number): Promise<void> {
  const asOf = new Date(toMs - 1000).toISOString();
  const hours = (toMs - fromMs) / HOUR;
  const skill = await report.locator('#hourly-skill').inputValue();
  const rows = await engine.timeSeries.aggregateHourlyMetrics({ skillName: skill, asOf, hours });
  const count = rows.reduce((n, r) => n + r.invocationCount, 0);
  const completed = rows.reduce((n, r) => n + (r.completionRate ?? 0) * r.invocationCount, 0);
  const line = report.locator('[data-field="hourly-selection"]');
  await expect(line).toHaveAttribute('data-invocations', String(count));
  expect(count).toBeGreaterThan(0);
  expect(Math.abs(Number(await line.getAttribute('data-completion-rate')) - completed / count)).toBeLessThan(1e-12);

  const trends = await engine.timeSeries.getMultiSkillTrends({ metric: 'completion_rate', windowDays: hours / 24, minInvocations: 10, asOf });
  const shown = await report.locator('#trends table.trends-table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      skill: (tr as HTMLElement).dataset.key!,
      slope: tr.querySelector('[data-col="slope"]')!.getAttribute('data-value'),
      end: tr.querySelector('[data-col="end"]')!.getAttribute('data-value'),
    })),
  );
  expect(shown).toEqual(
    Object.values(trends).map((t) => ({ skill: t.skillName, slope: t.slope === null ? 'null' : String(t.slope), end: t.endValue === null ? 'null' : String(t.endValue) })),
  );
  await expect(report.locator('#trend-days')).toBeDisabled();

  // At a glance: the level changes inside the selection, as the engine finds them.
  const changes = await engine.timeSeries.detectChangepoints(undefined, { metric: 'completion_rate', days: 30, minInvocations: 10, asOf });
  const inside = [...new Set(changes.changepoints.filter((c) => Date.parse(c.timestamp) >= fromMs).map((c) => c.skillName))].sort();
  const glanceChanges = await report.locator('#glance li[data-kind="change"]').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.subject!).sort());
  expect(glanceChanges).toEqual(inside);
  await expect(report.locator('[data-field="glance-selection"]')).toBeVisible();

  // A/B: which tests ran during the selection.
  const tests = await engine.abTesting.listTests();
  const ran = tests.filter((t) => Date.parse(t.startDate) < toMs && (t.endDate === null || Date.parse(t.endDate) >= fromMs));
  await expect(report.locator('[data-field="ab-selection"]')).toHaveText(new RegExp(`^${ran.length} of ${tests.length} tests ran during the selected hours`));
  await expect(report.locator('article.ab-test[data-outside-selection]')).toHaveCount(tests.length - ran.length);
}

/**
 * The element's box once it holds still for two frames. Panels out of view are not laid out
 * (content-visibility: auto), so scrolling one into view lays out its neighbours and can move it
 * for a frame or two after the scroll; a drag aimed at the first box would miss the chart.
 */
async function settledBox(page: Page, element: Locator) {
  let last = '';
  for (let i = 0; i < 60; i++) {
    const box = await element.boundingBox();
    const now = JSON.stringify(box);
    if (box && now === last) return box;
    last = now;
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  }
  throw new Error(`the box never held still: ${last}`);
}

test('sample.db: brush the hourly chart, every panel follows; URL round trip; keyboard; axe', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1200, height: 900 });
  const engine = await openAnalytics('test/fixtures/sample.db');
  await page.goto('./');
  const report = page.locator('skills-report');
  await expect(report).toHaveAttribute('state', 'ready', { timeout: 120_000 });
  await expect(report.locator('[data-field="hourly-selection"]')).toHaveCount(0);
  await expect(report.locator('#trend-days')).toBeEnabled();
  const glanceBefore = await report.locator('#glance li[data-kind]').count();

  let first: NonNullable<ReturnType<typeof urlSelection>>;
  await test.step('a pointer drag across the chart selects whole hours; the panels show them', async () => {
    const svg = report.locator('#hourly figure[data-chart="hourly"] > svg[role="img"]');
    await svg.scrollIntoViewIfNeeded();
    const box = await settledBox(page, svg);
    await page.mouse.move(box.x + box.width * 0.35, box.y + box.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.5, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.75, box.y + box.height * 0.5, { steps: 5 });
    await page.mouse.up();
    await expect(page).toHaveURL(/[?&]from=\d{4}-\d{2}-\d{2}T\d{2}:00Z&to=\d{4}-\d{2}-\d{2}T\d{2}:00Z#hourly$/);
    first = urlSelection(page)!;
    // 40 % of a 168-hour chart is about 67 hours.
    expect((first.toMs - first.fromMs) / HOUR).toBeGreaterThan(50);
    expect((first.toMs - first.fromMs) / HOUR).toBeLessThan(85);
    await drawn(report);
    await expect(report.locator('svg rect.brush')).toHaveAttribute('visibility', 'visible');
    await expect(report.locator('#hourly-brush')).toHaveText(/^Selected hours: /);
    await expectPanels(report, engine, first.fromMs, first.toMs);
    await shoot(report.locator('#hourly'), 'crossfilter-hourly', testInfo);
    await shoot(report.locator('#glance'), 'crossfilter-glance', testInfo);
  });

  await test.step('keyboard: arrows move the brush, Shift+arrows change its end, Escape clears', async () => {
    await report.locator('#hourly-brush').focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => urlSelection(page)?.fromMs).toBe(first.fromMs - HOUR);
    expect(urlSelection(page)!.toMs).toBe(first.toMs - HOUR);
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => urlSelection(page)?.toMs).toBe(first.toMs + HOUR);
    const moved = urlSelection(page)!;
    expect(moved.fromMs).toBe(first.fromMs - HOUR);
    await drawn(report);
    await expectPanels(report, engine, moved.fromMs, moved.toMs);
    await page.keyboard.press('Escape');
    await expect.poll(() => urlSelection(page)).toBeNull();
    await drawn(report);
    await expect(report.locator('[data-field="hourly-selection"]')).toHaveCount(0);
    await expect(report.locator('#trend-days')).toBeEnabled();
    await expect(report.locator('[data-field="glance-selection"]')).toBeHidden();
    await expect(report.locator('#glance li[data-kind]')).toHaveCount(glanceBefore);
    await expect(report.locator('#hourly-brush')).toBeFocused();
  });

  await test.step('back restores the selections before, in order', async () => {
    await page.goBack();
    await expect.poll(() => urlSelection(page)?.toMs).toBe(first.toMs + HOUR);
    await drawn(report);
    await page.goBack();
    await page.goBack();
    await page.goBack();
    await expect.poll(() => urlSelection(page)?.from).toBe(first.from);
    expect(urlSelection(page)!.to).toBe(first.to);
    await drawn(report);
    await expectPanels(report, engine, first.fromMs, first.toMs);
  });

  await test.step('axe-core: zero violations on every panel with a selection', async () => {
    const found: string[] = [];
    for (const id of ['glance', 'hourly', 'trends', 'ab-tests', 'predictor']) {
      const axe = await new AxeBuilder({ page })
        .withTags(WCAG)
        .include({ fromShadowDom: ['skills-report', `#${id}`] })
        .analyze();
      expect(axe.passes.length).toBeGreaterThan(0);
      found.push(...axe.violations.map((v) => `${id} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
    }
    expect(found).toEqual([]);
  });

  await test.step('the URL opened in a fresh page shows the same selection and numbers', async () => {
    const url = page.url();
    const fresh = await page.context().newPage();
    await fresh.goto(url);
    const again = fresh.locator('skills-report');
    await expect(again).toHaveAttribute('state', 'ready', { timeout: 120_000 });
    await drawn(again);
    await expect(again.locator('#hourly-brush')).toHaveText((await report.locator('#hourly-brush').textContent())!);
    await expectPanels(again, engine, first.fromMs, first.toMs);
    await fresh.close();
  });

  await test.step('trained predictor: its scores on the selected hours are the engine’s', async () => {
    await report.locator('#train-days').selectOption('7');
    await report.locator('#train').click();
    await expect(report.locator('#predictor')).toHaveAttribute('data-state', 'trained', { timeout: 150_000 });
    const line = report.locator('[data-field="predictor-selection"]');
    await expect(line).toHaveAttribute('data-n', /^\d+$/);
    const sel = urlSelection(page)!;
    await engine.predictor.trainModel({ days: 7 });
    const drift = await engine.predictor.scoreOverTime({ from: new Date(sel.fromMs).toISOString(), to: new Date(sel.toMs - 1).toISOString() });
    const n = drift.periods.reduce((a, p) => a + p.n, 0);
    await expect(line).toHaveAttribute('data-n', String(n));
    const observed = drift.periods.reduce((a, p) => a + p.positiveRate * p.n, 0) / n;
    expect(Math.abs(Number(await line.getAttribute('data-observed')) - observed)).toBeLessThan(1e-12);
  });
  await engine.close();
});

test('two files: the file filter is in the URL; back returns to all files', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('./');
  const report = page.locator('skills-report');
  await expect(report).toHaveAttribute('state', 'ready', { timeout: 90_000 });
  await report.locator('#file').setInputFiles(['test/fixtures/sample.db', 'test/fixtures/legacy.db']);
  await expect(report.locator('[data-field="file"]')).toHaveText('2 files (sample.db, legacy.db)');
  await expect(report).toHaveAttribute('state', 'ready');
  await report.locator('#source-filter').selectOption('legacy.db');
  await expect(page).toHaveURL(/[?&]file=legacy\.db/);
  await expect(report.locator('[data-field="file"]')).toHaveText('legacy.db (one of 2 files)');
  await expect(report).toHaveAttribute('state', 'ready');
  await page.goBack();
  await expect(page).not.toHaveURL(/file=/);
  await expect(report.locator('[data-field="file"]')).toHaveText('2 files (sample.db, legacy.db)');
  await expect(report.locator('#source-filter')).toHaveValue('');
  await expect(report).toHaveAttribute('state', 'ready');
  await page.goForward();
  await expect(report.locator('[data-field="file"]')).toHaveText('legacy.db (one of 2 files)');
  await expect(report.locator('#source-filter')).toHaveValue('legacy.db');
});

test('a held arrow key moves the brush in place: back returns to before the key went down', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('./');
  const report = page.locator('skills-report');
  await expect(report).toHaveAttribute('state', 'ready', { timeout: 90_000 });
  await report.locator('#hourly-brush').focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => urlSelection(page)).not.toBeNull();
  const selected = urlSelection(page)!;
  await drawn(report);
  const entries = await page.evaluate(() => history.length);
  // Held down: the first keydown, then repeats (KeyboardEvent.repeat), each moving the brush an hour.
  for (let n = 1; n <= 4; n++) {
    await page.keyboard.down('ArrowLeft');
    await expect.poll(() => urlSelection(page)?.fromMs).toBe(selected.fromMs - n * HOUR);
  }
  await page.keyboard.up('ArrowLeft');
  await drawn(report);
  expect(await page.evaluate(() => history.length)).toBe(entries + 1);
  await page.goBack();
  await expect.poll(() => urlSelection(page)?.fromMs).toBe(selected.fromMs);
  expect(urlSelection(page)!.toMs).toBe(selected.toMs);
  await drawn(report);
});
