/**
 * What the hardening suites do with a file that opened: every capability answers with data or a
 * typed error. Written against the page/Node API shape so both suites share it.
 */
export interface Exercisable {
  info(): unknown;
  timeSeries: {
    aggregateHourlyMetrics(o: object): unknown;
    getMultiSkillTrends(o: object): unknown;
    detectTrend(skill: string, o: object): unknown;
  };
  abTesting: { listTests(): unknown };
  skillTables: { getSkillSnapshot(o: object): unknown };
}

export interface CallOutcome {
  call: string;
  outcome: string; // 'ok' or an error code
}

/** Runs a fixed set of calls; returns each call's outcome. */
export async function exercise(api: Exercisable, skill: string | null): Promise<CallOutcome[]> {
  const calls: [string, () => unknown][] = [
    ['info', () => api.info()],
    ['aggregateHourlyMetrics', () => api.timeSeries.aggregateHourlyMetrics({ hours: 24 * 30 })],
    ['getMultiSkillTrends', () => api.timeSeries.getMultiSkillTrends({ minInvocations: 1 })],
    ['detectTrend', () => api.timeSeries.detectTrend(skill ?? 'none', {})],
    ['listTests', () => api.abTesting.listTests()],
    ['getSkillSnapshot', () => api.skillTables.getSkillSnapshot({})],
  ];
  const out: CallOutcome[] = [];
  for (const [call, run] of calls) {
    try {
      await run();
      out.push({ call, outcome: 'ok' });
    } catch (e) {
      out.push({ call, outcome: (e as { code?: string }).code ?? `UNTYPED: ${String(e)}` });
    }
  }
  return out;
}
