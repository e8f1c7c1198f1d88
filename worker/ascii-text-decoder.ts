/**
 * A TextDecoder for sql.js in Chromium. sql.js turns every text cell into a string with one
 * `TextDecoder.decode(view of the wasm memory)` call, which is slow in Chromium: reading the 7
 * columns of 1M generated invocations with `stmt.get()` took 3.6 s in a Chromium page (CPU
 * profile: 1.5 s inside `decode`, 0.6 s garbage collection; `invoked_at` alone 1.9 s) against
 * 0.9 s in Node. Short ASCII text — every cell session-buddy writes (names, ids, timestamps) — is
 * decoded here in JavaScript instead: the same read took 1.4 s. Anything else goes to the native
 * decoder, so the strings are the same.
 */

/** Longest input decoded in JavaScript; longer text goes to the native decoder. */
export const ASCII_FAST_MAX = 256;

/**
 * The decoder class sql.js should construct: decodes short all-ASCII input with
 * `String.fromCharCode`, everything else (and any call with options, or streaming) natively.
 * @param Native the platform's TextDecoder
 * @returns a subclass with the same results as `Native` for every input
 * @example
 * const Fast = asciiFastTextDecoder(TextDecoder);
 * new Fast().decode(new Uint8Array([104, 105])); // 'hi'
 */
export function asciiFastTextDecoder(Native: typeof TextDecoder): typeof TextDecoder {
  return class AsciiFastTextDecoder extends Native {
    override decode(input?: AllowSharedBufferSource, options?: TextDecodeOptions): string {
      if (options === undefined && input instanceof Uint8Array && input.length <= ASCII_FAST_MAX && this.encoding === 'utf-8' && !this.fatal) {
        const n = input.length;
        let i = 0;
        while (i < n && input[i] < 0x80) i++;
        // Pure ASCII: the same code units as UTF-8 decoding (no BOM, no replacement possible).
        if (i === n) return String.fromCharCode.apply(null, input as unknown as number[]);
      }
      return super.decode(input, options);
    }
  };
}

/**
 * Runs `init` while `globalThis.TextDecoder` is the fast decoder, then restores the native one.
 * sql.js builds its one decoder synchronously inside its first `initSqlJs()` call, so only that
 * decoder is the fast one; no other code sees the swap.
 * @param init starts sql.js (e.g. `() => initSqlJs({ locateFile })`)
 * @returns what `init` returned
 * @example const SQL = await withAsciiFastTextDecoder(() => initSqlJs({ locateFile: () => url }));
 */
export function withAsciiFastTextDecoder<T>(init: () => T): T {
  const g = globalThis as { TextDecoder: typeof TextDecoder };
  const Native = g.TextDecoder;
  if (typeof Native !== 'function') return init();
  g.TextDecoder = asciiFastTextDecoder(Native);
  try {
    return init();
  } finally {
    g.TextDecoder = Native;
  }
}
