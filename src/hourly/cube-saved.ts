/**
 * The hourly cube kept in the cache of opens beside its file's entry (one file opened alone): its
 * rows in time order and the cells of the whole file, as binary sections, so that a reopen answers
 * hourly and daily questions without building it again. A restored cube is the saved one exactly
 * (same codes, same cells); anything that does not fit together restores to null, and the cube is
 * then built from the columns.
 */
import type { ReadIndex, SavedIndex } from '../engine/cache/entry-format.js';
import { typed } from '../engine/cache/sealed-sections.js';
import type { IndexedFile } from '../engine/dataset/column-indexes.js';
import type { CubeCells, CubeLike, CubeParts, CubeScope } from './cube-cells.js';

/** Header of a saved cube. */
interface SavedHeader {
  rows: number;
  skills: string[];
  pairs: number;
  hours: number;
  days: number;
}

const cellSections = (c: CubeCells): ArrayBufferView[] => [c.bucket, c.skill, c.count, c.completed, c.durationCount, c.durationSum, c.sessions];

/**
 * A single file's cube as a header and sections (the cells of the whole file built now if they were not).
 * @throws RangeError for a cube of several files (those are not saved)
 */
export function saveCube(cube: CubeLike): SavedIndex {
  const r = cube.rows;
  if (r.source) throw new RangeError('a cube of several files is not saved');
  const whole = cube.scope(cube.files.map((f) => f.name));
  const header: SavedHeader = { rows: r.length, skills: cube.skills, pairs: cube.pairs, hours: whole.hours.length, days: whole.days.length };
  return {
    header,
    sections: [r.time, r.id, r.duration, r.skill, r.pair, r.completed, ...cellSections(whole.hours), ...cellSections(whole.days), whole.firstBySkill],
  };
}

/** Cells of `n` from 7 sections, their skill codes checked against `skills`. */
function cellsFrom(s: Uint8Array[], n: number, skills: number): CubeCells {
  const skill = typed(Int32Array, s[1], n);
  for (let i = 0; i < n; i++) if (!(skill[i] >= 0 && skill[i] < skills)) throw new RangeError('a cell of no skill');
  return {
    length: n,
    bucket: typed(Float64Array, s[0], n),
    skill,
    count: typed(Float64Array, s[2], n),
    completed: typed(Float64Array, s[3], n),
    durationCount: typed(Float64Array, s[4], n),
    durationSum: typed(Float64Array, s[5], n),
    sessions: typed(Float64Array, s[6], n),
  };
}

/**
 * The cube saved by {@link saveCube}.
 * @param saved its header and sections
 * @param files the dataset's files (one)
 * @returns the cube's parts, or null when they do not make one
 */
export function restoreCube(saved: ReadIndex, files: readonly IndexedFile[]): CubeParts | null {
  const h = saved.header as SavedHeader;
  const s = saved.sections;
  if (files.length !== 1 || !h || !Array.isArray(h.skills) || s.length !== 21) return null;
  const n = h.rows;
  const skills = h.skills.length;
  const skill = typed(Int32Array, s[3], n);
  const pair = typed(Int32Array, s[4], n);
  for (let i = 0; i < n; i++) if (!(skill[i] >= 0 && skill[i] < skills && pair[i] >= 0 && pair[i] < h.pairs)) return null;
  const whole: CubeScope = {
    mask: null,
    hours: cellsFrom(s.slice(6, 13), h.hours, skills),
    days: cellsFrom(s.slice(13, 20), h.days, skills),
    firstBySkill: typed(Float64Array, s[20], skills),
    idOffset: 0,
  };
  const rows = {
    length: n,
    time: typed(Float64Array, s[0], n),
    id: typed(Float64Array, s[1], n),
    duration: typed(Float64Array, s[2], n),
    skill,
    pair,
    completed: typed(Uint8Array, s[5], n),
    source: null,
  };
  return { skills: h.skills, rows, pairs: h.pairs, whole };
}
