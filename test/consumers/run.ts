/**
 * Consumer test: the packed tarball in other people's apps. Packs the package (needs `npm run
 * build` first), installs it into temporary projects outside the repository (each project's
 * package.json + package-lock.json are in test/consumers/<name>/, the tarball itself is installed
 * with `npm install --no-save`), builds or serves each one and opens test/fixtures/sample.db in
 * Chromium through it: Vite production build, Vite dev server, webpack 5, esbuild, plain static
 * files (dist/lib copied, an import map for the bare names; once more with the wasm moved and
 * `createAnalytics({ assets })`), plain Node ESM and the `npx` bin.
 * Every browser consumer must answer with 2000 invocations and the same trend as the Node engine
 * of this repository, render the `<skills-report>` element, and make no request to another host.
 * The Vite production build is also opened in Firefox and WebKit (test/browsers drivers).
 *
 * Run: `npm run test:consumer` (node:test; prints the matrix and writes it as JSON to
 * CONSUMER_MATRIX when that variable is set).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { promisify } from 'node:util';
import { chromium, type Browser } from '@playwright/test';
import playwrightConfig from '../../playwright.config.js';
import { openAnalytics } from '../../src/node/index.js';
import { launch, type Engine } from '../browsers/driver.js';

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '../..');
const here = join(repo, 'test/consumers');
const sampleDb = join(repo, 'test/fixtures/sample.db');
const SKILL = 'pytest-run';
const work = mkdtempSync(join(tmpdir(), 'sba-consumers-'));
const npmFlags = ['--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];

interface Row {
  consumer: string;
  answered: boolean;
  /** From navigation to the API's answer (open + trend), in Chromium. */
  millis: number;
  /** Size of the output folder the consumer serves (0 for Node and the dev server). */
  bytes: number;
  /** Bytes the page loaded (each URL once). */
  transferred: number;
  note: string;
}
const matrix: Row[] = [];
let tarball = '';
let browser: Browser;
let reference: { invocations: number; trend: unknown };

/** Runs a command in `cwd`; rejects with its output on failure. */
async function sh(cwd: string, file: string, args: string[], timeout = 300_000): Promise<string> {
  try {
    const { stdout } = await run(file, args, { cwd, timeout, maxBuffer: 64 << 20, env: { ...process.env, npm_config_update_notifier: 'false' } });
    return stdout;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${file} ${args.join(' ')} in ${cwd} failed: ${err.message}\n${err.stdout ?? ''}\n${err.stderr ?? ''}`);
  }
}

/** Copies test/consumers/<name> to a fresh folder, installs its lockfile and then the tarball. */
async function project(name: string, entry?: string): Promise<string> {
  const dir = join(work, name);
  cpSync(join(here, name), dir, { recursive: true });
  if (entry) {
    mkdirSync(join(dir, 'src'), { recursive: true });
    cpSync(join(here, 'shared/main.js'), join(dir, 'src', entry));
  }
  await sh(dir, 'npm', ['ci', ...npmFlags]);
  await sh(dir, 'npm', ['install', ...npmFlags, tarball]); // saved into the temporary copy only, so the bin is linked
  return dir;
}

/** Total size of the files under `dir`, leaving out the sample database. */
function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += folderBytes(path);
    else if (entry.name !== 'sample.db') total += statSync(path).size;
  }
  return total;
}

/** Serves `dir` with the repository's static server on `port`. */
async function serve(dir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(repo, 'scripts/serve.mjs'), dir, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((ok, fail) => {
    child.stdout!.once('data', () => ok());
    child.once('exit', (code) => fail(new Error(`serve.mjs exited with ${code}`)));
  });
  return child;
}

/** Waits until `url` answers (the Vite dev server). */
async function waitForHttp(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > end) throw new Error(`${url} did not answer within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const isLocal = (url: string) => /^(https?|wss?):\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(url) || /^(data|blob|about):/.test(url);

/**
 * Opens `url` in Chromium: waits for the page's result (unless `element` only) and for the
 * `<skills-report>` element. Requests to other hosts are aborted and recorded.
 */
async function openInChromium(url: string, opts: { element: boolean; api: boolean; loads?: string }) {
  const context = await browser.newContext();
  const offHost: string[] = [];
  const sizes = new Map<string, number>();
  await context.route(
    (u) => !isLocal(u.href),
    (route) => {
      offHost.push(route.request().url());
      return route.abort();
    },
  );
  const page = await context.newPage();
  // Bytes the page loaded, each URL once (the API and the element start a worker each), database left out.
  context.on('requestfinished', (req) => {
    if (/\/(sample|skills)\.db$/.test(new URL(req.url()).pathname)) return;
    req.sizes().then(
      (s) => sizes.set(req.url(), s.responseBodySize),
      () => undefined,
    );
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    const started = Date.now();
    await page.goto(url);
    let result: { invocations?: number; trend?: unknown; error?: string } = {};
    if (opts.api) {
      await page.waitForFunction(() => (window as unknown as { __consumerResult?: unknown }).__consumerResult !== undefined, null, { timeout: 180_000 });
      result = await page.evaluate(() => (window as unknown as { __consumerResult: typeof result }).__consumerResult);
    }
    const millis = Date.now() - started;
    // A file the page loads behind its answer (the hourly cube answers before DuckDB's wasm arrives): its response, an event.
    const loads = opts.loads;
    if (loads && ![...sizes.keys()].some((u) => u.endsWith(loads))) await context.waitForEvent('requestfinished', { predicate: (r) => r.url().endsWith(loads), timeout: 120_000 });
    if (opts.element) {
      const report = page.locator('skills-report');
      await report.waitFor({ state: 'attached' });
      await page.waitForFunction(() => ['ready', 'error'].includes(document.querySelector('skills-report')?.getAttribute('state') ?? ''), null, { timeout: 180_000 });
      assert.equal(await report.getAttribute('state'), 'ready', `the element did not render: ${await report.locator('#status').textContent()}`);
      assert.equal(await report.locator('[data-field="invocations"]').textContent(), '2000');
    }
    await page.waitForTimeout(200); // let pending sizes() reads finish
    const transferred = [...sizes.values()].reduce((a, b) => a + b, 0);
    return { result, millis, offHost, transferred, errors, urls: new Set(sizes.keys()) };
  } finally {
    await context.close();
  }
}

/**
 * Non-integer numbers to 12 significant digits: V8 in Chromium and in Node compute Math.exp/log/pow
 * with different library code (last-bit differences, see test/e2e/deep-close.ts).
 */
function close(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) || !Number.isFinite(v) ? v : Number(v.toPrecision(12));
  if (Array.isArray(v)) return v.map(close);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, close(x)]));
  return v;
}

