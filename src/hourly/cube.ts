/**
 * The hourly cube: the dataset's invocations aggregated once per load, per skill and UTC hour and
 * per skill and UTC day (count, completed, known durations and their sum, distinct sessions), so
 * that hourly and daily answers read a few thousand cells instead of every row — and need not wait
 * for the warehouse's load.
 *
 * Built in one pass from the invocation columns: the rows are dictionary-encoded and put in the
 * warehouse's order (invoked_at, then id), and kept so, as the cube's time index: a window that
 * starts or ends inside an hour or a day computes only those edge buckets from its rows. Every
 * aggregate is what the warehouse's SQL gives, bit for bit: durations are summed row by row in
 * that order (as DuckDB's avg() does over the ordered table), distinct sessions are counted per
 * bucket (a day's sessions are not the sum of its hours').
 *
 * A scope (one file of several, or a subset) has its own cells, built on first use from the same
 * rows; a session key is `<file>:<id>` in a dataset of several files, so sessions never meet across
 * files.
 */
import type { ColumnIndex, IndexedFile } from '../engine/dataset/column-indexes.js';
import type { InvocationColumns } from '../engine/SkillsDatabase.js';
import { encode } from '../engine/Warehouse.js';
import { MICROS_PER_DAY, MICROS_PER_HOUR } from '../engine/time.js';
import { extendCube } from './cube-append.js';
import { restoreCube, saveCube } from './cube-saved.js';
import { compareCodePoints } from './stored-hours.js';

/** The invocations in the warehouse's order (invoked_at, then id), text columns as codes. */
export interface CubeRows {
  length: number;
  /** invoked_at, epoch µs, ascending. */
  time: Float64Array;
  /** The dataset's id (shifted per file when several files are open). */
  id: Float64Array;
  /** Index into `HourlyCube.skills`. */
  skill: Int32Array;
  /** Code of the (skill, session) pair: equal codes = same skill, same session. */
  pair: Int32Array;
  completed: Uint8Array;
  /** NaN where unknown. */
  duration: Float64Array;
  /** Index into `HourlyCube.files`; null for a single file. */
  source: Int32Array | null;
}

/**
 * Aggregates of one grain (hours or days): cell i is one skill in one bucket; cells are ordered by
 * bucket (ascending), and within a bucket by the skill's first invocation in it.
 */
export interface CubeCells {
  length: number;
  /** Start of the bucket (UTC hour or day), epoch µs. */
  bucket: Float64Array;
  skill: Int32Array;
  count: Float64Array;
  completed: Float64Array;
  /** Invocations with a known duration. */
  durationCount: Float64Array;
  /** Their durations summed row by row in time order. */
  durationSum: Float64Array;
  /** Distinct sessions of the skill in the bucket. */
  sessions: Float64Array;
}

/** The cells of one scope (a set of files) and what else its answers need. */
export interface CubeScope {
  /** Which files the scope covers (`mask[file] === 1`); null = every file. */
  mask: Uint8Array | null;
  hours: CubeCells;
  days: CubeCells;
  /** First invocation of each skill in the scope (epoch µs), NaN when it has none. */
  firstBySkill: Float64Array;
  /** Id offset to take off the ids (one file of several seen alone), else 0. */
  idOffset: number;
}

/** Cells being appended, grown by doubling. */
class CellBuilder {
  /** A builder that continues `cells` (copied, with room to grow). */
  static from(cells: CubeCells): CellBuilder {
    const b = new CellBuilder();
    while (b.bucket.length < cells.length + 1) b.grow();
    b.length = cells.length;
    b.bucket.set(cells.bucket);
    b.skill.set(cells.skill);
    b.count.set(cells.count);
    b.completed.set(cells.completed);
    b.durationCount.set(cells.durationCount);
    b.durationSum.set(cells.durationSum);
    b.sessions.set(cells.sessions);
    return b;
  }

