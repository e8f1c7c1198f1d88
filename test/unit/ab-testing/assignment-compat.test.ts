/**
 * Every assignment session-buddy wrote in the fixtures (sample.db, legacy.db, train20k.db) is
 * recomputed from its test id, user id and the test's stored ratio; the group must equal the
 * stored group_name. Rows are read with the sqlite3 shell, not with our code.
 */
import { describe, expect, it } from 'vitest';
import { assignedGroup, assignmentBucket, groupForBucket } from '../../../src/ab-testing/assignment-hash.js';
import { sqliteJson } from './helpers.js';

describe('assignment hash is session-buddy compatible', () => {
  for (const db of ['sample.db', 'legacy.db', 'train20k.db']) {
    it(`reproduces every stored group in ${db}`, async () => {
      const file = `test/fixtures/${db}`;
      const rows = sqliteJson<{ test_id: number; user_id: string; group_name: string; assignment_ratio: number }>(
        file,
        'SELECT a.test_id, a.user_id, a.group_name, c.assignment_ratio FROM ab_test_assignments a JOIN ab_test_configs c USING (test_id)',
      );
      const [{ n }] = sqliteJson<{ n: number }>(file, 'SELECT COUNT(*) AS n FROM ab_test_assignments');
      let checked = 0;
      const mismatches: string[] = [];
      for (const r of rows) {
        const group = await assignedGroup(r.test_id, r.user_id, r.assignment_ratio);
        if (group !== r.group_name) mismatches.push(`${r.test_id}:${r.user_id}`);
        checked++;
      }
      expect(mismatches).toEqual([]);
      expect(checked).toBe(n);
      expect(checked).toBe(1200);
    });
  }

  it('matches buckets computed by Python hashlib', async () => {
    // python3: int(hashlib.sha256(f"{t}:{u}".encode()).hexdigest(), 16) % 10000 / 10000.0
    expect(await assignmentBucket(1, 'user-0001')).toBe(0.517);
    expect(await assignmentBucket(1, 'user-0002')).toBe(0.1395);
    // non-ASCII ids hash their UTF-8 bytes: python3 gives 0.2724 for (7, 'usér-ü-😀')
    expect(await assignmentBucket(7, 'usér-ü-😀')).toBe(0.2724);
  });

  it('puts a bucket below the ratio in control, at or above in treatment', () => {
    expect(groupForBucket(0.4999, 0.5)).toBe('control');
    expect(groupForBucket(0.5, 0.5)).toBe('treatment');
  });
});
