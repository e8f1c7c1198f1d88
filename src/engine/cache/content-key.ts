/**
 * The content key of an opened file: the database's byte length, then the 128-bit XXH3 hash
 * (XXH128, hash-wasm's WebAssembly) of the database bytes and of its -wal log, so that any changed
 * byte of either gives another key. The length comes first so that the cache's names alone say
 * whether an entry could answer for a file (only one of exactly the same length can): a first open
 * with no such entry opens without waiting for the hash.
 *
 * Why XXH128 and not SHA-256: a caller's bytes are hashed before a reopen can answer, and on 37 MiB
 * (100k invocations) SHA-256 took 22 ms with node:crypto (SHA instructions; SHA-1 20, BLAKE2b 38,
 * MD5 51 ms) and 42 ms with SubtleCrypto, XXH128 8.9 ms — the reopen's largest part. The key only
 * has to tell files apart (a collision between two different files of the same length is
 * 2^-128-unlikely); the entry is not a secret and is checked against its own key and seal.
 */
import type { IHasher } from 'hash-wasm';

/**
 * A hash function: a content key's (16 bytes) or an entry's seal (at most 32 bytes); `load`, when
 * there, loads what it runs on ahead of the first hash.
 */
export type Digest = ((bytes: Uint8Array) => Promise<Uint8Array> | Uint8Array) & { load?: () => void };

/**
 * XXH128 (16 bytes, XXH3's canonical big-endian form) as a Digest, on a hasher the host loads on
 * the first hash: a bundle imports `createXXHash128` by name (it keeps only XXH128, ~20 KB, with
 * no dynamic import in the one-file worker); Node imports hash-wasm then (~20 ms in a new process,
 * which an open answered by its file identity never pays).
 * @param load compiles the hasher (hash-wasm's `createXXHash128`)
 * @example const digest = xxh128Digest(createXXHash128); await digest(new Uint8Array()) // 99aa06d3…497f
 */
export function xxh128Digest(load: () => Promise<IHasher>): Digest {
  let hasher: Promise<IHasher> | null = null;
  const loaded = () =>
    (hasher ??= load().catch((e: unknown) => {
      hasher = null;
      throw e;
    }));
  const digest = async (bytes: Uint8Array) => {
    const h = await loaded();
    // init, update and digest run without a turn between them: one hasher serves every caller.
    h.init();
    h.update(bytes);
    return h.digest('binary');
  };
  return Object.assign(digest, { load: () => void loaded().catch(() => undefined) });
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/**
 * The key of a database and its log.
 * @param db the database bytes as opened (the saved local copy when there is one)
 * @param wal the -wal log given with it, or null
 * @param digest the content hash (the host's {@link xxh128Digest})
 * @returns `<db byte length>.<xxh128 of db>-<xxh128 of wal | "nowal">`
 * @example await contentKey(bytes, null, digest) // '38797312.3f2a…-nowal'
 */
export async function contentKey(db: Uint8Array, wal: Uint8Array | null, digest: Digest): Promise<string> {
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

/**
 * A key of this format (an entry's name without its extension): anything else is another
 * format's (e.g. the SHA-256 keys before 128-bit hashes), never read and removed at the next save.
 */
export const KEY_SHAPE = /^\d+\.[0-9a-f]{32}-(?:[0-9a-f]{32}|nowal)$/;
