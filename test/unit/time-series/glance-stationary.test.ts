// The report's "At a glance" lists the completion-rate level changes of the last 7 days first
// (src/report/panels/at-a-glance.ts: detectChangepoints(undefined, { metric: 'completion_rate',
// days: 30, minInvocations: 10 }), changes at or after asOf − 7 days). On generated files with no
// change at all — several lengths, volumes and completion rates (binomial noise levels) — that
// query must return no change, so the headline shows no level-change line.
import { describe, expect, it } from 'vitest';
import { openAnalytics } from '../../../src/node/index.js';
import { buildPlantedDb, type PlantedSkill } from '../../../bench/generators/time-series-planted.js';

const END = Date.UTC(2026, 10, 24);
const AS_OF = new Date(END).toISOString();

/** Stationary skills: every combination of the volumes and completion rates given. */
function stationary(volumes: number[], rates: number[]): PlantedSkill[] {
  return volumes.flatMap((perDay, i) => rates.map((p, j) => ({ name: `s${i}-${j}`, perDay, p, durationMedian: 30 })));
}

const FILES = [
  { label: '14 days, 12 skills at 12–40 a day', days: 14, seed: 31, skills: stationary([12, 40], [0.5, 0.7, 0.85, 0.95, 0.6, 0.8]) },
  { label: '30 days, 16 skills at 20–150 a day', days: 30, seed: 32, skills: stationary([20, 60, 150, 35], [0.5, 0.75, 0.9, 0.97]) },
  { label: '45 days, 9 skills at 100–300 a day', days: 45, seed: 33, skills: stationary([100, 200, 300], [0.55, 0.8, 0.93]) },
];

describe('At a glance on files without a change', () => {
  for (const file of FILES) {
    it(`${file.label}: no completion-rate level change, so no headline line`, async () => {
      const engine = await openAnalytics(await buildPlantedDb(file.skills, { days: file.days, endMs: END, seed: file.seed }));
      try {
        const report = await engine.timeSeries.detectChangepoints(undefined, { metric: 'completion_rate', days: 30, minInvocations: 10, asOf: AS_OF });
        expect(report.series.length).toBe(file.skills.length);
        expect(report.series.every((s) => s.status === 'ok')).toBe(true);
        const recent = report.changepoints.filter((c) => Date.parse(c.timestamp) >= END - 7 * 86_400_000);
        expect(recent).toEqual([]);
        expect(report.changepoints).toEqual([]);
      } finally {
        await engine.dispose();
      }
    });
  }
});
