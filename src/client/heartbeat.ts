/**
 * Notices a worker that died without an `error` event (killed for memory, or stuck) within
 * seconds instead of after the call timeout: the page reads a property of the exposed API every
 * second (a comlink GET, answered by comlink's message handler itself, so it does not wait in the
 * worker's call queue). A worker that answers nothing for `silentMs` is declared dead.
 *
 * A worker busy with one long synchronous step (sql.js reading a large file) cannot answer while
 * it runs; the engine yields between its steps, and the silence allowed (30 s) is well above the
 * longest step measured (≈1.3 s for 1M rows in Chromium) even on a starved machine: at load 30 on
 * two cores, opening sample.db once held a Chromium worker past the 8 s allowed before, and a
 * worker declared dead by mistake loses the page's open file, far worse than a slower report. DuckDB's steps can be longer:
 * compiling its 34 MB module, its start (instantiating it, opening the database) and its
 * statements (the blocking build runs them on the worker's thread) held the worker 2-2.6 s in
 * Chromium and 9-14 s in WebKitGTK 2.50 on two loaded cores. The worker announces them (`BUSY_MESSAGE`, true before, false once the thread is free
 * again) and the silence allowed meanwhile is `busySilentMs`.
 */

/** How often to ping and how long a silence means death. */
export interface HeartbeatOptions {
  intervalMs?: number;
  silentMs?: number;
  /** The silence allowed while `isBusy()` says the worker runs an announced long step. */
  busySilentMs?: number;
  isBusy?: () => boolean;
}

export const HEARTBEAT_INTERVAL_MS = 1000;
export const HEARTBEAT_SILENT_MS = 30_000;
export const HEARTBEAT_BUSY_SILENT_MS = 120_000;

/** The worker's message `{ [BUSY_MESSAGE]: boolean }`: a long synchronous step starts (true) or ended (false). */
export const BUSY_MESSAGE = 'session-buddy-analytics:busy';

/**
 * Starts pinging.
 * @param ping sends one ping; resolves when the worker answers
 * @param onSilent called once, with the silence in ms, when no answer came for `silentMs`
 * @returns stops the heartbeat
 * @example
 * const stop = startHeartbeat(() => Promise.resolve(remote.__alive), (ms) => die(`no answer for ${ms} ms`));
 */
export function startHeartbeat(
  ping: () => Promise<unknown>,
  onSilent: (silentMs: number) => void,
  { intervalMs = HEARTBEAT_INTERVAL_MS, silentMs = HEARTBEAT_SILENT_MS, busySilentMs = HEARTBEAT_BUSY_SILENT_MS, isBusy = () => false }: HeartbeatOptions = {},
): () => void {
  let waitingSince: number | null = null;
  const timer = setInterval(() => {
    const now = performance.now();
    if (waitingSince !== null) {
      if (now - waitingSince >= (isBusy() ? busySilentMs : silentMs)) {
        clearInterval(timer);
        onSilent(Math.round(now - waitingSince));
      }
      return;
    }
    waitingSince = now;
    ping().then(
      () => (waitingSince = null),
      () => (waitingSince = null),
    );
  }, intervalMs);
  return () => clearInterval(timer);
}
