/**
 * One answer for the same question asked by two panels: at a glance and the trends table both ask
 * for every skill's completion-rate trend and level changes over the same window (on first render
 * and after each brush), so those time-series reads are shared while the report shows one file.
 * A write to the file (`clear()`) forgets them.
 */
import type { Analytics } from '../client/index.js';

/** The time-series reads shared (plain-data arguments, no callbacks). */
const SHARED = new Set(['getMultiSkillTrends', 'detectChangepoints']);
/** Answers kept (the latest ones); a brush session asks a few new windows a second. */
const KEEP = 32;

/**
 * @param analytics the page API (or a wrapper of it)
 * @returns the same API with the shared reads answered once per arguments, and `clear()`
 * @example const { analytics: shared, clear } = sharedReads(analytics); // clear() after a write
 */
export function sharedReads(analytics: Analytics): { analytics: Analytics; clear(): void } {
  const answers = new Map<string, Promise<unknown>>();
  const timeSeries = new Proxy(analytics.timeSeries, {
    get(t, method: string) {
      const call = Reflect.get(t, method) as (...a: unknown[]) => Promise<unknown>;
      if (!SHARED.has(method)) return call;
      return (...args: unknown[]) => {
        const key = `${method}\n${JSON.stringify(args)}`;
        let answer = answers.get(key);
        if (!answer) {
          answer = Reflect.apply(call, t, args) as Promise<unknown>;
          answers.set(key, answer);
          // A failed read is asked again next time.
          answer.catch(() => answers.get(key) === answer && answers.delete(key));
          if (answers.size > KEEP) answers.delete(answers.keys().next().value!);
        }
        return answer;
      };
    },
  });
  const shared = new Proxy(analytics, { get: (t, key: string) => (key === 'timeSeries' ? timeSeries : Reflect.get(t, key)) });
  return { analytics: shared, clear: () => answers.clear() };
}
