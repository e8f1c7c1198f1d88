import { describe, expect, it } from 'vitest';
import { inlineParams, sqlLiteral } from '../../../src/engine/sql-literals.js';
import { openAnalytics } from '../../../src/node/index.js';

describe('sql literals', () => {
  it('quotes text, keeps integers exact and doubles as DOUBLE', () => {
    expect(sqlLiteral("O'Brien")).toBe("'O''Brien'");
    expect(sqlLiteral(1764009925965617)).toBe('1764009925965617');
    expect(sqlLiteral(0.1)).toBe("CAST('0.1' AS DOUBLE)");
    expect(sqlLiteral(null)).toBe('NULL');
    expect(() => sqlLiteral(NaN)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => sqlLiteral('a\u0000b')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('replaces $n outside quotes only, $10 as a whole', () => {
    const params = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(inlineParams('SELECT \'$1\', $1, "$2", $10', params)).toBe('SELECT \'$1\', 1, "$2", 10');
    expect(() => inlineParams('SELECT $3', [1])).toThrow(/\$3 has no parameter/);
  });

  it('DuckDB reads hostile and huge strings back unchanged', async () => {
    const engine = await openAnalytics('test/fixtures/sample.db');
    try {
      const hostile = ["'; DROP TABLE invocations; --", 'back\\slash \\n', '日本語 😀', '<script>alert(1)</script>', 'x'.repeat(5 * 1024 * 1024)];
      for (const s of hostile) {
        const [row] = await engine.context().warehouse.query<{ v: string; n: number }>('SELECT $1 AS v, length($1) AS n', [s]);
        expect(row.v === s).toBe(true);
      }
      const [{ n }] = await engine.context().warehouse.query<{ n: number }>('SELECT count(*) AS n FROM invocations');
      expect(n).toBe(2000);
    } finally {
      await engine.dispose();
    }
  });
});
