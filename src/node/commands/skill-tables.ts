/**
 * CLI commands of the skill-tables capability: `snapshot` (every skill as of asOf beside the file's
 * skill_metrics_cache) and `materialize` (writes hourly rows, cache rows and anomalies into a copy
 * of the file; the input is never written). `--json` prints the API result unchanged.
 */
import { randomBytes } from 'node:crypto';
import { realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MaterializeSummary, SkillSnapshot, TableWrite } from '../../skill-tables/types.js';
import type { TimeSeriesMetric } from '../../time-series/types.js';
import { allowFlags, flagNumber, flagString, formatRecord, formatTable, positional, UsageError, type Command } from '../cli-args.js';
import { withEngine } from './with-engine.js';

function snapshotText(s: SkillSnapshot): string {
  const head = `as of ${s.asOf ?? '-'}: ${s.skills.length} skills; skill_metrics_cache ${s.cacheTable ? `disagrees for ${s.cacheDisagreements}` : 'absent'} (anomaly: ${s.metric}, |z| ≥ ${s.zThreshold})`;
  const rows = s.skills.map((k) => ({
    skill: k.skillName,
    last: k.lastInvocation,
    '1h': k.invocationCount1h,
    '24h': k.invocationCount24h,
    'completion 24h': k.completionRate24h,
    anomalous: k.isAnomalous ? 'yes' : 'no',
    score: k.anomalyScore,
    'cache 1h': k.cache?.invocationCount1h ?? null,
    'cache 24h': k.cache?.invocationCount24h ?? null,
    'cache rate': k.cache?.avgCompletionRate24h ?? null,
    differs: k.cacheDifferences.join(',') || (k.cacheDisagrees ? 'no cache row' : ''),
  }));
  return `${head}\n\n${formatTable(rows)}`;
}

const tableText = (t: TableWrite) => `${t.rows} rows (${t.inserted} inserted, ${t.updated} updated, ${t.deleted} deleted)`;

function materializeText(m: MaterializeSummary, out: string, bytes: number): string {
  return formatRecord({
    asOf: m.asOf,
    hours: `${m.hours} (${m.fromHour ?? '-'} .. ${m.toHour ?? '-'})`,
    skill_time_series: tableText(m.skillTimeSeries),
    skill_metrics_cache: tableText(m.skillMetricsCache),
    skill_anomalies: `${tableText(m.skillAnomalies)} [${m.metric}, |z| ≥ ${m.zThreshold}]`,
    'stored hours kept': m.storedHoursKept,
    written: `${out} (${bytes} bytes)`,
  });
}

/** Refuses an output path that is the input file (same path, link or inode). */
async function requireDifferentFile(input: string, out: string): Promise<void> {
  const outStat = await stat(out).catch(() => null);
  if (!outStat) return;
  if (outStat.isDirectory()) throw new UsageError(`--out ${out} is a directory; give a file name`);
  const inStat = await stat(input).catch(() => null);
  const same = (inStat && inStat.dev === outStat.dev && inStat.ino === outStat.ino) || (await realpath(input).catch(() => input)) === (await realpath(out));
  if (same) throw new UsageError(`--out ${out} is the input file; materialize never overwrites its input: give a new file name`);
}

/** Writes through a temporary file in the same directory, then renames (no half-written output). */
async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, bytes, { flag: 'wx' });
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

export const skillTablesCommands: Record<string, Command> = {
  snapshot: {
    usage: 'snapshot <db> [--as-of T] [--metric M] [--z 2] [--json]',
    async run(args) {
      allowFlags(args, ['as-of', 'metric', 'z']);
      const db = positional(args, 0, '<db>');
      const s = await withEngine(db, (e) =>
        e.skillTables.getSkillSnapshot({ asOf: flagString(args, 'as-of'), metric: flagString(args, 'metric') as TimeSeriesMetric | undefined, zThreshold: flagNumber(args, 'z') }),
      );
      return { json: s, text: snapshotText(s) };
    },
  },
  materialize: {
    usage: 'materialize <db> --out NEW.db [--hours 24] [--as-of T] [--metric M] [--z 2] [--json]',
    async run(args) {
      allowFlags(args, ['out', 'hours', 'as-of', 'metric', 'z']);
      const db = positional(args, 0, '<db>');
      if (args.positionals.length > 1) throw new UsageError(`unexpected argument "${args.positionals[1]}"`);
      const out = flagString(args, 'out');
      if (out === undefined) throw new UsageError('--out NEW.db is required (the input file is never written)');
      await requireDifferentFile(db, out);
      const { summary, bytes } = await withEngine(db, async (e) => {
        const summary = await e.skillTables.materialize({
          hours: flagNumber(args, 'hours'),
          asOf: flagString(args, 'as-of'),
          metric: flagString(args, 'metric') as TimeSeriesMetric | undefined,
          zThreshold: flagNumber(args, 'z'),
        });
        return { summary, bytes: await e.exportDatabase() };
      });
      await writeAtomically(out, bytes);
      return { json: summary, text: materializeText(summary, out, bytes.byteLength) };
    },
  },
};
