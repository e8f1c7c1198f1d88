// forecast: the plain-series forecast (src/stats/forecast.ts) and the skill forecast built on it.
import { describe, expect, it } from 'vitest';
import { forecast, Z95 } from '../../../src/stats/forecast.js';
import { detectSeasonalPeriods } from '../../../src/stats/seasonal-periods.js';
import { mulberry32 } from '../../../src/stats/random.js';
import { forecastHourlyCounts } from '../../../src/time-series/forecast.js';
import { expectClose } from './close.js';

const PATTERN = [1, 5, 3, 7];
const periodic = Array.from({ length: 24 }, (_, i) => PATTERN[i % 4]);

/** Four weeks of hours: a working-day hump, weekends at 40 %, uniform noise. */
function hourly(seed: number): number[] {
  const u = mulberry32(seed);
  return Array.from({ length: 24 * 7 * 4 }, (_, t) => {
    const h = t % 24;
    const d = Math.floor(t / 24) % 7;
    return (d >= 5 ? 0.4 : 1) * (10 + 8 * Math.exp(-(((h - 14) / 4) ** 2))) + u();
  });
}

describe('detectSeasonalPeriods', () => {
  it('a sine of period 12: [12]', () => {
    expect(detectSeasonalPeriods(Array.from({ length: 200 }, (_, i) => Math.sin((2 * Math.PI * i) / 12)))).toEqual([12]);
  });
  it('hours with a daily and a weekly rhythm: [24, 168]', () => {
    expect(detectSeasonalPeriods(hourly(5))).toEqual([24, 168]);
  });
  it('white noise and a constant: none', () => {
    const u = mulberry32(9);
    expect(detectSeasonalPeriods(Array.from({ length: 300 }, () => u()))).toEqual([]);
    expect(detectSeasonalPeriods(new Array(50).fill(2))).toEqual([]);
  });
});

describe('forecast', () => {
  it('seasonal naive: the last cycle repeated; no error in a periodic series, so the bands close', () => {
    const f = forecast(periodic, { horizon: 6, seasonalPeriods: [4], method: 'seasonal-naive', transform: 'none' });
    expect(f.mean).toEqual([1, 5, 3, 7, 1, 5]);
    expect(f.lower95).toEqual(f.mean);
    expect(f.upper80).toEqual(f.mean);
    expect(f).toMatchObject({ method: 'seasonal-naive', seasonalPeriod: 4, alpha: null, sigma: 0, logScale: false });
  });

  it('no period: the seasonal naive forecast is the last value (naive)', () => {
    const f = forecast([3, 1, 4, 1, 5, 9, 2, 6], { horizon: 2, seasonalPeriods: [], method: 'seasonal-naive', transform: 'none' });
    expect(f.mean).toEqual([6, 6]);
    expect(f.periods).toEqual([]);
  });

  it('seasonal naive bands: σ = RMS of y_t − y_{t−p}, √(⌊(h − 1) / p⌋ + 1) per cycle ahead', () => {
    const y = [...periodic.slice(0, 20), 2, 5, 3, 7];
    const f = forecast(y, { horizon: 6, seasonalPeriods: [4], method: 'seasonal-naive', transform: 'none' });
    const sigma = Math.sqrt(1 / 20); // of the 20 differences y_t − y_{t−4}, only y[20] − y[16] = 1 is not 0
    expect(f.mean).toEqual([2, 5, 3, 7, 2, 5]);
    expectClose(f.sigma, sigma, 1e-14);
    expectClose(f.upper95[0] - f.mean[0], Z95 * sigma * f.intervalScale, 1e-12);
    expectClose(f.upper95[4] - f.mean[4], Z95 * sigma * Math.SQRT2 * f.intervalScale, 1e-12);
  });

  it('log scale for positive series: the same centre, bands wider above than below', () => {
    const f = forecast(hourly(5), { horizon: 48 });
    expect(f.logScale).toBe(true);
    expect(f.periods).toEqual([24, 168]);
    for (let h = 0; h < 48; h++) {
      expect(f.upper95[h] - f.mean[h]).toBeGreaterThan(f.mean[h] - f.lower95[h]);
      expect(f.lower95[h]).toBeLessThan(f.lower80[h]);
      expect(f.upper80[h]).toBeLessThan(f.upper95[h]);
    }
    expect(f.intervalScale).toBeGreaterThanOrEqual(1);
  });

  it('beats the seasonal naive forecast of the daily cycle on the next two days of a noisy rhythm', () => {
    const y = hourly(21);
    const truth = hourly(21).slice(0, 48); // weeks repeat: hours 0–47 of week 5 have hours 0–47's shape
    const f = forecast(y, { horizon: 48, seasonalPeriods: [24, 168] });
    const naive = y.slice(y.length - 24);
    const mae = (p: (h: number) => number) => truth.reduce((s, v, h) => s + Math.abs(v - p(h)), 0) / 48;
    expect(mae((h) => f.mean[h])).toBeLessThan(mae((h) => naive[h % 24]));
  });

  it('the skill forecast is this forecast on the Anscombe scale, mapped back', () => {
    const u = mulberry32(4);
    const counts = Array.from({ length: 400 }, (_, t) => Math.floor(u() * 4 * (1 + Math.sin((2 * Math.PI * t) / 24))));
    const skill = forecastHourlyCounts(counts, 0, 24);
    const f = forecast(
      counts.map((c) => 2 * Math.sqrt(c + 0.375)),
      { horizon: 24, seasonalPeriods: [24, 168], transform: 'none' },
    );
    skill.points.forEach((p, i) => {
      expectClose(p.value, Math.max(0, (Math.max(f.mean[i], 0) / 2) ** 2 - 0.375), 1e-12);
    });
    expect(skill.periods).toEqual(f.periods);
    expect(skill.sigma).toBe(f.sigma);
  });

  it('bad input: INVALID_ARGUMENT', () => {
    const bad = expect.objectContaining({ code: 'INVALID_ARGUMENT' });
    expect(() => forecast([1, 2, Number.NaN, 4, 5], { horizon: 2 })).toThrow(bad);
    expect(() => forecast([1, 2, 3], { horizon: 2 })).toThrow(bad);
    expect(() => forecast(periodic, { horizon: 0 })).toThrow(bad);
    expect(() => forecast(periodic, { horizon: 1.5 })).toThrow(bad);
    expect(() => forecast([0, ...periodic], { horizon: 2, transform: 'log' })).toThrow(bad);
    expect(() => forecast(periodic, { horizon: 2, seasonalPeriods: [1] })).toThrow(bad);
    expect(() => forecast(periodic, { horizon: 2, method: 'arima' as never })).toThrow(bad);
  });
});
