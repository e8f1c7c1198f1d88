/**
 * WebKit (WebKitGTK's MiniBrowser) through WebKitWebDriver over W3C WebDriver with plain fetch.
 * MiniBrowser has no headless mode: each launch starts its own Xvfb display. Automation mode
 * gives a fresh ephemeral profile per session. Classic WebDriver has no page events, so errors
 * and console lines come from the probe the guard proxy adds to every page (probe.ts); all the
 * browser's traffic goes through that proxy, the offline guard (guard-proxy.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Launcher } from './engine-types.js';
import { startGuardProxy } from './guard-proxy.js';
import { READ_PROBE } from './probe.js';

const MINIBROWSER = ['/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser', '/usr/libexec/webkit2gtk-4.1/MiniBrowser'];

export function miniBrowserPath(): string | undefined {
  return process.env.MINIBROWSER_PATH ?? MINIBROWSER.find((p) => existsSync(p));
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const port = (s.address() as { port: number }).port;
  await new Promise((ok) => s.close(ok));
  return port;
}

/** Starts Xvfb on a free display number; resolves to ":N". */
async function startXvfb(): Promise<{ display: string; proc: ChildProcess }> {
  const proc = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (d) => (stderr += d));
  const display = await new Promise<string>((ok, fail) => {
    proc.stdio[3]!.once('data', (d) => ok(`:${String(d).trim()}`));
    proc.once('error', fail);
    proc.once('exit', (code) => fail(new Error(`Xvfb exited with ${code}: ${stderr}`)));
  });
  return { display, proc };
}

function stop(proc: ChildProcess | undefined): Promise<void> {
  if (!proc || proc.exitCode !== null || proc.signalCode) return Promise.resolve();
  return new Promise((ok) => {
    proc.once('exit', () => ok());
    proc.kill('SIGTERM');
  });
}

export const launchWebKit: Launcher = async () => {
  const binary = miniBrowserPath();
  if (!binary) throw new Error('no MiniBrowser found (apt-get install webkit2gtk-driver xvfb, or set MINIBROWSER_PATH)');
  const guard = await startGuardProxy({ probe: true });
  const proxyPort = guard.port;
  const xvfb = await startXvfb().catch(async (e) => {
    await guard.close();
    throw e;
  });
  let driver: ChildProcess | undefined;
  try {
    const port = await freePort();
    driver = spawn('WebKitWebDriver', [`--port=${port}`], { env: { ...process.env, DISPLAY: xvfb.display }, stdio: ['ignore', 'ignore', 'inherit'] });
    const base = `http://127.0.0.1:${port}`;
    const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
      const r = await fetch(base + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      const json = (await r.json()) as { value: unknown };
      const v = json.value as { error?: string; message?: string } | null;
      if (!r.ok || (v && typeof v === 'object' && 'error' in v && v.error)) throw new Error(`WebDriver ${method} ${path}: ${v?.error}: ${v?.message}`);
      return json.value;
    };
    for (let i = 0; ; i++) {
      try {
        await call('GET', '/status');
        break;
      } catch (e) {
        if (i > 100) throw e;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    const proxy = `127.0.0.1:${proxyPort}`;
    const created = (await call('POST', '/session', {
      capabilities: {
        alwaysMatch: {
          browserName: 'MiniBrowser',
          proxy: { proxyType: 'manual', httpProxy: proxy, sslProxy: proxy, noProxy: [] },
          'webkitgtk:browserOptions': { binary, args: ['--automation'] },
        },
      },
    })) as { sessionId: string; capabilities: { browserVersion: string } };
    const s = `/session/${created.sessionId}`;
    await call('POST', `${s}/timeouts`, { script: 900_000, pageLoad: 180_000 });
    await call('POST', `${s}/window/rect`, { width: 1200, height: 900 }).catch(() => undefined);
    // Errors and console lines of pages navigated away from.
    const past = { errors: [] as string[], console: [] as string[] };
    const readProbe = async () => JSON.parse((await call('POST', `${s}/execute/sync`, { script: `return ${READ_PROBE}`, args: [] })) as string) as typeof past;
    const keepProbe = async () => {
      const p = await readProbe().catch(() => ({ errors: [], console: [] }));
      past.errors.push(...p.errors);
      past.console.push(...p.console);
    };
    const sessionDriver = driver;
    return {
      version: `webkitgtk/${created.capabilities.browserVersion}`,
      async goto(url) {
        await keepProbe();
        await call('POST', `${s}/url`, { url });
      },
      async reload() {
        await keepProbe();
        await call('POST', `${s}/refresh`, {});
      },
      evalString: async (expression) =>
        (await call('POST', `${s}/execute/async`, {
          script: `const done = arguments[arguments.length - 1]; Promise.resolve(${expression}).then(done, (e) => done(JSON.stringify({ thrown: { name: 'Error', message: String(e) } })));`,
          args: [],
        })) as string,
      async screenshot(path) {
        writeFileSync(path, Buffer.from((await call('GET', `${s}/screenshot`)) as string, 'base64'));
      },
      pageErrors: async () => [...past.errors, ...(await readProbe()).errors],
      consoleLines: async () => [...past.console, ...(await readProbe()).console],
      foreignRequests: () => [...guard.foreign],
      requestLog: () => [...guard.log],
      async close() {
        await call('DELETE', s).catch(() => undefined);
        await stop(sessionDriver);
        await stop(xvfb.proc);
        await guard.close();
      },
    };
  } catch (e) {
    await stop(driver);
    await stop(xvfb.proc);
    await guard.close();
    throw e;
  }
};
