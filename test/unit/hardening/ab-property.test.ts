/**
 * Durability as a seeded property: random sequences of createTest / assignUserToGroup /
 * recordOutcome / stopTest (valid and invalid) against a simple model of what should be stored.
 * After every sequence the EXPORTED file, read with plain sql.js, holds exactly the model's rows;
 * a refused write changes nothing.
 */
import { readFileSync } from 'node:fs';
import initSqlJs from 'sql.js';
import { afterAll, expect, it } from 'vitest';
import { assignedGroup } from '../../../src/ab-testing/assignment-hash.js';
import { mulberry32 } from '../../../src/stats/random.js';
import { createEngine } from '../../../src/node/index.js';

interface ModelTest {
  id: number;
  name: string;
  ratio: number;
  status: string;
}

const engine = createEngine();
afterAll(() => engine.dispose());
const sample = readFileSync('test/fixtures/sample.db');

it('100 seeded sequences of 40 operations: the exported file equals the model', async () => {
  const SQL = await initSqlJs();
  let operations = 0;
  let refused = 0;
  for (let seed = 1; seed <= 100; seed++) {
    await engine.open(new Uint8Array(sample));
    const rand = mulberry32(seed);
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
    // The fixture already holds tests 1 and 2 (running) with their rows.
    const tests: ModelTest[] = [
      { id: 1, name: 'workflow_aware_vs_semantic', ratio: 0.5, status: 'running' },
      { id: 2, name: 'recency_boost_null', ratio: 0.5, status: 'running' },
    ];
    const base = new SQL.Database(new Uint8Array(sample));
    const count = (db: InstanceType<typeof SQL.Database>, sql: string) => Number(db.exec(sql)[0].values[0][0]);
    const baseAssignments = count(base, 'SELECT count(*) FROM ab_test_assignments');
    const baseOutcomes = count(base, 'SELECT count(*) FROM ab_test_outcomes');
    const preassigned = new Set(base.exec('SELECT test_id, user_id FROM ab_test_assignments')[0].values.map(([t, u]) => `${t}:${u}`));
    base.close();
    const assignments = new Map<string, string>(); // new ones only: "test:user" → group
    let outcomes = 0;
    const users = ['ann', 'bob', "o'neil", 'zoë', '<u>'];
    for (let k = 0; k < 40; k++) {
      operations++;
      const op = rand();
      const t = pick([...tests, { id: 77, name: 'missing', ratio: 0.5, status: 'none' }]);
      const user = pick(users);
      let expected: string = 'ok';
      let run: () => Promise<unknown>;
      if (op < 0.15) {
        const name = pick(['alpha', 'beta', 'gamma', 'workflow_aware_vs_semantic']);
        const ratio = pick([0.5, 0.3, 1.5]);
        expected = ratio >= 1 ? 'INVALID_ARGUMENT' : tests.some((x) => x.name === name) ? 'DUPLICATE_TEST' : 'ok';
        run = async () => {
          const id = await engine.abTesting.createTest({ testName: name, controlStrategy: 'c', treatmentStrategy: 't' }, ratio);
          tests.push({ id, name, ratio, status: 'running' });
        };
      } else if (op < 0.5) {
        expected = t.status === 'none' ? 'TEST_NOT_FOUND' : t.status !== 'running' ? 'TEST_NOT_RUNNING' : 'ok';
        run = async () => {
          const group = await engine.abTesting.assignUserToGroup(t.id, user);
          const key = `${t.id}:${user}`;
          if (!preassigned.has(key) && !assignments.has(key)) assignments.set(key, group);
          expect(group).toBe(await assignedGroup(t.id, user, t.ratio));
        };
      } else if (op < 0.92) {
        const assigned = preassigned.has(`${t.id}:${user}`) || assignments.has(`${t.id}:${user}`);
        const rating = pick([null, 3, 9]);
        expected = rating === 9 ? 'INVALID_ARGUMENT' : t.status === 'none' ? 'TEST_NOT_FOUND' : t.status !== 'running' ? 'TEST_NOT_RUNNING' : assigned ? 'ok' : 'USER_NOT_ASSIGNED';
        run = async () => {
          await engine.abTesting.recordOutcome(t.id, user, { skillName: 'pytest-run', completed: rand() < 0.7, durationSeconds: rand() * 60, userRating: rating });
          outcomes++;
        };
      } else {
        expected = t.status === 'none' ? 'TEST_NOT_FOUND' : t.status !== 'running' ? 'TEST_NOT_RUNNING' : 'ok';
        run = async () => {
          await engine.abTesting.stopTest(t.id);
          t.status = 'stopped';
        };
      }
      const outcome = await run().then(
        () => 'ok',
        (e: { code?: string }) => e.code ?? String(e),
      );
      if (outcome !== 'ok') refused++;
      expect(outcome, `seed ${seed} op ${k}`).toBe(expected);
    }
    const exported = new SQL.Database(await engine.exportDatabase());
    const rows = (sql: string) => exported.exec(sql)[0]?.values ?? [];
    expect(rows('SELECT test_id, test_name, assignment_ratio, status FROM ab_test_configs ORDER BY test_id')).toEqual(tests.map((t) => [t.id, t.name, t.ratio, t.status]));
    expect(count(exported, 'SELECT count(*) FROM ab_test_assignments')).toBe(baseAssignments + assignments.size);
    for (const [key, group] of assignments) {
      const [tid, uid] = [Number(key.slice(0, key.indexOf(':'))), key.slice(key.indexOf(':') + 1)];
      expect(rows(`SELECT group_name FROM ab_test_assignments WHERE test_id = ${tid} AND user_id = '${uid.replace(/'/g, "''")}'`)).toEqual([[group]]);
    }
    expect(count(exported, 'SELECT count(*) FROM ab_test_outcomes')).toBe(baseOutcomes + outcomes);
    expect(rows('PRAGMA integrity_check')).toEqual([['ok']]);
    exported.close();
  }
  expect(operations).toBeGreaterThan(3500);
  expect(refused).toBeGreaterThan(250);
}, 600_000);
