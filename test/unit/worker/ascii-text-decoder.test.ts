import { describe, expect, it } from 'vitest';
import initSqlJs from 'sql.js';
import { ASCII_FAST_MAX, asciiFastTextDecoder, withAsciiFastTextDecoder } from '../../../worker/ascii-text-decoder.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('asciiFastTextDecoder', () => {
  const Fast = asciiFastTextDecoder(TextDecoder);
  const native = new TextDecoder();
  const fast = new Fast();

  it('decodes every input as the native decoder does', () => {
    const inputs: Uint8Array[] = [
      new Uint8Array(0),
      utf8('pytest-run'),
      utf8('2026-11-24T19:05:25.965617+00:00'),
      utf8('x'.repeat(ASCII_FAST_MAX)),
      utf8('y'.repeat(ASCII_FAST_MAX + 1)),
      utf8('café ☕ 🦆'),
      utf8('\uFEFFbom'),
      Uint8Array.of(0x61, 0xff, 0x62), // invalid UTF-8: U+FFFD in the middle
      Uint8Array.of(0x7f, 0x00, 0x41), // DEL, NUL, 'A' stay ASCII
      Uint8Array.of(0xc3), // truncated sequence
    ];
    const big = utf8(`${'z'.repeat(1000)}session-42${'z'.repeat(1000)}`);
    inputs.push(big.subarray(1000, 1010)); // a view into a larger buffer, as sql.js passes
    for (const input of inputs) expect(fast.decode(input)).toBe(native.decode(input));
    expect(fast.decode(big.subarray(1000, 1010))).toBe('session-42');
    expect(fast.decode()).toBe('');
    expect(fast.decode(new Uint16Array([0x6968]).buffer)).toBe(native.decode(new Uint16Array([0x6968]).buffer));
  });

  it('keeps streaming and fatal decoders native', () => {
    const fatal = new Fast('utf-8', { fatal: true });
    expect(() => fatal.decode(Uint8Array.of(0xff))).toThrow(TypeError);
    expect(fatal.decode(utf8('ok'))).toBe('ok');
    const stream = new Fast();
    expect(stream.decode(Uint8Array.of(0xe2, 0x98), { stream: true }) + stream.decode(Uint8Array.of(0x95))).toBe('☕');
  });
});

describe('withAsciiFastTextDecoder', () => {
  it('gives sql.js the fast decoder only: ASCII cells never reach the native decoder, others do, and the global is restored', async () => {
    const Original = globalThis.TextDecoder;
    let nativeCalls = 0;
    class Counting extends Original {
      override decode(input?: AllowSharedBufferSource, options?: TextDecodeOptions): string {
        nativeCalls++;
        return super.decode(input, options);
      }
    }
    globalThis.TextDecoder = Counting;
    let SQL: Awaited<ReturnType<typeof initSqlJs>>;
    try {
      SQL = await withAsciiFastTextDecoder(() => initSqlJs());
      expect(globalThis.TextDecoder).toBe(Counting);
    } finally {
      globalThis.TextDecoder = Original;
    }
    const db = new SQL.Database();
    db.run('CREATE TABLE t (s TEXT)');
    db.run('INSERT INTO t VALUES (?), (?), (?), (?)', ['pytest-run', '2026-11-24T19:05:25.965617+00:00', 'café ☕', 'w'.repeat(300)]);
    nativeCalls = 0;
    const stmt = db.prepare('SELECT s FROM t ORDER BY rowid');
    const got: string[] = [];
    const callsAfter: number[] = [];
    while (stmt.step()) {
      got.push(stmt.get()[0] as string);
      callsAfter.push(nativeCalls);
    }
    stmt.free();
    db.close();
    expect(got).toEqual(['pytest-run', '2026-11-24T19:05:25.965617+00:00', 'café ☕', 'w'.repeat(300)]);
    // Two ASCII cells decoded in JavaScript, then the non-ASCII and the long cell natively.
    expect(callsAfter).toEqual([0, 0, 1, 2]);
  });
});
