/**
 * The page side: spawns the analytics worker and returns a typed remote of the engine.
 * Bytes are transferred, not copied; progress crosses as a comlink proxy; errors keep their code;
 * a dead worker rejects every pending call with WORKER_CRASHED.
 */
import * as Comlink from 'comlink';
import type { AnalyticsEngine, OpenOptions } from '../analytics/AnalyticsEngine.js';
import { AnalyticsError } from '../engine/errors.js';
import type { DatabaseInfo } from '../engine/types.js';
import { CAPABILITY_NAMES, methodSpec, type CapabilityName } from '../capabilities.js';
import { ASSETS_MESSAGE, resolveAssets, type AnalyticsAssets } from './assets.js';
import { spawnWorker } from './spawn-worker.js';
import { BUSY_MESSAGE, startHeartbeat } from './heartbeat.js';
import { registerTransferHandlers } from './transfer-handlers.js';

/** Anything a page can open: a picked File, a Blob, bytes, or a same-origin URL. */
export type PageSource = File | Blob | ArrayBuffer | Uint8Array | string | URL;

/** One file of several opened as one dataset: a source (named after the File or URL) or `{ name, data, wal }`. */
export type PageEntry = PageSource | { name?: string; data: PageSource; wal?: PageSource | null; localKey?: string };

type Capability<K extends CapabilityName> = Comlink.Remote<AnalyticsEngine[K]>;

/** Each capability of the registry (src/capabilities.ts) as a remote: timeSeries, predictor, abTesting, skillTables. */
export type RemoteCapabilities = { readonly [K in CapabilityName]: Capability<K> };

/** The analytics API in a page; every method returns a Promise. */
export interface Analytics extends RemoteCapabilities {
  /**
   * Opens a skills.db in the worker (replacing the file open before); an array opens several files
   * as one dataset (`info.sources`; every analysis takes `{ source }`; writes go to `writeTo`).
   */
  open(source: PageSource | readonly PageEntry[], options?: OpenOptions): Promise<DatabaseInfo>;
  info(): Promise<DatabaseInfo>;
  /**
   * The same API with every analysis covering only `source` (a file name from `info.sources`, or
   * several): each call gets `{ source }` added to its options. Writes are refused there with
   * READ_ONLY (every write goes to `info.writeTo`): make them on the unscoped API.
   * @example analytics.scoped('ana.db').timeSeries.getMultiSkillTrends({ windowDays: 7 }) // ana.db's trends
   */
  scoped(source: string | readonly string[]): Analytics;
  /** The SQLite file with every write in it; with several files, the one named (default: `info.writeTo`). */
  exportDatabase(name?: string): Promise<Uint8Array>;
  /** Drops this browser's saved copy of the open file (its A/B writes) and reopens the original. */
  discardLocalChanges(): Promise<DatabaseInfo>;
  /** Closes the open file (the worker stays ready). */
  close(): Promise<void>;
  /** Stops the worker; pending calls reject with WORKER_CRASHED. */
  terminate(): void;
  /** The underlying worker (for tests and advanced hosts). */
  readonly worker: Worker;
}

export interface CreateAnalyticsOptions {
  /** A worker to use instead of the bundled one (e.g. one built by your own bundler from `session-buddy-analytics/worker`). */
  worker?: Worker;
  /**
   * Where the worker loads its WebAssembly from, for CDNs and custom hosting (default: the files
   * next to the worker, which bundlers emit). Relative URLs are resolved against the page.
   */
  assets?: AnalyticsAssets;
  /**
   * Longest a single call may take before the worker is considered hung: it is then terminated,
   * the call rejects with TIMEOUT and every other pending call with WORKER_CRASHED. Default 10 min.
   */
  callTimeoutMs?: number;
}

const DEFAULT_CALL_TIMEOUT_MS = 10 * 60_000;

/**
 * Spawns the analytics worker.
 * @returns the analytics API
 * @example
 * const analytics = await createAnalytics();
 * const info = await analytics.open(fileInput.files[0]);
 * const trend = await analytics.timeSeries.detectTrend('pytest-run');
 */
