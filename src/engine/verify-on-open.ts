/**
 * The integrity step of `open()`: which check runs by default, and what its findings mean for the
 * caller — damage in skill_invocation (the rows every analysis reads) or in the schema is
 * CORRUPT_DATABASE; damage elsewhere is an INTEGRITY_PROBLEMS warning with a count, because the
 * invocations still read correctly.
 */
import { AnalyticsError } from './errors.js';
import type { IntegrityReport, VerifyMode } from './integrity.js';
import type { SkillsDatabase } from './SkillsDatabase.js';
import type { IntegritySummary, Warning } from './types.js';

/**
 * Files up to this size get `quick_check` by default (the budget: under 10 % of open).
 * Measured with bench/verify-open.bench.ts in Node on a heavily loaded 2-core machine (load 10-16),
 * quick_check's share of a warm open across runs: 2k rows (1.9 MiB) 6.6-12 %, 100k rows (37 MiB)
 * 11-29 %, 1M rows (371 MiB) 9.5-20 %; integrity_check 28 % / 68-89 % / 150-260 %. quick_check
 * costs about as much as reading the rows, so its share never falls clearly under 10 %: it is on by
 * default only for files of the size session-buddy writes in normal use (≤ 4 MiB, ~4-5k
 * invocations), and on request above (`verify: 'quick'`). A merged -wal copy is always
 * quick-checked: that is how a log of another database is caught.
 */
export const QUICK_CHECK_DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

/** Tables whose damage makes the file unusable. */
const VITAL = new Set(['skill_invocation', 'sqlite_master']);

/**
 * The check to run when the caller did not choose: quick up to {@link QUICK_CHECK_DEFAULT_MAX_BYTES}.
 * @param fileBytes size of the file being opened
 * @returns 'quick' or 'none'
 * @example defaultVerify(2_000_000) // 'quick'
 */
export function defaultVerify(fileBytes: number): VerifyMode {
  return fileBytes <= QUICK_CHECK_DEFAULT_MAX_BYTES ? 'quick' : 'none';
}

/**
 * Runs the check (or reuses one already run on the same file) and interprets it.
 * @param done a quick_check already run on this file (the merged -wal copy), reused for 'quick'
 * @returns the summary and warnings to add
 * @throws AnalyticsError CORRUPT_DATABASE naming the damaged table when skill_invocation or the schema is damaged
 */
export function verifyOnOpen(db: SkillsDatabase, mode: VerifyMode, done: IntegrityReport | null): { summary: IntegritySummary; warnings: Warning[] } {
  if (mode === 'none') return { summary: { mode, problems: 0, tables: [] }, warnings: [] };
  const report = mode === 'quick' && done ? done : db.integrity(mode);
  const summary: IntegritySummary = { mode, problems: report.problems.length, tables: report.tables };
  if (report.problems.length === 0) return { summary, warnings: [] };
  const check = mode === 'quick' ? 'quick_check' : 'integrity_check';
  const vital = report.tables.filter((t) => VITAL.has(t));
  if (vital.length > 0) {
    throw new AnalyticsError(
      'CORRUPT_DATABASE',
      `open: the file is damaged in table ${vital.join(' and ')}: SQLite's ${check} reports ${report.problems.length} problem(s) (first: ${report.problems[0]}); the invocations cannot be trusted. Copy skills.db again from session-buddy`,
      { tables: report.tables, problems: report.problems.slice(0, 10) },
    );
  }
  return {
    summary,
    warnings: [
      {
        code: 'INTEGRITY_PROBLEMS',
        count: report.problems.length,
        message: `SQLite's ${check} reports ${report.problems.length} problem(s) in ${report.tables.join(', ')} (first: ${report.problems[0]}); the invocations read correctly, but results drawn from those tables may be wrong. Copy skills.db again from session-buddy`,
      },
    ],
  };
}
