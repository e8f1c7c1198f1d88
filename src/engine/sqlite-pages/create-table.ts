/**
 * The column list of a `CREATE TABLE` statement as SQLite stores it in sqlite_schema: names in
 * order, the column that aliases the rowid (an `INTEGER PRIMARY KEY`, whose value is the cell's
 * rowid and NULL in the record), each column's DEFAULT (what a row written before an
 * `ALTER TABLE … ADD COLUMN` reads for it) and whether the table is WITHOUT ROWID.
 */
import { AnalyticsError } from '../errors.js';

/** A column's DEFAULT: a constant, or an expression this reader cannot evaluate (kept as text). */
export type ColumnDefault = { value: number | bigint | string | Uint8Array | null } | { expression: string };

/** One column of a table. */
export interface ColumnInfo {
  name: string;
  /** Declared type, as written ('' when none). */
  type: string;
  /** True for REAL affinity: an integer stored in the record reads back as a real. */
  realAffinity: boolean;
  defaultValue: ColumnDefault;
}

/** What the CREATE TABLE text says about the stored rows. */
export interface TableShape {
  columns: ColumnInfo[];
  /** Index in `columns` of the INTEGER PRIMARY KEY (rowid alias), or -1. */
  rowidColumn: number;
  withoutRowid: boolean;
}

type Token = { kind: 'word' | 'quoted' | 'string' | 'number' | 'blob' | 'punct'; text: string };

const CONSTRAINT_WORDS = new Set(['CONSTRAINT', 'PRIMARY', 'NOT', 'NULL', 'UNIQUE', 'CHECK', 'DEFAULT', 'COLLATE', 'REFERENCES', 'GENERATED', 'AS']);
const TABLE_CONSTRAINTS = new Set(['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN']);

/**
 * Parses the columns of a CREATE TABLE statement.
 * @param sql the `sql` column of sqlite_schema
 * @returns columns, rowid alias and WITHOUT ROWID
 * @throws AnalyticsError CORRUPT_DATABASE when the text is not a CREATE TABLE with a column list
 * @example parseCreateTable('CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT)').rowidColumn // 0
 */
export function parseCreateTable(sql: string): TableShape {
  const tokens = tokenize(sql);
  const open = tokens.findIndex((t) => t.kind === 'punct' && t.text === '(');
  if (open < 0 || !tokens.slice(0, open).some((t) => t.kind === 'word' && t.text.toUpperCase() === 'TABLE')) {
    throw bad(sql, 'no column list');
  }
  const defs: Token[][] = [[]];
  let depth = 0;
  let close = -1;
  for (let i = open + 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'punct' && t.text === '(') depth++;
    else if (t.kind === 'punct' && t.text === ')') {
      if (depth === 0) {
        close = i;
        break;
      }
      depth--;
    } else if (depth === 0 && t.kind === 'punct' && t.text === ',') {
      defs.push([]);
      continue;
    }
    defs[defs.length - 1].push(t);
  }
  if (close < 0) throw bad(sql, 'unbalanced parentheses');
  const tail = tokens.slice(close + 1).map((t) => t.text.toUpperCase());
  const withoutRowid = tail.some((w, i) => w === 'WITHOUT' && tail[i + 1] === 'ROWID');
  const columns: ColumnInfo[] = [];
  let rowidColumn = -1;
  let pkColumns: string[] | null = null;
  let pkCount = 0;
  for (const def of defs) {
    if (def.length === 0) throw bad(sql, 'an empty column definition');
    const first = def[0];
    if (first.kind === 'word' && TABLE_CONSTRAINTS.has(first.text.toUpperCase())) {
      const words = def.map((t) => (t.kind === 'word' ? t.text.toUpperCase() : t.text));
      const pk = words.findIndex((w, i) => w === 'PRIMARY' && words[i + 1] === 'KEY');
      if (pk >= 0) {
        pkCount++;
        const names: string[] = [];
        let d = 0;
        for (let i = pk + 2; i < def.length; i++) {
          const t = def[i];
          if (t.kind === 'punct' && t.text === '(') d++;
          else if (t.kind === 'punct' && t.text === ')') {
            if (--d === 0) break;
          } else if (d === 1 && (t.kind === 'word' || t.kind === 'quoted') && (def[i - 1].text === '(' || def[i - 1].text === ',')) names.push(t.text);
        }
        pkColumns = names;
      }
      continue;
    }
    const name = first.text;
    let k = 1;
    const typeWords: string[] = [];
    while (k < def.length && !(def[k].kind === 'word' && CONSTRAINT_WORDS.has(def[k].text.toUpperCase()))) {
      // Type names may carry a size, e.g. VARCHAR(20): keep the words, skip the parenthesis.
      if (def[k].kind === 'punct' && def[k].text === '(') {
        let d = 0;
        do {
          if (def[k].text === '(') d++;
          else if (def[k].text === ')') d--;
          k++;
        } while (k < def.length && d > 0);
        continue;
      }
      typeWords.push(def[k].text);
      k++;
    }
    const type = typeWords.join(' ');
    let defaultValue: ColumnDefault = { value: null };
    for (let i = k; i < def.length; i++) {
      const w = def[i].kind === 'word' ? def[i].text.toUpperCase() : '';
      if (w === 'PRIMARY' && def[i + 1]?.text.toUpperCase() === 'KEY') {
        pkCount++;
        const order = def[i + 2]?.kind === 'word' ? def[i + 2].text.toUpperCase() : '';
        // SQLite's quirk: `INTEGER PRIMARY KEY DESC` in a column definition is not a rowid alias.
        if (type.toUpperCase() === 'INTEGER' && order !== 'DESC') rowidColumn = columns.length;
      } else if (w === 'DEFAULT') {
        defaultValue = readDefault(def, i + 1);
      }
    }
    columns.push({ name, type, realAffinity: hasRealAffinity(type), defaultValue });
  }
  if (pkColumns && pkColumns.length === 1) {
    const i = columns.findIndex((c) => c.name.toLowerCase() === pkColumns![0].toLowerCase());
    if (i >= 0 && columns[i].type.toUpperCase() === 'INTEGER') rowidColumn = i;
  }
  if (pkCount !== 1 || withoutRowid) rowidColumn = -1;
  return { columns, rowidColumn, withoutRowid };
}

