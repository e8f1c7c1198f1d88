/**
 * The suites in a browser (Chromium, Firefox or WebKit, the Playwright project's engine):
 * Playwright as the test host, and each engine a real worker in the harness page
 * (`createAnalytics()` from the built site), driven through test/browsers. Calls cross as
 * `evaluate`; bytes as base64; a thrown AnalyticsError comes back with its `code` and `details`.
 */
import { readFileSync } from 'node:fs';
import { type BrowserTab, launch } from '../browsers/driver.js';
import { test, expect } from '../browsers/fixture.js';
import type { EngineUnderTest, OpenEngine, SuiteHost } from '../suites/suite-host.js';
import { CAPABILITY_NAMES } from '../../src/capabilities.js';

type Page = BrowserTab;
const CAPABILITIES = new Set<string>(CAPABILITY_NAMES);

interface Reply {
  value?: unknown;
  error?: { name: string; message: string; code?: string; details?: unknown };
}

/** Bytes cross page.evaluate as `{ __bytes: base64 }`. */
const encode = (v: unknown) => (v instanceof Uint8Array ? { __bytes: Buffer.from(v).toString('base64') } : v);
const decode = (v: unknown) => (v && typeof v === 'object' && '__bytes' in v ? new Uint8Array(Buffer.from((v as { __bytes: string }).__bytes, 'base64')) : v);

/** Runs `path` (e.g. ['skillTables', 'materialize']) on engine `id` in the page. */
async function callInPage(page: Page, id: number, path: string[], args: unknown[]): Promise<unknown> {
  const reply: Reply = await page.evaluate(
    async ({ id, path, args }) => {
      const w = window as unknown as { sbaEngines: Record<number, Record<string, unknown>> };
      const fromWire = (a: unknown) => (a && typeof a === 'object' && '__bytes' in a ? Uint8Array.from(atob((a as { __bytes: string }).__bytes), (c) => c.charCodeAt(0)) : a);
      try {
        let target: Record<string, unknown> = w.sbaEngines[id];
        for (const p of path.slice(0, -1)) target = target[p] as Record<string, unknown>;
        const v = await (target[path[path.length - 1]] as (...a: unknown[]) => Promise<unknown>)(...args.map(fromWire));
        if (!(v instanceof Uint8Array)) return { value: v };
        let s = '';
        for (let i = 0; i < v.length; i += 0x8000) s += String.fromCharCode(...v.subarray(i, i + 0x8000));
        return { value: { __bytes: btoa(s) } };
      } catch (e) {
        const err = e as { name: string; message: string; code?: string; details?: unknown };
        return { error: { name: err.name, message: err.message, code: err.code, details: err.details } };
      }
    },
    { id, path, args: args.map(encode) },
  );
  if (reply.error) throw Object.assign(new Error(reply.error.message), reply.error);
  return decode(reply.value);
}

/** An engine in the page, with the engine's own call shape. */
function pageEngine(page: Page, id: number): EngineUnderTest {
  const method =
    (path: string[]) =>
    (...args: unknown[]) =>
      callInPage(page, id, path, args);
  // close() first: it releases the file's tab lock before the worker goes.
  const dispose = () =>
    page.evaluate(async (id) => {
      const w = window as unknown as { sbaEngines: Record<number, { close(): Promise<void>; terminate(): void }> };
      await w.sbaEngines[id].close();
      w.sbaEngines[id].terminate();
      delete w.sbaEngines[id];
    }, id);
  return new Proxy({} as EngineUnderTest, {
    get(_, prop) {
      if (typeof prop !== 'string' || prop === 'then') return undefined;
      if (prop === 'dispose') return dispose;
      if (CAPABILITIES.has(prop)) return new Proxy({}, { get: (__, m) => (typeof m === 'string' && m !== 'then' ? method([prop, m]) : undefined) });
      return method([prop]);
    },
  });
}

/**
 * Registers a page for the file's suites (opened before them, closed after; no page error and no
 * request to a non-local host) and runs `define` with Playwright as the host and engines in that page.
 */
export function inBrowser(define: (host: SuiteHost, open: OpenEngine) => void): void {
  let page: Page;
  let next = 0;
  test.beforeAll(async ({ engine }) => {
    page = await launch(engine, { baseURL: test.info().project.use.baseURL });
    await page.goto('harness.html');
    await page.waitFor(() => document.getElementById('status')?.textContent === 'ready');
  });
  test.afterAll(async () => {
    if (!page) return;
    const errors = await page.pageErrors();
    const foreign = page.foreignRequests();
    await page.close();
    expect(errors, `page errors in ${page.version}`).toEqual([]);
    expect(foreign, 'requests to non-local hosts').toEqual([]);
  });

  const open: OpenEngine = async (source) => {
    const bytes = typeof source === 'string' ? new Uint8Array(readFileSync(source)) : source;
    const id = next++;
    const reply: Reply = await page.evaluate(
      async ({ id, b64 }) => {
        const w = window as unknown as {
          sbaEngines?: Record<number, unknown>;
          createAnalytics(): Promise<{ open(b: Uint8Array, o: { localKey: string }): Promise<unknown>; terminate(): void }>;
        };
        const a = await w.createAnalytics();
        try {
          // Each engine its own local-copy key: one engine's saved writes (and its tab lock) must not
          // reach another engine that opens the same bytes in this page.
          await a.open(
            Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)),
            { localKey: `shared-suite-${id}` },
          );
        } catch (e) {
          a.terminate();
          const err = e as { name: string; message: string; code?: string; details?: unknown };
          return { error: { name: err.name, message: err.message, code: err.code, details: err.details } };
        }
        (w.sbaEngines ??= {})[id] = a;
        return {};
      },
      { id, b64: Buffer.from(bytes).toString('base64') },
    );
    if (reply.error) throw Object.assign(new Error(reply.error.message), reply.error);
    return pageEngine(page, id);
  };

  const host: SuiteHost = {
    name: 'browser',
    describe: (name, body) => test.describe(name, body),
    it: (name, body) => test(name, async () => void (await body())),
    beforeAll: (fn) => test.beforeAll(async () => void (await fn())),
    afterAll: (fn) => test.afterAll(async () => void (await fn())),
    expect: expect as unknown as SuiteHost['expect'],
  };
  define(host, open);
}
