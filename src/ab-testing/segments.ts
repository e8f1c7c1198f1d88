/**
 * Segments that react differently (Statsig's differential impact detection, GrowthBook's dimension
 * analysis): for each skill, each workflow phase and (in a dataset of several files) each source
 * file, the effect inside the segment (Welch on each user's completion rate over the segment's
 * outcomes) is compared with the effect on the rest of the outcomes (Welch difference of the two
 * differences), and the p-values are Holm-adjusted: skill and phase segments together, source files as a family of their own. A segment is
 * flagged when its adjusted p is below alpha.
 *
 * For skills and phases a user can be in the segment and in the rest: their two rates are then
 * positively correlated (the same user's propensity), which the four-sample variance ignores, so
 * the test is conservative there. Users of different files are disjoint.
 */
import { differenceOfDifferences, holmBonferroni, summaryFromValues, welchTTest, type SampleSummary } from '../stats/index.js';
import type { ABGroup } from './ABTestConfig.js';
import type { UserSkillCounts } from './ab-queries.js';
import type { Interval } from './interval.js';
import type { SkillPhase } from './segment-queries.js';

/** The dimensions segments are cut on. */
export type SegmentDimension = 'skill' | 'workflow_phase' | 'source_file';

/** Users needed per group, inside the segment and in the rest, to test a segment. */
export const MIN_SEGMENT_USERS = 10;

/** One segment vs the rest. */
export interface SegmentResult {
  dimension: SegmentDimension;
  segment: string;
  controlUsers: number;
  treatmentUsers: number;
  controlOutcomes: number;
  treatmentOutcomes: number;
  /** Mean per-user completion rate inside the segment. */
  controlRate: number | null;
  treatmentRate: number | null;
  /** treatment − control inside the segment (Welch CI) and its Welch p. */
  effect: Interval;
  effectPValue: number | null;
  /** treatment − control on the rest of the outcomes. */
  restEffect: Interval;
  /** effect − restEffect, its Welch t, df and two-sided p. */
  differenceFromRest: number | null;
  statistic: number | null;
  df: number | null;
  pValue: number | null;
  /** Holm-adjusted over every tested segment of skill and phase together; source files are a family of their own. */
  adjustedPValue: number | null;
  /** false: fewer than MIN_SEGMENT_USERS users in a group inside the segment or in the rest. */
  tested: boolean;
  /** The effect differs from the rest's (adjusted p < alpha). */
  flagged: boolean;
}

/** One dimension. */
export interface SegmentDimensionResult {
  dimension: SegmentDimension;
  available: boolean;
  /** Why not available (e.g. no workflow_phase column, a single file). */
  reason: string | null;
  segments: SegmentResult[];
}

/** `segments` of the analysis. */
export interface SegmentAnalysis {
  method: string;
  correction: 'holm';
  alpha: number;
  /** Tested segments (the Holm family). */
  tested: number;
  /** Segments flagged as reacting differently. */
  flagged: string[];
  dimensions: SegmentDimensionResult[];
}

/** What segments are cut from. */
export interface SegmentInput {
  userSkills: readonly UserSkillCounts[];
  /** Each skill's workflow phase (empty: not available). */
  skillPhases: readonly SkillPhase[];
  /** Files holding the test (≥ 2: segments by file; user ids are `<file>:<user>`). */
  sourceFiles: readonly string[];
}

const fin = (x: number): number | null => (Number.isFinite(x) ? x : null);

const METHOD =
  'each segment vs the rest: Welch t of the difference of the two treatment − control differences of mean per-user completion rate (Welch-Satterthwaite df), ' +
  `Holm over the tested segments of skill and workflow phase together, and over those of source file as a family of its own; a segment is tested with ≥ ${MIN_SEGMENT_USERS} users per group inside it and in the rest; workflow phase = the skill's most frequent workflow_phase in the file`;

type Counts = { group: ABGroup; inN: number; inK: number; outN: number; outK: number };

function summaries(users: Iterable<Counts>, inside: boolean): Record<ABGroup, SampleSummary> {
  const v: Record<ABGroup, number[]> = { control: [], treatment: [] };
  for (const u of users) {
    const n = inside ? u.inN : u.outN;
    if (n > 0) v[u.group].push((inside ? u.inK : u.outK) / n);
  }
  return { control: summaryFromValues(v.control), treatment: summaryFromValues(v.treatment) };
}

function interval(t: ReturnType<typeof welchTTest>, level: number): Interval {
  // welchTTest(control, treatment) is control − treatment: negate and swap
  return { estimate: fin(-t.meanDifference), ciLow: fin(-t.ci[1]), ciHigh: fin(-t.ci[0]), confidenceLevel: level };
}

