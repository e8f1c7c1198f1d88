// changepoints' trend model (src/stats/changepoints.ts): a change of growth found where the level
// model sees one drift; the residual σ around lines by hand; the level model on request.
import { describe, expect, it } from 'vitest';
import { changepoints, dependentNoiseSigma } from '../../../src/stats/changepoints.js';
import { lineFits } from '../../../src/stats/pelt-linear.js';
import { mulberry32 } from '../../../src/stats/random.js';
import { expectClose } from './close.js';

function normals(seed: number, n: number): number[] {
  const u = mulberry32(seed);
  return Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u()));
}

/** A boom (slope 1 for 35 values) turning to a bust (slope −2), noise SD 0.8. */
const boomBust = normals(5, 60).map((e, i) => (i < 35 ? i : 35 - 2 * (i - 35)) + 0.8 * e);

describe('dependentNoiseSigma around lines', () => {
  it('0, 2, 0, 2, 0, 2: slope 3/17.5, RSS 6 − 9/17.5, σ² = RSS / (6 − 2) = 48/35 (below the MAD²), ρ < 0 clipped', () => {
    const x = [0, 2, 0, 2, 0, 2];
    const w = x.map(() => 1);
    const r = dependentNoiseSigma(x, w, [0], lineFits(x, w));
    expectClose(r.sigma, Math.sqrt(48 / 35), 1e-12);
    expect(r.rho).toBe(0);
  });
});

describe('changepoints: the trend model', () => {
  it('a boom turning to a bust: the level model finds nothing (ρ 0.98), the default finds the turn at 35 with both slopes', () => {
    const level = changepoints(boomBust, { model: 'level' });
    expect(level.model).toBe('level');
    expect(level.changes).toEqual([]);
    expect(level.autocorrelation).toBe(0.98);
    const r = changepoints(boomBust);
    expect(r.model).toBe('trend');
    expect(r.changes.map((c) => c.index)).toEqual([35]);
    expectClose(r.changes[0].slopeBefore!, 1.0093399142873194, 1e-9);
    expectClose(r.changes[0].slopeAfter!, -1.9768562808576613, 1e-9);
    expect(r.autocorrelation).toBeLessThan(0.9);
    // before / after are the segments' means, as for a level change
    expectClose(r.changes[0].before, boomBust.slice(0, 35).reduce((a, b) => a + b, 0) / 35, 1e-12);
    expectClose(r.changes[0].after, boomBust.slice(35).reduce((a, b) => a + b, 0) / 25, 1e-12);
  });

  it('independent noise with a step keeps the level model (ρ below 0.7)', () => {
    const x = normals(7, 200).map((v, i) => v + (i >= 120 ? 1.5 : 0));
    expect(changepoints(x).model).toBe('level');
  });

  it("noise: 'differences' is level only; a bad model is INVALID_ARGUMENT", () => {
    expect(changepoints(boomBust, { noise: 'differences' }).model).toBe('level');
    expect(() => changepoints(boomBust, { model: 'linear' as 'level' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
