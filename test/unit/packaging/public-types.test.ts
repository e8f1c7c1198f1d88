/**
 * The public types are importable by name from `.` (the page) and `./node`: this file does not
 * compile (`npm run typecheck`) if one is missing; the runtime lists are checked against the source.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type * as Page from '../../../src/client/index.js';
import { ERROR_CODES as PAGE_ERROR_CODES, WARNING_CODES as PAGE_WARNING_CODES } from '../../../src/client/index.js';
import type * as NodeEntry from '../../../src/node/index.js';
import { ERROR_CODES, WARNING_CODES } from '../../../src/node/index.js';
import { AB_WARNING_CODES } from '../../../src/ab-testing/index.js';

describe('public types', () => {
  it('results and options are the same types from . and ./node', () => {
    expectTypeOf<Page.TrendAnalysis>().toEqualTypeOf<NodeEntry.TrendAnalysis>();
    expectTypeOf<Page.TrendOptions>().toEqualTypeOf<NodeEntry.TrendOptions>();
    expectTypeOf<Page.HourlyMetrics>().toEqualTypeOf<NodeEntry.HourlyMetrics>();
    expectTypeOf<Page.HourlyOptions>().toEqualTypeOf<NodeEntry.HourlyOptions>();
    expectTypeOf<Page.Anomaly>().toEqualTypeOf<NodeEntry.Anomaly>();
    expectTypeOf<Page.ABTestAnalysis>().toEqualTypeOf<NodeEntry.ABTestAnalysis>();
    expectTypeOf<Page.ABTestConfig>().toEqualTypeOf<NodeEntry.ABTestConfig>();
    expectTypeOf<Page.TestPlan>().toEqualTypeOf<NodeEntry.TestPlan>();
    expectTypeOf<Page.TrainingReport>().toEqualTypeOf<NodeEntry.TrainingReport>();
    expectTypeOf<Page.TrainOptions>().toEqualTypeOf<NodeEntry.TrainOptions>();
    expectTypeOf<Page.FeatureExplanation>().toEqualTypeOf<NodeEntry.FeatureExplanation>();
    expectTypeOf<Page.SkillSnapshot>().toEqualTypeOf<NodeEntry.SkillSnapshot>();
    expectTypeOf<Page.MaterializeSummary>().toEqualTypeOf<NodeEntry.MaterializeSummary>();
    expectTypeOf<Page.DatabaseInfo>().toEqualTypeOf<NodeEntry.DatabaseInfo>();
    expectTypeOf<Page.OpenOptions>().toEqualTypeOf<NodeEntry.OpenOptions>();
    expectTypeOf<Page.Interval>().toEqualTypeOf<NodeEntry.Interval>();
    expectTypeOf<Page.PredictorInterval>().toEqualTypeOf<NodeEntry.PredictorInterval>();
  });

  it('error and warning codes are closed unions of their lists', () => {
    expectTypeOf<Page.ErrorCode>().toEqualTypeOf<(typeof ERROR_CODES)[number]>();
    expectTypeOf<NodeEntry.WarningCode>().toEqualTypeOf<(typeof WARNING_CODES)[number]>();
    expectTypeOf<Page.Warning['code']>().toEqualTypeOf<Page.WarningCode>();
    expectTypeOf<'SOMETHING_ELSE'>().not.toExtend<Page.WarningCode>();
    expect(PAGE_ERROR_CODES).toBe(ERROR_CODES);
    expect(PAGE_WARNING_CODES).toBe(WARNING_CODES);
    expect(new Set(WARNING_CODES).size).toBe(WARNING_CODES.length);
  });

  it('every warning code written in src/ is in WARNING_CODES or AB_WARNING_CODES, and every listed code is used', () => {
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, e.name);
        if (e.isDirectory()) walk(path);
        else if (path.endsWith('.ts')) for (const m of readFileSync(path, 'utf8').matchAll(/\bcode: '([A-Z_]+)'/g)) used.add(m[1]!);
      }
    };
    walk('src');
    const errorCodes = new Set<string>(ERROR_CODES);
    const notErrors = [...used].filter((c) => !errorCodes.has(c) && c !== 'USAGE'); // USAGE: the CLI's JSON error line
    const listed = new Set<string>([...WARNING_CODES, ...AB_WARNING_CODES]); // A/B analyses' warnings have their own closed list
    expect(notErrors.filter((c) => !listed.has(c))).toEqual([]);
    expect(WARNING_CODES.filter((c) => !used.has(c))).toEqual([]); // LOCAL_SAVE_FAILED is both an error and a warning
  });
});
