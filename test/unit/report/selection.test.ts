/**
 * The report's time selection and its URL state: parsing (`from` / `to` as whole UTC hours, bad
 * values ignored), the API window it asks for, pointer drags snapped to hours, keyboard moves kept
 * inside the chart, and the view URL round trip with the other parameters kept.
 */
import { describe, expect, it } from 'vitest';
import {
  formatHour,
  instantMs,
  keyedSelection,
  parseHour,
  parseSelection,
  ranDuring,
  selectionFromDrag,
  selectionParams,
  selectionText,
  selectionWindow,
} from '../../../src/report/selection.js';
import { readView, viewHref, viewSelection, withSelection } from '../../../src/report/view-state.js';

const H = 3_600_000;
const at = (d: number, h: number) => Date.UTC(2026, 10, d, h);

describe('parseHour / parseSelection', () => {
  it('reads whole UTC hours only', () => {
    expect(parseHour('2026-11-20T05:00Z')).toBe(at(20, 5));
    expect(parseHour('2026-11-20T00:00Z')).toBe(at(20, 0));
    for (const bad of [
      undefined,
      '',
      '2026-11-20T05:30Z',
      '2026-11-20T05:00',
      '2026-11-20T05:00:00Z',
      '2026-11-20',
      '2026-02-30T05:00Z',
      '2026-11-20T24:00Z',
      ' 2026-11-20T05:00Z',
      'x',
    ])
      expect(parseHour(bad), String(bad)).toBeNull();
  });

  it('needs both bounds, from before to', () => {
    expect(parseSelection('2026-11-20T05:00Z', '2026-11-20T08:00Z')).toEqual({ fromMs: at(20, 5), toMs: at(20, 8) });
    expect(parseSelection('2026-11-20T08:00Z', '2026-11-20T05:00Z')).toBeNull();
    expect(parseSelection('2026-11-20T05:00Z', '2026-11-20T05:00Z')).toBeNull();
    expect(parseSelection('2026-11-20T05:00Z', undefined)).toBeNull();
    expect(parseSelection(undefined, '2026-11-20T05:00Z')).toBeNull();
  });

  it('formats back what it reads', () => {
    expect(formatHour(at(20, 5))).toBe('2026-11-20T05:00Z');
    expect(formatHour(at(20, 5) + 59 * 60_000)).toBe('2026-11-20T05:00Z');
    expect(selectionParams({ fromMs: at(20, 5), toMs: at(22, 0) })).toEqual({ from: '2026-11-20T05:00Z', to: '2026-11-22T00:00Z' });
  });
});

describe('selectionWindow', () => {
  it('asks for asOf = to − 1 s and hours = to − from', () => {
    expect(selectionWindow({ fromMs: at(20, 5), toMs: at(22, 0) })).toEqual({
      asOf: '2026-11-21T23:59:59.000Z',
      hours: 43,
      days: 43 / 24,
      from: '2026-11-20T05:00:00.000Z',
      to: '2026-11-21T23:59:59.999Z',
    });
  });
});

describe('selectionFromDrag', () => {
  it('snaps outwards to whole hours, in either drag direction', () => {
    const min = at(17, 0);
    const max = at(24, 18);
    expect(selectionFromDrag(at(20, 5) + 10 * 60_000, at(21, 7) + 50 * 60_000, min, max)).toEqual({ fromMs: at(20, 5), toMs: at(21, 8) });
    expect(selectionFromDrag(at(21, 7) + 50 * 60_000, at(20, 5) + 10 * 60_000, min, max)).toEqual({ fromMs: at(20, 5), toMs: at(21, 8) });
  });

  it('keeps at least one hour and stays inside the chart', () => {
    const min = at(17, 0);
    const max = at(24, 18);
    expect(selectionFromDrag(at(20, 5) + 1000, at(20, 5) + 2000, min, max)).toEqual({ fromMs: at(20, 5), toMs: at(20, 6) });
    expect(selectionFromDrag(at(10, 0), at(30, 0), min, max)).toEqual({ fromMs: min, toMs: max });
    expect(selectionFromDrag(max - 1000, max + H, min, max)).toEqual({ fromMs: max - H, toMs: max });
  });
});

