/**
 * The report site in real Chromium: every panel shows the engine's numbers (the engine asked
 * in-process in Node on the same file), bad files end in a clear error and the page stays usable.
 * One page per test (a worker cold start costs ~10 s); the offline guard of fixtures.ts applies.
 */
import { test, expect, serveFixtures, toBase64 } from './fixtures.js';
import { openAnalytics } from '../../src/node/index.js';
import type { AnalyticsEngine } from '../../src/engine/AnalyticsEngine.js';
import { directionText, DECISION_TEXT, formatMetric, formatP, formatPercent, formatSeconds } from '../../demo/src/format.js';
import { num, readTable, shoot } from './report-helpers.js';
import { readFileSync } from 'node:fs';

const near = (a: number | null, b: number | null) => {
  if (a === null || b === null) return expect(a).toBe(b);
  return expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
};

let engine: AnalyticsEngine;
test.beforeAll(async () => {
  engine = await openAnalytics('test/fixtures/sample.db');
});
test.afterAll(async () => engine?.dispose());

test('sample.db: every panel shows what the engine computes', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1200, height: 900 });
  const started = Date.now();
  await page.goto('./');
  const report = page.locator('skills-report');
  await expect(report).toHaveAttribute('state', 'ready', { timeout: 90_000 });
  testInfo.annotations.push({ type: 'timing', description: `sample.db: page opened to full report in ${Date.now() - started} ms` });
  console.log(testInfo.annotations.at(-1)!.description);
  await shoot(page, 'report-full-sample', testInfo);

  await test.step('overview', async () => {
    const info = await engine.info();
    await expect(report.locator('[data-field="file"]')).toHaveText('sample.db');
    await expect(report.locator('[data-field="file-size"]')).toHaveText('2.0 MB'); // 1,957,888 bytes
    await expect(report.locator('[data-field="invocations"]')).toHaveText(String(info.invocations));
    await expect(report.locator('[data-field="skills"]')).toHaveText(String(info.skills));
    await expect(report.locator('[data-field="sessions"]')).toHaveText(String(info.sessions));
    await expect(report.locator('[data-field="first-invocation"]')).toHaveText(info.firstInvocation!);
    await expect(report.locator('[data-field="last-invocation"]')).toHaveText(info.lastInvocation!);
    await expect(report.locator('[data-field="span"]')).toHaveText('13.9 days'); // 2026-11-10T19:12:26Z → 2026-11-24T17:00:52Z = 13 d 21.8 h
    await expect(report.locator('#overview li[data-code]')).toHaveText(info.warnings.map((w) => new RegExp(w.code)));
    await shoot(report.locator('#overview'), 'panel-overview', testInfo);
  });

  await test.step('hourly chart: default skill, completion rate, 7 days', async () => {
    const out = report.locator('#hourly .hourly-out');
    await expect(out).toHaveAttribute('data-metric', 'completion_rate');
    const skill = await report.locator('#hourly-skill').inputValue();
    // The default skill is the busiest of the last 168 hours.
    const all = await engine.timeSeries.aggregateHourlyMetrics({ hours: 168 });
    const counts = new Map<string, number>();
    for (const r of all) counts.set(r.skillName, (counts.get(r.skillName) ?? 0) + r.invocationCount);
    expect(skill).toBe([...counts].sort((a, b) => b[1] - a[1])[0][0]);
    const rows = await engine.timeSeries.aggregateHourlyMetrics({ skillName: skill, hours: 168, fill: true });
    const anomalies = await engine.timeSeries.getAnomalyDetection(skill, { metric: 'completion_rate', windowHours: 168 });
    expect(anomalies.length).toBeGreaterThan(0);
    const table = await readTable(out.locator('table.hourly-table'));
    expect(table.map((r) => r.key)).toEqual(rows.map((r) => r.timestamp));
    rows.forEach((r, i) => {
      const c = table[i].cells;
      expect(c.invocations.text).toBe(String(r.invocationCount));
      near(num(c['completion-rate']), r.completionRate);
      expect(c['completion-rate'].text).toBe(formatPercent(r.completionRate));
      near(num(c['avg-duration']), r.avgDurationSeconds);
      expect(c['avg-duration'].text).toBe(formatSeconds(r.avgDurationSeconds));
      expect(num(c.sessions)).toBe(r.uniqueSessions);
      near(num(c.anomaly), anomalies.find((a) => a.timestamp === r.timestamp)?.zScore ?? null);
    });
    await expect(out.locator('ul.anomalies li')).toHaveCount(anomalies.length);
    expect(await out.locator('ul.anomalies li').evaluateAll((lis) => lis.map((l) => (l as HTMLElement).dataset.hour))).toEqual(anomalies.map((a) => a.timestamp));
    // Anomalies are drawn: one red circle per anomalous hour.
    await expect(out.locator('figure[data-chart="hourly"] svg [stroke="#cf222e"] circle')).toHaveCount(anomalies.length);
    await shoot(report.locator('#hourly'), 'panel-hourly', testInfo);
  });

  await test.step('hourly chart: another skill, duration, 3 days', async () => {
    const second = await report.locator('#hourly-skill option').nth(1).getAttribute('value');
    await report.locator('#hourly-skill').selectOption(second!);
    await report.locator('#hourly-metric').selectOption('avg_duration_seconds');
    await report.locator('#hourly-hours').selectOption('72');
    const out = report.locator('#hourly .hourly-out');
    await expect(out).toHaveAttribute('data-hours', '72');
    await expect(out).toHaveAttribute('data-metric', 'avg_duration_seconds');
    await expect(out).toHaveAttribute('data-skill', second!);
    const rows = await engine.timeSeries.aggregateHourlyMetrics({ skillName: second!, hours: 72, fill: true });
    const anomalies = await engine.timeSeries.getAnomalyDetection(second!, { metric: 'avg_duration_seconds', windowHours: 72 });
    const table = await readTable(out.locator('table.hourly-table'));
    expect(table.map((r) => r.key)).toEqual(rows.map((r) => r.timestamp));
    expect(table.map((r) => num(r.cells.invocations))).toEqual(rows.map((r) => r.invocationCount));
    expect(table.filter((r) => r.cells.anomaly.value !== 'null').map((r) => r.key)).toEqual(anomalies.map((a) => a.timestamp));
    await shoot(report.locator('#hourly'), 'panel-hourly-duration-3d', testInfo);
  });

  await test.step('trends of every skill', async () => {
    const trends = await engine.timeSeries.getMultiSkillTrends({ metric: 'completion_rate', windowDays: 7, minInvocations: 10 });
    const table = await readTable(report.locator('#trends table.trends-table'));
    expect(table.map((r) => r.key)).toEqual(Object.keys(trends));
    for (const row of table) {
      const t = trends[row.key];
      expect(row.cells.direction.text).toBe(directionText(t.trend));
      near(num(row.cells.slope), t.slope);
      near(num(row.cells['p-value']), t.pValue);
      expect(row.cells['p-value'].text).toBe(formatP(t.pValue));
      near(num(row.cells['mk-tau']), t.mannKendall?.tau ?? null);
      near(num(row.cells['mk-p']), t.mannKendall?.pValue ?? null);
      expect(row.cells.start.text).toBe(formatMetric('completion_rate', t.startValue));
      expect(row.cells.end.text).toBe(formatMetric('completion_rate', t.endValue));
      expect(num(row.cells.days)).toBe(t.regressedDays);
    }
    const improving = Object.values(trends).filter((t) => t.trend === 'improving').length;
    await expect(report.locator('[data-field="trend-counts"]')).toContainText(`${Object.keys(trends).length} skills: ${improving} improving`);
    await expect(report.locator('#trends svg.spark')).toHaveCount(Object.keys(trends).length);
    await shoot(report.locator('#trends'), 'panel-trends', testInfo);
    await report.locator('#trend-metric').selectOption('avg_duration_seconds');
    const durations = await engine.timeSeries.getMultiSkillTrends({ metric: 'avg_duration_seconds', windowDays: 7, minInvocations: 10 });
    await expect(report.locator('#trends .scroll[data-metric="avg_duration_seconds"]')).toBeVisible();
    const d = await readTable(report.locator('#trends table.trends-table'));
    expect(d.map((r) => [r.key, r.cells.direction.text])).toEqual(Object.values(durations).map((t) => [t.skillName, directionText(t.trend)]));
  });

  await test.step('A/B tests', async () => {
    const tests = await engine.abTesting.listTests();
    expect(tests.length).toBe(2);
    for (const t of tests) {
      const a = await engine.abTesting.analyzeResults(t.testId);
      const block = report.locator(`article.ab-test[data-test-id="${t.testId}"]`);
      await expect(block.locator('[data-field="test-name"]')).toHaveText(t.testName);
      const groups = await readTable(block.locator('table').first());
      expect(groups.map((g) => g.key)).toEqual(['control', 'treatment']);
      for (const [g, m] of [
        [groups[0], a.controlMetrics],
        [groups[1], a.treatmentMetrics],
      ] as const) {
        expect(num(g.cells.outcomes)).toBe(m.sampleSize);
        near(num(g.cells['completion-rate']), m.completionRate);
        near(num(g.cells['avg-duration']), m.avgDurationSeconds);
        near(num(g.cells['avg-rating']), m.avgUserRating);
      }
      expect(num(groups[0].cells.assigned)).toBe(a.sampleRatio.controlUsers);
      const ps = Object.fromEntries((await readTable(block.locator('table').nth(1))).map((r) => [r.key, num(r.cells.p)]));
      near(ps.student, a.outcomeLevel.student.pValue);
      near(ps.welch, a.outcomeLevel.welch.pValue);
      near(ps['user-level'], a.userLevel.welch.pValue);
      near(ps.sequential, a.sequential.pValue);
      near(Number(await block.locator('[data-field="chance-to-win"]').getAttribute('data-value')), a.bayesian.chanceToBeatControl);
      await expect(block.locator('[data-field="chance-to-win"]')).toHaveText(formatPercent(a.bayesian.chanceToBeatControl));
      await expect(block.locator('[data-field="decision"]')).toHaveText(`${DECISION_TEXT[a.recommendedDecision]}. ${a.verdictBasis}`);
      await expect(block.locator('[data-field="srm"]')).toHaveClass(a.sampleRatio.mismatch ? 'srm-warning' : 'ok');
      const lift = await readTable(block.locator('figure[data-chart="lift"] table'));
      near(num(lift.find((r) => r.key === 'difference (pp)|per outcome')!.cells.estimate), a.outcomeLevel.difference.estimate);
      near(num(lift.find((r) => r.key === 'difference (pp)|per user')!.cells['ci-low']), a.userLevel.difference.ciLow);
      near(num(lift.find((r) => r.key === 'relative lift (%)|per user')!.cells['ci-high']), a.userLevel.relativeLift.ciHigh);
      // One CI bar and one point per interval.
      await expect(block.locator('figure[data-chart="lift"] svg g[data-mark="dot"] circle')).toHaveCount(4);
    }
    await expect(report.locator('article.ab-test[data-test-id="1"] [data-field="decision"]')).toContainText('Ship the treatment');
    await shoot(report.locator('#ab-tests'), 'panel-ab-tests', testInfo);
  });

  await test.step('power planner', async () => {
    await report.locator('#plan-baseline').fill('0.6');
    await report.locator('#plan-mde').fill('0.05');
    await report.locator('#plan-power').fill('0.9');
    await report.locator('#plan-submit').click();
    const plan = await engine.abTesting.planTest({ baselineRate: 0.6, mde: 0.05, alpha: 0.05, power: 0.9, ratio: 0.5 });
    await expect(report.locator('[data-field="total-users"]')).toHaveAttribute('data-value', String(plan.totalUsers));
    await expect(report.locator('[data-field="control-users"]')).toHaveAttribute('data-value', String(plan.controlUsers));
    await report.locator('#plan-mde').fill('0.5');
    await report.locator('#plan-submit').click();
    await expect(report.locator('#planner .error')).toContainText('INVALID_ARGUMENT');
    await shoot(report.locator('#planner'), 'panel-planner-error', testInfo);
  });

  await test.step('predictor: train, evaluation, calibration, importance, what-if', async () => {
    const trainStarted = Date.now();
    await report.locator('#train').click();
    await expect(report.locator('#predictor')).toHaveAttribute('data-state', 'trained', { timeout: 120_000 });
    testInfo.annotations.push({ type: 'timing', description: `sample.db: training in the page took ${Date.now() - trainStarted} ms` });
    console.log(testInfo.annotations.at(-1)!.description);
    // The same training in Node (seeded forest: the same model).
    const r = await engine.predictor.trainModel({ days: 30 });
    const table = Object.fromEntries((await readTable(report.locator('#predictor table').first())).map((row) => [row.key, row.cells]));
    for (const [key, m] of [
      ['model', r.evaluation],
      ['per-skill-prior', r.baselines.perSkillPrior],
      ['train-rate', r.baselines.trainRate],
    ] as const) {
      near(num(table[key].auc), m.rocAuc);
      near(num(table[key].brier), m.brier);
      near(num(table[key]['log-loss']), m.logLoss);
    }
    const calibration = await readTable(report.locator('figure[data-chart="calibration"] table'));
    expect(calibration.map((c) => num(c.cells.count))).toEqual(r.evaluation.calibration.map((c) => c.count));
    calibration.forEach((c, i) => near(num(c.cells.observed), r.evaluation.calibration[i].observedRate));
    await expect(report.locator('figure[data-chart="calibration"] svg g[data-mark="dot"] circle')).toHaveCount(r.evaluation.calibration.filter((c) => c.count > 0).length);
    const importance = await readTable(report.locator('figure[data-chart="importance"] table'));
    expect(importance.map((f) => f.key)).toEqual(
      Object.entries(r.featureImportance)
        .sort((a, b) => b[1] - a[1])
        .map(([k]) => k),
    );
    importance.forEach((f) => near(num(f.cells.importance), r.featureImportance[f.key]));
    await shoot(report.locator('#predictor'), 'panel-predictor-trained', testInfo);

    // What-if: the second skill, verification phase, a real session id of the file.
    const skill = await report.locator('#whatif-skill option').nth(1).getAttribute('value');
    const [{ session_id: session }] = engine.context().db.all<{ session_id: string }>('SELECT session_id FROM skill_invocation ORDER BY invoked_at DESC LIMIT 1');
    await report.locator('#whatif-skill').selectOption(skill!);
    await report.locator('#whatif-phase').selectOption('verification');
    await report.locator('#whatif-session').fill(session);
    await report.locator('#whatif-submit').click();
    const x = await engine.predictor.getFeatureExplanation(skill!, null, 'verification', { sessionId: session });
    await expect(report.locator('[data-field="probability"]')).toHaveText(formatPercent(x.probability));
    near(Number(await report.locator('[data-field="probability"]').getAttribute('data-value')), x.probability);
    const rows = Object.fromEntries((await readTable(report.locator('table.explanation-table'))).map((row) => [row.key, row.cells]));
    for (const f of x.features) {
      near(num(rows[f.name].value), f.value);
      near(num(rows[f.name].contribution), f.contribution);
    }
    await shoot(report.locator('#predictor'), 'panel-predictor-what-if', testInfo);
  });
});

