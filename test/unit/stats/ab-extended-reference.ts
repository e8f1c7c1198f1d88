// Reference values for the A/B extensions, written by references/ab-extended-reference.py
// (Debian /usr/bin/python3: numpy 1.24, scipy 1.10, statsmodels 0.13) with the data they are for.
import { readFileSync } from 'node:fs';

interface Reference {
  bh: { p: number[]; fdr_bh: number[]; holm: number[] };
  cuped: {
    treatment: number[];
    y: number[];
    x1: number[];
    x2: number[];
    ols_treatment_coef: number;
    theta: number[];
    adjusted_means: number[];
    welch_adjusted_p: number;
    welch_adjusted_statistic: number;
    se_adjusted: number;
    se_unadjusted: number;
    variance_reduction: number;
  };
  srm: {
    log_bf_60_40: number;
    log_bf_600_400: number;
    log_bf_30_70_ratio_0_3: number;
    sequence: number[];
    sequence_p: number;
    sequence_first_reject: number | null;
    sequence_final_log_bf: number;
    balanced_p: number;
    fixed_chisq_p_final: number;
  };
  quantiles: {
    control: number[][];
    treatment: number[][];
    q50: number[];
    q90: number[];
    small: { values: number[]; q90: number; q50: number };
    boot_ci_q50: number[];
    boot_ci_q90: number[];
  };
  cs_radius: { s2: number; tau2: number; alpha: number; radius: number }[];
}

export const REF = JSON.parse(readFileSync(new URL('./references/ab-extended-reference.json', import.meta.url), 'utf8')) as Reference;
