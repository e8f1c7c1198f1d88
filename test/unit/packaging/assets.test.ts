/** createAnalytics({ assets }): the overrides are resolved against the page before they cross to the worker. */
import { describe, expect, it } from 'vitest';
import { resolveAssets } from '../../../src/client/assets.js';

describe('resolveAssets', () => {
  const page = 'https://example.org/app/report.html';

  it('resolves relative URLs and URL objects against the page, leaving out undefined', () => {
    expect(resolveAssets({ duckdbWasm: 'wasm/duckdb-eh.wasm', sqlWasm: new URL('https://cdn.example.net/sql.wasm'), duckdbMvpWasm: undefined }, page)).toEqual({
      duckdbWasm: 'https://example.org/app/wasm/duckdb-eh.wasm',
      sqlWasm: 'https://cdn.example.net/sql.wasm',
    });
    expect(resolveAssets({ duckdbMvpWasm: '/mvp.wasm' }, page)).toEqual({ duckdbMvpWasm: 'https://example.org/mvp.wasm' });
    expect(resolveAssets({}, page)).toEqual({});
  });

  it('rejects an unknown key, a value that is not a URL and a non-object with INVALID_ARGUMENT', () => {
    expect(() => resolveAssets({ duckdbWASM: 'x.wasm' } as never, page)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('unknown asset "duckdbWASM"') }),
    );
    expect(() => resolveAssets({ sqlWasm: 42 } as never, page)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('assets.sqlWasm') }));
    expect(() => resolveAssets({ sqlWasm: 'http://[bad' }, page)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('not a valid URL') }),
    );
    expect(() => resolveAssets(null as never, page)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
