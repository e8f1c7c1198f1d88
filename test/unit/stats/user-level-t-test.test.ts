// Reference: scipy 1.17.1, `stats.ttest_ind(ra, rb, equal_var=False)` on the per-user rates
// ra = [1/3, 5/5, 0/2, 3/4, 1/1, 2/6, 2/2], rb = [4/4, 2/3, 5/5, 1/2, 6/7, 1/1] (made-up users),
// `.df` and `.confidence_interval(0.95)`; and on [0.5, 0.25] vs [1, 2/3].
import { describe, it, expect } from 'vitest';
import { userLevelWelchTTest } from '../../../src/stats/index.js';
import { expectClose } from './close.js';

const toUsers = (pairs: Array<[number, number]>) => pairs.map(([n, successes]) => ({ n, successes }));

describe('userLevelWelchTTest', () => {
  it('equals scipy Welch on per-user rates', () => {
    const a = toUsers([
      [3, 1],
      [5, 5],
      [2, 0],
      [4, 3],
      [1, 1],
      [6, 2],
      [2, 2],
    ]);
    const b = toUsers([
      [4, 4],
      [3, 2],
      [5, 5],
      [2, 1],
      [7, 6],
      [1, 1],
    ]);
    const r = userLevelWelchTTest(a, b);
    expectClose(r.statistic, -1.1684950710916255, 1e-12);
    expectClose(r.pValue, 0.2718367618267725, 1e-10);
    expectClose(r.df, 9.250898815014986, 1e-12);
    expectClose(r.ci[0], -0.6041870686653774, 1e-10);
    expectClose(r.ci[1], 0.19148865596696435, 1e-10);
  });

  it('skips users without outcomes and labels thin arms', () => {
    const r = userLevelWelchTTest(
      toUsers([
        [2, 1],
        [4, 1],
        [0, 0],
      ]),
      toUsers([
        [1, 1],
        [3, 2],
      ]),
    );
    expectClose(r.statistic, -2.1999999999999997, 1e-12); // scipy: ttest_ind([0.5, 0.25], [1, 2/3], equal_var=False)
    expectClose(r.pValue, 0.16868213677344226, 1e-10);
    expect(
      userLevelWelchTTest(
        toUsers([[3, 1]]),
        toUsers([
          [1, 1],
          [3, 2],
        ]),
      ).status,
    ).toBe('insufficient_data');
    expect(() => userLevelWelchTTest(toUsers([[1, 2]]), [])).toThrow(/cannot exceed/);
  });
});
