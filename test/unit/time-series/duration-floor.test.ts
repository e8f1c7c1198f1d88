/**
 * Daily average durations: the σ floor is the residual SD around the segmentation (durations have no
 * binomial or Poisson floor, and the robust σ of 30 log daily means is often far below the noise).
 */
import { describe, expect, it } from 'vitest';
import { dailyPoints, findChangepoints } from '../../../src/time-series/changepoints.js';
import { changepoints } from '../../../src/stats/changepoints.js';
import { plantedDailyAggregates, type PlantedSkill } from '../../../bench/generators/time-series-planted.js';

const END = Date.UTC(2026, 10, 24);
const DAY = 86_400_000_000;
const FIRST = (END - 30 * 86_400_000) * 1000;
const input = { skillName: 's', metric: 'avg_duration_seconds' as const, resolution: 'day' as const, penalty: 'mbic' as const, minSegment: 3, abEvents: [] };

function points(skill: PlantedSkill, seed: number) {
  return dailyPoints(plantedDailyAggregates(skill, { days: 30, endMs: END, seed, durations: true }), 'avg_duration_seconds', FIRST, FIRST + 30 * DAY);
}

describe('duration changepoints: residual-SD floor', () => {
  it('a stationary series whose robust σ is below its SD gets no change', () => {
    // 200 invocations a day, lognormal durations (median 30 s, log-SD 0.5): no change planted
    const p = points({ name: 's', perDay: 200, p: 0.8, durationMedian: 30 }, 44);
    const values = p.map((x) => x.value);
    const weights = p.map((x) => x.weight);
    const robust = changepoints(values, { weights });
    expect(robust.changes.map((c) => c.index)).toHaveLength(2); // the robust σ alone finds two changes
    const w = weights.reduce((a, b) => a + b, 0);
    const mean = values.reduce((a, v, i) => a + v * weights[i], 0) / w;
    const sd = Math.sqrt(values.reduce((a, v, i) => a + weights[i] * (v - mean) ** 2, 0) / (values.length - 1));
    expect(robust.sigma).toBeLessThan(sd);
    const fit = findChangepoints(p, input);
    expect(fit.changepoints).toEqual([]);
    expect(fit.series.sigma).toBeGreaterThanOrEqual(sd - 1e-12);
  });

  it('a duration step × 2 is still found on its day', () => {
    const p = points({ name: 's', perDay: 40, p: 0.8, durationMedian: 30, step: { metric: 'avg_duration_seconds', day: 15, to: 2 } }, 44);
    const found = findChangepoints(p, input).changepoints;
    expect(found.map((c) => c.timestamp)).toEqual([new Date(FIRST / 1000 + 15 * 86_400_000).toISOString().replace('.000Z', 'Z')]);
    expect(found[0].after / found[0].before).toBeGreaterThan(1.6);
  });
});
