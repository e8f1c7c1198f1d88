/**
 * The messaging layer over a MessageChannel, before real workers (comlink's own approach): errors
 * keep their code, progress callbacks nested in options cross as proxies, bytes are transferred.
 */
import { readFileSync } from 'node:fs';
import * as Comlink from 'comlink';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { registerTransferHandlers } from '../../../src/client/transfer-handlers.js';
import { AnalyticsError, type AnalyticsEngine, type Progress } from '../../../src/analytics/index.js';
import { createEngine } from '../../../src/node/index.js';

registerTransferHandlers();
const engine = createEngine();
const { port1, port2 } = new MessageChannel();
Comlink.expose(engine, port1);
const remote = Comlink.wrap<AnalyticsEngine>(port2);

afterAll(async () => {
  port1.close();
  port2.close();
  await engine.dispose();
});

describe('engine behind comlink', () => {
  it('a thrown AnalyticsError arrives as an AnalyticsError with its code and details', async () => {
    const truncated = new Uint8Array(readFileSync('test/fixtures/sample.db')).slice(0, 50_000);
    const err = await remote.open(truncated).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AnalyticsError);
    expect(err).toMatchObject({ code: 'CORRUPT_DATABASE', details: { bytes: 50_000 } });
  });

  it('a non-AnalyticsError arrives with code INTERNAL', async () => {
    const err = await (remote as unknown as { noSuchMethod(): Promise<void> }).noSuchMethod().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AnalyticsError);
    expect(err).toMatchObject({ code: 'INTERNAL' });
    expect((err as Error).message).toMatch(/noSuchMethod|undefined|not a function/);
  });

  it('transfers the bytes and reports progress through a callback nested in the options', async () => {
    const bytes = new Uint8Array(readFileSync('test/fixtures/sample.db'));
    const seen: Progress[] = [];
    const info = await remote.open(Comlink.transfer(bytes, [bytes.buffer]), { onProgress: (p: Progress) => void seen.push(p) });
    expect(bytes.byteLength).toBe(0); // detached: moved, not copied
    expect(info.invocations).toBe(2000);
    // open() answers once the file is read and checked; the warehouse loads behind it, and 'done'
    // comes when it has every row.
    await vi.waitFor(() => expect(seen.some((p) => p.phase === 'done')).toBe(true), { timeout: 60_000, interval: 20 });
    expect(seen.map((p) => p.phase)).toEqual(expect.arrayContaining(['reading', 'validating', 'loading', 'done']));
    expect(seen.find((p) => p.phase === 'loading' && p.done === 2000)).toBeTruthy();
    expect(seen.at(-1)?.phase).toBe('done');
  });
});