export async function createAnalytics(options: CreateAnalyticsOptions = {}): Promise<Analytics> {
  registerTransferHandlers();
  const assets = options.assets === undefined ? null : resolveAssets(options.assets, typeof location === 'undefined' ? 'http://localhost/' : location.href);
  const worker = options.worker ?? spawnWorker();
  if (assets) worker.postMessage({ [ASSETS_MESSAGE]: assets }); // before any call: messages arrive in order
  const remote = Comlink.wrap<AnalyticsEngine>(worker);
  let crash: AnalyticsError | null = null;
  const waiters = new Set<(e: AnalyticsError) => void>();
  const die = (message: string) => {
    if (crash) return;
    crash = new AnalyticsError('WORKER_CRASHED', message);
    for (const w of waiters) w(crash);
    waiters.clear();
  };
  worker.addEventListener('error', (ev) =>
    die(`the analytics worker crashed (${ev.message || 'uncaught error or out of memory'}); call createAnalytics() again and reopen the file`),
  );
  worker.addEventListener('messageerror', () => die('the analytics worker sent a message that could not be read; call createAnalytics() again'));
  // A worker killed for memory may fire no event: a heartbeat outside the call queue notices it in seconds.
  let busy = false;
  worker.addEventListener('message', (ev: MessageEvent) => {
    const data = ev.data as Record<string, unknown> | null;
    if (data && typeof data === 'object' && BUSY_MESSAGE in data) busy = data[BUSY_MESSAGE] === true;
  });
  const stopHeartbeat = startHeartbeat(
    () => Promise.resolve((remote as unknown as Record<string, unknown>).__alive),
    (ms) => {
      worker.terminate();
      die(
        `the analytics worker stopped answering (no heartbeat for ${(ms / 1000).toFixed(1)} s: out of memory or stuck) and was stopped; call createAnalytics() again and reopen the file`,
      );
    },
    { isBusy: () => busy },
  );

  const timeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  /** Races a remote call against the worker's death and the call deadline. */
  const guard = <T>(call: () => Promise<T>): Promise<T> => {
    if (crash) return Promise.reject(crash);
    return new Promise<T>((resolve, reject) => {
      waiters.add(reject);
      const timer = setTimeout(() => {
        waiters.delete(reject);
        reject(
          new AnalyticsError(
            'TIMEOUT',
            `the call did not answer within ${Math.round(timeoutMs / 1000)} s; the worker was stopped. Call createAnalytics() again (with a larger callTimeoutMs for very large files)`,
          ),
        );
        worker.terminate();
        die('the analytics worker was stopped after a call timed out');
      }, timeoutMs);
      call()
        .then(resolve, reject)
        .finally(() => {
          clearTimeout(timer);
          waiters.delete(reject);
        });
    });
  };
  const guardCapability = <K extends CapabilityName>(key: K): Capability<K> =>
    new Proxy({} as Capability<K>, {
      get:
        (_t, method: string) =>
        (...args: unknown[]) =>
          guard(() => (remote[key] as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method](...args)),
    });

  const capabilities = Object.fromEntries(CAPABILITY_NAMES.map((name) => [name, guardCapability(name)])) as unknown as RemoteCapabilities;

  const analytics: Analytics = {
    worker,
    open: (source, opts = {}) =>
      guard(async () => {
        if (Array.isArray(source)) {
          const entries = await Promise.all((source as readonly PageEntry[]).map(toTransferableEntry));
          const buffers = entries.flatMap((e) => [e.data, e.wal].filter((x): x is Uint8Array => x instanceof Uint8Array).map((x) => x.buffer as ArrayBuffer));
          return remote.open(Comlink.transfer(entries, [...new Set(buffers)]), opts);
        }
        const payload = await toTransferable(source as PageSource);
        return remote.open(payload instanceof Uint8Array ? Comlink.transfer(payload, [payload.buffer as ArrayBuffer]) : payload, opts);
      }),
    info: () => guard(() => remote.info()),
    ...capabilities,
    scoped: (source) => scopedAnalytics(analytics, source),
    exportDatabase: (name) => guard(() => remote.exportDatabase(name)),
    discardLocalChanges: () => guard(() => remote.discardLocalChanges()),
    close: () => guard(() => remote.close()),
    terminate() {
      stopHeartbeat();
      remote[Comlink.releaseProxy]();
      worker.terminate();
      die('the analytics worker was terminated');
    },
  };
  return analytics;
}

/**
 * `analytics.scoped(source)`: every capability call with `{ source }` in its options (where the
 * registry says they sit) and every write refused.
 */
function scopedAnalytics(analytics: Analytics, source: string | readonly string[]): Analytics {
  const where = typeof source === 'string' ? source : source.join(', ');
  const scope = (name: CapabilityName) =>
    new Proxy(analytics[name], {
      get:
        (target, method: string) =>
        (...args: unknown[]) => {
          const spec = methodSpec(name, method);
          if (spec?.writes) {
            return Promise.reject(
              new AnalyticsError('READ_ONLY', `${name}.${method}: a view scoped to ${where} makes no writes (every write goes to info.writeTo, from the view of all files)`),
            );
          }
          if (spec?.options !== undefined) {
            while (args.length < spec.options) args.push(undefined);
            args[spec.options] = { ...((args[spec.options] as object | undefined) ?? {}), source };
          }
          return (target as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method](...args);
        },
    });
  const views = Object.fromEntries(CAPABILITY_NAMES.map((name) => [name, scope(name)]));
  return new Proxy(analytics, { get: (t, key: string) => (Object.hasOwn(views, key) ? views[key] : Reflect.get(t, key)) });
}

/** One dataset entry with its bytes ready to cross (a File keeps its name through the clone). */
async function toTransferableEntry(entry: PageEntry): Promise<{ name?: string; data: Uint8Array | Blob | string; wal?: Uint8Array | Blob | string | null; localKey?: string }> {
  const named = typeof entry === 'object' && entry !== null && 'data' in entry ? entry : null;
  if (!named) return { data: await toTransferable(entry as PageSource) };
  const wal = named.wal === undefined || named.wal === null ? named.wal : await toTransferable(named.wal);
  return {
    ...(named.name === undefined ? {} : { name: named.name }),
    data: await toTransferable(named.data),
    wal,
    ...(named.localKey === undefined ? {} : { localKey: named.localKey }),
  };
}

async function toTransferable(source: PageSource): Promise<Uint8Array | Blob | string> {
  if (source instanceof Uint8Array) return source.byteOffset === 0 && source.byteLength === source.buffer.byteLength ? source : source.slice();
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  if (typeof Blob !== 'undefined' && source instanceof Blob) return source; // structured clone of a Blob is a handle, not a copy
  if (typeof source === 'string' || source instanceof URL) return new URL(String(source), location.href).href;
  throw new AnalyticsError('INVALID_ARGUMENT', 'open: pass a File, Blob, ArrayBuffer, Uint8Array or a same-origin URL');
}
