/**
 * What an A/B analysis warns about, as a closed list of codes: `ABTestAnalysis.warningCodes`
 * holds the codes, `warnings` the messages in the same order (the text a person reads, unchanged).
 */
import { HEALTH_CHECK_CODES } from './health-checks.js';

/** Every code an analysis warning can carry (a new warning adds its code here). */
export const AB_WARNING_CODES = [
  /** A guardrail could not be shown non-inferior while the decision ships the treatment. */
  'GUARDRAIL_INCONCLUSIVE',
  /** Treatment changed which skills were used: the skill covariate of the variance reduction is suspect. */
  'SKILL_MIX_DIFFERS',
  /** The always-valid sample-ratio check failed during assignment (the final chi-square did not). */
  'SAMPLE_RATIO_MISMATCH_DURING_ASSIGNMENT',
  /** The assigned users do not match the configured ratio. */
  'SAMPLE_RATIO_MISMATCH',
  /** Outcomes cluster by user: the outcome-level p-values overstate the evidence. */
  'OUTCOMES_CLUSTER_BY_USER',
  /** session-buddy's rule picks a winner the user-level sequential analysis does not support. */
  'UPSTREAM_RULE_UNSUPPORTED',
  /** A health check found rows to look at (outcomes of unassigned users, users in both groups, …). */
  ...HEALTH_CHECK_CODES,
] as const;

export type ABWarningCode = (typeof AB_WARNING_CODES)[number];

/** An analysis warning: its code and its message. */
export interface ABWarning {
  code: ABWarningCode;
  message: string;
}

/** The warnings of one analysis, collected in order. */
export class ABWarnings {
  private readonly list: ABWarning[] = [];

  /** Adds a warning. */
  push(code: ABWarningCode, message: string): void {
    this.list.push({ code, message });
  }

  /** The messages, in order (`ABTestAnalysis.warnings`). */
  messages(): string[] {
    return this.list.map((w) => w.message);
  }

  /** The codes, in the same order (`ABTestAnalysis.warningCodes`). */
  codes(): ABWarningCode[] {
    return this.list.map((w) => w.code);
  }
}
