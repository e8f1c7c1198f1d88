import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAnalytics } from '../../../src/node/index.js';
import { runCli, runCliJson } from './run-cli.js';

describe('CLI info', () => {
  it('prints exactly the API result as one JSON document', async () => {
    const engine = await openAnalytics('test/fixtures/sample.db');
    const expected = await engine.info();
    await engine.dispose();
    const { status, json } = runCliJson(['info', 'test/fixtures/sample.db']);
    expect(status).toBe(0);
    expect(json).toEqual(expected);
  });

  it('prints a readable summary without --json', () => {
    const r = runCli(['info', 'test/fixtures/legacy.db']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^invocations\s+2000$/m);
    expect(r.stdout).toMatch(/^firstInvocation\s+2026-11-10T23:22:12\.856278Z$/m);
  });

  it('a broken file prints {"error":{code,message}} and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sba-'));
    const file = join(dir, 'page.db');
    writeFileSync(file, '<html>not a db</html>');
    const { status, json } = runCliJson(['info', file]);
    expect(status).toBe(1);
    expect(json.error.code).toBe('NOT_SQLITE');
    expect(json.error.message).toMatch(/not a SQLite database/);
  });

  it('usage errors exit 2', () => {
    expect(runCli(['info']).status).toBe(2);
    expect(runCli(['no-such-command']).status).toBe(2);
    expect(runCli(['info', 'test/fixtures/sample.db', '--bogus', '1']).status).toBe(2);
  });
});
