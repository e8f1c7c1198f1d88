/**
 * Runs the CLI as a user does: the BUILT bin (dist/node, made by `npm run build:node`) when present,
 * otherwise the TypeScript source through tsx.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const BUILT = 'dist/node/src/node/cli.js';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[]): CliResult {
  const argv = existsSync(BUILT) ? [BUILT, ...args] : ['--import', 'tsx', 'src/node/cli.ts', ...args];
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The single JSON document a `--json` run printed. */
export function runCliJson(args: string[]): { status: number | null; json: any } {
  const r = runCli([...args, '--json']);
  return { status: r.status, json: JSON.parse(r.stdout) };
}
