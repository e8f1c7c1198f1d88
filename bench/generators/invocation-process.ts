/**
 * The simulated process behind the benchmark files: sessions start following a daily and hourly
 * rhythm, each runs a few to a hundred invocations a couple of minutes apart, moves through the
 * workflow phases (setup/planning → execution → verification; one session in five records no
 * phases), picks skills by popularity and phase, and completes them with a per-skill probability
 * that some skills see trend over the span. Output: columns sorted by time (ids follow time, as in
 * session-buddy's own files).
 */
import { seededPrng } from './prng.js';
import { HOUR_WEIGHTS, PHASE_LOGIT, PHASES, SKILLS, WEEKDAY_WEIGHTS, type Phase } from './skill-catalogue.js';

const US_PER_SECOND = 1_000_000;
const US_PER_DAY = 86_400 * US_PER_SECOND;
/** Mean session length 20 (1 + geometric), like train20k.db (1..133, mean 20). */
const SESSION_CONTINUE = 19 / 20;
const MEAN_GAP_SECONDS = 150;
const SHARE_WITHOUT_PHASES = 0.2;
const SHARE_NULL_PHASE_IN_PHASED = 0.03;
const SHARE_WITHOUT_FRACTION = 0.001;

/** The simulated invocations, one entry per row, sorted by time. */
export interface SimulatedInvocations {
  length: number;
  /** Epoch microseconds, UTC, integer. */
  invokedAtUs: Float64Array;
  /** Index into SKILLS. */
  skill: Uint8Array;
  /** Index into sessionIds / sessionPath. */
  session: Int32Array;
  /** 0 = NULL, 1..4 = PHASES[phase - 1]. */
  phase: Uint8Array;
  completed: Uint8Array;
  /** Seconds; NaN when not completed (stored as NULL). */
  duration: Float64Array;
  sessionIds: string[];
  /** Per session: 0 = NULL workflow_path, 1..3 = WORKFLOW_PATHS[path - 1]. */
  sessionPath: Uint8Array;
  /** The completion probability each row was drawn with (the oracle of bench/studies/predictor-oracle.ts). */
  truth: Float64Array;
}

const logit = (p: number) => Math.log(p / (1 - p));

/**
 * Simulates `n` invocations in (asOfUs - days, asOfUs].
 * @param n number of rows (exact)
 * @param days span in days
 * @param seed PRNG seed: same inputs, same rows
 * @param asOfUs end of the span, epoch microseconds (integer)
 * @returns the rows as columns, sorted by time
 */
