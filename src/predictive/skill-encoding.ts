/**
 * The skill as a model feature (the optional 8th, `skill_rate_prior`): each skill is replaced by
 * its smoothed completion rate in the rows the model is fitted on, (done + m · rate) / (n + m) with
 * m = 20 and rate = the overall rate; a skill the fit never saw gets the overall rate. The mapping
 * is learned from the fitting rows only and stored in the model, so rows scored later (the holdout,
 * live invocations) never see their own or any later outcome. The fitting rows themselves get the
 * same formula over the skill's EARLIER fitting rows only ({@link orderedSkillColumn}, CatBoost's
 * "ordered target statistics"): with its own label in its value a row leaks its outcome, and trees
 * grown on that learn to trust the feature too much (measured: Brier 0.1818 vs 0.1802 without the
 * skill on the generated 100k file). The feature is point-in-time safe everywhere. Trees split on
 * it as on an ordered categorical (skills sorted by completion rate).
 */

/** The learned mapping skill → encoded value. */
export interface SkillEncoding {
  /** Overall completion rate of the fitting rows (value of unseen skills). */
  prior: number;
  /** Pseudo-rows of the prior added to every skill. */
  smoothing: number;
  /** Encoded value per skill seen in the fitting rows. */
  values: Record<string, number>;
}

/** Name of the 8th feature. */
export const SKILL_FEATURE = 'skill_rate_prior';
/** Its description (explanations, report). */
export const SKILL_FEATURE_DESCRIPTION = 'the skill itself, as its smoothed completion rate in the model’s training rows';

/**
 * Learns the encoding from fitting rows.
 * @param skills skill of each row
 * @param labels completed 0/1 of each row
 * @param smoothing pseudo-rows of the overall rate (default 20)
 * @returns the mapping
 * @example fitSkillEncoding(['a', 'a', 'b'], Uint8Array.of(1, 1, 0), 1).values // { a: 0.888…, b: 0.333… }
 */
export function fitSkillEncoding(skills: readonly string[], labels: ArrayLike<number>, smoothing = 20): SkillEncoding {
  const stats = new Map<string, [number, number]>();
  let done = 0;
  skills.forEach((s, i) => {
    const e = stats.get(s) ?? [0, 0];
    e[0]++;
    e[1] += labels[i];
    done += labels[i];
    stats.set(s, e);
  });
  const prior = skills.length > 0 ? done / skills.length : 0;
  const values: Record<string, number> = {};
  for (const [s, [n, d]] of [...stats].sort((a, b) => (a[0] < b[0] ? -1 : 1))) values[s] = (d + smoothing * prior) / (n + smoothing);
  return { prior, smoothing, values };
}

/**
 * The column for the fitting rows themselves: each row from the same skill's earlier rows (in the
 * given order, which is (invoked_at, id)), with the prior taken over all fitting rows.
 * @param skills skill of each fitting row, in time order
 * @param labels completed 0/1
 * @param prior the overall rate ({@link SkillEncoding.prior})
 * @param smoothing pseudo-rows (default 20)
 * @returns one value per row
 * @example orderedSkillColumn(['a', 'a', 'a'], [1, 1, 0], 0.5, 2) // [0.5, 0.666…, 0.75]
 */
export function orderedSkillColumn(skills: readonly string[], labels: ArrayLike<number>, prior: number, smoothing = 20): Float64Array {
  const seen = new Map<string, [number, number]>();
  return Float64Array.from(skills, (s, i) => {
    const e = seen.get(s) ?? [0, 0];
    const v = (e[1] + smoothing * prior) / (e[0] + smoothing);
    e[0]++;
    e[1] += labels[i];
    seen.set(s, e);
    return v;
  });
}

/**
 * The encoded value of one skill.
 * @param e the mapping
 * @param skill skill name
 * @returns its value, or the prior for an unseen skill
 */
export function encodeSkill(e: SkillEncoding, skill: string): number {
  return Object.hasOwn(e.values, skill) ? e.values[skill] : e.prior;
}

/**
 * The encoded column of many rows.
 * @param e the mapping
 * @param skills skill of each row
 * @returns one value per row
 */
export function encodeSkills(e: SkillEncoding, skills: readonly string[]): Float64Array {
  return Float64Array.from(skills, (s) => encodeSkill(e, s));
}

/**
 * Checks a mapping read from JSON.
 * @param raw the stored value
 * @returns the mapping
 * @throws Error when it is malformed
 */
export function readSkillEncoding(raw: unknown): SkillEncoding {
  const e = raw as SkillEncoding;
  const ok =
    typeof e === 'object' &&
    e !== null &&
    Number.isFinite(e.prior) &&
    Number.isFinite(e.smoothing) &&
    typeof e.values === 'object' &&
    e.values !== null &&
    Object.values(e.values).every((v) => typeof v === 'number' && v >= 0 && v <= 1);
  if (!ok) throw new Error('the skill encoding is damaged');
  return { prior: e.prior, smoothing: e.smoothing, values: { ...e.values } };
}
