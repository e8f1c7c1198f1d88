/**
 * A dataset whose paths add up to the paged threshold: every file but the one written to is read
 * page by page (read-only), the file written to stays whole and writable; answers unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyticsEngine, type NamedSource } from '../../../src/analytics/index.js';
import { nodeHost } from '../../../src/node/host.js';
import { datasetEntries } from '../../../src/node/open-node.js';

const files = ['test/fixtures/sample.db', 'test/fixtures/legacy.db'];

describe('a dataset over the paged threshold', () => {
  let paged: AnalyticsEngine, whole: AnalyticsEngine;
  let entries: NamedSource[];
  beforeAll(async () => {
    entries = (await datasetEntries(files, 'legacy.db', 1)).entries as NamedSource[];
    paged = new AnalyticsEngine(nodeHost);
    whole = new AnalyticsEngine(nodeHost);
    await paged.open(entries, { writeTo: 'legacy.db' });
    await whole.open((await datasetEntries(files, 'legacy.db')).entries, { writeTo: 'legacy.db' });
  }, 120_000);
  afterAll(() => Promise.all([paged?.dispose(), whole?.dispose()]));

  it('pages every file but writeTo, and answers as the whole files', async () => {
    expect(entries.map((e) => [e.name, e.paged !== undefined])).toEqual([
      ['sample.db', true],
      ['legacy.db', false],
    ]);
    expect(await paged.timeSeries.aggregateHourlyMetrics({ hours: 168 })).toEqual(await whole.timeSeries.aggregateHourlyMetrics({ hours: 168 }));
    expect(await paged.timeSeries.getMultiSkillTrends({ windowDays: 14 })).toEqual(await whole.timeSeries.getMultiSkillTrends({ windowDays: 14 }));
    expect(await paged.abTesting.listTests()).toEqual(await whole.abTesting.listTests());
    expect((await paged.info()).sources.map((s) => [s.name, s.invocations, s.readOnly])).toEqual([
      ['sample.db', 2000, true],
      ['legacy.db', (await whole.info()).sources[1].invocations, false],
    ]);
  });

  it('the file written to stays writable', async () => {
    const r = await paged.skillTables.materialize({ hours: 24 });
    expect(r.writtenTo).toBe('legacy.db');
    await expect(paged.exportDatabase('legacy.db')).resolves.toBeInstanceOf(Uint8Array);
    await expect(paged.exportDatabase('sample.db')).rejects.toMatchObject({ code: 'READ_ONLY' });
  });
});
