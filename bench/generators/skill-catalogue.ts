/**
 * The skills the benchmark generator simulates: 30 with the usage, completion rates and durations
 * of test/fixtures/train20k.db (written by session-buddy itself), plus 10 more, one of them with
 * quotes, an apostrophe, markup and non-ASCII text in its name (docs/skills-db-format.md: skill names are free text).
 */

/** The workflow phases session-buddy records (V3); sessions without phases store NULL. */
export const PHASES = ['setup', 'planning', 'execution', 'verification'] as const;
export type Phase = (typeof PHASES)[number];

/** How one skill behaves in the simulation. */
export interface SkillProfile {
  name: string;
  /** Relative popularity. */
  weight: number;
  /** Completion probability at mid-span, before phase and session effects. */
  completion: number;
  /** Median duration of a completed invocation, seconds (log-normal, sigma 0.6). */
  medianSeconds: number;
  /** The phase where the skill is mostly used (4× more likely there). */
  home: Phase;
  /** Change of the completion log-odds from the first to the last instant of the span. */
  trendLogit?: number;
  /** Popularity multiplier reached at the end of the span (1 = flat), growing exponentially. */
  usageGrowth?: number;
}

const s = (name: string, weight: number, completion: number, medianSeconds: number, home: Phase, extra: Partial<SkillProfile> = {}): SkillProfile => ({
  name,
  weight,
  completion,
  medianSeconds,
  home,
  ...extra,
});

/** ≈40 skills; five have a completion trend and two a usage trend. */
export const SKILLS: readonly SkillProfile[] = [
  s('pytest-run', 1835, 0.52, 39, 'verification', { trendLogit: 1.5 }),
  s('semantic-search', 1755, 0.82, 2.5, 'planning', { usageGrowth: 2 }),
  s('crackerjack-run', 1553, 0.61, 75, 'execution'),
  s('ruff-check', 1373, 0.83, 2, 'verification'),
  s('git-commit', 1305, 0.89, 2.1, 'execution'),
  s('docker-build', 1144, 0.78, 140, 'setup', { trendLogit: -2 }),
  s('code-search', 1041, 0.84, 1.8, 'planning'),
  s('uv-sync', 1030, 0.9, 6.3, 'setup'),
  s('uv-install', 848, 0.88, 12, 'setup'),
  s('mypy-check', 783, 0.69, 17, 'verification', { trendLogit: -1.5 }),
  s('doc-lookup', 757, 0.88, 3.1, 'planning'),
  s('code-generate', 751, 0.55, 33, 'execution', { trendLogit: 1 }),
  s('refactor-apply', 580, 0.42, 42, 'execution', { trendLogit: 2 }),
  s('format-code', 556, 0.9, 1.5, 'execution', { usageGrowth: 0.5 }),
  s('task-breakdown', 532, 0.83, 19, 'planning'),
  s('integration-test', 412, 0.38, 167, 'verification'),
  s('debug-session', 403, 0.31, 220, 'execution'),
  s('lint-fix', 394, 0.76, 4.7, 'verification'),
  s('env-setup', 338, 0.73, 23, 'setup'),
  s('issue-triage', 325, 0.77, 29, 'planning'),
  s('coverage-report', 320, 0.81, 28, 'verification'),
  s('pre-commit-install', 310, 0.85, 7.9, 'setup'),
  s('bandit-scan', 281, 0.77, 10, 'verification'),
  s('e2e-test', 280, 0.3, 267, 'verification'),
  s('architecture-review', 221, 0.64, 80, 'planning'),
  s('migration-apply', 206, 0.41, 51, 'execution'),
  s('api-scaffold', 188, 0.5, 46, 'execution'),
  s('dependency-audit', 188, 0.67, 40, 'setup'),
  s('security-scan', 180, 0.72, 47, 'verification'),
  s('benchmark-run', 111, 0.6, 113, 'verification'),
  s('changelog-update', 170, 0.86, 9, 'execution'),
  s('release-tag', 90, 0.8, 6, 'execution'),
  s('dead-code-scan', 120, 0.74, 15, 'verification'),
  s('type-stub-gen', 70, 0.58, 25, 'setup'),
  s('profile-run', 95, 0.62, 90, 'verification'),
  s('log-analyze', 150, 0.7, 35, 'planning'),
  s('schema-diff', 80, 0.79, 8, 'planning'),
  s('secret-scan', 130, 0.88, 12, 'verification'),
  s('docs-build', 110, 0.75, 55, 'execution'),
  s('translate "l\'été" <ui> ✓', 40, 0.7, 20, 'execution'),
];

/** Completion log-odds added in each phase (NULL phase: 0). */
export const PHASE_LOGIT: Record<Phase, number> = { setup: 0.1, planning: 0.3, execution: -0.2, verification: -0.1 };

export const WORKFLOW_PATHS = ['quick', 'standard', 'comprehensive'] as const;
export const ERROR_TYPES = ['timeout', 'tool_error', 'user_cancelled', 'validation_error', 'dependency_missing'] as const;
export const FOLLOW_UPS = ['rerun', 'ask_followup', 'open_file', 'continue', 'git_commit'] as const;
export const QUERY_TEMPLATES = [
  'run the test suite for %',
  'review the architecture of %',
  'update dependencies of %',
  'add an endpoint to %',
  'refactor % to reduce complexity',
  'fix the failing build in %',
  'set up % locally',
  'find why % is slow',
] as const;
export const COMPONENTS = ['auth', 'ui', 'storage', 'cli', 'reports', 'billing', 'core', 'api', 'search', 'worker'] as const;

/**
 * Relative activity by UTC hour of day, from train20k.db's invocations per hour
 * (busy 9-19 h, quiet 3-5 h).
 */
export const HOUR_WEIGHTS = [197, 161, 156, 119, 30, 60, 138, 353, 885, 1173, 1673, 1824, 1432, 1158, 1229, 1542, 1509, 1451, 1260, 1074, 936, 726, 575, 339];

/** Relative activity by UTC weekday (0 = Sunday), from train20k.db. */
export const WEEKDAY_WEIGHTS = [0.25, 1, 1.1, 0.85, 0.85, 0.9, 0.25];
