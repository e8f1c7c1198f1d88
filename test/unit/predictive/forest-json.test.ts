// Saving and loading a forest.
import { describe, expect, it } from 'vitest';
import { forestFromJSON, trainForest, type ForestJSON } from '../../../src/predictive/forest/index.js';
import { rowOf, syntheticData } from './forest-helpers.js';

const data = syntheticData(1200, 4, 81);
const forest = await trainForest(data.X, data.y, data.names, { nTrees: 12 });
const json = (): ForestJSON => JSON.parse(JSON.stringify(forest)) as ForestJSON;

describe('forest JSON', () => {
  it('round-trips through text with identical predictions, importance and contributions', () => {
    const copy = forestFromJSON(json());
    expect(Array.from(copy.predictMany(data.X))).toEqual(Array.from(forest.predictMany(data.X)));
    expect(copy.featureImportance()).toEqual(forest.featureImportance());
    expect(copy.contributions(rowOf(data.X, 3))).toEqual(forest.contributions(rowOf(data.X, 3)));
    expect(copy.options).toEqual(forest.options);
    expect(copy.toJSON()).toEqual(forest.toJSON());
  });

  it('is plain, versioned data', () => {
    const j = json();
    expect(j.format).toBe('session-buddy-analytics/random-forest');
    expect(j.version).toBe(1);
    expect(j.featureNames).toEqual(data.names);
    expect(j.trees).toHaveLength(12);
    expect(Object.keys(j.trees[0]).sort()).toEqual(['count', 'feature', 'left', 'right', 'threshold', 'value']);
  });

  const broken: Array<[string, (j: ForestJSON & Record<string, unknown>) => void, RegExp]> = [
    [
      'an unknown version',
      (j) => {
        (j as { version: number }).version = 2;
      },
      /unsupported version 2; this build reads version 1/,
    ],
    [
      'another format',
      (j) => {
        (j as { format: string }).format = 'RFClassifier';
      },
      /unknown format "RFClassifier"/,
    ],
    [
      'no trees',
      (j) => {
        j.trees = [];
      },
      /"trees" must be a non-empty array/,
    ],
    [
      'a child index out of range',
      (j) => {
        j.trees[0].left[0] = 10_000;
      },
      /tree 0 node 0: child index 10000 is out of range/,
    ],
    [
      'a child pointing back',
      (j) => {
        j.trees[1].right[0] = 0;
      },
      /tree 1 node 0: child index 0/,
    ],
    [
      'an unknown feature',
      (j) => {
        j.trees[0].feature[0] = 9;
      },
      /feature 9 is not one of the 4 features/,
    ],
    [
      'a value above 1',
      (j) => {
        j.trees[0].value[1] = 1.5;
      },
      /value 1.5 is not in \[0, 1\]/,
    ],
    [
      'arrays of different lengths',
      (j) => {
        j.trees[0].threshold.pop();
      },
      /"threshold" has/,
    ],
    [
      'a missing option',
      (j) => {
        delete (j.options as Partial<ForestJSON['options']>).seed;
      },
      /options.seed/,
    ],
  ];
  for (const [what, damage, message] of broken) {
    it(`rejects ${what}`, () => {
      const j = json() as ForestJSON & Record<string, unknown>;
      damage(j);
      expect(() => forestFromJSON(j)).toThrow(message);
      expect(() => forestFromJSON(j)).toThrow(/^forestFromJSON: /);
    });
  }

  it('rejects a non-object', () => {
    expect(() => forestFromJSON(null)).toThrow(/forestFromJSON: expected an object/);
  });
});
