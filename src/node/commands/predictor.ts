/**
 * CLI commands of the success predictor: `train`, `predict`, `score`. `--json` prints the API
 * result unchanged (train: the TrainingReport; predict: the FeatureExplanation, whose `probability`
 * is predictSuccessProbability's answer; score: the `{ id, probability }` list, or with `--by` the
 * DriftReport of scoreOverTime).
 */
import { writeFile } from 'node:fs/promises';
import { AnalyticsError } from '../../engine/errors.js';
import type {
  CalibrationMethod,
  DriftReport,
  FeatureExplanation,
  FeatureSet,
  HoldoutMetrics,
  Interval,
  MetricDifference,
  ModelChoice,
  TrainingReport,
} from '../../predictive/types.js';
import { allowFlags, flagNumber, flagString, formatRecord, formatTable, positional, UsageError, type Command, type ParsedArgs } from '../cli-args.js';
import { readPath } from '../index.js';
import { withEngine } from './with-engine.js';

function requiredFlag(args: ParsedArgs, name: string): string {
  const v = flagString(args, name);
  if (v === undefined) throw new UsageError(`--${name} is required`);
  return v;
}

function noExtraPositionals(args: ParsedArgs, count: number): void {
  if (args.positionals.length > count) throw new UsageError(`unexpected argument "${args.positionals[count]}"`);
}

async function readModel(file: string): Promise<string> {
  return new TextDecoder().decode(await readPath(file));
}

const ci = (i: Interval | null | undefined, digits = 4): string => (i ? `[${i[0].toFixed(digits)}, ${i[1].toFixed(digits)}]` : '');

function metricRow(model: string, m: HoldoutMetrics): Record<string, unknown> {
  return {
    model,
    rocAuc: m.rocAuc,
    aucCI: ci(m.intervals?.rocAuc, 3),
    brier: m.brier,
    brierCI: ci(m.intervals?.brier),
    logLoss: m.logLoss,
    logLossCI: ci(m.intervals?.logLoss),
    n: m.n,
  };
}

function differenceRow(versus: string, d: MetricDifference): Record<string, unknown> {
  return {
    versus,
    aucDiff: d.rocAuc?.estimate ?? null,
    aucCI: ci(d.rocAuc?.interval, 3),
    brierDiff: d.brier.estimate,
    brierCI: ci(d.brier.interval),
    logLossDiff: d.logLoss.estimate,
    logLossCI: ci(d.logLoss.interval),
  };
}

function reportText(r: TrainingReport, modelFile: string | undefined): string {
  const name = `${{ forest: 'random forest', boosted: 'boosted trees', blend: 'forest + boosted trees (mean)' }[r.model.kind]} (${r.model.features}, holdout fit)`;
  const metrics = [metricRow(name, r.evaluation), metricRow('baseline: training rate', r.baselines.trainRate), metricRow('baseline: per-skill prior', r.baselines.perSkillPrior)];
  const c = r.calibration;
  const calibration = [
    { stage: 'before calibration (64 % fit)', ...c.before.decomposition, ece: c.before.ece, logLoss: c.before.metrics.logLoss, rocAuc: c.before.metrics.rocAuc },
    { stage: `after ${c.method} (fitted on ${c.fitRows} rows)`, ...c.after.decomposition, ece: c.after.ece, logLoss: c.after.metrics.logLoss, rocAuc: c.after.metrics.rocAuc },
  ];
  const summary = formatRecord({
    window: `(${r.window.from}, ${r.window.asOf}]`,
    samples: r.samplesUsed,
    successRate: r.successRate,
    split: `${r.split.rule}; test from ${r.split.time}`,
    ...(r.selection
      ? {
          selection: `${r.selection.chosen.kind}/${r.selection.chosen.features} — validation slice (${r.selection.rows} rows): ${r.selection.candidates
            .map(
              (c) =>
                `${c.kind}/${c.features} AUC ${c.metrics.rocAuc?.toFixed(3) ?? '–'} Brier ${c.metrics.brier.toFixed(4)}${c.minusIncumbent ? ` (− incumbent ${c.minusIncumbent.brier.estimate.toFixed(4)} ${ci(c.minusIncumbent.brier.interval)})` : ' (incumbent)'}`,
            )
            .join('; ')}`,
        }
      : {}),
    servedModel: r.servedModel,
    predictionSets: `${Math.round(r.conformal.level * 100)} % split-conformal sets of the outcome; one step back: ${(r.conformal.evaluated.coverage * 100).toFixed(1)} % of holdout outcomes in their set (${(r.conformal.evaluated.sizes.completed * 100).toFixed(0)} % {completed}, ${(r.conformal.evaluated.sizes.notCompleted * 100).toFixed(0)} % {not completed}, ${(r.conformal.evaluated.sizes.both * 100).toFixed(0)} % both)`,
    fits: r.fits.map((f) => `${f.role} ${f.kind}/${f.features} on ${f.rows} rows`).join('; '),
    seconds: r.seconds,
    ...(modelFile ? { savedTo: modelFile } : {}),
  });
  const importance = Object.entries(r.featureImportance).map(([feature, importance]) => ({ feature, importance }));
  return [
    summary,
    formatTable(metrics),
    formatTable([differenceRow('training rate', r.versusBaselines.trainRate), differenceRow('per-skill prior', r.versusBaselines.perSkillPrior)]),
    formatTable(calibration),
    formatTable(r.evaluation.calibration as unknown as Record<string, unknown>[]),
    formatTable(importance),
  ].join('\n\n');
}

