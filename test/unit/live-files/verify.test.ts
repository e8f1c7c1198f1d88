/**
 * Integrity on open: damage in skill_invocation → CORRUPT_DATABASE naming it; damage elsewhere →
 * INTEGRITY_PROBLEMS with a count while the file still answers. The damaged pages were located
 * with SQLite's own report on this fixture: page 200 lies in tree 4 (skill_invocation), page 100
 * in tree 20 (session_skills' primary-key index).
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/node/index.js';
import { defaultVerify, QUICK_CHECK_DEFAULT_MAX_BYTES } from '../../../src/engine/verify-on-open.js';

const engine = createEngine();
afterAll(() => engine.dispose());
const sample = () => new Uint8Array(readFileSync('test/fixtures/sample.db'));

/** 40 bytes flipped across one page, as in the hardening corpus. */
function damagePage(bytes: Uint8Array, page: number, pageSize = 4096): Uint8Array {
  const out = bytes.slice();
  for (let k = 0; k < 40; k++) out[(page - 1) * pageSize + 200 + k * 50] ^= 0xff;
  return out;
}

describe('verify on open', () => {
  it('a damaged skill_invocation page: CORRUPT_DATABASE naming the table', async () => {
    const err = await engine.open(damagePage(sample(), 200)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CORRUPT_DATABASE' });
    expect((err as Error).message).toMatch(/damaged in table skill_invocation/);
    expect((err as { details: { tables: string[] } }).details.tables).toEqual(['skill_invocation']);
  });

  it('a damaged index of another table: the file answers, INTEGRITY_PROBLEMS counts the problems', async () => {
    const info = await engine.open(damagePage(sample(), 100));
    expect(info.invocations).toBe(2000);
    const w = info.warnings.find((x) => x.code === 'INTEGRITY_PROBLEMS')!;
    expect(w.count).toBe(2);
    expect(w.message).toMatch(/in session_skills/);
    expect(info.integrity).toMatchObject({ mode: 'quick', problems: 2, tables: ['session_skills'] });
  });

  it("verify: 'none' skips the check; 'full' runs integrity_check", async () => {
    const skipped = await engine.open(damagePage(sample(), 100), { verify: 'none' });
    expect(skipped.warnings.map((x) => x.code)).not.toContain('INTEGRITY_PROBLEMS');
    expect(skipped.integrity).toEqual({ mode: 'none', problems: 0, tables: [] });
    const full = await engine.open(sample(), { verify: 'full' });
    expect(full.integrity).toMatchObject({ mode: 'full', problems: 0 });
    await expect(engine.open(sample(), { verify: 'fast' as never })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('the default: quick_check up to 4 MiB, none above', () => {
    expect(QUICK_CHECK_DEFAULT_MAX_BYTES).toBe(4 * 2 ** 20);
    expect(defaultVerify(1_957_888)).toBe('quick'); // sample.db
    expect(defaultVerify(9_646_080)).toBe('none'); // train20k.db
  });
});

describe("DuckDB's memory limit follows the device", () => {
  it('a quarter of the memory, between 256 MiB and 3 GiB', async () => {
    const { duckdbMemoryLimit } = await import('../../../src/engine/memory-limit.js');
    expect(duckdbMemoryLimit(4 * 2 ** 30)).toBe('1024MiB'); // navigator.deviceMemory = 4
    expect(duckdbMemoryLimit(0.5 * 2 ** 30)).toBe('256MiB');
    expect(duckdbMemoryLimit(64 * 2 ** 30)).toBe('3072MiB');
    expect(duckdbMemoryLimit(null)).toBeNull();
  });

  it('the warehouse of a Node engine runs with it (os.totalmem)', async () => {
    const { totalmem } = await import('node:os');
    const { duckdbMemoryLimit } = await import('../../../src/engine/memory-limit.js');
    await engine.open(sample());
    const [{ m }] = await engine.context().warehouse.query<{ m: string }>("SELECT current_setting('memory_limit') AS m");
    const mib = Number(duckdbMemoryLimit(totalmem())!.replace('MiB', ''));
    // DuckDB prints the limit in GiB/MiB with one decimal.
    expect(m).toBe(mib >= 1024 ? `${(mib / 1024).toFixed(1)} GiB` : `${mib}.0 MiB`);
  });
});
