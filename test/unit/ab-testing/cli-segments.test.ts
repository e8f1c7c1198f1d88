/**
 * `ab --segments` prints the segment table; `ab` shows ratio metrics, the cap, the adjusted
 * sequence and the health checks; `ab --json` carries the new sections (run as a real process).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

describe('CLI: ab --segments and the new sections', () => {
  it('`ab sample.db 1 --segments` lists 6 skills and 3 phases vs the rest, Holm, none flagged', () => {
    const r = runCli(['ab', 'test/fixtures/sample.db', '1', '--segments']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/each vs the rest, 9 tested, Holm at alpha 0\.05/);
    expect(r.stdout).toMatch(/skill\s+semantic-search\s+175\/168\s+248\/243\s+1\.66 pp \[-7\.53 pp, 10\.84 pp\]\s+9\.76 pp\s+-8\.10 pp\s+0\.1219\s+1\.0000/);
    expect(r.stdout).toMatch(/workflow_phase\s+execution/);
    expect(r.stdout).toMatch(/not available: source_file: the test is in one file/);
    expect(r.stdout).not.toMatch(/DIFFERENT/);
  });

  it('`ab sample.db 1` shows the ratio metrics (numpy values), the cap and the health checks; --json has the sections', () => {
    const r = runCli(['ab', 'test/fixtures/sample.db', '1']);
    expect(r.status).toBe(0);
    // numpy delta method (references/ratio-segments-reference.json): 0.0843809 [0.0432051, 0.1255566]
    expect(r.stdout).toMatch(/completion rate\s+62\.60%\s+71\.03%\s+8\.44 pp \[4\.32 pp, 12\.56 pp\]/);
    expect(r.stdout).toMatch(/3 of 2503 outcomes capped/);
    expect(r.stdout).toMatch(/health checks: all clear/);
    expect(r.stdout).toMatch(/regression-adjusted confidence sequence \(the decision's\): p=0\.0071.*adjusted at 0/);
    const j = JSON.parse(runCli(['ab', 'test/fixtures/sample.db', '1', '--json', '--duration-cap', '0.99']).stdout);
    expect(Object.keys(j)).toEqual(expect.arrayContaining(['ratioMetrics', 'segments', 'adjustedAlwaysValid', 'healthChecks']));
    expect(j.ratioMetrics.durationCap.percentile).toBe(0.99);
    expect(runCli(['ab', 'test/fixtures/sample.db', '1', '--duration-cap', '2']).status).toBe(2);
  });
});
