/**
 * The worker's call layer, applied before `Comlink.expose`: calls arrive through a message channel,
 * many at once, and run one by one in arrival order, so each sees every write sent before it, as if
 * the page had awaited them in turn. A call that wrote saves the file to the host's local store
 * before its result is returned. Training is the exception: it waits for the calls sent before it,
 * then runs beside the queue, so the page keeps getting answers meanwhile.
 *
 * The engine itself knows nothing of this: in Node, callers await their own calls.
 */
import type { AnalyticsEngine } from '../src/engine/AnalyticsEngine.js';

/** Methods that wait for the calls before them, then run beside the queue. */
const BESIDE_THE_QUEUE: Readonly<Record<string, readonly string[]>> = { predictor: ['trainModel'] };
const CAPABILITIES = ['timeSeries', 'predictor', 'abTesting', 'skillTables'] as const;

type Method = (...args: unknown[]) => unknown;

/**
 * The engine's API with every call queued.
 * @returns an object with the engine's methods and capabilities, for `Comlink.expose`
 * @example
 * Comlink.expose(serialCalls(new AnalyticsEngine(browserHost)));
 */
export function serialCalls(engine: AnalyticsEngine): AnalyticsEngine {
  let tail: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn);
    tail = run.catch(() => undefined);
    return run;
  };
  const queued = (target: object, fn: Method, beside: boolean) => {
    const call = async (args: unknown[]) => {
      const result = await fn.apply(target, args);
      await engine.flushLocalChanges();
      return result;
    };
    return beside
      ? async (...args: unknown[]) => {
          await enqueue(async () => undefined);
          return call(args);
        }
      : (...args: unknown[]) => enqueue(() => call(args));
  };
  const layer = (target: object, beside: readonly string[] = []) =>
    Object.fromEntries(methodNames(target).map((name) => [name, queued(target, (target as Record<string, Method>)[name], beside.includes(name))]));

  const api: Record<string, unknown> = layer(engine);
  for (const name of CAPABILITIES) api[name] = layer(engine[name], BESIDE_THE_QUEUE[name]);
  return api as unknown as AnalyticsEngine;
}

/** Every method of an object's class chain (not Object's own). */
function methodNames(target: object): string[] {
  const names = new Set<string>();
  for (let p = Object.getPrototypeOf(target); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const name of Object.getOwnPropertyNames(p)) {
      if (name !== 'constructor' && typeof Object.getOwnPropertyDescriptor(p, name)?.value === 'function') names.add(name);
    }
  }
  return [...names];
}
