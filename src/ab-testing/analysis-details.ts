/**
 * The per-user details an analysis reads beside its sufficient statistics (variance reduction,
 * ratio metrics, segments, quantiles): its own module so that the analyses it feeds can name it
 * without importing the analysis.
 */
import type { ABGroup } from './ABTestConfig.js';
import type { UserDuration, UserHistory, UserSkillCounts } from './ab-queries.js';
import type { SkillPhase, UserSkillDayCounts } from './segment-queries.js';

/** Per-user and per-outcome data beyond the sufficient statistics (variance reduction, quantiles, sequential SRM). */
export interface AnalysisDetails {
  userSkills: readonly UserSkillCounts[];
  history: readonly UserHistory[];
  durations: readonly UserDuration[];
  /** Groups of the assignments in the order they were made. */
  assignmentSequence: readonly ABGroup[];
  /** Per user, skill and day counts (the adjusted confidence sequence refits on them at each look); absent: the decision rests on the unadjusted sequence. */
  userSkillDays?: readonly UserSkillDayCounts[];
  /** Each skill's workflow phase (segments by phase; absent or empty: not available). */
  skillPhases?: readonly SkillPhase[];
  /** Files holding the test in a dataset of several files (segments by file). */
  sourceFiles?: readonly string[];
}
