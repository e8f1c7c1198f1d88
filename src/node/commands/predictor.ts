/**
 * CLI commands of the success predictor: `train`, `predict`, `score`. `--json` prints the API
 * result unchanged (train: the TrainingReport; predict: the FeatureExplanation, whose `probability`
 * is predictSuccessProbability's answer; score: the `{ id, probability }` list).
 */
import { writeFile } from 'node:fs/promises';
import { AnalyticsError } from '../../engine/errors.js';
import type { FeatureExplanation, TrainingReport } from '../../predictive/types.js';
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

function reportText(r: TrainingReport, modelFile: string | undefined): string {
  const metrics = [
    { model: 'random forest (holdout fit)', ...r.evaluation, calibration: undefined },
    { model: 'baseline: training rate', ...r.baselines.trainRate },
    { model: 'baseline: per-skill prior', ...r.baselines.perSkillPrior },
  ];
  const summary = formatRecord({
    window: `(${r.window.from}, ${r.window.asOf}]`,
    samples: r.samplesUsed,
    successRate: r.successRate,
    split: `${r.split.rule}; test from ${r.split.time}`,
    servedModel: r.servedModel,
    seconds: r.seconds,
    ...(modelFile ? { savedTo: modelFile } : {}),
  });
  const importance = Object.entries(r.featureImportance).map(([feature, importance]) => ({ feature, importance }));
  return [
    summary,
    formatTable(metrics, ['model', 'rocAuc', 'brier', 'logLoss', 'n']),
    formatTable(r.evaluation.calibration as unknown as Record<string, unknown>[]),
    formatTable(importance),
  ].join('\n\n');
}

function explanationText(x: FeatureExplanation): string {
  const head = formatRecord({ skill: x.skillName, at: x.at, probability: x.probability, bias: x.bias });
  return `${head}\n\n${formatTable(x.features.map(({ name, value, contribution, importance }) => ({ feature: name, value, contribution, importance })))}`;
}

export const predictorCommands: Record<string, Command> = {
  train: {
    usage: 'train <db> [--days 30] [--as-of T] [--model OUT.json] [--json]',
    async run(args) {
      allowFlags(args, ['days', 'as-of', 'model']);
      const db = positional(args, 0, '<db>');
      noExtraPositionals(args, 1);
      const out = flagString(args, 'model');
      const { report, model } = await withEngine(db, async (e) => {
        const r = await e.predictor.trainModel({ days: flagNumber(args, 'days', 30), asOf: flagString(args, 'as-of') });
        return { report: r, model: out ? await e.predictor.exportModel() : null };
      });
      if (out && model) {
        try {
          await writeFile(out, JSON.stringify(model));
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
        return e.predictor.getFeatureExplanation(skill, null, flagString(args, 'phase') ?? null, { sessionId: flagString(args, 'session') ?? null }, { at: flagString(args, 'at') });
      });
      return { json: x, text: explanationText(x) };
    },
  },
  score: {
    usage: 'score <db> --model M.json [--from T] [--to T] [--json]',
    async run(args) {
      allowFlags(args, ['model', 'from', 'to']);
      const db = positional(args, 0, '<db>');
      noExtraPositionals(args, 1);
      const modelText = await readModel(requiredFlag(args, 'model'));
      const scores = await withEngine(db, async (e) => {
        await e.predictor.importModel(modelText);
        return e.predictor.scoreInvocations({ from: flagString(args, 'from'), to: flagString(args, 'to') });
      });
      return { json: scores, text: formatTable(scores as unknown as Record<string, unknown>[]) };
    },
  },
};
