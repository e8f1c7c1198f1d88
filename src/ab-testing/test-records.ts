/**
 * What listTests and getTestStatus return: `ab_test_configs` rows in camelCase, with upstream's
 * defaults where a column is NULL.
 */
import type { ConfigRecord } from './ab-queries.js';
import type { CheckedConfig } from './ABTestConfig.js';

/** A test as stored in `ab_test_configs` (listTests). */
export interface ABTestSummary extends Omit<CheckedConfig, 'metrics'> {
  testId: number;
  /** `metrics` split on commas. */
  metrics: string[];
  assignmentRatio: number;
  /** 'running' | 'completed' | 'stopped' (as stored). */
  status: string;
  createdAt: string;
  /** With several files open: the files holding this test (merged when configured identically). */
  sources?: string[];
}

/**
 * session-buddy's `get_test_status` in camelCase, plus the test id, ratio and outcome counts.
 * `controlSampleSize` / `treatmentSampleSize` count ASSIGNED USERS (as upstream), unlike the
 * analysis' `sampleSize`, which counts outcomes.
 */
export interface ABTestStatus {
  testId: number;
  testName: string;
  controlStrategy: string;
  treatmentStrategy: string;
  startDate: string;
  endDate: string | null;
  status: string;
  minSampleSize: number;
  assignmentRatio: number;
  controlSampleSize: number;
  treatmentSampleSize: number;
  controlOutcomes: number;
  treatmentOutcomes: number;
  /** With several files open: the files holding this test. */
  sources?: string[];
  /** stopTest: the file the write went to (`info.writeTo`). */
  writtenTo?: string;
}

/**
 * A stored row as plain data (NULL min_sample_size → 100, assignment_ratio → 0.5, status → 'running', the column defaults).
 * @param r the row
 * @returns the summary
 */
export function toSummary(r: ConfigRecord): ABTestSummary {
  return {
    testId: r.test_id,
    testName: r.test_name,
    description: r.description,
    controlStrategy: r.control_strategy,
    treatmentStrategy: r.treatment_strategy,
    startDate: r.start_date,
    endDate: r.end_date,
    minSampleSize: r.min_sample_size ?? 100,
    metrics: r.metrics ? r.metrics.split(',') : [],
    assignmentRatio: r.assignment_ratio ?? 0.5,
    status: r.status ?? 'running',
    createdAt: r.created_at,
  };
}
