/**
 * Turns whatever a caller hands to `open()` into bytes: Uint8Array, ArrayBuffer, Blob/File, or a
 * same-origin URL (fetched from this origin only: nothing leaves the machine).
 */
import { AnalyticsError } from './errors.js';

/** Anything `open()` accepts. */
export type OpenSource = Uint8Array | ArrayBuffer | Blob | string | URL;

/** Files larger than this cannot be held by sql.js in a 32-bit wasm heap next to their copy. */
export const MAX_FILE_BYTES = 1536 * 1024 * 1024;

const own = new WeakSet<Uint8Array>();

/**
 * Marks bytes this library read itself (a path, a Blob, a URL): no caller holds them, so they do
 * not change after open() (the cache of opens then hashes them later without a copy).
 * @returns the same bytes
 * @example ownBytes(new Uint8Array(await readFile(path)))
 */
export function ownBytes(bytes: Uint8Array): Uint8Array {
  own.add(bytes);
  return bytes;
}

const identities = new WeakMap<Uint8Array, string>();

/**
 * Bytes this library read from a file whose identity it checked: the same before and after the
 * read (Node: device, inode, size and change times of the file and of its -wal). The cache of
 * opens finds an unchanged file's entry by it without hashing the bytes.
 * @returns the same bytes, marked as the library's own
 */
export function identifiedBytes(bytes: Uint8Array, identity: string): Uint8Array {
  identities.set(ownBytes(bytes), identity);
  return bytes;
}

/** The identity {@link identifiedBytes} gave these bytes, or undefined. */
export function identityOf(bytes: Uint8Array): string | undefined {
  return identities.get(bytes);
}

/** Did this library read these bytes itself ({@link ownBytes})? A caller's Uint8Array or ArrayBuffer is not. */
export function isOwnBytes(bytes: Uint8Array): boolean {
  return own.has(bytes);
}

export async function readOpenSource(source: OpenSource): Promise<Uint8Array> {
  let bytes: Uint8Array;
  if (source instanceof Uint8Array) bytes = source;
  else if (source instanceof ArrayBuffer) bytes = new Uint8Array(source);
  else if (typeof Blob !== 'undefined' && source instanceof Blob) {
    checkSize(source.size);
    bytes = ownBytes(new Uint8Array(await source.arrayBuffer()));
  } else if (typeof source === 'string' || source instanceof URL) bytes = ownBytes(await fetchSameOrigin(source));
  else throw new AnalyticsError('INVALID_ARGUMENT', 'open: pass a File, Blob, ArrayBuffer, Uint8Array or a same-origin URL');
  checkSize(bytes.byteLength);
  return bytes;
}

function checkSize(size: number): void {
  if (size > MAX_FILE_BYTES) {
    throw new AnalyticsError(
      'FILE_TOO_LARGE',
      `open: the file has ${(size / 2 ** 20).toFixed(0)} MiB; at most ${MAX_FILE_BYTES / 2 ** 20} MiB can be analysed in a browser tab. Prune old invocations or use the CLI on a smaller export`,
      { bytes: size, limit: MAX_FILE_BYTES },
    );
  }
}

async function fetchSameOrigin(url: string | URL): Promise<Uint8Array> {
  const base = typeof location !== 'undefined' ? location.href : undefined;
  let target: URL;
  try {
    target = new URL(String(url), base);
  } catch {
    throw new AnalyticsError('INVALID_ARGUMENT', `open: "${String(url)}" is not a URL or path`);
  }
  if (typeof location === 'undefined' || target.origin !== location.origin) {
    throw new AnalyticsError(
      'INVALID_ARGUMENT',
      `open: only same-origin URLs are fetched (got ${target.origin}); nothing is downloaded from another host. Pass the file's bytes instead`,
    );
  }
  let res: Response;
  try {
    res = await fetch(target);
  } catch (e) {
    throw new AnalyticsError('FETCH_FAILED', `open: could not fetch ${target.pathname}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!res.ok) throw new AnalyticsError('FETCH_FAILED', `open: ${target.pathname} answered HTTP ${res.status}; check the ?db= path`);
  const len = Number(res.headers.get('content-length') ?? 0);
  if (len) checkSize(len);
  return new Uint8Array(await res.arrayBuffer());
}
