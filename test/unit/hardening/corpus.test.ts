/**
 * The bad-input corpus in Node: every case ends in its expected outcome within a time bound, and a
 * file that opened answers every capability with data or a typed error (never INTERNAL, never
 * untyped). The outcome counts are written to test-results/hardening-node.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/node/index.js';
import { buildCorpus } from '../../hardening/corpus.js';
import { exercise } from '../../hardening/exercise.js';

const cases = await buildCorpus();
const engine = createEngine();
const tally: Record<string, Record<string, number>> = {};

afterAll(async () => {
  await engine.dispose();
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/hardening-node.json', JSON.stringify(tally, null, 2));
});

const within = <T>(ms: number, p: Promise<T>) => Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))]);

describe('bad-input corpus (Node)', () => {
  it.each(cases.map((c) => [`${c.group}: ${c.name}`, c] as const))('%s', async (_label, c) => {
    let outcome: string;
    let info: Awaited<ReturnType<typeof engine.open>> | null = null;
    try {
      info = await within(60_000, engine.open(c.bytes, { wal: c.wal }));
      outcome = 'ok';
    } catch (e) {
      outcome = (e as { code?: string }).code ?? `UNTYPED: ${String(e)}`;
    }
    (tally[c.group] ??= {})[outcome] = ((tally[c.group] ??= {})[outcome] ?? 0) + 1;
    expect(c.acceptable ?? [c.expect]).toContain(outcome);
    if (!info) return;
    for (const w of c.warnings ?? []) expect(info.warnings.map((x) => x.code)).toContain(w);
    if (c.invocations !== undefined) expect(info.invocations).toBe(c.invocations);
    if (c.skills !== undefined) expect(info.skills).toBe(c.skills);
    const [first] = await engine.context().warehouse.query<{ s: string }>('SELECT skill_name AS s FROM invocations LIMIT 1');
    const calls = await within(120_000, exercise(engine, first?.s ?? null));
    for (const r of calls) expect(r.outcome, `${r.call} on ${c.name}`).toMatch(/^(ok|INSUFFICIENT_DATA|INVALID_ARGUMENT|NO_DATABASE)$/);
  });
});