/** Checks a browser consumer's answer against the Node engine and records its row. */
function expectAnswer(consumer: string, r: Awaited<ReturnType<typeof openInChromium>>, bytes: number, note: string): void {
  matrix.push({ consumer, answered: !r.result.error, millis: r.millis, bytes, transferred: r.transferred, note });
  assert.equal(r.result.error, undefined, `${consumer}: ${r.result.error} (page errors: ${r.errors.join('; ')})`);
  assert.equal(r.result.invocations, 2000);
  assert.deepEqual(close(r.result.trend), close(reference.trend));
  assert.deepEqual(r.offHost, [], `${consumer} asked another host`);
}

// The installs run at once (network and disk), the builds one after another.
const installs = new Map<string, Promise<string>>();
const install = (name: string, entry?: string) => {
  if (!installs.has(name)) installs.set(name, project(name, entry));
  return installs.get(name)!;
};

before(async () => {
  const packed = await sh(repo, 'npm', ['pack', '--pack-destination', work, '--loglevel=error']);
  tarball = join(work, packed.trim().split('\n').pop()!);
  for (const [name, entry] of [
    ['vite', 'main.js'],
    ['webpack', 'index.js'],
    ['esbuild', 'main.js'],
    ['node', undefined],
  ] as const)
    install(name, entry).catch(() => undefined);
  const engine = await openAnalytics(sampleDb);
  reference = { invocations: (await engine.info()).invocations, trend: JSON.parse(JSON.stringify(await engine.timeSeries.detectTrend(SKILL))) };
  await engine.dispose();
  assert.equal(reference.invocations, 2000);
  browser = await chromium.launch(playwrightConfig.use?.launchOptions);
});

after(async () => {
  await browser?.close();
  console.log('\nconsumer matrix (answered / ms to answer / output folder bytes / bytes loaded by the page; sample.db left out):');
  for (const r of matrix)
    console.log(
      `  ${r.consumer.padEnd(24)} ${r.answered ? 'yes' : 'NO '} ${String(r.millis).padStart(7)} ms ${String(r.bytes).padStart(11)} B ${String(r.transferred).padStart(11)} B  ${r.note}`,
    );
  if (process.env.CONSUMER_MATRIX) writeFileSync(process.env.CONSUMER_MATRIX, JSON.stringify({ tarballBytes: statSync(tarball).size, matrix }, null, 2));
  if (process.env.SBA_KEEP) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
});

