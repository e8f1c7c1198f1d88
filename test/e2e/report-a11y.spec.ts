/**
 * Accessibility of the report site in real Chromium, on sample.db: a keyboard-only walk through
 * the whole report (Tab reaches every control in document order with a visible focus ring; Enter
 * and Space operate links, disclosure tables, buttons and selects; the predictor is trained from the
 * keyboard and the headline then shows its calibration, equal to the same training in Node); axe-core
 * (WCAG 2.x A/AA rules, axe bundled with @axe-core/playwright, no network) with zero violations on
 * every panel in the light and the dark theme, every table alternative open; reduced motion jumps
 * instead of scrolling smoothly; the print stylesheet makes a PDF of the whole report. Screenshots
 * of every panel in both themes and a print preview go to test-results/screenshots.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures.js';
import { openAnalytics } from '../../src/node/index.js';
import { shoot } from './report-helpers.js';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Index (in the shadow root's element order) of every control Tab must reach. */
async function tabbable(report: Locator): Promise<number[]> {
  return report.evaluate((r) => {
    const all = [...r.shadowRoot!.querySelectorAll('*')];
    const visible = (e: Element) => (e as HTMLElement).checkVisibility?.({ visibilityProperty: true }) && e.getClientRects().length > 0;
    return all
      .map((e, i) => ({ e, i }))
      .filter(
        ({ e }) => e.matches('a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea, summary, [tabindex]:not([tabindex="-1"])') && visible(e),
      )
      .map(({ i }) => i);
  });
}

