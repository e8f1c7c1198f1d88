/**
 * A live file that grew (its -wal log took more transactions): the cube of its earlier rows
 * extended with the new rows only, equal in every code and cell to the cube built from scratch.
 * It applies when the new rows come after the old ones — higher ids (the caller has checked that
 * the old rows are the first rows of the new file, unchanged) and no earlier instant than the last
 * old row — so that they go at the end of the time index and only the last hour and day already
 * in the cube can gain rows. Otherwise it gives null and the cube is built from scratch.
 */
import type { EntryCodes } from '../engine/cache/entry-format.js';
import type { IndexedFile } from '../engine/dataset/column-indexes.js';
import type { InvocationColumns } from '../engine/SkillsDatabase.js';
import { MICROS_PER_DAY, MICROS_PER_HOUR } from '../engine/time.js';
import { type CubeLike, type CubeParts, type CubeRows, type CubeScope, DIRECT_PAIR_TABLE, GrainAccumulator } from './cube-cells.js';

/** The old rows' text columns as the cache entry keeps them: dictionaries and codes in id order. */
type PreviousCodes = Pick<EntryCodes, 'skills' | 'sessions' | 'skill' | 'session'>;

/** A dictionary that continues one built in first-appearance order. */
function continued(values: readonly (string | null)[]): { codes: Map<string | null, number>; values: (string | null)[] } {
  return { codes: new Map(values.map((v, i) => [v, i])), values: [...values] };
}

function codeOf(d: { codes: Map<string | null, number>; values: (string | null)[] }, v: string | null): number {
  let c = d.codes.get(v);
  if (c === undefined) {
    c = d.values.length;
    d.codes.set(v, c);
    d.values.push(v);
  }
  return c;
}

/**
 * The cube of `columns` from the cube of their first `cube.rows.length` rows.
 * @param cube the saved cube of the old rows (one file, its whole-file cells built)
 * @param previous the old rows' dictionaries and codes (the cache entry's)
 * @param columns every row of the grown file, in id order; its first rows are the old ones, unchanged
 * @param files the dataset's one file
 * @returns the extended cube's parts, or null when the new rows do not all come after the old ones
 */
export function extendCube(cube: CubeLike, previous: PreviousCodes, columns: InvocationColumns, files: readonly IndexedFile[]): CubeParts | null {
  const old = cube.rows;
  const m = old.length;
  const n = columns.length;
  if (files.length !== 1 || old.source || m === 0 || n < m || previous.skill.length !== m || cube.skills.length !== previous.skills.length) return null;
  // The new rows in (time, id) order, all after the last old row.
  const added = Uint32Array.from({ length: n - m }, (_, k) => m + k).sort((a, b) => columns.invokedAt[a] - columns.invokedAt[b] || columns.id[a] - columns.id[b]);
  if (added.length && !(columns.invokedAt[added[0]] > old.time[m - 1] || (columns.invokedAt[added[0]] === old.time[m - 1] && columns.id[added[0]] > old.id[m - 1]))) return null;
  // Codes continue in first appearance by id, as a build from scratch numbers them.
  const skills = continued(previous.skills);
  const sessions = continued(previous.sessions);
  const skillCode = new Int32Array(n);
  const sessionCode = new Int32Array(n);
  skillCode.set(previous.skill);
  sessionCode.set(previous.session);
  for (let i = m; i < n; i++) {
    skillCode[i] = codeOf(skills, columns.skillName[i]);
    sessionCode[i] = codeOf(sessions, columns.sessionId[i]);
  }
  const pairOf = pairNumbering(skillCode, sessionCode, skills.values.length, sessions.values.length);
  if (pairOf.pairsBefore(m) !== cube.pairs) return null;
  const rows: CubeRows = {
    length: n,
    time: grow(old.time, n),
    id: grow(old.id, n),
    skill: grow(old.skill, n),
    pair: grow(old.pair, n),
    completed: grow(old.completed, n),
    duration: grow(old.duration, n),
    source: null,
  };
  for (let j = m; j < n; j++) {
    const i = added[j - m];
    rows.time[j] = columns.invokedAt[i];
    rows.id[j] = columns.id[i];
    rows.skill[j] = skillCode[i];
    rows.pair[j] = pairOf.pair[i];
    rows.completed[j] = columns.completed[i];
    rows.duration[j] = columns.durationSeconds[i];
  }
  const before = cube.scope(files.map((f) => f.name));
  const hours = new GrainAccumulator(MICROS_PER_HOUR, skills.values.length, pairOf.pairs);
  const days = new GrainAccumulator(MICROS_PER_DAY, skills.values.length, pairOf.pairs);
  hours.resume(before.hours, rows, m);
  days.resume(before.days, rows, m);
  const firstBySkill = new Float64Array(skills.values.length).fill(Number.NaN);
  firstBySkill.set(before.firstBySkill);
  for (let j = m; j < n; j++) {
    hours.add(rows, j);
    days.add(rows, j);
    if (Number.isNaN(firstBySkill[rows.skill[j]])) firstBySkill[rows.skill[j]] = rows.time[j];
  }
  const whole: CubeScope = { mask: null, hours: hours.cells.finish(), days: days.cells.finish(), firstBySkill, idOffset: 0 };
  return { skills: skills.values as string[], rows, pairs: pairOf.pairs, whole };
}

/** A typed array of `n` elements starting with `a`. */
function grow<T extends Float64Array | Int32Array | Uint8Array>(a: T, n: number): T {
  const out = new (a.constructor as new (n: number) => T)(n);
  out.set(a);
  return out;
}

/** (skill, session) pair codes in first appearance by id (the numbering of a build from scratch). */
function pairNumbering(skill: Int32Array, session: Int32Array, skills: number, sessions: number): { pair: Int32Array; pairs: number; pairsBefore(m: number): number } {
  const n = skill.length;
  const pair = new Int32Array(n);
  let pairs = 0;
  const direct = skills * sessions <= DIRECT_PAIR_TABLE ? new Int32Array(skills * sessions).fill(-1) : null;
  const map = direct ? null : new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const k = session[i] * skills + skill[i];
    let p = direct ? direct[k] : (map!.get(k) ?? -1);
    if (p < 0) {
      p = pairs++;
      if (direct) direct[k] = p;
      else map!.set(k, p);
    }
    pair[i] = p;
  }
  let max = -1;
  return {
    pair,
    pairs,
    pairsBefore: (m) => {
      for (let i = 0; i < m; i++) if (pair[i] > max) max = pair[i];
      return max + 1;
    },
  };
}