test('legacy.db by picker, then a broken file: a clear error and the page stays usable', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.goto('./');
  const report = page.locator('skills-report');
  await expect(report).toHaveAttribute('state', 'ready', { timeout: 90_000 });

  const legacy = await openAnalytics('test/fixtures/legacy.db');
  const info = await legacy.info();
  await legacy.dispose();
  await report.locator('#file').setInputFiles('test/fixtures/legacy.db');
  await expect(report.locator('[data-field="file"]')).toHaveText(/^legacy\.db/);
  await expect(report).toHaveAttribute('state', 'ready');
  await expect(report.locator('[data-field="first-invocation"]')).toHaveText(info.firstInvocation!);
  await expect(report.locator('[data-field="invocations"]')).toHaveText(String(info.invocations));

  // A file that is not SQLite: the error says what and how; legacy.db's report stays.
  await report.locator('#file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('this is not a database\n'.repeat(20)) });
  await expect(report).toHaveAttribute('state', 'error');
  await expect(report.locator('#status')).toHaveText(/Could not open notes\.txt \[NOT_SQLITE\]: .*skills\.db.* The report below still shows legacy\.db\./);
  await expect(report.locator('#status')).toHaveClass(/error/);
  await expect(report.locator('[data-field="file"]')).toHaveText(/^legacy\.db/);
  await shoot(page, 'error-not-sqlite', testInfo);

  // A truncated SQLite file (the header is right, the pages are missing).
  const truncated = readFileSync('test/fixtures/sample.db').subarray(0, 8192);
  await report.locator('#file').setInputFiles({ name: 'truncated.db', mimeType: 'application/octet-stream', buffer: Buffer.from(truncated) });
  await expect(report).toHaveAttribute('state', 'error');
  await expect(report.locator('#status')).toHaveText(/Could not open truncated\.db \[(CORRUPT_DATABASE|MISSING_TABLE|NOT_SQLITE)\]/);

  // Still usable: the controls work (the hourly selector re-renders) and the sample opens again.
  await report.locator('#hourly-metric').selectOption('invocation_count');
  await expect(report.locator('#hourly .hourly-out')).toHaveAttribute('data-metric', 'invocation_count');
  await report.locator('#open-sample').click();
  await expect(report).toHaveAttribute('state', 'ready');
  await expect(report.locator('[data-field="file"]')).toHaveText(/^sample\.db/);
  await expect(report.locator('#status')).not.toHaveClass(/error/);

  // Drag and drop: legacy.db dropped on the report.
  const b64 = toBase64(readFileSync('test/fixtures/legacy.db'));
  await report.evaluate((el, data) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'dropped-legacy.db', { type: 'application/octet-stream' }));
    el.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, b64);
  await expect(report.locator('[data-field="file"]')).toHaveText(/^dropped-legacy\.db/);
  await expect(report).toHaveAttribute('state', 'ready');
  await expect(report.locator('[data-field="first-invocation"]')).toHaveText(info.firstInvocation!);
});

