/** The engines the tests run in, the tab a test drives and what each engine's launcher implements (driver.ts). */

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
