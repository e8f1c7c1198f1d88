/**
 * `snapshot` and `materialize` on the command line (child processes, see test/unit/cli/run-cli.ts): --json prints the
 * API result; materialize writes a new file that Python's sqlite3 reads and never touches the input.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsEngine } from '../../../src/analytics/AnalyticsEngine.js';
import { openAnalytics } from '../../../src/node/index.js';
import { runAllCli } from '../cli/run-cli.js';

const DB = 'test/fixtures/sample.db';
const AS_OF = '2026-11-24 19:05:46';
const dir = mkdtempSync(path.join(tmpdir(), 'v4-cli-'));
const OUT = path.join(dir, 'materialized.db');

const runs = {
  snapshot: ['snapshot', DB, '--as-of', AS_OF, '--json'],
  snapshotText: ['snapshot', DB, '--as-of', AS_OF],
  materialize: ['materialize', DB, '--out', OUT, '--hours', '48', '--as-of', AS_OF, '--json'],
  sameFile: ['materialize', DB, '--out', DB, '--json'],
  noOut: ['materialize', DB, '--json'],
};
type RunName = keyof typeof runs;
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const asJson = (v: unknown) => JSON.parse(JSON.stringify(v));

describe('snapshot / materialize CLI', () => {
  let engine: AnalyticsEngine;
  let out: Record<RunName, { status: number; stdout: string }>;
  let inputHash: string;
  beforeAll(async () => {
    inputHash = sha(DB);
    out = await runAllCli(runs);
    engine = await openAnalytics(DB);
  });
  afterAll(async () => {
    await engine?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('snapshot --json equals getSkillSnapshot; the text names the stale cache', async () => {
    expect(out.snapshot.status).toBe(0);
    expect(JSON.parse(out.snapshot.stdout)).toEqual(asJson(await engine.skillTables.getSkillSnapshot({ asOf: AS_OF })));
    expect(out.snapshotText.stdout.split('\n')[0]).toBe('as of 2026-11-24T19:05:46Z: 30 skills; skill_metrics_cache disagrees for 30 (anomaly: completion_rate, |z| ≥ 2)');
  });

  it('materialize --out writes a new file (the API summary on stdout) that python3 reads; the input is unchanged', async () => {
    expect(out.materialize.status).toBe(0);
    const api = await engine.skillTables.materialize({ hours: 48, asOf: AS_OF });
    expect(JSON.parse(out.materialize.stdout)).toEqual(asJson(api));
    expect(api).toMatchObject({ fromHour: '2026-11-22T19:00:00Z', toHour: '2026-11-24T19:00:00Z' });
    const py = execFileSync(
      'python3',
      [
        '-c',
        `
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("PRAGMA integrity_check").fetchone()[0], c.execute("SELECT count(*), sum(invocation_count) FROM skill_time_series").fetchone(), c.execute("SELECT count(*) FROM skill_anomalies").fetchone()[0])
`,
        OUT,
      ],
      { encoding: 'utf8' },
    ).trim();
    // sqlite3 on sample.db: 353 invocations in [2026-11-22 19:00, 2026-11-24 19:00)
    expect(py).toBe(`ok (${api.skillTimeSeries.rows}, 353) ${api.skillAnomalies.rows}`);
    expect(sha(DB)).toBe(inputHash);
  });

  it('refuses to write over its input (exit 2) and needs --out', () => {
    expect(out.sameFile.status).toBe(2);
    expect(JSON.parse(out.sameFile.stdout).error.message).toContain('never overwrites its input');
    expect(out.noOut.status).toBe(2);
    expect(JSON.parse(out.noOut.stdout)).toMatchObject({ error: { code: 'USAGE' } });
    expect(readdirSync(dir)).toEqual(['materialized.db']); // no temporary file left behind
    expect(sha(DB)).toBe(inputHash);
  });
});