test('a write (stop a test): export the database, reload, discard the local changes', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const csp: string[] = [];
  page.on('console', (m) => /Content Security Policy|Refused to/.test(m.text()) && csp.push(m.text()));
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.goto('./');
  const report = page.locator('skills-report');
  await expect(report).toHaveAttribute('state', 'ready', { timeout: 90_000 });
  await expect(report.locator('#export-db')).toBeHidden(); // nothing written yet

  const block = report.locator('article.ab-test[data-test-id="2"]');
  await block.locator('button.stop-test').click();
  await expect(block.locator('button.stop-test')).toHaveText(/^Confirm/);
  await block.locator('button.stop-test').click();
  await expect(block.locator('[role="status"]')).toContainText('Stopped: status stopped');
  await expect(report.locator('#export-db')).toBeVisible();
  const download = page.waitForEvent('download');
  await report.locator('#export-db').click();
  const file = await (await download).path();
  expect((await download).suggestedFilename()).toBe('sample-changed.db');
  // The exported file is a skills.db with the write in it (read back by the Node engine).
  const exported = await openAnalytics(readFileSync(file));
  expect((await exported.abTesting.getTestStatus(2)).status).toBe('stopped');
  expect((await exported.abTesting.getTestStatus(1)).status).toBe('running');
  await exported.dispose();
  await shoot(report.locator('#overview'), 'panel-overview-local-changes', testInfo);

  // Reload: the browser's saved copy comes back, with a way to discard it.
  await page.reload();
  await expect(report).toHaveAttribute('state', 'ready', { timeout: 90_000 });
  await expect(report.locator('#overview li[data-code="LOCAL_CHANGES_RESTORED"]')).toBeVisible();
  await expect(report.locator('article.ab-test[data-test-id="2"] .badge')).toHaveText('stopped');
  await report.locator('#discard-changes').click();
  await expect(report.locator('#status')).toHaveText(/Discarded the local changes/);
  await expect(report.locator('article.ab-test[data-test-id="2"] .badge')).toHaveText('running');
  await expect(report.locator('#discard-changes')).toBeHidden();
  expect(csp, 'Content-Security-Policy violations').toEqual([]);
});

