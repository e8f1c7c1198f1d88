/**
 * The skill as a native category of the boosted trees (feature set 'categories'): each skill of
 * the fitting rows gets an integer code, the most frequent first (ties by name), and the trees
 * split on sets of codes (boosting/train-boosted.ts). With more than 255 skills the 254 most
 * frequent keep their own code and the rest share code 254. A skill the fit never saw gets -1,
 * which a categorical node sends to its child with more training rows (scikit-learn's rule for
 * values it did not meet in training). The workflow phase column (codes 0-5) is the other
 * category of that feature set. Stored in the model, so scored rows use the fit's codes.
 */

/** The learned mapping skill → code. */
export interface SkillCategories {
  /** The fit's skills, most frequent first: code = min(index, 254). */
  names: string[];
}

/** Name of the skill column in the 'categories' feature set. */
export const SKILL_CATEGORY_FEATURE = 'skill';
/** Its description (explanations, report). */
export const SKILL_CATEGORY_DESCRIPTION = 'the skill itself, as a category (code of the skill in the model’s training rows; -1 for a skill it never saw)';
/** Code of a skill the fit never saw. */
export const UNSEEN_SKILL = -1;
/** The last code, shared by the 255th and every rarer skill. */
const LAST_CODE = 254;

/**
 * Learns the codes from the fitting rows.
 * @param skills skill of each row
 * @returns the mapping
 * @example fitSkillCategories(['b', 'a', 'b']) // { names: ['b', 'a'] }
 */
export function fitSkillCategories(skills: readonly string[]): SkillCategories {
  const counts = new Map<string, number>();
  for (const s of skills) counts.set(s, (counts.get(s) ?? 0) + 1);
  return { names: [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([s]) => s) };
}

/**
 * Codes of many rows.
 * @param c the mapping
 * @param skills skill of each row
 * @returns one code per row; {@link UNSEEN_SKILL} for a skill not in the mapping
 * @example skillCodes({ names: ['b', 'a'] }, ['a', 'z']) // Float64Array [1, -1]
 */
export function skillCodes(c: SkillCategories, skills: readonly string[]): Float64Array {
  const index = new Map(c.names.map((s, i) => [s, Math.min(i, LAST_CODE)]));
  // A plain loop: Float64Array.from with a callback took ~0.1 s per 100k rows.
  const codes = new Float64Array(skills.length);
  for (let i = 0; i < skills.length; i++) codes[i] = index.get(skills[i]) ?? UNSEEN_SKILL;
  return codes;
}

/**
 * Checks a mapping read from JSON.
 * @param raw the stored value
 * @returns the mapping
 * @throws Error when it is malformed
 */
export function readSkillCategories(raw: unknown): SkillCategories {
  const c = raw as SkillCategories;
  const ok = typeof c === 'object' && c !== null && Array.isArray(c.names) && c.names.every((s) => typeof s === 'string') && new Set(c.names).size === c.names.length;
  if (!ok) throw new Error('the skill categories are damaged');
  return { names: [...c.names] };
}
