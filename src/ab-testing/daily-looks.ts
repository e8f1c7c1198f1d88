/**
 * The daily looks of a sequential analysis: rows ordered by UTC day, handed out one day at a time.
 */

/**
 * Groups consecutive rows of the same day.
 * @param rows rows ordered by `day`
 * @returns each day with its rows, in order
 * @throws never
 * @example [...dailyLooks([{ day: 'a' }, { day: 'a' }, { day: 'b' }])].map((l) => l.rows.length) // [2, 1]
 */
export function* dailyLooks<T extends { day: string }>(rows: readonly T[]): Generator<{ day: string; rows: T[] }> {
  let i = 0;
  while (i < rows.length) {
    const day = rows[i].day;
    const today: T[] = [];
    for (; i < rows.length && rows[i].day === day; i++) today.push(rows[i]);
    yield { day, rows: today };
  }
}