test('train20k.db: time to a full report and to a trained predictor', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1200, height: 900 });
  await serveFixtures(page);
  const started = Date.now();
  await page.goto('./?db=fixtures/train20k.db');
  const report = page.locator('skills-report');
  await expect(report).toHaveAttribute('state', 'ready', { timeout: 120_000 });
  const millis = Date.now() - started;
  testInfo.annotations.push({ type: 'timing', description: `train20k.db: page opened to full report in ${millis} ms` });
  console.log(testInfo.annotations.at(-1)!.description);
  await expect(report.locator('[data-field="invocations"]')).toHaveText('20000');
  const trainStarted = Date.now();
  await report.locator('#train').click();
  await expect(report.locator('#train-progress')).toBeVisible();
  await expect(report.locator('#predictor')).toHaveAttribute('data-state', 'trained', { timeout: 180_000 });
  testInfo.annotations.push({ type: 'timing', description: `train20k.db: training in the page took ${Date.now() - trainStarted} ms` });
  console.log(testInfo.annotations.at(-1)!.description);
  // The bar the quality file sets: the model beats both baselines on train20k.
  await expect(report.locator('[data-field="predictor-verdict"]')).toHaveText(/^The model beats both baselines/);
  await shoot(page, 'report-full-train20k', testInfo);
  await shoot(report.locator('#predictor'), 'panel-predictor-train20k', testInfo);
});
