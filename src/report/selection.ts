/**
 * The report's time selection (a brush on the hourly chart): whole UTC hours [from, to), kept in the
 * URL as `?from=2026-11-20T05:00Z&to=2026-11-22T00:00Z`, and the API window every panel asks for:
 * `asOf` = to − 1 s and `hours` = to − from (the library's windows end at asOf inclusive, to the
 * second, so this window is [from − 1 s, to)). Pure functions: parsing, formatting, keyboard moves.
 */

const HOUR = 3_600_000;
const CANONICAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):00Z$/;

/** A selection of whole UTC hours, [fromMs, toMs) in epoch milliseconds. */
export interface Selection {
  fromMs: number;
  toMs: number;
}

/** The API window of a selection. */
export interface SelectionWindow {
  /** ISO UTC, to − 1 s. */
  asOf: string;
  /** to − from in hours (a whole number ≥ 1). */
  hours: number;
  /** hours / 24 (may be fractional). */
  days: number;
  /** ISO UTC of from and of to − 1 ms (inclusive bounds, as `scoreInvocations` takes them). */
  from: string;
  to: string;
}

/**
 * Reads one bound: `YYYY-MM-DDTHH:00Z` exactly (a real UTC hour).
 * @param text the URL value
 * @returns epoch ms, or null when it is not such an hour
 * @example parseHour('2026-11-20T05:00Z') // 1795237200000
 */
export function parseHour(text: string | undefined): number | null {
  const m = text === undefined ? null : CANONICAL.exec(text);
  if (!m) return null;
  const [y, mo, d, h] = m.slice(1).map(Number);
  const ms = Date.UTC(y, mo - 1, d, h);
  const back = new Date(ms);
  // Rejects 2026-02-30 or hour 24 (Date.UTC would roll them over).
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || back.getUTCHours() !== h) return null;
  return ms;
}

/**
 * Formats an hour for the URL.
 * @param ms epoch ms (floored to its hour)
 * @example formatHour(1795237200000) // '2026-11-20T05:00Z'
 */
export function formatHour(ms: number): string {
  return `${new Date(Math.floor(ms / HOUR) * HOUR).toISOString().slice(0, 13)}:00Z`;
}

/**
 * The selection named by the URL's `from` and `to`.
 * @returns null when either is missing or not an hour, or when from is not before to
 * @example parseSelection('2026-11-20T05:00Z', '2026-11-20T08:00Z') // { fromMs: …, toMs: … } (3 hours)
 */
export function parseSelection(from: string | undefined, to: string | undefined): Selection | null {
  const f = parseHour(from);
  const t = parseHour(to);
  return f === null || t === null || f >= t ? null : { fromMs: f, toMs: t };
}

/** The URL values of a selection. */
export function selectionParams(s: Selection): { from: string; to: string } {
  return { from: formatHour(s.fromMs), to: formatHour(s.toMs) };
}

/**
 * The API window of a selection.
 * @example selectionWindow({ fromMs: Date.UTC(2026, 10, 20), toMs: Date.UTC(2026, 10, 21) }).asOf // '2026-11-20T23:59:59.000Z'
 */
export function selectionWindow(s: Selection): SelectionWindow {
  const hours = Math.round((s.toMs - s.fromMs) / HOUR);
  return {
    asOf: new Date(s.toMs - 1000).toISOString(),
    hours,
    days: hours / 24,
    from: new Date(s.fromMs).toISOString(),
    to: new Date(s.toMs - 1).toISOString(),
  };
}

/**
 * A selection from two instants of a pointer drag (either order), snapped outwards to whole hours
 * and kept inside [minMs, maxMs].
 * @returns at least one hour
 */
export function selectionFromDrag(a: number, b: number, minMs: number, maxMs: number): Selection {
  const lo = Math.max(minMs, Math.min(a, b));
  const hi = Math.min(maxMs, Math.max(a, b));
  const fromMs = Math.floor(lo / HOUR) * HOUR;
  const toMs = Math.max(fromMs + HOUR, Math.ceil(hi / HOUR) * HOUR);
  return clamp({ fromMs, toMs }, minMs, maxMs);
}