function segment(dimension: SegmentDimension, name: string, rows: readonly UserSkillCounts[], inSegment: (r: UserSkillCounts) => boolean, alpha: number): SegmentResult {
  const users = new Map<string, Counts>();
  for (const r of rows) {
    const u = users.get(r.userId) ?? { group: r.group, inN: 0, inK: 0, outN: 0, outK: 0 };
    if (inSegment(r)) {
      u.inN += r.n;
      u.inK += r.completed;
    } else {
      u.outN += r.n;
      u.outK += r.completed;
    }
    users.set(r.userId, u);
  }
  const seg = summaries(users.values(), true);
  const rest = summaries(users.values(), false);
  const outcomes: Record<ABGroup, number> = { control: 0, treatment: 0 };
  for (const u of users.values()) outcomes[u.group] += u.inN;
  const tested = Math.min(seg.control.n, seg.treatment.n, rest.control.n, rest.treatment.n) >= MIN_SEGMENT_USERS;
  const inside = welchTTest(seg.control, seg.treatment, { alpha });
  const outside = welchTTest(rest.control, rest.treatment, { alpha });
  const dd = differenceOfDifferences(seg, rest);
  return {
    dimension,
    segment: name,
    controlUsers: seg.control.n,
    treatmentUsers: seg.treatment.n,
    controlOutcomes: outcomes.control,
    treatmentOutcomes: outcomes.treatment,
    controlRate: fin(seg.control.mean),
    treatmentRate: fin(seg.treatment.mean),
    effect: interval(inside, 1 - alpha),
    effectPValue: fin(inside.pValue),
    restEffect: interval(outside, 1 - alpha),
    differenceFromRest: fin(dd.difference),
    statistic: tested ? fin(dd.statistic) : null,
    df: tested ? fin(dd.df) : null,
    pValue: tested ? fin(dd.pValue) : null,
    adjustedPValue: null,
    tested: tested && Number.isFinite(dd.pValue),
    flagged: false,
  };
}

/**
 * Effect per skill, workflow phase and source file, each vs the rest, Holm-adjusted.
 * @param input per user and skill counts, skill phases, the test's files
 * @param alpha level of the flags and intervals
 * @returns per dimension the segments, and the flagged ones
 * @throws AnalyticsError INVALID_ARGUMENT for alpha outside (0, 1) (from the stats functions)
 * @example segmentAnalysis({ userSkills, skillPhases: [], sourceFiles: [] }, 0.05).flagged // ['skill=pytest-run']
 */
export function segmentAnalysis(input: SegmentInput | undefined, alpha: number): SegmentAnalysis {
  if (!input) {
    const dimensions: SegmentDimensionResult[] = (['skill', 'workflow_phase', 'source_file'] as const).map((dimension) => ({
      dimension,
      available: false,
      reason: 'per-user skills were not given (analysis built from sufficient statistics only)',
      segments: [],
    }));
    return { method: METHOD, correction: 'holm', alpha, tested: 0, flagged: [], dimensions };
  }
  const rows = input.userSkills;
  const skills = [...new Set(rows.map((r) => r.skill))].sort();
  // phases of the test's skills only (the file's other skills do not matter)
  const phaseOf = new Map(input.skillPhases.filter((p) => skills.includes(p.skill)).map((p) => [p.skill, p.phase]));
  const phase = (skill: string) => phaseOf.get(skill) ?? '(none)';
  const phases = [...new Set(skills.map(phase))].sort();
  const sources = input.sourceFiles;
  const sourceOf = (userId: string) => sources.find((s) => userId.startsWith(`${s}:`)) ?? '(unknown)';
  const dims: SegmentDimensionResult[] = [
    {
      dimension: 'skill',
      available: skills.length >= 2,
      reason: skills.length >= 2 ? null : 'outcomes of a single skill',
      segments: skills.length >= 2 ? skills.map((s) => segment('skill', s, rows, (r) => r.skill === s, alpha)) : [],
    },
    skills.length < 2
      ? { dimension: 'workflow_phase', available: false, reason: 'outcomes of a single skill', segments: [] }
      : phaseOf.size === 0
        ? {
            dimension: 'workflow_phase',
            available: false,
            reason: "no workflow_phase for the test's skills (none recorded, a file before migration V3, or several files merged)",
            segments: [],
          }
        : phases.length < 2
          ? { dimension: 'workflow_phase', available: false, reason: "the test's skills are all in one phase", segments: [] }
          : { dimension: 'workflow_phase', available: true, reason: null, segments: phases.map((p) => segment('workflow_phase', p, rows, (r) => phase(r.skill) === p, alpha)) },
    sources.length < 2
      ? { dimension: 'source_file', available: false, reason: 'the test is in one file', segments: [] }
      : {
          dimension: 'source_file',
          available: true,
          reason: null,
          segments: sources.map((s) => segment('source_file', s, rows, (r) => sourceOf(r.userId) === s, alpha)),
        },
  ];
  const all = dims.flatMap((d) => d.segments).filter((s) => s.tested);
  // Two families: what the test's users did (skill, phase) and which file they came from, so a
  // dataset's skill and phase segments answer as one file holding all of its files.
  for (const family of [all.filter((s) => s.dimension !== 'source_file'), all.filter((s) => s.dimension === 'source_file')]) {
    const adjusted = holmBonferroni(family.map((s) => s.pValue as number));
    family.forEach((s, i) => {
      s.adjustedPValue = fin(adjusted[i]);
      s.flagged = adjusted[i] < alpha;
    });
  }
  return {
    method: METHOD,
    correction: 'holm',
    alpha,
    tested: all.length,
    flagged: all.filter((s) => s.flagged).map((s) => `${s.dimension}=${s.segment}`),
    dimensions: dims,
  };
}