/** SQLite's affinity rules (https://www.sqlite.org/datatype3.html#determination_of_column_affinity), REAL or not. */
function hasRealAffinity(type: string): boolean {
  const t = type.toUpperCase();
  if (t.includes('INT') || t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT') || t.includes('BLOB') || t === '') return false;
  return t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB');
}

/** The DEFAULT after `def[i - 1]`: a literal, a signed number, a parenthesised literal, or an expression kept as text. */
function readDefault(def: Token[], i: number): ColumnDefault {
  let t = def[i];
  if (!t) return { value: null };
  let sign = '';
  if (t.kind === 'punct' && (t.text === '-' || t.text === '+')) {
    sign = t.text === '-' ? '-' : '';
    t = def[i + 1];
    if (t?.kind !== 'number')
      return {
        expression: def
          .slice(i)
          .map((x) => x.text)
          .join(' '),
      };
  } else if (t.kind === 'punct' && t.text === '(') {
    const inner = def[i + 1];
    if (def[i + 2]?.text === ')' && inner && inner.kind !== 'punct') return readDefault(def, i + 1);
    return {
      expression: def
        .slice(i)
        .map((x) => x.text)
        .join(' '),
    };
  }
  switch (t.kind) {
    case 'number':
      return { value: numberLiteral(sign + t.text) };
    case 'string':
      return { value: t.text };
    case 'blob':
      return { value: Uint8Array.from(t.text.match(/../g) ?? [], (h) => Number.parseInt(h, 16)) };
    case 'word': {
      const w = t.text.toUpperCase();
      if (w === 'NULL') return { value: null };
      if (w === 'TRUE') return { value: 1n };
      if (w === 'FALSE') return { value: 0n };
      // An identifier as DEFAULT is read by SQLite as a string (e.g. DEFAULT running).
      if (!/^CURRENT_(TIME|DATE|TIMESTAMP)$/.test(w)) return { value: t.text };
      return { expression: t.text };
    }
    case 'quoted':
      return { value: t.text };
    default:
      return { expression: t.text };
  }
}

/** A numeric literal as SQLite stores it: an integer when it has no '.', 'e' and fits 64 bits, else a real. */
function numberLiteral(text: string): number | bigint {
  if (/^[+-]?\d+$/.test(text)) {
    const v = BigInt(text);
    if (v >= -(2n ** 63n) && v < 2n ** 63n) return v;
  }
  if (/^[+-]?0x[0-9a-f]+$/i.test(text)) return BigInt.asIntN(64, BigInt(text.replace('-', '')) * (text.startsWith('-') ? -1n : 1n));
  return Number(text);
}

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      while (i < n && sql[i] !== '\n') i++;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === "'" || c === '"' || c === '`' || c === '[') {
      const closer = c === '[' ? ']' : c;
      let text = '';
      let j = i + 1;
      for (;;) {
        if (j >= n) throw bad(sql, 'an unterminated quote');
        if (sql[j] === closer) {
          if (closer !== ']' && sql[j + 1] === closer) {
            text += closer;
            j += 2;
            continue;
          }
          break;
        }
        text += sql[j++];
      }
      tokens.push({ kind: c === "'" ? 'string' : 'quoted', text });
      i = j + 1;
    } else if ((c === 'x' || c === 'X') && sql[i + 1] === "'") {
      const end = sql.indexOf("'", i + 2);
      if (end < 0) throw bad(sql, 'an unterminated blob literal');
      tokens.push({ kind: 'blob', text: sql.slice(i + 2, end) });
      i = end + 1;
    } else if (/[0-9.]/.test(c) && (c !== '.' || /[0-9]/.test(sql[i + 1] ?? ''))) {
      const m = /^(0x[0-9a-fA-F]+|\d*\.?\d*(?:[eE][+-]?\d+)?)/.exec(sql.slice(i))!;
      tokens.push({ kind: 'number', text: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_$\u0080-\uffff]/.test(sql[j])) j++;
      tokens.push({ kind: 'word', text: sql.slice(i, j) });
      i = j;
    } else {
      tokens.push({ kind: 'punct', text: c });
      i++;
    }
  }
  return tokens;
}

function bad(sql: string, why: string): AnalyticsError {
  return new AnalyticsError('CORRUPT_DATABASE', `open: a CREATE TABLE statement in the file's schema cannot be read (${why}): ${JSON.stringify(sql.slice(0, 120))}`);
}
