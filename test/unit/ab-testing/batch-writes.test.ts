import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { assignedGroup } from '../../../src/ab-testing/assignment-hash.js';
import { openAnalytics, type AnalyticsEngine } from '../../../src/node/index.js';

let engine: AnalyticsEngine;
beforeAll(async () => {
  engine = await openAnalytics(new Uint8Array(readFileSync('test/fixtures/sample.db')));
});
afterAll(() => engine.dispose());

const count = (table: string) => Number(engine.context().db.all<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)[0].n);

it('assignUsersToGroups assigns by the hash in one transaction and keeps existing assignments', async () => {
  const id = await engine.abTesting.createTest({ testName: 'batch', controlStrategy: 'a', treatmentStrategy: 'b' }, 0.3);
  const single = await engine.abTesting.assignUserToGroup(id, 'u0');
  const before = count('ab_test_assignments');
  const groups = await engine.abTesting.assignUsersToGroups(id, ['u0', 'u1', 'u2', 'u3']);
  expect(groups[0]).toBe(single);
  expect(groups).toEqual(await Promise.all(['u0', 'u1', 'u2', 'u3'].map((u) => assignedGroup(id, u, 0.3))));
  expect(count('ab_test_assignments')).toBe(before + 3);
});

it('recordOutcomes stores all outcomes or none', async () => {
  const before = count('ab_test_outcomes');
  const id = engine.context().db.all<{ id: number }>("SELECT test_id AS id FROM ab_test_configs WHERE test_name = 'batch'")[0].id;
  await expect(
    engine.abTesting.recordOutcomes(id, [
      { userId: 'u1', skillName: 's', completed: true },
      { userId: 'nobody', skillName: 's', completed: false },
    ]),
  ).rejects.toMatchObject({ code: 'USER_NOT_ASSIGNED' });
  expect(count('ab_test_outcomes')).toBe(before);
  await expect(engine.abTesting.recordOutcomes(id, [{ userId: 'u1', skillName: 's', completed: true, userRating: 7 }])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  expect(
    await engine.abTesting.recordOutcomes(
      id,
      [1, 2, 3].map((k) => ({ userId: `u${k}`, skillName: 's', completed: k !== 2, durationSeconds: k })),
    ),
  ).toBe(3);
  expect(count('ab_test_outcomes')).toBe(before + 3);
});