/** The focused element inside the report: its index, a description, and whether its focus is drawn. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('skills-report')!.shadowRoot!;
    const e = root.activeElement as HTMLElement | null;
    if (!e) return null;
    const s = getComputedStyle(e);
    const ring = (s.outlineStyle !== 'none' && Number.parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
    const overflow = getComputedStyle(e).overflowX + getComputedStyle(e).overflowY;
    return {
      index: [...root.querySelectorAll('*')].indexOf(e),
      what: `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className ? `.${String(e.className).split(' ')[0]}` : ''} ${(e.textContent ?? '').trim().slice(0, 30)}`,
      ring,
      scroller: e.tagName === 'DIV' && /auto|scroll/.test(overflow),
    };
  });
}

test('sample.db: keyboard-only walk, axe-core on every panel (light and dark), reduced motion, print', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1200, height: 900 });
  const node = await openAnalytics('test/fixtures/sample.db');
  const nodeTraining = node.predictor.trainModel({ days: 30 });
  await page.goto('./');
  const report = page.locator('skills-report');
  await expect(report).toHaveAttribute('state', 'ready', { timeout: 120_000 });
  const walkLog: string[] = [];

  await test.step('keyboard: Tab reaches every control in order, each with a visible focus', async () => {
    const want = await tabbable(report);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const seen: number[] = [];
    const extras: string[] = [];
    for (let i = 0; i < 600; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      if (!f) break;
      if (seen.includes(f.index)) break;
      seen.push(f.index);
      walkLog.push(`${f.what}${f.ring ? '' : '  (NO FOCUS RING)'}`);
      expect(f.ring, `focus ring on ${f.what}`).toBe(true);
      if (!want.includes(f.index)) {
        // Chromium makes a scrollable box without focusable content a tab stop (keyboard scrolling).
        expect(f.scroller, `unexpected tab stop ${f.what}`).toBe(true);
        extras.push(f.what);
      }
    }
    expect(seen.filter((i) => want.includes(i))).toEqual(want);
    testInfo.annotations.push({ type: 'keyboard walk', description: `${seen.length} tab stops (${want.length} controls, ${extras.length} scrollable tables)` });
    console.log(`keyboard walk: ${seen.length} tab stops, every control reached in order:\n  ${walkLog.join('\n  ')}`);
  });

  await test.step('keyboard: Enter follows a contents link, Space opens a table, arrows change a select', async () => {
    await report.locator('nav.contents a[href="#trends"]').focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#trends$/);
    await expect.poll(() => report.evaluate((r) => r.shadowRoot!.activeElement?.id)).toBe('trends-h');
    const summary = report.locator('#hourly details.table-alt summary').first();
    await summary.focus();
    await page.keyboard.press('Space');
    await expect(report.locator('#hourly details.table-alt').first()).toHaveAttribute('open', '');
    await page.keyboard.press('Enter');
    await expect(report.locator('#hourly details.table-alt').first()).not.toHaveAttribute('open', '');
    await report.locator('#hourly-hours').focus();
    const before = await report.locator('#hourly-hours').inputValue();
    await page.keyboard.press('ArrowDown');
    await expect(report.locator('#hourly-hours')).not.toHaveValue(before);
    const hours = await report.locator('#hourly-hours').inputValue();
    await expect(report.locator('#hourly .hourly-out')).toHaveAttribute('data-hours', hours);
    await expect(page).toHaveURL(new RegExp(`window=${hours}`));
    const stop = report.locator('article.ab-test button.stop-test').first();
    await stop.focus();
    await page.keyboard.press('Space');
    await expect(stop).toHaveText(/^Confirm/);
  });

  await test.step('keyboard: Enter trains the predictor; the headline shows its calibration', async () => {
    await report.locator('#train').focus();
    await page.keyboard.press('Enter');
    await expect(report.locator('#predictor')).toHaveAttribute('data-state', 'trained', { timeout: 150_000 });
    const r = await nodeTraining;
    const item = report.locator('#glance li[data-kind="calibration"]');
    await expect(item).toHaveCount(1);
    expect(Math.abs(Number(await item.getAttribute('data-value')) - r.calibration.after.ece)).toBeLessThan(1e-9);
    await expect(report.locator('[data-field="predictor-note"]')).toBeHidden();
  });

  const results: Record<string, Record<string, number>> = {};
  for (const scheme of ['light', 'dark'] as const) {
    await test.step(`axe-core, ${scheme}: zero violations on every panel; screenshots`, async () => {
      await page.emulateMedia({ colorScheme: scheme });
      await report.evaluate((r) => {
        for (const d of r.shadowRoot!.querySelectorAll('details')) d.open = true;
      });
      const ids = await report.locator('#panels > section').evaluateAll((s) => s.map((x) => x.id));
      results[scheme] = {};
      const found: string[] = [];
      const report1 = await new AxeBuilder({ page })
        .withTags(WCAG)
        .include({ fromShadowDom: ['skills-report', 'header'] })
        .include({ fromShadowDom: ['skills-report', 'nav.contents'] })
        .analyze();
      results[scheme]['header and contents'] = report1.violations.length;
      found.push(...report1.violations.map((v) => `header ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
      for (const id of ids) {
        const axe = await new AxeBuilder({ page })
          .withTags(WCAG)
          .include({ fromShadowDom: ['skills-report', `#${id}`] })
          .analyze();
        results[scheme][id] = axe.violations.length;
        expect(axe.passes.length, `axe checked #${id}`).toBeGreaterThan(0);
        found.push(...axe.violations.map((v) => `${id} ${v.id}: ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join(', ')}`));
        await shoot(report.locator(`#${id}`), `panel-${id}-${scheme}`, testInfo);
      }
      expect(found, `axe violations (${scheme})`).toEqual([]);
      await report.evaluate((r) => {
        for (const d of r.shadowRoot!.querySelectorAll('details')) d.open = false;
      });
    });
  }
  console.log('axe violations per panel:', JSON.stringify(results));
  testInfo.annotations.push({ type: 'axe', description: JSON.stringify(results) });
  await page.emulateMedia({ colorScheme: 'light' });

  await test.step('reduced motion: a contents link jumps (no smooth scroll)', async () => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await report.locator('nav.contents a[href="#overview"]').click();
    const top = await report.evaluate((r) => r.shadowRoot!.getElementById('overview')!.getBoundingClientRect().top);
    expect(Math.abs(top)).toBeLessThan(2);
    await page.emulateMedia({ reducedMotion: 'no-preference' });
  });

  await test.step('print: the whole report as a PDF', async () => {
    await page.emulateMedia({ media: 'print' });
    // No PDF rasteriser on the machine: the first A4 page as Chromium lays it out for print (794 × 1123 CSS px).
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.evaluate(() => window.scrollTo(0, 0));
    mkdirSync('test-results/screenshots', { recursive: true });
    await page.screenshot({ path: 'test-results/screenshots/print-page-1.png' });
    await testInfo.attach('print-page-1', { path: 'test-results/screenshots/print-page-1.png', contentType: 'image/png' });
    await expect(report.locator('nav.contents')).toBeHidden();
    await expect(report.locator('#train')).toBeHidden();
    await page.setViewportSize({ width: 1200, height: 900 });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' } });
    mkdirSync('test-results/screenshots', { recursive: true });
    writeFileSync('test-results/screenshots/report-sample.pdf', pdf);
    await testInfo.attach('report-sample.pdf', { body: pdf, contentType: 'application/pdf' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    console.log(`print: ${pages} A4 pages, ${pdf.length} bytes`);
    expect(pages).toBeGreaterThan(3);
    await page.emulateMedia({ media: 'screen' });
  });
  await node.dispose();
});
