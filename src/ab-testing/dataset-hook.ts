/**
 * The A/B capability's part in the engine's file work, through the engine's dataset hook: A/B
 * tests merged across files (merge-files.ts), the A/B users' sessions copied into a file read page
 * by page (assigned-sessions.ts) with its phase counts (segment-queries.ts); and, with several files, the test ids of the file writes go to.
 */
import type { EngineContext } from '../engine/context.js';
import type { DatasetHook } from '../engine/dataset/dataset-hooks.js';
import { copyAssignedSessions } from './assigned-sessions.js';
import { fillDatasetTests, planDatasetTests, type DatasetTests } from './merge-files.js';
import { storePhaseCounts } from './segment-queries.js';

/** The hook the composition root gives the engine. */
export const abDatasetHook: DatasetHook<DatasetTests> = {
  plan: planDatasetTests,
  fill: fillDatasetTests,
  pagedFile(db, columns) {
    copyAssignedSessions(db, columns);
    storePhaseCounts(db, columns);
  },
};

/** Test ids between the dataset and the file writes go to (`info.writeTo`). */
export interface WriteTestIds {
  /** The file's own test_id of a test id of the whole dataset; undefined when the file does not hold the test. */
  fileTestId(testId: number): number | undefined;
  /** The dataset's test id of one of the file's test_ids. */
  datasetTestId(fileTestId: number): number | undefined;
  /** The files that hold a test of the dataset. */
  holders(testId: number): string[];
}

/**
 * The test ids of a context's write target: the file's own when one file is in scope, else
 * through the dataset's tests as planned now (after the latest write).
 * @param ctx the context
 * @returns the mapping
 * @example writeTestIds(ctx).fileTestId(3) // 1: test 3 of the dataset is test 1 of the writeTo file
 */
export function writeTestIds(ctx: EngineContext): WriteTestIds {
  const target = ctx.write.name;
  const plan = ctx.plan(abDatasetHook);
  if (!plan) return { fileTestId: (id) => id, datasetTestId: (id) => id, holders: () => [target] };
  return {
    fileTestId: (testId) => plan.tests.find((t) => t.testId === testId)?.members.find((x) => x.source === target)?.fileTestId,
    datasetTestId: (fileTestId) => plan.tests.find((t) => t.members.some((x) => x.source === target && x.fileTestId === fileTestId))?.testId,
    holders: (testId) => plan.tests.find((t) => t.testId === testId)?.members.map((x) => x.source) ?? [],
  };
}
