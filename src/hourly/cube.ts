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
import { type CubeParts, type CubeRows, type CubeScope, DIRECT_PAIR_TABLE, GrainAccumulator } from './cube-cells.js';

export { addRow, type CubeCells, type CubeParts, type CubeRows, type CubeScope } from './cube-cells.js';

/** Row order of the warehouse: invoked_at, then id (the identity when the columns are already so). */
function timeOrder(cols: InvocationColumns): Uint32Array | null {
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
    restore: (saved, files) => {
      const parts = restoreCube(saved, files);
      return parts && new HourlyCube(parts, files);
    },
    extend: (saved, previous, columns, files) => {
      const earlier = restoreCube(saved, files);
      const parts = earlier && extendCube(new HourlyCube(earlier, files), previous, columns, files);
      return parts && new HourlyCube(parts, files);
    },
  },
};
