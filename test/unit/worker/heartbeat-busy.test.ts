/**
 * The page's heartbeat and the worker's announced long step (DuckDB's start): silence beyond
 * 30 s kills an idle-announced worker, the same silence while it announced a long step does not,
 * and the longer allowance still ends.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HEARTBEAT_BUSY_SILENT_MS, HEARTBEAT_SILENT_MS, startHeartbeat } from '../../../src/client/heartbeat.js';

describe('heartbeat with an announced long step', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  const never = () => new Promise<never>(() => undefined);

  it('declares a silent worker dead after 30 s when it announced nothing', () => {
    const silent: number[] = [];
    const stop = startHeartbeat(never, (ms) => silent.push(ms));
    vi.advanceTimersByTime(HEARTBEAT_SILENT_MS + 1000);
    expect(silent).toEqual([HEARTBEAT_SILENT_MS]);
    stop();
  });

  it('allows 120 s of silence while busy, then declares it dead', () => {
    const silent: number[] = [];
    const stop = startHeartbeat(never, (ms) => silent.push(ms), { isBusy: () => true });
    vi.advanceTimersByTime(60_000);
    expect(silent).toEqual([]);
    vi.advanceTimersByTime(HEARTBEAT_BUSY_SILENT_MS);
    expect(silent).toEqual([HEARTBEAT_BUSY_SILENT_MS]);
    stop();
  });

  it('falls back to 30 s once the step is announced over', () => {
    let busy = true;
    const silent: number[] = [];
    const stop = startHeartbeat(never, (ms) => silent.push(ms), { isBusy: () => busy });
    vi.advanceTimersByTime(40_000);
    expect(silent).toEqual([]);
    busy = false;
    vi.advanceTimersByTime(1000);
    expect(silent).toEqual([41_000 - 1000]);
    stop();
  });
});