/** Keeps a selection inside the chart's hours (shifting it, shrinking it when longer). */
function clamp(s: Selection, minMs: number, maxMs: number): Selection {
  const length = Math.min(s.toMs - s.fromMs, Math.max(HOUR, maxMs - minMs));
  let fromMs = Math.max(minMs, Math.min(s.fromMs, maxMs - length));
  fromMs = Math.floor(fromMs / HOUR) * HOUR;
  return { fromMs, toMs: fromMs + length };
}

/** What a key does to the brush. */
export type BrushKey = 'ArrowLeft' | 'ArrowRight' | 'Shift+ArrowLeft' | 'Shift+ArrowRight' | 'Home' | 'End';

/**
 * The brush after a key: arrows move it one hour, Shift+arrows move its end (resize, at least one
 * hour), Home / End move it to the first / last hours of the chart.
 * @param s the brush (null: a new one-day brush at the chart's end)
 * @param key the key
 * @param minMs first hour of the chart
 * @param maxMs end of the chart's last hour
 */
export function keyedSelection(s: Selection | null, key: BrushKey, minMs: number, maxMs: number): Selection {
  if (!s) return clamp({ fromMs: maxMs - 24 * HOUR, toMs: maxMs }, minMs, maxMs);
  const length = s.toMs - s.fromMs;
  switch (key) {
    case 'ArrowLeft':
      return clamp({ fromMs: s.fromMs - HOUR, toMs: s.toMs - HOUR }, minMs, maxMs);
    case 'ArrowRight':
      return clamp({ fromMs: s.fromMs + HOUR, toMs: s.toMs + HOUR }, minMs, maxMs);
    case 'Shift+ArrowLeft':
      return { fromMs: s.fromMs, toMs: Math.max(s.fromMs + HOUR, s.toMs - HOUR) };
    case 'Shift+ArrowRight':
      return { fromMs: s.fromMs, toMs: Math.min(Math.max(maxMs, s.toMs), s.toMs + HOUR) };
    case 'Home':
      return clamp({ fromMs: minMs, toMs: minMs + length }, minMs, maxMs);
    case 'End':
      return clamp({ fromMs: maxMs - length, toMs: maxMs }, minMs, maxMs);
  }
}

/**
 * Text of a selection for people: "Nov 20 05:00 – Nov 22 00:00 UTC (43 hours)".
 */
export function selectionText(s: Selection): string {
  const f = (ms: number) => {
    const d = new Date(ms);
    return `${d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })} ${d.getUTCDate()} ${String(d.getUTCHours()).padStart(2, '0')}:00`;
  };
  const hours = Math.round((s.toMs - s.fromMs) / HOUR);
  return `${f(s.fromMs)} – ${f(s.toMs)} UTC (${hours} hour${hours === 1 ? '' : 's'})`;
}

/**
 * Epoch ms of a stored instant as session-buddy writes them (`2026-11-10T19:05:25.965617+00:00`, or
 * `2026-11-10 19:05:25` without a zone: UTC), in every engine (JavaScriptCore refuses more than
 * three fraction digits and the space).
 * @returns NaN when it is not a time
 * @example instantMs('2026-11-10 19:05:25.965617') // 1794337525965
 */
export function instantMs(text: string): number {
  const iso = text
    .trim()
    .replace(' ', 'T')
    .replace(/(\.\d{3})\d+/, '$1');
  return Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(iso) || !iso.includes('T') ? iso : `${iso}Z`);
}

/**
 * Whether an A/B test ran during the selection: from its start to its end (running: no end).
 * @returns true without a selection
 * @example ranDuring({ startDate: '2026-11-10T19:05:25.965617+00:00', endDate: null }, { fromMs: Date.UTC(2026, 10, 20), toMs: Date.UTC(2026, 10, 21) }) // true
 */
export function ranDuring(test: { startDate: string; endDate: string | null }, selection: Selection | null): boolean {
  if (!selection) return true;
  const start = instantMs(test.startDate);
  const end = test.endDate ? instantMs(test.endDate) : Number.POSITIVE_INFINITY;
  return !(start >= selection.toMs) && !(end < selection.fromMs);
}
