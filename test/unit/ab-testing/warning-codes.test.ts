/**
 * A/B analysis warnings carry closed codes beside their unchanged messages: on the fixtures, each
 * test's codes in message order (exact values read from the fixtures' analyses).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEngine, type AnalyticsEngine } from '../../../src/node/index.js';

let sample: AnalyticsEngine, legacy: AnalyticsEngine;
beforeAll(async () => {
  sample = createEngine();
  legacy = createEngine();
  await sample.open(new Uint8Array(readFileSync('test/fixtures/sample.db')));
  await legacy.open(new Uint8Array(readFileSync('test/fixtures/legacy.db')));
}, 120_000);
afterAll(() => Promise.all([sample?.dispose(), legacy?.dispose()]));

it('each warning has its code, in the same order as the messages', async () => {
  const s1 = await sample.abTesting.analyzeResults(1);
  expect(s1.warningCodes).toEqual(['GUARDRAIL_INCONCLUSIVE', 'OUTCOMES_CLUSTER_BY_USER']);
  expect(s1.warnings[0]).toMatch(/^guardrail avg_duration_seconds inconclusive: /);
  expect(s1.warnings[1]).toBe('outcomes cluster by user (design effect 1.54): the outcome-level p-values (pValue, winner, outcomeLevel) overstate the evidence');
  const l1 = await legacy.abTesting.analyzeResults(1);
  expect(l1.warningCodes).toEqual(['OUTCOMES_CLUSTER_BY_USER', 'UPSTREAM_RULE_UNSUPPORTED']);
  expect(l1.warnings[1]).toBe(`session-buddy's rule (outcome-level Student t) says "treatment" but the user-level sequential analysis does not support it`);
  expect((await legacy.abTesting.analyzeResults(2)).warningCodes).toEqual(['OUTCOMES_CLUSTER_BY_USER']);
});
