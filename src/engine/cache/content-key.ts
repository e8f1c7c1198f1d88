/**
 * The content key of an opened file: the database's byte length, then SHA-256 of the database bytes
 * and of its -wal log, so that any changed byte of either gives another key. The length comes
 * first so that the cache's names alone say whether an entry could answer for a file (only one of
 * exactly the same length can): a first open with no such entry opens without waiting for the hash.
 * Hashing 37 MiB (100k invocations) took ~22 ms
 * with Node's crypto and ~45 ms with SubtleCrypto in Node (5 runs, load ~3): a host may pass a
 * faster digest (Node does).
 */

/** A SHA-256 digest function (Node: node:crypto; default: SubtleCrypto). */
export type Digest = (bytes: Uint8Array) => Promise<Uint8Array> | Uint8Array;

/**
 * SHA-256 with SubtleCrypto (browsers, workers, Node ≥ 20).
 * @example await sha256(new Uint8Array([1, 2, 3])) // 32 bytes
 */
export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/**
 * The key of a database and its log.
 * @param db the database bytes as opened (the saved local copy when there is one)
 * @param wal the -wal log given with it, or null
 * @param digest the host's digest (default SubtleCrypto)
 * @returns `<db byte length>.<sha256 of db>-<sha256 of wal | "nowal">`
 * @example await contentKey(bytes, null) // '38797312.3f2a…-nowal'
 */
export async function contentKey(db: Uint8Array, wal: Uint8Array | null, digest: Digest = sha256): Promise<string> {
  const d = hex(await digest(db));
  return `${lengthPrefix(db.byteLength)}${d}-${wal ? hex(await digest(wal)) : 'nowal'}`;
}

/**
 * How every key of a database of `bytes` bytes begins.
 * @example lengthPrefix(4096) // '4096.'
 */
export function lengthPrefix(bytes: number): string {
  return `${bytes}.`;
}

/** A key of this format (an entry's name without its extension): anything else is another format's, never read. */
export const KEY_SHAPE = /^\d+\.[0-9a-f]+-(?:[0-9a-f]+|nowal)$/;
