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

export { ENGINES, type BrowserTab, type Engine } from './engine-types.js';
import type { BrowserTab, Engine, Launcher } from './engine-types.js';

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
