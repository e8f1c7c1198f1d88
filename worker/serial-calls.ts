/**
 * The worker's call layer, applied before `Comlink.expose`: calls arrive through a message channel,
 * many at once, and run one by one in arrival order, so each sees every write sent before it, as if
 * the page had awaited them in turn. A call that wrote saves the file to the host's local store
 * before its result is returned. Training is the exception: it waits for the calls sent before it,
 * then runs beside the queue, so the page keeps getting answers meanwhile.
 *
 * The engine itself knows nothing of this: in Node, callers await their own calls.
 */
import type { AnalyticsEngine } from '../src/analytics/AnalyticsEngine.js';
import { CAPABILITIES, CAPABILITY_NAMES, type MethodSpec } from '../src/capabilities.js';

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
  const layer = (target: object, specs: Readonly<Record<string, MethodSpec>>) =>
    Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, queued(target, (target as Record<string, Method>)[name], spec.besideQueue === true)]));

  const api: Record<string, unknown> = layer(engine, Object.fromEntries(methodNames(engine).map((name) => [name, {}])));
  for (const name of CAPABILITY_NAMES) api[name] = layer(engine[name], CAPABILITIES[name]);
  return api as unknown as AnalyticsEngine;
}

/** Every method of the engine's class chain (not Object's own): the engine's own calls (open, info, …). */
function methodNames(target: object): string[] {
  const names = new Set<string>();
  for (let p = Object.getPrototypeOf(target); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const name of Object.getOwnPropertyNames(p)) {
      if (name !== 'constructor' && typeof Object.getOwnPropertyDescriptor(p, name)?.value === 'function') names.add(name);
    }
  }
  return [...names];
}