function driftText(d: DriftReport): string {
  const rows = d.periods.map((p) => ({
    start: p.start,
    n: p.n,
    rate: p.positiveRate,
    predicted: p.meanPredicted,
    rocAuc: p.rocAuc,
    aucCI: ci(p.rocAucInterval, 3),
    brier: p.brier,
    brierCI: ci(p.brierInterval),
    newer: p.afterTraining ? 'yes' : '',
  }));
  const newer = d.newer
    ? `rows after ${d.trainedUntil}: ${d.newer.n}, AUC ${d.newer.rocAuc?.toFixed(3) ?? '–'} ${ci(d.newer.intervals?.rocAuc, 3)}, Brier ${d.newer.brier.toFixed(4)} ${ci(d.newer.intervals?.brier)}`
    : `no rows after the training window (${d.trainedUntil})`;
  return `${formatTable(rows)}\n\n${newer}`;
}

function oneOf<T extends string>(args: ParsedArgs, name: string, allowed: readonly T[], fallback: T): T {
  const v = flagString(args, name) ?? fallback;
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got "${v}")`);
  return v as T;
}

const MODEL_KINDS = ['forest', 'boosted', 'blend', 'auto'] as const;

function explanationText(x: FeatureExplanation): string {
  const head = formatRecord({
    skill: x.skillName,
    at: x.at,
    probability: x.probability,
    rawProbability: x.rawProbability,
    ...(x.spread ? { treesP10toP90: `${x.spread.low.toFixed(3)}–${x.spread.high.toFixed(3)} (${x.spread.trees} trees)` } : {}),
    bias: x.bias,
    scale: x.scale,
  });
  return `${head}\n\n${formatTable(x.features.map(({ name, value, contribution, importance }) => ({ feature: name, value, contribution, importance })))}`;
}

export const predictorCommands: Record<string, Command> = {
  train: {
    usage:
      'train <db> [--days 30] [--as-of T] [--model auto|forest|boosted|blend] [--features seed|seed+skill|categories] [--calibration auto|isotonic|platt|none] [--save OUT.json] [--json]',
    async run(args) {
      allowFlags(args, ['days', 'as-of', 'model', 'features', 'calibration', 'save']);
      const db = positional(args, 0, '<db>');
      noExtraPositionals(args, 1);
      // --model takes the model kind; a value that is not a kind is the output file (the flag's meaning before --save).
      const modelFlag = flagString(args, 'model');
      const kindGiven = modelFlag !== undefined && (MODEL_KINDS as readonly string[]).includes(modelFlag);
      if (modelFlag !== undefined && !kindGiven && flagString(args, 'save') !== undefined)
        throw new UsageError(`--model must be one of ${MODEL_KINDS.join(', ')} (got "${modelFlag}")`);
      const out = flagString(args, 'save') ?? (kindGiven ? undefined : modelFlag);
      const model: ModelChoice = kindGiven ? (modelFlag as ModelChoice) : 'auto';
      const features = flagString(args, 'features') === undefined ? undefined : oneOf<FeatureSet>(args, 'features', ['seed', 'seed+skill', 'categories'], 'seed');
      const calibration = oneOf<CalibrationMethod>(args, 'calibration', ['auto', 'isotonic', 'platt', 'none'], 'auto');
      const { report, model: saved } = await withEngine(db, async (e) => {
        const r = await e.predictor.trainModel({ days: flagNumber(args, 'days', 30), asOf: flagString(args, 'as-of'), model, features, calibration });
        return { report: r, model: out ? await e.predictor.exportModel() : null };
      });
      if (out && saved) {
        try {
          await writeFile(out, JSON.stringify(saved));
        } catch (e) {
          throw new AnalyticsError('INVALID_ARGUMENT', `train: cannot write the model to ${out}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      return { json: report, text: reportText(report, out) };
    },
  },
  predict: {
    usage: 'predict <db> --model M.json --skill S [--phase P] [--session ID] [--at T] [--json]',
    async run(args) {
      allowFlags(args, ['model', 'skill', 'phase', 'session', 'at']);
      const db = positional(args, 0, '<db>');
      noExtraPositionals(args, 1);
      const modelText = await readModel(requiredFlag(args, 'model'));
      const skill = requiredFlag(args, 'skill');
      const x = await withEngine(db, async (e) => {
        await e.predictor.importModel(modelText);
        return e.predictor.getFeatureExplanation(
          skill,
          null,
          flagString(args, 'phase') ?? null,
          { sessionId: flagString(args, 'session') ?? null },
          { at: flagString(args, 'at') },
        );
      });
      return { json: x, text: explanationText(x) };
    },
  },
  score: {
    usage: 'score <db> --model M.json [--from T] [--to T] [--by day|week] [--json]',
    async run(args) {
      allowFlags(args, ['model', 'from', 'to', 'by']);
      const db = positional(args, 0, '<db>');
      noExtraPositionals(args, 1);
      const modelText = await readModel(requiredFlag(args, 'model'));
      if (flagString(args, 'by') !== undefined) {
        const period = oneOf(args, 'by', ['day', 'week'] as const, 'day');
        const drift = await withEngine(db, async (e) => {
          await e.predictor.importModel(modelText);
          return e.predictor.scoreOverTime({ from: flagString(args, 'from'), to: flagString(args, 'to'), period });
        });
        return { json: drift, text: driftText(drift) };
      }
      const scores = await withEngine(db, async (e) => {
        await e.predictor.importModel(modelText);
        return e.predictor.scoreInvocations({ from: flagString(args, 'from'), to: flagString(args, 'to') });
      });
      return { json: scores, text: formatTable(scores as unknown as Record<string, unknown>[]) };
    },
  },
};
