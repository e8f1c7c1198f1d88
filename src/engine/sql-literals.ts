/**
 * Parameters inlined as SQL literals. DuckDB-WASM passes prepared-statement parameters through
 * its JS bindings, which trap ("memory access out of bounds") on multi-megabyte strings and leave
 * the instance unusable; literals have no such limit. Only `$n` placeholders outside quoted text
 * are replaced.
 */
import { AnalyticsError } from './errors.js';

/** One value as a DuckDB literal. */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new AnalyticsError('INVALID_ARGUMENT', `query parameter ${value} is not a finite number`);
    return Number.isSafeInteger(value) ? String(value) : `CAST('${value}' AS DOUBLE)`;
  }
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'string') {
    if (value.includes('\u0000')) throw new AnalyticsError('INVALID_ARGUMENT', 'a text value contains a NUL character, which the warehouse cannot store');
    return `'${value.replace(/'/g, "''")}'`;
  }
  throw new AnalyticsError('INVALID_ARGUMENT', `query parameter of type ${typeof value} is not supported`);
}

/**
 * Replaces `$1`, `$2`, ... (outside quoted strings and identifiers) by the literals of `params`.
 * @example inlineParams('SELECT * FROM t WHERE a = $1', ["O'Brien"]) // "SELECT * FROM t WHERE a = 'O''Brien'"
 */
export function inlineParams(sql: string, params: readonly unknown[]): string {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i];
    if (quote) {
      out += ch;
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === '$' && /[0-9]/.test(sql[i + 1] ?? '')) {
      let j = i + 1;
      while (j < sql.length && /[0-9]/.test(sql[j])) j++;
      const n = Number(sql.slice(i + 1, j));
      if (n < 1 || n > params.length) throw new AnalyticsError('INTERNAL', `query placeholder $${n} has no parameter (${params.length} given)`);
      out += sqlLiteral(params[n - 1]);
      i = j - 1;
    } else out += ch;
  }
  return out;
}
