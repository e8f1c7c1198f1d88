/**
 * Builds a team's bench files from one generated skills.db (bench/data/skills-1m.db by default):
 * N per-person copies and one big file holding K tiles of the source (10 × 1M rows ≈ 3.9 GB).
 *
 *   npx tsx bench/generators/tile-skills-db.ts                      # 10 people + skills-10m.db from skills-1m.db
 *   npx tsx bench/generators/tile-skills-db.ts --people 4 --tiles 0 # only four per-person copies
 *   options: --src bench/data/skills-1m.db  --out-dir bench/data  --people N  --tiles K
 *
 * Each tile is the source's skill_invocation with its session ids suffixed (`-p03` for person 3,
 * `-t03` for tile 3 of the big file: sessions stay distinct), its invoked_at and created_at shifted
 * by `7 × k` minutes and `k` seconds (so copies are not identical; invoked_at keeps its exact text
 * shape: separator, fraction digits and offset), and, in the big file, its ids offset by
 * k × (max id of the source) so the INTEGER PRIMARY KEY stays unique. Every other table (A/B,
 * derived tables, migrations) is copied once, unchanged. Indexes, views and triggers are created
 * after the load, as the generator does; the files are in rollback-journal mode.
 *
 * The work is done by Debian's sqlite3 CLI (ATTACH + INSERT … SELECT): a bench-time tool only, never
 * used by the library. The source is attached, never written (it is in rollback-journal mode, so
 * reading it leaves no side file).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { flag } from '../harness.js';

const SQLITE = '/usr/bin/sqlite3';

interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string;
}

/** One tile: how the source's invocations are changed on the way in. */
interface Tile {
  idOffset: number;
  sessionSuffix: string;
  shiftSeconds: number;
}

function sqlite(db: string, sql: string, readonly = false): string {
  return execFileSync(SQLITE, [...(readonly ? ['-readonly'] : []), '-bail', db], { input: sql, encoding: 'utf8', maxBuffer: 64 << 20 });
}

function quote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A time text shifted by `seconds`, keeping its separator and everything after the seconds (fraction, offset). */
function shifted(column: string, seconds: number): string {
  const mod = quote(`${seconds >= 0 ? '+' : ''}${seconds} seconds`);
  return `CASE WHEN ${column} IS NULL OR strftime('%s', ${column}) IS NULL THEN ${column} ELSE strftime('%Y-%m-%d', ${column}, ${mod}) || substr(${column}, 11, 1) || strftime('%H:%M:%S', ${column}, ${mod}) || substr(${column}, 20) END`;
}

/** The SQL that writes `tiles` of `src` into a new file. */
function tileScript(src: string, objects: SchemaObject[], invocationColumns: string[], tiles: Tile[]): string {
  const tables = objects.filter((o) => o.type === 'table' && !o.name.startsWith('sqlite_') && !o.name.startsWith('skill_invocation_fts'));
  const later = objects.filter((o) => o.type !== 'table' && !o.name.startsWith('sqlite_autoindex') && !o.tbl_name.startsWith('skill_invocation_fts'));
  const lines = ['PRAGMA journal_mode=OFF;', 'PRAGMA synchronous=OFF;', 'PRAGMA cache_size=-200000;', `ATTACH ${quote(src)} AS src;`, 'BEGIN;'];
  for (const t of tables) lines.push(`${t.sql};`);
  for (const t of tables) if (t.name !== 'skill_invocation') lines.push(`INSERT INTO main.${ident(t.name)} SELECT * FROM src.${ident(t.name)};`);
  const cols = invocationColumns.map(ident).join(', ');
  for (const tile of tiles) {
    const select = invocationColumns.map((c) => {
      if (c === 'id') return `id + ${tile.idOffset}`;
      if (c === 'session_id') return `session_id || ${quote(tile.sessionSuffix)}`;
      if (c === 'invoked_at' || c === 'created_at') return shifted(c, tile.shiftSeconds);
      return ident(c);
    });
    lines.push(`INSERT INTO main.skill_invocation (${cols}) SELECT ${select.join(', ')} FROM src.skill_invocation ORDER BY id;`);
  }
  lines.push('COMMIT;');
  for (const o of later) lines.push(`${o.sql};`);
  lines.push('DETACH src;');
  return lines.join('\n');
}

/**
 * Writes one file made of `tiles` of `src` (written to a temporary name, renamed when complete).
 * @returns the file's size in bytes and the build time in seconds
 */
export function writeTiledFile(src: string, out: string, tiles: Tile[]): { bytes: number; seconds: number } {
  const objects = JSON.parse(sqlite(src, '.mode json\nSELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid;', true) || '[]') as SchemaObject[];
  const invocationColumns = (JSON.parse(sqlite(src, ".mode json\nSELECT name FROM pragma_table_info('skill_invocation');", true)) as { name: string }[]).map((r) => r.name);
  const tmp = `${out}.building`;
  rmSync(tmp, { force: true });
  const t0 = performance.now();
  sqlite(tmp, tileScript(src, objects, invocationColumns, tiles));
  renameSync(tmp, out);
  return { bytes: statSync(out).size, seconds: (performance.now() - t0) / 1000 };
}

async function main(): Promise<void> {
  const src = flag('src', 'bench/data/skills-1m.db');
  const outDir = flag('out-dir', 'bench/data');
  const people = Number(flag('people', '10'));
  const tiles = Number(flag('tiles', '10'));
  if (!existsSync(src)) throw new Error(`${src} is missing: npx tsx bench/generators/generate-skills-db.ts --n 1000000 --days 30 --seed 1 --out ${src}`);
  const maxId = Number(sqlite(src, 'SELECT max(id) FROM skill_invocation;', true).trim());
  const base = path.basename(src, '.db');
  for (let p = 1; p <= people; p++) {
    const tag = String(p).padStart(2, '0');
    const out = path.join(outDir, 'team', `${base}-person-${tag}.db`);
    execFileSync('mkdir', ['-p', path.dirname(out)]);
    const r = writeTiledFile(src, out, [{ idOffset: 0, sessionSuffix: `-p${tag}`, shiftSeconds: p * 7 * 60 + p }]);
    console.log(`${out}: ${(r.bytes / 1e6).toFixed(0)} MB in ${r.seconds.toFixed(1)} s`);
  }
  if (tiles > 0) {
    const out = path.join(outDir, `${base.replace(/-1m$/, '')}-${tiles}x${base.match(/-(\w+)$/)?.[1] ?? 'tile'}.db`);
    const list = Array.from({ length: tiles }, (_, k) => ({ idOffset: k * maxId, sessionSuffix: `-t${String(k).padStart(2, '0')}`, shiftSeconds: k * 7 * 60 + k }));
    const r = writeTiledFile(src, out, list);
    console.log(`${out}: ${(r.bytes / 1e6).toFixed(0)} MB in ${r.seconds.toFixed(1)} s (${tiles} tiles)`);
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('tile-skills-db.ts')) await main();
