/**
 * The expression every driver evaluates: the test's function and its argument, with values
 * carried as tagged JSON both ways so that all three engines return the same data (WebDriver's
 * JSON turns undefined into null and cannot carry NaN or Infinity). A throw in the page comes back
 * as a rejected promise in Node with the page's name, message, code and details.
 */
export interface Thrown {
  name: string;
  message: string;
  code?: string;
  details?: unknown;
}

/** Source of the page-side codec (also used by Node to decode). */
const CODEC = `
const __sbaTag = (v) => {
  if (v === undefined) return { __sba: 'u' };
  if (typeof v === 'number' && !Number.isFinite(v)) return { __sba: 'n', v: String(v) };
  if (typeof v === 'number' && Object.is(v, -0)) return { __sba: 'n', v: '-0' };
  if (typeof v === 'bigint') return { __sba: 'b', v: String(v) };
  return v;
};
const __sbaEncode = (v) => JSON.stringify(v, function (k, x) { const raw = k === '' ? v : this[k]; return raw instanceof Date ? { __sba: 'd', v: raw.toISOString() } : __sbaTag(x); });
const __sbaRevive = (v) => {
  if (Array.isArray(v)) return v.map(__sbaRevive);
  if (v && typeof v === 'object') {
    if (v.__sba === 'u') return undefined;
    if (v.__sba === 'n') return Number(v.v);
    if (v.__sba === 'b') return BigInt(v.v);
    if (v.__sba === 'd') return new Date(v.v);
    const o = {};
    for (const k of Object.keys(v)) o[k] = __sbaRevive(v[k]);
    return o;
  }
  return v;
};`;

/** The page expression running `fnSource(arg)`; it resolves to an encoded reply string. */
export function pageExpression(fnSource: string, arg: unknown): string {
  return `(async () => {
${CODEC}
var __name = (f) => f;
const __arg = __sbaRevive(JSON.parse(${JSON.stringify(encode(arg))}));
try {
  const __v = await (${fnSource})(__arg);
  return __sbaEncode({ ok: __v });
} catch (e) {
  let details;
  try { details = JSON.parse(__sbaEncode(e && e.details)); } catch { details = String(e && e.details); }
  return JSON.stringify({ thrown: { name: (e && e.name) || 'Error', message: String((e && e.message) || e), code: e && e.code, details } });
}
})()`;
}

// The same codec in Node (evaluated once from the same source, so both sides agree).
const codec = new Function(`${CODEC}\nreturn { encode: __sbaEncode, revive: __sbaRevive };`)() as {
  encode(v: unknown): string;
  revive(v: unknown): unknown;
};

export function encode(v: unknown): string {
  return codec.encode(v) ?? 'null';
}

/** Decodes a reply from `pageExpression`; rethrows what the page threw. */
export function unwrapReply(reply: string): unknown {
  const parsed = JSON.parse(reply) as { ok?: unknown; thrown?: Thrown };
  if (parsed.thrown) throw Object.assign(new Error(parsed.thrown.message), parsed.thrown);
  return (codec.revive(parsed) as { ok?: unknown }).ok;
}
