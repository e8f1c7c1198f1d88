/**
 * Dictionary encoding of a text column: its distinct values in order of first appearance and one
 * code per row (NULL is a value of its own). The warehouse's load and the open cache's entries use it.
 */

/**
 * Encodes the first `n` values.
 * @param values the column
 * @param n rows to encode
 * @returns distinct values and a code per row (an index into them; never -1)
 * @example dictionaryEncode(['a', null, 'a'], 3) // { values: ['a', null], codes: Int32Array [0, 1, 0] }
 */
export function dictionaryEncode<T extends string | null>(values: readonly T[], n: number): { values: T[]; codes: Int32Array } {
  const index = new Map<T, number>();
  const out: T[] = [];
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let c = index.get(v);
    if (c === undefined) {
      c = out.length;
      index.set(v, c);
      out.push(v);
    }
    codes[i] = c;
  }
  return { values: out, codes };
}
