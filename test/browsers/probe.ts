/**
 * The error probe for engines without page events (WebKit over classic WebDriver): the guard
 * proxy serves it as the first script of every HTML page. It records uncaught errors, unhandled
 * rejections and console lines on `window.__sbaProbe`, read back by the driver.
 */
export const PROBE_PATH = '/__sba-probe.js';

export const PROBE_SOURCE = `(() => {
  const p = (window.__sbaProbe = { errors: [], console: [] });
  addEventListener('error', (e) => { p.errors.push(e.error && e.error.stack ? String(e.error) + '\\n' + e.error.stack : String(e.message)); });
  addEventListener('unhandledrejection', (e) => { const r = e.reason; p.errors.push('unhandled rejection: ' + (r && r.stack ? String(r) + '\\n' + r.stack : String(r))); });
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    const original = console[level].bind(console);
    console[level] = (...args) => { try { p.console.push(level + ': ' + args.map((a) => (typeof a === 'string' ? a : String(a))).join(' ')); } catch {} original(...args); };
  }
})();`;

/** Reads the probe's record (an empty one when the page has none, e.g. about:blank). */
export const READ_PROBE = `JSON.stringify(window.__sbaProbe || { errors: [], console: [] })`;
