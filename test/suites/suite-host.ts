/**
 * One suite, two hosts (duckdb-wasm's `testBindings(() => db)` model): a suite is a function of a
 * test host (vitest or Playwright) and a way to open an engine (in-process in Node, or through
 * the built worker in Chromium). The suite's own code always runs in Node; only engine calls
 * cross to the page.
 */
import type { expect as vitestExpect } from 'vitest';
import type { AnalyticsEngine } from '../../src/analytics/AnalyticsEngine.js';

/** What a suite needs of its test runner. */
export interface SuiteHost {
  /** 'node' (vitest, in-process) or 'browser' (Playwright, through the worker in Chromium, Firefox or WebKit). */
  name: 'node' | 'browser';
  describe(name: string, body: () => void): void;
  it(name: string, body: () => Promise<void> | void): void;
  beforeAll(fn: () => Promise<void> | void): void;
  afterAll(fn: () => Promise<void> | void): void;
  /** Jest-style expect; vitest's and Playwright's agree on every matcher the suites use. */
  expect: typeof vitestExpect;
}

/**
 * The engine as a suite sees it: every method returns a Promise of plain data and `context()` is
 * not available (it does not exist through the worker).
 */
export type EngineUnderTest = Omit<AnalyticsEngine, 'context'>;

/** Opens a skills.db (a path, or the file's bytes) in a new engine. */
export type OpenEngine = (source: string | Uint8Array) => Promise<EngineUnderTest>;