  length = 0;
  bucket = new Float64Array(64);
  skill = new Int32Array(64);
  count = new Float64Array(64);
  completed = new Float64Array(64);
  durationCount = new Float64Array(64);
  durationSum = new Float64Array(64);
  sessions = new Float64Array(64);

  /** A new empty cell; returns its index. */
  add(bucket: number, skill: number): number {
    if (this.length === this.bucket.length) this.grow();
    const i = this.length++;
    this.bucket[i] = bucket;
    this.skill[i] = skill;
    return i;
  }

  private grow(): void {
    const n = this.bucket.length * 2;
    const f = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    this.bucket = f(this.bucket);
    const s = new Int32Array(n);
    s.set(this.skill);
    this.skill = s;
    this.count = f(this.count);
    this.completed = f(this.completed);
    this.durationCount = f(this.durationCount);
    this.durationSum = f(this.durationSum);
    this.sessions = f(this.sessions);
  }

  finish(): CubeCells {
    const n = this.length;
    return {
      length: n,
      bucket: this.bucket.slice(0, n),
      skill: this.skill.slice(0, n),
      count: this.count.slice(0, n),
      completed: this.completed.slice(0, n),
      durationCount: this.durationCount.slice(0, n),
      durationSum: this.durationSum.slice(0, n),
      sessions: this.sessions.slice(0, n),
    };
  }
}

/** A cell's sums, in typed arrays or plain arrays. */
export interface CellSums {
  count: { [i: number]: number };
  completed: { [i: number]: number };
  durationCount: { [i: number]: number };
  durationSum: { [i: number]: number };
}

/**
 * Counts row `i` into cell `cell`: one invocation, a completion when completed = 1, a known duration
 * added to the sum (rows come in time order, so the sum is DuckDB's).
 */
export function addRow(into: CellSums, cell: number, rows: CubeRows, i: number): void {
  into.count[cell]++;
  if (rows.completed[i] === 1) into.completed[cell]++;
  const d = rows.duration[i];
  if (!Number.isNaN(d)) {
    into.durationCount[cell]++;
    into.durationSum[cell] += d;
  }
}

/**
 * Adds rows to the cells of one grain, in time order: one cell per skill and bucket, sessions
 * counted once per cell (a pair's marker holds the last cell it was counted in).
 */
export class GrainAccumulator {
  cells = new CellBuilder();
  private bucketStart = Number.NaN;
  private readonly cellOfSkill: Int32Array;
  private readonly stampOfSkill: Float64Array;
  private readonly counted: Int32Array;

  constructor(
    private readonly unit: number,
    skills: number,
    pairs: number,
  ) {
    this.cellOfSkill = new Int32Array(skills);
    this.stampOfSkill = new Float64Array(skills).fill(Number.NaN);
    this.counted = new Int32Array(pairs).fill(-1);
  }

  /**
   * Continues cells built from the first `m` rows of `rows` (one file, every row counted), as if
   * those rows had just been added: the last bucket's cells and the sessions counted in them are
   * found again from its rows.
   */
  resume(cells: CubeCells, rows: CubeRows, m: number): void {
    this.cells = CellBuilder.from(cells);
    if (cells.length === 0) return;
    this.bucketStart = cells.bucket[cells.length - 1];
    for (let c = cells.length - 1; c >= 0 && cells.bucket[c] === this.bucketStart; c--) {
      this.cellOfSkill[cells.skill[c]] = c;
      this.stampOfSkill[cells.skill[c]] = this.bucketStart;
    }
    for (let i = lowerBound(rows.time, this.bucketStart, 0, m); i < m; i++) this.counted[rows.pair[i]] = this.cellOfSkill[rows.skill[i]];
  }

