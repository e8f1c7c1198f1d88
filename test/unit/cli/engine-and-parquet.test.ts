/**
 * The CLI's global `--engine native|wasm|auto` (same answers on both warehouses), several `<db>`
 * as one dataset, and `export-parquet <db…> --out DIR`.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runCliJson } from './run-cli.js';

describe('CLI --engine', () => {
  it('prints the same hourly and trend answers on native DuckDB and DuckDB-WASM', () => {
    for (const command of [
      ['hourly', 'test/fixtures/sample.db', '--hours', '168', '--as-of', '2026-11-24T17:00:52Z'],
      ['trend', 'test/fixtures/sample.db', 'pytest-run', '--as-of', '2026-11-24 19:05:46'],
    ]) {
      const native = runCliJson([...command, '--engine', 'native']);
      const wasm = runCliJson([...command, '--engine=wasm']);
      expect(native.status).toBe(0);
      expect(wasm.status).toBe(0);
      expect(native.json).toEqual(wasm.json);
    }
    expect(runCliJson(['trend', 'test/fixtures/sample.db', 'pytest-run', '--as-of', '2026-11-24 19:05:46', '--engine', 'native']).json.pValue).toBeCloseTo(
      0.059170200148162544,
      12,
    );
  });

  it('an unknown engine is a usage error (exit 2)', () => {
    const r = runCli(['info', 'test/fixtures/sample.db', '--engine', 'gpu']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--engine must be native, wasm or auto/);
  });
});

describe('CLI with several <db>', () => {
  it('opens them as one dataset; same answers on both warehouses', () => {
    const info = runCliJson(['info', 'test/fixtures/sample.db', 'test/fixtures/legacy.db']);
    expect(info.status).toBe(0);
    expect(info.json.invocations).toBe(4000);
    expect(info.json.sources.map((s: { name: string }) => s.name)).toEqual(['sample.db', 'legacy.db']);
    const args = ['trend', 'test/fixtures/sample.db', 'test/fixtures/legacy.db', 'pytest-run', '--as-of', '2026-11-24 19:05:46'];
    const native = runCliJson([...args, '--engine', 'native']);
    const wasm = runCliJson([...args, '--engine', 'wasm']);
    expect(native.status).toBe(0);
    expect(native.json).toEqual(wasm.json);
    expect(native.json.skillName).toBe('pytest-run');
  });

  it('report publishes one file: several are a usage error', () => {
    const r = runCli(['report', 'test/fixtures/sample.db', 'test/fixtures/legacy.db', '--out', join(tmpdir(), 'never-written')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/report publishes one file/);
  });
});

describe('CLI export-parquet', () => {
  it('writes invocations and the A/B tables and reports them as JSON', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sba-cli-')), 'parquet');
    try {
      const { status, json } = runCliJson(['export-parquet', 'test/fixtures/sample.db', '--out', out]);
      expect(status).toBe(0);
      expect(json.files.map((f: { table: string; rows: number }) => [f.table, f.rows])).toEqual([
        ['invocations', 2000],
        ['ab_test_configs', 2],
        ['ab_test_assignments', 1200],
        ['ab_test_outcomes', 6007],
      ]);
      for (const f of json.files) expect(statSync(f.path).size).toBe(f.bytes);
    } finally {
      rmSync(join(out, '..'), { recursive: true, force: true });
    }
  });

  it('--engine wasm cannot write Parquet: NATIVE_UNAVAILABLE, exit 1', () => {
    const out = mkdtempSync(join(tmpdir(), 'sba-cli-'));
    try {
      const { status, json } = runCliJson(['export-parquet', 'test/fixtures/sample.db', '--out', out, '--engine', 'wasm']);
      expect(status).toBe(1);
      expect(json.error.code).toBe('NATIVE_UNAVAILABLE');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('without --out: usage error', () => {
    expect(runCli(['export-parquet', 'test/fixtures/sample.db']).status).toBe(2);
  });
});
