/**
 * A cube extended with a grown file's new rows equals, code for code and cell for cell, the cube
 * built from scratch on every row: on sample.db's invocations put in time order and cut at several
 * points (mid-hour, so the last hour and day gain rows; with skills and sessions that are new after
 * the cut), and on the live fixture (live.db, then live.db with its -wal: 300 rows more). New rows
 * that come before the last old instant give null (built from scratch instead).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dictionaryEncode } from '../../../src/engine/dictionary.js';
import { type InvocationColumns, SkillsDatabase } from '../../../src/engine/SkillsDatabase.js';
import { applyWal } from '../../../src/engine/wal/apply-wal.js';
import { checkSqliteBytes } from '../../../src/engine/sqlite-file.js';
import { HourlyCube } from '../../../src/hourly/cube.js';
import { extendCube } from '../../../src/hourly/cube-append.js';
import { cubeHourlyColumns } from '../../../src/hourly/cube-window.js';
import { nodeHost } from '../../../src/node/host.js';

const files = [{ name: 'skills.db', idOffset: 0 }];

async function columnsOf(bytes: Uint8Array): Promise<InvocationColumns> {
  const SQL = await nodeHost.loadSqlJs();
  const db = SkillsDatabase.open(SQL, bytes);
  const { columns } = db.readInvocations();
  db.close();
  return columns;
}

/** The first `m` rows of `c`. */
function prefix(c: InvocationColumns, m: number): InvocationColumns {
  return {
    length: m,
    id: c.id.slice(0, m),
    skillName: c.skillName.slice(0, m),
    invokedAt: c.invokedAt.slice(0, m),
    sessionId: c.sessionId.slice(0, m),
    workflowPhase: c.workflowPhase.slice(0, m),
    completed: c.completed.slice(0, m),
    durationSeconds: c.durationSeconds.slice(0, m),
  };
}

/** The rows of `c` in time order, ids renumbered 1.. in that order (a file whose ids follow time). */
function inTimeOrder(c: InvocationColumns): InvocationColumns {
  const order = Array.from({ length: c.length }, (_, i) => i).sort((a, b) => c.invokedAt[a] - c.invokedAt[b] || c.id[a] - c.id[b]);
  return {
    length: c.length,
    id: Float64Array.from(order, (_, k) => k + 1),
    skillName: order.map((i) => c.skillName[i]),
    invokedAt: Float64Array.from(order, (i) => c.invokedAt[i]),
    sessionId: order.map((i) => c.sessionId[i]),
    workflowPhase: order.map((i) => c.workflowPhase[i]),
    completed: Uint8Array.from(order, (i) => c.completed[i]),
    durationSeconds: Float64Array.from(order, (i) => c.durationSeconds[i]),
  };
}

function previousCodes(old: InvocationColumns) {
  const skills = dictionaryEncode(old.skillName, old.length);
  const sessions = dictionaryEncode(old.sessionId, old.length);
  return { skills: skills.values, sessions: sessions.values, skill: skills.codes, session: sessions.codes };
}

/** Everything a cube answers from, as plain values. */
function contents(cube: HourlyCube) {
  const whole = cube.scope(['skills.db']);
  return { skills: cube.skills, pairs: cube.pairs, rank: cube.skillRank, rows: cube.rows, hours: whole.hours, days: whole.days, first: whole.firstBySkill };
}

function expectExtendsExactly(all: InvocationColumns, m: number): void {
  const old = prefix(all, m);
  const saved = new HourlyCube(old, files);
  saved.scope(['skills.db']);
  const parts = extendCube(saved, previousCodes(old), all, files);
  expect(parts).not.toBeNull();
  const extended = new HourlyCube(parts!, files);
  const scratch = new HourlyCube(all, files);
  expect(contents(extended!)).toEqual(contents(scratch));
  const last = all.invokedAt[all.length - 1];
  const w = { startMicros: last - 30 * 86_400e6 + 1_234_567, endMicros: last + 1, asOfSecond: last };
  expect(cubeHourlyColumns(extended!, extended!.scope(['skills.db']), w)).toEqual(cubeHourlyColumns(scratch, scratch.scope(['skills.db']), w));
}

describe('extendCube', () => {
  it('sample.db in time order, cut at several points: equal to the cube built from scratch', async () => {
    const all = inTimeOrder(await columnsOf(new Uint8Array(readFileSync('test/fixtures/sample.db'))));
    expect(all.length).toBe(2000);
    for (const m of [1, 700, 1500, 1990, 1999, 2000]) expectExtendsExactly(all, m);
    // The cut lands inside an hour that already has rows (the last old hour gains rows).
    const hour = (i: number) => Math.floor(all.invokedAt[i] / 3_600e6);
    const mid = Array.from({ length: 1999 }, (_, i) => i + 1).find((m) => m > 1000 && hour(m - 1) === hour(m))!;
    expect(mid).toBeDefined();
    expectExtendsExactly(all, mid);
  });

  it('the live fixture: live.db, then with its -wal (300 rows, one new skill)', async () => {
    const db = new Uint8Array(readFileSync('test/fixtures/live/live.db'));
    const wal = new Uint8Array(readFileSync('test/fixtures/live/live.db-wal'));
    const before = await columnsOf(db);
    const after = await columnsOf(applyWal(db, checkSqliteBytes(db).pageSize, wal).bytes);
    expect([before.length, after.length]).toEqual([2000, 2300]);
    expect(Array.from(after.id.subarray(0, 2000))).toEqual(Array.from(before.id));
    const saved = new HourlyCube(before, files);
    const parts = extendCube(saved, previousCodes(before), after, files);
    const extended = parts && new HourlyCube(parts, files);
    // The log's rows are dated after the database's (17:01:53 onwards vs 17:00:52 at the latest).
    expect(Math.min(...after.invokedAt.subarray(2000))).toBeGreaterThan(Math.max(...before.invokedAt));
    expect(extended!.skills.length).toBe(saved.skills.length + 1);
    expect(contents(extended!)).toEqual(contents(new HourlyCube(after, files)));
  });

  it('a new row dated before the last old row: null (the cube is built from scratch)', async () => {
    const all = inTimeOrder(await columnsOf(new Uint8Array(readFileSync('test/fixtures/sample.db'))));
    const grown = { ...all, invokedAt: all.invokedAt.slice() };
    grown.invokedAt[1999] = all.invokedAt[0];
    const old = prefix(all, 1990);
    expect(extendCube(new HourlyCube(old, files), previousCodes(old), grown, files)).toBeNull();
  });
});
