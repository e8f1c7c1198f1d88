// The predictor's CLI commands print exactly the API result with --json (child processes, see test/unit/cli/run-cli.ts).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsEngine } from '../../../src/analytics/AnalyticsEngine.js';
import { openAnalytics } from '../../../src/node/index.js';
import { cli } from '../cli/run-cli.js';

const TRAIN_DB = 'test/fixtures/sample.db';
const OTHER_DB = 'test/fixtures/legacy.db';

describe('predictor CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'predictor-cli-'));
  const modelFile = join(dir, 'model.json');
  let engine: AnalyticsEngine;
  let train: { status: number; stdout: string };
  let predict: { status: number; stdout: string };
  let score: { status: number; stdout: string };
  let errors: { status: number; stdout: string }[];
  let boosted: { status: number; stdout: string };
  let drift: { status: number; stdout: string };
  const boostedFile = join(dir, 'boosted.json');
  beforeAll(async () => {
    train = await cli('train', TRAIN_DB, '--days', '30', '--as-of', '2026-11-24 17:00:53', '--model', modelFile, '--json');
    [predict, score, ...errors] = await Promise.all([
      cli('predict', OTHER_DB, '--model', modelFile, '--skill', 'pytest-run', '--phase', 'execution', '--session', 'nope', '--at', '2026-11-24T12:00:00Z', '--json'),
      cli('score', OTHER_DB, '--model', modelFile, '--from', '2026-11-24T00:00:00Z', '--to', '2026-11-24T12:00:00Z', '--json'),
      cli('predict', OTHER_DB, '--model', join(dir, 'missing.json'), '--skill', 'x', '--json'),
      cli('predict', OTHER_DB, '--model', modelFile, '--json'),
      cli('train', TRAIN_DB, '--days', '0.0001', '--json'),
      cli('train', TRAIN_DB, '--model', 'svm', '--features', 'seed', '--save', join(dir, 'x.json'), '--json'),
      cli('train', TRAIN_DB, '--features', 'everything', '--json'),
    ]);
    boosted = await cli('train', TRAIN_DB, '--days', '30', '--model', 'boosted', '--features', 'seed+skill', '--calibration', 'platt', '--save', boostedFile, '--json');
    drift = await cli('score', TRAIN_DB, '--model', boostedFile, '--by', 'week', '--json');
    engine = await openAnalytics(OTHER_DB);
    await engine.predictor.importModel(readFileSync(modelFile, 'utf8'));
  });
  afterAll(async () => {
    await engine?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('train --json (default: model auto) prints the training report with the choice and the prediction sets; --model writes the versioned model', () => {
    expect(train.status).toBe(0);
    const report = JSON.parse(train.stdout);
    expect(report).toMatchObject({
      samplesUsed: 2000,
      trainRows: 1600,
      testRows: 400,
      servedModel: expect.stringMatching(
        /^(boosted trees|random forest|mean of a random forest \(7 seed features\) and boosted trees) on the 7 seed features.*, fitted on the first 1600 rows, (platt|isotonic) calibration fitted on the last 400$/,
      ),
      options: { days: 30, asOf: '2026-11-24T17:00:53Z', model: 'auto', features: 'auto' },
      model: { requested: 'auto' },
      conformal: { level: 0.9, servedFitRows: 400, evaluated: { rows: 400 } },
    });
    expect(report.selection.candidates.map((c: { kind: string; features: string }) => `${c.kind}/${c.features}`)).toEqual([
      'boosted/categories',
      'forest/seed',
      'blend/categories',
    ]);
    expect(report.model).toMatchObject(report.selection.chosen);
    expect(report.calibration.after.ece).toBeGreaterThanOrEqual(0);
    expect(existsSync(modelFile)).toBe(true);
    expect(JSON.parse(readFileSync(modelFile, 'utf8'))).toMatchObject({
      format: 'session-buddy-analytics/skill-success-model',
      version: 2,
      kind: report.model.kind,
      features: report.model.features,
      conformal: { level: 0.9, rows: 400 },
      training: { samplesUsed: 2000 },
    });
  });

  it('train --model boosted --features seed+skill --calibration platt --save: the report and file say so; score --by week gives the drift table', () => {
    expect(boosted.status).toBe(0);
    const report = JSON.parse(boosted.stdout);
    expect(report.model).toMatchObject({ kind: 'boosted', requested: 'boosted', features: 'seed+skill' });
    expect(report.model.featureNames).toHaveLength(8);
    expect(report.calibration).toMatchObject({ method: 'platt', servedMethod: 'platt', requested: 'platt', fitRows: 320, servedFitRows: 400 });
    expect(report.evaluation.intervals.brier[0]).toBeLessThan(report.evaluation.brier);
    expect(report.evaluation.intervals.brier[1]).toBeGreaterThan(report.evaluation.brier);
    const saved = JSON.parse(readFileSync(boostedFile, 'utf8'));
    expect(saved).toMatchObject({ version: 2, kind: 'boosted', features: 'seed+skill', calibrator: { method: 'platt', rows: 400 } });
    expect(saved.boosted.trees).toHaveLength(100);
    expect(drift.status).toBe(0);
    const d = JSON.parse(drift.stdout);
    expect(d.period).toBe('week');
    expect(d.periods.reduce((s: number, p: { n: number }) => s + p.n, 0)).toBe(2000);
    expect(d.periods.every((p: { start: string }) => new Date(p.start).getUTCDay() === 1)).toBe(true);
  });

  it('predict --json prints the explanation the API gives on the other file', async () => {
    expect(predict.status).toBe(0);
    const api = await engine.predictor.getFeatureExplanation('pytest-run', null, 'execution', { sessionId: 'nope' }, { at: '2026-11-24T12:00:00Z' });
    expect(JSON.parse(predict.stdout)).toEqual(JSON.parse(JSON.stringify(api)));
  });

  it('score --json prints the scores the API gives', async () => {
    expect(score.status).toBe(0);
    const api = await engine.predictor.scoreInvocations({ from: '2026-11-24T00:00:00Z', to: '2026-11-24T12:00:00Z' });
    expect(api.length).toBeGreaterThan(10);
    expect(JSON.parse(score.stdout)).toEqual(JSON.parse(JSON.stringify(api)));
  });

  it('a model kind (with --save) or feature set that does not exist is a usage error (2)', () => {
    const [badModel, badFeatures] = errors.slice(3);
    expect(badModel.status).toBe(2);
    expect(badModel.stdout).toMatch(/--model must be one of forest, boosted, blend, auto/);
    expect(badFeatures.status).toBe(2);
    expect(badFeatures.stdout).toMatch(/--features must be one of seed, seed\+skill, categories/);
  });

  it('failures print one JSON error: unreadable model (1), missing --skill (2), thin data (1)', () => {
    const [missing, usage, thin] = errors;
    expect([missing.status, JSON.parse(missing.stdout).error.code]).toEqual([1, 'INVALID_ARGUMENT']);
    expect([usage.status, JSON.parse(usage.stdout).error]).toEqual([2, { code: 'USAGE', message: '--skill is required' }]);
    expect([thin.status, JSON.parse(thin.stdout).error.code]).toEqual([1, 'INSUFFICIENT_DATA']);
  });
});
