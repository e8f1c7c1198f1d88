/**
 * The fixed numeric code of a workflow phase (feature `workflow_phase_encoded`), the one of
 * test/fixtures/train20k.quality.json: no phase = 0, planning = 1, setup = 2, execution = 3,
 * verification = 4, any other phase = 5. Names are compared after trimming and lower-casing
 * ("Execution " is execution); NULL and blank text are "no phase". The table is stored in every
 * exported model, and a model whose table differs is refused on import.
 */

/** Code of each known phase name. */
export const PHASE_CODES: Readonly<Record<string, number>> = Object.freeze({
  planning: 1,
  setup: 2,
  execution: 3,
  verification: 4,
});

/** Code of a missing (NULL or blank) phase. */
export const NO_PHASE_CODE = 0;
/** Code of a phase name that is not in {@link PHASE_CODES}. */
export const OTHER_PHASE_CODE = 5;

/** The whole encoding as plain data, as stored in a model's JSON. */
export interface PhaseEncoding {
  none: number;
  other: number;
  codes: Record<string, number>;
}

/**
 * The encoding in plain-data form.
 * @returns `{ none: 0, other: 5, codes: { planning: 1, setup: 2, execution: 3, verification: 4 } }`
 */
export function phaseEncoding(): PhaseEncoding {
  return { none: NO_PHASE_CODE, other: OTHER_PHASE_CODE, codes: { ...PHASE_CODES } };
}

/**
 * The code of one phase, in JavaScript (for messages and checks; features come from SQL).
 * @param phase phase name, or null / undefined for none
 * @returns 0-5
 * @example phaseCode('Execution') // 3
 */
export function phaseCode(phase: string | null | undefined): number {
  if (phase === null || phase === undefined) return NO_PHASE_CODE;
  const key = phase.trim().toLowerCase();
  if (key === '') return NO_PHASE_CODE;
  return Object.hasOwn(PHASE_CODES, key) ? PHASE_CODES[key] : OTHER_PHASE_CODE;
}

/**
 * The same encoding as a SQL expression over a VARCHAR column.
 * @param column a column name or SQL expression
 * @returns a CASE expression giving an INTEGER 0-5
 * @example phaseCodeSql('workflow_phase') // "CASE WHEN workflow_phase IS NULL OR trim(workflow_phase) = '' THEN 0 WHEN lower(trim(workflow_phase)) = 'planning' THEN 1 ... ELSE 5 END"
 */
export function phaseCodeSql(column: string): string {
  const known = Object.entries(PHASE_CODES)
    .map(([name, code]) => `WHEN lower(trim(${column})) = '${name}' THEN ${code}`)
    .join(' ');
  return `CASE WHEN ${column} IS NULL OR trim(${column}) = '' THEN ${NO_PHASE_CODE} ${known} ELSE ${OTHER_PHASE_CODE} END`;
}

/**
 * True when a stored encoding equals this build's.
 * @param encoding the `phaseEncoding` field of a model's JSON
 */
export function samePhaseEncoding(encoding: unknown): boolean {
  if (typeof encoding !== 'object' || encoding === null) return false;
  const e = encoding as Partial<PhaseEncoding>;
  const ours = phaseEncoding();
  if (e.none !== ours.none || e.other !== ours.other || typeof e.codes !== 'object' || e.codes === null) return false;
  const theirs = Object.entries(e.codes);
  return theirs.length === Object.keys(ours.codes).length && theirs.every(([k, v]) => ours.codes[k] === v);
}
