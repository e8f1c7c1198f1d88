/**
 * One small driver interface over the three browser engines the tests run in: Chromium
 * (Playwright), Firefox (puppeteer-core over WebDriver BiDi) and WebKit (WebKitGTK's
 * WebKitWebDriver over W3C WebDriver, in an Xvfb display). A test is written once against
 * `BrowserTab`; the engine comes from the Playwright project (`engine` option, see fixture.ts).
 * Every engine refuses and records the page's (and its workers') requests to non-local hosts: the
 * offline guard. Chromium and Firefox intercept at the page (Playwright routes, BiDi network
 * interception: the browser's own background traffic is not the page's); WebKit sends everything
 * through a local proxy (guard-proxy.ts).
 */
import { pageExpression, unwrapReply } from './in-page.js';

export type Engine = 'chromium' | 'firefox' | 'webkit';
export const ENGINES: readonly Engine[] = ['chromium', 'firefox', 'webkit'];

/** One browser with one page. */
export interface BrowserTab {
  readonly engine: Engine;
  /** Browser version as the engine reports it, e.g. "firefox/153.8.0". */
  readonly version: string;
  /** Navigates (relative to the base URL) and waits for the load event. */
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  /** Runs `fn(arg)` in the page; plain data in and out (undefined, NaN, ±Infinity, -0 kept). */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<Awaited<R>>;
  /**
   * Runs a script's source in the page as the driver's own code (e.g. axe-core's bundle): not
   * through the page's `eval`, which the pages' Content-Security-Policy forbids (WebKit enforces it).
   */
  addScript(source: string): Promise<void>;
  /** Polls `fn(arg)` in the page until it is truthy; rejects after `timeoutMs`. */
  waitFor<A>(fn: (arg: A) => unknown, arg?: A, timeoutMs?: number): Promise<void>;
  /** A PNG of the viewport. */
  screenshot(path: string): Promise<void>;
  /** Uncaught errors and unhandled rejections of the page so far. */
  pageErrors(): Promise<string[]>;
  /** console.* lines of the page so far ("level: text"). */
  consoleLines(): Promise<string[]>;
  /** Requests to non-local hosts (refused). */
  foreignRequests(): string[];
  /**
   * Every URL the page and its workers requested from the network, in order. Chromium: Playwright
   * sees the page's and its dedicated workers' requests, not those of workers nested in a worker.
   */
  requestLog(): string[];
  close(): Promise<void>;
}

/** What an engine's launcher implements: raw expression evaluation and the rest of the tab. */
export interface EngineSession {
  version: string;
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  /** Evaluates a JS expression (it may be a Promise) in the page; resolves to its string value. */
  evalString(expression: string): Promise<string>;
  screenshot(path: string): Promise<void>;
  pageErrors(): Promise<string[]>;
  consoleLines(): Promise<string[]>;
  /** Refused requests to non-local hosts. */
  foreignRequests(): string[];
  requestLog(): string[];
  close(): Promise<void>;
}

export type Launcher = () => Promise<EngineSession>;

async function launcher(engine: Engine): Promise<Launcher> {
  if (engine === 'chromium') return (await import('./chromium.js')).launchChromium;
  if (engine === 'firefox') return (await import('./firefox.js')).launchFirefox;
  return (await import('./webkit.js')).launchWebKit;
}

/** Starts `engine` with a fresh profile and one page. */
export async function launch(engine: Engine, opts: { baseURL?: string } = {}): Promise<BrowserTab> {
  const session = await (await launcher(engine))();
  const resolveUrl = (url: string) => (opts.baseURL ? new URL(url, opts.baseURL).href : url);
  const evaluate = async <R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<Awaited<R>> => {
    const reply = await session.evalString(pageExpression(fn.toString(), arg));
    return unwrapReply(reply) as Awaited<R>;
  };
  return {
    engine,
    version: session.version,
    goto: (url) => session.goto(resolveUrl(url)),
    reload: () => session.reload(),
    evaluate,
    async addScript(source) {
      unwrapReply(await session.evalString(`(() => {\n${source}\n;return '{"ok":null}';\n})()`));
    },
    async waitFor(fn, arg, timeoutMs = 60_000) {
      const end = Date.now() + timeoutMs;
      let last: unknown;
      for (;;) {
        try {
          if (await evaluate(fn, arg)) return;
        } catch (e) {
          last = e; // e.g. the page is navigating
        }
        if (Date.now() > end) throw new Error(`waitFor timed out after ${timeoutMs} ms: ${fn.toString().slice(0, 200)}${last ? ` (last error: ${(last as Error).message})` : ''}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    screenshot: (path) => session.screenshot(path),
    pageErrors: () => session.pageErrors(),
    consoleLines: () => session.consoleLines(),
    foreignRequests: () => session.foreignRequests(),
    requestLog: () => session.requestLog(),
    close: () => session.close(),
  };
}