describe('keyedSelection', () => {
  const min = at(17, 0);
  const max = at(24, 18);
  const s = { fromMs: at(20, 5), toMs: at(20, 9) };

  it('starts with the last day of the chart', () => {
    expect(keyedSelection(null, 'ArrowLeft', min, max)).toEqual({ fromMs: max - 24 * H, toMs: max });
    expect(keyedSelection(null, 'End', max - 5 * H, max)).toEqual({ fromMs: max - 5 * H, toMs: max });
  });

  it('arrows move it an hour, Shift+arrows its end', () => {
    expect(keyedSelection(s, 'ArrowLeft', min, max)).toEqual({ fromMs: at(20, 4), toMs: at(20, 8) });
    expect(keyedSelection(s, 'ArrowRight', min, max)).toEqual({ fromMs: at(20, 6), toMs: at(20, 10) });
    expect(keyedSelection(s, 'Shift+ArrowRight', min, max)).toEqual({ fromMs: at(20, 5), toMs: at(20, 10) });
    expect(keyedSelection(s, 'Shift+ArrowLeft', min, max)).toEqual({ fromMs: at(20, 5), toMs: at(20, 8) });
    const one = { fromMs: at(20, 5), toMs: at(20, 6) };
    expect(keyedSelection(one, 'Shift+ArrowLeft', min, max)).toEqual(one);
  });

  it('Home / End and the edges keep its length inside the chart', () => {
    expect(keyedSelection(s, 'Home', min, max)).toEqual({ fromMs: min, toMs: min + 4 * H });
    expect(keyedSelection(s, 'End', min, max)).toEqual({ fromMs: max - 4 * H, toMs: max });
    const first = { fromMs: min, toMs: min + 4 * H };
    expect(keyedSelection(first, 'ArrowLeft', min, max)).toEqual(first);
    const last = { fromMs: max - 4 * H, toMs: max };
    expect(keyedSelection(last, 'ArrowRight', min, max)).toEqual(last);
    expect(keyedSelection(last, 'Shift+ArrowRight', min, max)).toEqual(last);
  });
});

describe('ranDuring and instantMs', () => {
  const sel = { fromMs: at(20, 0), toMs: at(21, 0) };
  it('reads session-buddy instants in the forms it writes', () => {
    expect(instantMs('2026-11-10T19:05:25.965617+00:00')).toBe(Date.UTC(2026, 10, 10, 19, 5, 25, 965));
    expect(instantMs('2026-11-10 19:05:25')).toBe(Date.UTC(2026, 10, 10, 19, 5, 25));
    expect(instantMs('2026-11-10T19:05:25.5Z')).toBe(Date.UTC(2026, 10, 10, 19, 5, 25, 500));
    expect(instantMs('nope')).toBeNaN();
  });

  it('a test ran during the selection when its span meets it', () => {
    expect(ranDuring({ startDate: '2026-11-10T19:05:25.965617+00:00', endDate: null }, sel)).toBe(true);
    expect(ranDuring({ startDate: '2026-11-21T00:00:00+00:00', endDate: null }, sel)).toBe(false);
    expect(ranDuring({ startDate: '2026-11-10T00:00:00+00:00', endDate: '2026-11-19T23:59:59+00:00' }, sel)).toBe(false);
    expect(ranDuring({ startDate: '2026-11-10T00:00:00+00:00', endDate: '2026-11-20T00:00:00+00:00' }, sel)).toBe(true);
    expect(ranDuring({ startDate: '2026-11-21T00:00:00+00:00', endDate: null }, null)).toBe(true);
  });
});

describe('view URL state with a selection and a file', () => {
  it('round-trips from, to and file, keeping db and the other parameters', () => {
    const href = 'https://x/report/?db=a.db&skill=pytest-run&from=2026-11-20T05:00Z&to=2026-11-22T00:00Z&file=b.db#hourly';
    const view = readView(href);
    expect(view).toEqual({ skill: 'pytest-run', from: '2026-11-20T05:00Z', to: '2026-11-22T00:00Z', file: 'b.db', section: 'hourly' });
    expect(viewSelection(view)).toEqual({ fromMs: at(20, 5), toMs: at(22, 0) });
    expect(viewHref('https://x/report/?db=a.db', view)).toBe('/report/?db=a.db&skill=pytest-run&from=2026-11-20T05:00Z&to=2026-11-22T00:00Z&file=b.db#hourly');
    expect(readView(`https://x${viewHref('https://x/report/?db=a.db', view)}`)).toEqual(view);
  });

  it('reads percent-encoded colons too, and ignores a half or bad selection', () => {
    expect(viewSelection(readView('https://x/?from=2026-11-20T05%3A00Z&to=2026-11-20T06%3A00Z'))).toEqual({ fromMs: at(20, 5), toMs: at(20, 6) });
    expect(viewSelection(readView('https://x/?from=2026-11-20T05:00Z'))).toBeNull();
    expect(viewSelection(readView('https://x/?from=yesterday&to=2026-11-20T06:00Z'))).toBeNull();
  });

  it('withSelection sets or clears the bounds and shows the hourly panel', () => {
    const view = { skill: 'a', test: '1', section: 'ab-tests' };
    expect(withSelection(view, { fromMs: at(20, 5), toMs: at(20, 6) })).toEqual({ skill: 'a', test: '1', section: 'hourly', from: '2026-11-20T05:00Z', to: '2026-11-20T06:00Z' });
    expect(withSelection({ ...view, from: '2026-11-20T05:00Z', to: '2026-11-20T06:00Z' }, null)).toEqual({ skill: 'a', test: '1', section: 'hourly' });
  });

  it('says the selection for people', () => {
    expect(selectionText({ fromMs: at(20, 5), toMs: at(22, 0) })).toBe('Nov 20 05:00 – Nov 22 00:00 UTC (43 hours)');
    expect(selectionText({ fromMs: at(20, 5), toMs: at(20, 6) })).toBe('Nov 20 05:00 – Nov 20 06:00 UTC (1 hour)');
  });
});