  /** Adds row `i` of `rows` (rows must come in time order). */
  add(rows: CubeRows, i: number): void {
    const t = rows.time[i];
    const c = this.cells;
    if (!(t >= this.bucketStart && t < this.bucketStart + this.unit)) this.bucketStart = Math.floor(t / this.unit) * this.unit;
    const skill = rows.skill[i];
    let cell: number;
    if (this.stampOfSkill[skill] === this.bucketStart) cell = this.cellOfSkill[skill];
    else {
      cell = c.add(this.bucketStart, skill);
      this.cellOfSkill[skill] = cell;
      this.stampOfSkill[skill] = this.bucketStart;
    }
    addRow(c, cell, rows, i);
    const pair = rows.pair[i];
    if (this.counted[pair] !== cell) {
      this.counted[pair] = cell;
      c.sessions[cell]++;
    }
  }
}

/** Most (skill, session) combinations given a direct lookup table while encoding (else a Map). */
export const DIRECT_PAIR_TABLE = 1 << 22;

/** Row order of the warehouse: invoked_at, then id (the identity when the columns are already so). */
export function timeOrder(cols: InvocationColumns): Uint32Array | null {
  const { invokedAt: t, id } = cols;
  let sorted = true;
  for (let i = 1; i < cols.length; i++) {
    if (t[i] < t[i - 1] || (t[i] === t[i - 1] && id[i] < id[i - 1])) {
      sorted = false;
      break;
    }
  }
  if (sorted) return null;
  const order = new Uint32Array(cols.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => t[a] - t[b] || id[a] - id[b]);
}

/** (skill, session) pair codes and how many pairs there are. */
function pairCodes(skill: Int32Array, session: Int32Array, skills: number, sessions: number): { pair: Int32Array; pairs: number } {
  const n = skill.length;
  const pair = new Int32Array(n);
  let pairs = 0;
  if (skills * sessions <= DIRECT_PAIR_TABLE) {
    const table = new Int32Array(skills * sessions).fill(-1);
    for (let i = 0; i < n; i++) {
      const k = session[i] * skills + skill[i];
      let p = table[k];
      if (p < 0) table[k] = p = pairs++;
      pair[i] = p;
    }
  } else {
    const table = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const k = session[i] * skills + skill[i];
      let p = table.get(k);
      if (p === undefined) table.set(k, (p = pairs++));
      pair[i] = p;
    }
  }
  return { pair, pairs };
}

/**
 * The index of a sorted array: first position whose value is ≥ `x`.
 * @example lowerBound(Float64Array.of(1, 3, 3, 5), 3) // 1
 */
