/**
 * Embedding: `<skills-report src="skills.db">` in a plain HTML page with one script tag (the lib
 * build, dist/lib), and the site written by `session-buddy-analytics report <db> --out DIR`; each
 * served from its own folder by scripts/serve.mjs on 127.0.0.1. Needs `npm run build` first.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from './fixtures.js';
import { writeReportSite } from '../../src/node/commands/report.js';
import { forbidDialogs, shoot } from './report-helpers.js';

/** Serves `dir` on `port` with the project's static server; resolves once it listens. */
async function serve(dir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['scripts/serve.mjs', dir, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`serve.mjs exited with ${code}`)));
  });
  return child;
}

const EMBED_HTML = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>My static site</title></head>
  <body>
    <h1>Our skills this week</h1>
    <p>Everything below is computed in your browser.</p>
    <script type="module" src="./skills-report.js"></script>
    <skills-report src="skills.db"></skills-report>
  </body>
</html>
`;

test('the custom element in a plain HTML page, from the lib build', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  test.skip(!existsSync('dist/lib/skills-report.js'), 'run `npm run build` (vite build --mode lib) first');
  const dir = mkdtempSync(join(tmpdir(), 'sba-embed-'));
  cpSync('dist/lib', dir, { recursive: true });
  cpSync('test/fixtures/sample.db', join(dir, 'skills.db'));
  writeFileSync(join(dir, 'index.html'), EMBED_HTML);
  const server = await serve(dir, 4391);
  try {
    const dialogs = forbidDialogs(page);
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.goto('http://127.0.0.1:4391/');
    const report = page.locator('skills-report');
    await expect(report).toHaveAttribute('state', 'ready', { timeout: 180_000 });
    await expect(report.locator('[data-field="file"]')).toHaveText(/^skills\.db/);
    await expect(report.locator('[data-field="invocations"]')).toHaveText('2000');
    await expect(report.locator('#trends table.trends-table tbody tr')).not.toHaveCount(0);
    await expect(report.locator('article.ab-test')).toHaveCount(2);
    await expect(report.locator('#open-sample')).toBeHidden(); // no sample attribute: no sample button
    await expect(page.locator('h1').first()).toHaveText('Our skills this week'); // the host page is untouched
    await shoot(page, 'embed-lib-element', testInfo);
    expect(dialogs).toEqual([]);
  } finally {
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the site written by `report <db> --out DIR`', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), 'sba-site-'));
  // The real CLI, as a user runs it.
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/node/cli.ts', 'report', 'test/fixtures/legacy.db', '--out', dir, '--json'], { encoding: 'utf8' });
  expect(JSON.parse(out)).toEqual({ out: dir, database: join(dir, 'skills.db'), invocations: 2000 });
  expect(readFileSync(join(dir, 'skills.db'))).toEqual(readFileSync('test/fixtures/legacy.db'));
  expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain('<skills-report id="report" src="skills.db">');
  expect(existsSync(join(dir, 'sample.db'))).toBe(false);
  expect(existsSync(join(dir, 'harness.html'))).toBe(false);
  const server = await serve(dir, 4392);
  try {
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.goto('http://127.0.0.1:4392/');
    const report = page.locator('skills-report');
    await expect(report).toHaveAttribute('state', 'ready', { timeout: 120_000 });
    await expect(report.locator('[data-field="file"]')).toHaveText(/^skills\.db/);
    await expect(report.locator('[data-field="first-invocation"]')).toHaveText('2026-11-10T23:22:12.856278Z'); // legacy.db, not the sample
    await expect(report.locator('#open-sample')).toBeHidden();
    await shoot(page, 'report-cli-site', testInfo);
  } finally {
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('`report` without a built site fails with a clear message', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sba-nosite-'));
  try {
    await expect(writeReportSite('test/fixtures/sample.db', join(dir, 'out'), join(dir, 'no-site'))).rejects.toThrow(/run `npm run build`/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