test('Vite production build', async () => {
  const dir = await install('vite', 'main.js');
  mkdirSync(join(dir, 'public'), { recursive: true });
  cpSync(sampleDb, join(dir, 'public/sample.db'));
  await sh(dir, process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error']);
  const server = await serve(join(dir, 'dist'), 4501);
  try {
    expectAnswer('Vite 8 build', await openInChromium('http://127.0.0.1:4501/', { element: true, api: true }), folderBytes(join(dir, 'dist')), 'no config');
  } finally {
    server.kill();
  }
});

/** Opens `url` in Firefox or WebKit: the API's answer and the element's state and invocations. */
async function openInEngine(engine: Exclude<Engine, 'chromium'>, url: string) {
  const tab = await launch(engine);
  try {
    const started = Date.now();
    await tab.goto(url);
    await tab.waitFor(() => (window as unknown as { __consumerResult?: unknown }).__consumerResult !== undefined, undefined, 180_000);
    const result = await tab.evaluate(() => (window as unknown as { __consumerResult: { invocations?: number; trend?: unknown; error?: string } }).__consumerResult);
    const millis = Date.now() - started;
    await tab.waitFor(() => ['ready', 'error'].includes(document.querySelector('skills-report')?.getAttribute('state') ?? ''), undefined, 180_000);
    const element = await tab.evaluate(() => {
      const r = document.querySelector('skills-report')!;
      return { state: r.getAttribute('state'), invocations: r.shadowRoot!.querySelector('[data-field="invocations"]')?.textContent };
    });
    return { result, millis, element, errors: await tab.pageErrors(), offHost: tab.foreignRequests(), version: tab.version };
  } finally {
    await tab.close();
  }
}

test('Vite production build in Firefox and WebKit', async () => {
  const dir = await install('vite', 'main.js');
  mkdirSync(join(dir, 'public'), { recursive: true });
  cpSync(sampleDb, join(dir, 'public/sample.db'));
  await sh(dir, process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error']);
  const server = await serve(join(dir, 'dist'), 4508);
  try {
    for (const engine of ['firefox', 'webkit'] as const) {
      const r = await openInEngine(engine, 'http://127.0.0.1:4508/');
      matrix.push({
        consumer: `Vite 8 build, ${r.version}`,
        answered: !r.result.error,
        millis: r.millis,
        bytes: folderBytes(join(dir, 'dist')),
        transferred: 0,
        note: 'no config',
      });
      assert.equal(r.result.error, undefined, `${engine}: ${r.result.error} (page errors: ${r.errors.join('; ')})`);
      assert.equal(r.result.invocations, 2000);
      assert.deepEqual(close(r.result.trend), close(reference.trend));
      assert.deepEqual(r.element, { state: 'ready', invocations: '2000' });
      assert.deepEqual(r.errors, [], `${engine}: page errors`);
      assert.deepEqual(r.offHost, [], `${engine} asked another host`);
    }
  } finally {
    server.kill();
  }
});

test('Vite dev server', async () => {
  const dir = await install('vite', 'main.js');
  mkdirSync(join(dir, 'public'), { recursive: true });
  cpSync(sampleDb, join(dir, 'public/sample.db'));
  const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', '--port', '4502', '--strictPort', '--host', '127.0.0.1'], { cwd: dir, stdio: 'ignore' });
  try {
    await waitForHttp('http://127.0.0.1:4502/', 60_000);
    const r = await openInChromium('http://127.0.0.1:4502/', { element: true, api: true });
    expectAnswer('Vite 8 dev server', r, 0, 'no config');
  } finally {
    server.kill();
  }
});

test('webpack 5', async () => {
  const dir = await install('webpack', 'index.js');
  await sh(dir, process.execPath, ['build.mjs']);
  cpSync(join(dir, 'index.html'), join(dir, 'dist/index.html'));
  cpSync(sampleDb, join(dir, 'dist/sample.db'));
  const server = await serve(join(dir, 'dist'), 4503);
  try {
    expectAnswer('webpack 5 build', await openInChromium('http://127.0.0.1:4503/', { element: true, api: true }), folderBytes(join(dir, 'dist')), 'no config (defaults)');
  } finally {
    server.kill();
  }
});

test('esbuild', async () => {
  const dir = await install('esbuild', 'main.js');
  await sh(dir, 'npm', ['run', 'build', '--silent']);
  cpSync(join(dir, 'index.html'), join(dir, 'dist/index.html'));
  cpSync(sampleDb, join(dir, 'dist/sample.db'));
  const server = await serve(join(dir, 'dist'), 4504);
  try {
    expectAnswer(
      'esbuild bundle',
      await openInChromium('http://127.0.0.1:4504/', { element: true, api: true }),
      folderBytes(join(dir, 'dist')),
      'copy worker.js + *.wasm beside the bundle',
    );
  } finally {
    server.kill();
  }
});

test('plain static files (dist/lib copied, import map)', async () => {
  const dir = await install('node');
  const site = join(work, 'static');
  cpSync(join(dir, 'node_modules/session-buddy-analytics/dist/lib'), site, { recursive: true });
  cpSync(join(here, 'shared/main.js'), join(site, 'main.js'));
  cpSync(join(here, 'static/index.html'), join(site, 'index.html'));
  cpSync(sampleDb, join(site, 'sample.db'));
  const server = await serve(site, 4505);
  try {
    expectAnswer('static copy of dist/lib', await openInChromium('http://127.0.0.1:4505/', { element: true, api: true }), folderBytes(site), 'import map for the bare names');
  } finally {
    server.kill();
  }
});

test('plain static files with createAnalytics({ assets }): the override reaches the worker', async () => {
  const dir = await install('node');
  const site = join(work, 'static-assets');
  cpSync(join(dir, 'node_modules/session-buddy-analytics/dist/lib'), site, { recursive: true });
  mkdirSync(join(site, 'cdn'));
  for (const wasm of ['duckdb-eh.wasm', 'sql-wasm-browser.wasm']) renameSync(join(site, wasm), join(site, 'cdn', wasm));
  cpSync(join(here, 'static/assets.html'), join(site, 'index.html'));
  cpSync(sampleDb, join(site, 'sample.db'));
  const server = await serve(site, 4507);
  try {
    const r = await openInChromium('http://127.0.0.1:4507/', { element: false, api: true, loads: '/cdn/duckdb-eh.wasm' });
    expectAnswer('static, assets override', r, folderBytes(site), 'wasm moved to /cdn/, createAnalytics({ assets })');
    const loaded = [...r.urls].filter((u) => u.endsWith('.wasm')).sort();
    assert.deepEqual(loaded, ['http://127.0.0.1:4507/cdn/duckdb-eh.wasm', 'http://127.0.0.1:4507/cdn/sql-wasm-browser.wasm']);
  } finally {
    server.kill();
  }
});

test('plain Node ESM (session-buddy-analytics/node)', async () => {
  const dir = await install('node');
  const started = Date.now();
  const out = JSON.parse(await sh(dir, process.execPath, ['check.mjs', sampleDb]));
  matrix.push({ consumer: 'Node ESM', answered: out.invocations === 2000, millis: Date.now() - started, bytes: 0, transferred: 0, note: 'openAnalytics() in a child process' });
  assert.equal(out.invocations, 2000);
  assert.deepEqual(out.trend, reference.trend); // the same engine on the same Node: bit-identical
  assert.ok(out.warningCodes > 0);
});

test('npx bin: `report` writes a site that Chromium opens; `trend` matches', async () => {
  const dir = await install('node');
  const npx = ['--no', 'session-buddy-analytics'];
  const trend = JSON.parse(await sh(dir, 'npx', [...npx, 'trend', sampleDb, SKILL, '--json']));
  assert.deepEqual(trend, reference.trend);
  const site = join(work, 'npx-site');
  const started = Date.now();
  const written = JSON.parse(await sh(dir, 'npx', [...npx, 'report', sampleDb, '--out', site, '--json']));
  assert.equal(written.invocations, 2000);
  const server = await serve(site, 4506);
  try {
    const r = await openInChromium('http://127.0.0.1:4506/', { element: true, api: false });
    matrix.push({
      consumer: 'npx report site',
      answered: true,
      millis: Date.now() - started,
      bytes: folderBytes(site),
      transferred: r.transferred,
      note: 'report <db> --out DIR, then the element',
    });
    assert.deepEqual(r.offHost, []);
  } finally {
    server.kill();
  }
});