export function lowerBound(sorted: Float64Array, x: number, from = 0, to = sorted.length): number {
  let lo = from,
    hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What a cube is made of, without its scopes (cube-saved.ts saves and restores it). */
export interface CubeParts {
  skills: string[];
  rows: CubeRows;
  pairs: number;
  /** The cells of every file, when already built. */
  whole?: CubeScope;
}

/** Each skill code's place in code-point order of the names. */
function skillRanks(skills: readonly string[]): Int32Array {
  const byName = skills.map((_, i) => i).sort((a, b) => compareCodePoints(skills[a], skills[b]));
  const rank = new Int32Array(skills.length);
  byName.forEach((code, r) => {
    rank[code] = r;
  });
  return rank;
}

export class HourlyCube {
  /** Skill names by code. */
  readonly skills: string[];
  /** Each skill code's place in code-point order of the names (the warehouse's ORDER BY skill_name). */
  readonly skillRank: Int32Array;
  readonly rows: CubeRows;
  /** Distinct (skill, session) pairs. */
  readonly pairs: number;
  private readonly scopes = new Map<string, CubeScope>();

  /**
   * @param source the dataset's invocations (`source` set when several files are open), or a cube's parts
   * @param files the dataset's files in open order (their `source` codes)
   */
  constructor(
    source: InvocationColumns | CubeParts,
    readonly files: readonly IndexedFile[],
  ) {
    if ('rows' in source) {
      this.skills = source.skills;
      this.skillRank = skillRanks(this.skills);
      this.rows = source.rows;
      this.pairs = source.pairs;
      if (source.whole) this.scopes.set('', source.whole);
      return;
    }
    const columns = source;
    const n = columns.length;
    const order = timeOrder(columns);
    const skillCodes = encode(columns.skillName, n);
    const sessionCodes = encode(columns.sessionId, n);
    this.skills = skillCodes.values.map((s) => s as string);
    this.skillRank = skillRanks(this.skills);
    const { pair, pairs } = pairCodes(skillCodes.codes, sessionCodes.codes, this.skills.length, sessionCodes.values.length);
    this.pairs = pairs;
    const src = columns.source?.codes ?? null;
    const rows: CubeRows = {
      length: n,
      time: new Float64Array(n),
      id: new Float64Array(n),
      skill: new Int32Array(n),
      pair: new Int32Array(n),
      completed: new Uint8Array(n),
      duration: new Float64Array(n),
      source: src ? new Int32Array(n) : null,
    };
    for (let j = 0; j < n; j++) {
      const i = order ? order[j] : j;
      rows.time[j] = columns.invokedAt[i];
      rows.id[j] = columns.id[i];
      rows.skill[j] = skillCodes.codes[i];
      rows.pair[j] = pair[i];
      rows.completed[j] = columns.completed[i];
      rows.duration[j] = columns.durationSeconds[i];
      if (src) rows.source![j] = src[i];
    }
    this.rows = rows;
  }

  /**
   * The cells of a set of files, built on first use.
   * @param names the files in scope (the context's `sources`)
   * @returns the scope's hour and day cells
   */
  scope(names: readonly string[]): CubeScope {
    const every = names.length >= this.files.length && this.files.every((f) => names.includes(f.name));
    const key = every ? '' : names.join('\u0000');
    let scope = this.scopes.get(key);
    if (!scope) {
      let mask: Uint8Array | null = null;
      let idOffset = 0;
      if (!every) {
        mask = new Uint8Array(this.files.length);
        this.files.forEach((f, i) => {
          if (names.includes(f.name)) mask![i] = 1;
        });
        // One file of several is seen as if opened alone: its own ids (scoped-warehouse.ts).
        if (names.length === 1) idOffset = this.files.find((f) => f.name === names[0])?.idOffset ?? 0;
      }
      scope = this.buildScope(mask, idOffset);
      this.scopes.set(key, scope);
    }
    return scope;
  }

  private buildScope(mask: Uint8Array | null, idOffset: number): CubeScope {
    const rows = this.rows;
    const hours = new GrainAccumulator(MICROS_PER_HOUR, this.skills.length, this.pairs);
    const days = new GrainAccumulator(MICROS_PER_DAY, this.skills.length, this.pairs);
    const firstBySkill = new Float64Array(this.skills.length).fill(Number.NaN);
    const source = rows.source;
    for (let i = 0; i < rows.length; i++) {
      if (mask && source && mask[source[i]] !== 1) continue;
      hours.add(rows, i);
      days.add(rows, i);
      const s = rows.skill[i];
      if (Number.isNaN(firstBySkill[s])) firstBySkill[s] = rows.time[i];
    }
    return { mask, hours: hours.cells.finish(), days: days.cells.finish(), firstBySkill, idOffset };
  }

  /** Bytes held by the rows and the cells built so far (typed arrays only). */
  byteSize(): number {
    const r = this.rows;
    let bytes = r.time.byteLength + r.id.byteLength + r.skill.byteLength + r.pair.byteLength + r.completed.byteLength + r.duration.byteLength + (r.source?.byteLength ?? 0);
    for (const s of this.scopes.values()) {
      for (const c of [s.hours, s.days]) bytes += c.bucket.byteLength * 7;
    }
    return bytes;
  }
}

/** The cube as an index of the engine (given to it by the composition root; read with `ctx.index`). */
export const hourlyCubeIndex: ColumnIndex<HourlyCube> = {
  build: (columns, files) => new HourlyCube(columns, files),
  persist: {
    name: 'hourly-cube-1',
    save: (cube) => saveCube(cube),
    restore: (saved, files) => restoreCube(saved, files),
    extend: (saved, previous, columns, files) => {
      const earlier = restoreCube(saved, files);
      return earlier && extendCube(earlier, previous, columns, files);
    },
  },
};