export function simulateInvocations(n: number, days: number, seed: number, asOfUs: number): SimulatedInvocations {
  const r = seededPrng(seed);
  const spanUs = days * US_PER_DAY;
  const startUs = asOfUs - spanUs;
  const K = SKILLS.length;
  // Cumulative skill weights per (phase 0..4, day): usage growth changes the mix over time.
  const cum = new Float64Array(5 * days * K);
  for (let ph = 0; ph <= PHASES.length; ph++) {
    for (let d = 0; d < days; d++) {
      const u = (d + 0.5) / days;
      let acc = 0;
      for (let k = 0; k < K; k++) {
        const sk = SKILLS[k];
        const home = ph > 0 && sk.home === PHASES[ph - 1] ? 4 : 1;
        acc += sk.weight * home * (sk.usageGrowth ?? 1) ** u;
        cum[(ph * days + d) * K + k] = acc;
      }
    }
  }
  const baseLogit = SKILLS.map((sk) => logit(sk.completion));
  const phaseLogit = [0, ...PHASES.map((p: Phase) => PHASE_LOGIT[p])];
  const maxHour = Math.max(...HOUR_WEIGHTS);
  const maxWeekday = Math.max(...WEEKDAY_WEIGHTS);

  const t = new Float64Array(n);
  const skill = new Uint8Array(n);
  const session = new Int32Array(n);
  const phase = new Uint8Array(n);
  const completed = new Uint8Array(n);
  const truth = new Float64Array(n);
  const duration = new Float64Array(n);
  const sessionIds: string[] = [];
  const paths: number[] = [];

  let row = 0;
  while (row < n) {
    // Session start: rejection sampling on hour-of-day × weekday activity.
    let start: number;
    for (;;) {
      start = asOfUs - Math.floor(r.next() * spanUs);
      const date = new Date(Math.floor(start / 1000));
      if (r.next() * maxHour * maxWeekday < HOUR_WEIGHTS[date.getUTCHours()] * WEEKDAY_WEIGHTS[date.getUTCDay()]) break;
    }
    let len = 1;
    while (r.next() < SESSION_CONTINUE) len++;
    const sid = sessionIds.length;
    sessionIds.push(`session-${hex(r.next())}${hex(r.next()).slice(0, 4)}`);
    paths.push(r.chance(0.3) ? 0 : 1 + r.int(3));
    const phased = !r.chance(SHARE_WITHOUT_PHASES);
    const sessionEffect = 0.35 * r.normal();
    let at = start;
    for (let i = 0; i < len && row < n && at <= asOfUs; i++) {
      const progress = len === 1 ? 0.5 : i / (len - 1);
      const ph = phased && !r.chance(SHARE_NULL_PHASE_IN_PHASED) ? pickPhase(progress, r.next()) : 0;
      const day = Math.min(days - 1, Math.max(0, Math.floor((at - startUs) / US_PER_DAY)));
      const k = pickSkill(cum, (ph * days + day) * K, K, r.next());
      const u = (at - startUs) / spanUs;
      const hour = new Date(Math.floor(at / 1000)).getUTCHours();
      const z = baseLogit[k] + phaseLogit[ph] + (SKILLS[k].trendLogit ?? 0) * (u - 0.5) + sessionEffect + (hour < 6 ? -0.3 : 0);
      const pTrue = 1 / (1 + Math.exp(-z));
      const done = r.next() < pTrue;
      const secs = done ? SKILLS[k].medianSeconds * Math.exp(0.6 * r.normal()) : NaN;
      t[row] = r.chance(SHARE_WITHOUT_FRACTION) ? Math.floor(at / US_PER_SECOND) * US_PER_SECOND : at;
      skill[row] = k;
      session[row] = sid;
      phase[row] = ph;
      completed[row] = done ? 1 : 0;
      truth[row] = pTrue;
      duration[row] = secs;
      row++;
      at += Math.floor((1 + r.exponential(MEAN_GAP_SECONDS) + (done ? 0.3 * secs : 0)) * US_PER_SECOND);
    }
  }

  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => t[a] - t[b] || a - b);
  return {
    length: n,
    invokedAtUs: permute(t, order, new Float64Array(n)),
    skill: permute(skill, order, new Uint8Array(n)),
    session: permute(session, order, new Int32Array(n)),
    phase: permute(phase, order, new Uint8Array(n)),
    completed: permute(completed, order, new Uint8Array(n)),
    duration: permute(duration, order, new Float64Array(n)),
    sessionIds,
    sessionPath: Uint8Array.from(paths),
    truth: permute(truth, order, new Float64Array(n)),
  };
}

/** Phase by position in the session: planning and setup early, execution mid, verification late. */
function pickPhase(progress: number, u: number): number {
  const w1 = bump(progress, 0.25, 0.2); // setup
  const w2 = bump(progress, 0.08, 0.2); // planning
  const w3 = bump(progress, 0.6, 0.22); // execution
  const w4 = bump(progress, 0.92, 0.18); // verification
  let x = u * (w1 + w2 + w3 + w4);
  if ((x -= w1) < 0) return 1;
  if ((x -= w2) < 0) return 2;
  if ((x -= w3) < 0) return 3;
  return 4;
}

function bump(x: number, centre: number, width: number): number {
  const d = (x - centre) / width;
  return Math.exp(-d * d) + 0.02;
}

function pickSkill(cum: Float64Array, offset: number, K: number, u: number): number {
  const x = u * cum[offset + K - 1];
  let lo = 0,
    hi = K - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[offset + mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function hex(u: number): string {
  return Math.floor(u * 0x100000000)
    .toString(16)
    .padStart(8, '0');
}

function permute<T extends Float64Array | Uint8Array | Int32Array>(src: T, order: Uint32Array, dst: T): T {
  for (let i = 0; i < order.length; i++) dst[i] = src[order[i]];
  return dst;
}
