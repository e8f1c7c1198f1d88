/**
 * Runs the CLI as a user does: the BUILT bin (dist/node, made by `npm run build:node`, which
 * `npm test` runs first) when it is newer than every source file, otherwise the TypeScript source
 * through tsx (so a stale build never answers for new code).
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const BUILT = 'dist/node/src/node/cli.js';

function newestSource(dir = 'src'): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** The node arguments that start the CLI. */
export const CLI_ARGV: string[] = existsSync(BUILT) && statSync(BUILT).mtimeMs >= newestSource() ? [BUILT] : ['--import', 'tsx', 'src/node/cli.ts'];

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI and waits for it. */
export function runCli(args: string[]): CliResult {
  const r = spawnSync(process.execPath, [...CLI_ARGV, ...args], { encoding: 'utf8', timeout: 300_000, maxBuffer: 256 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the CLI without blocking (several can run at once). */
export function runCliAsync(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...CLI_ARGV, ...args], { encoding: 'utf8', timeout: 300_000, maxBuffer: 256 << 20 }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** The single JSON document a `--json` run printed. */
// biome-ignore lint/suspicious/noExplicitAny: tests read whatever fields the command printed
export function runCliJson(args: string[]): { status: number | null; json: any } {
  const r = runCli([...args, '--json']);
  return { status: r.status, json: JSON.parse(r.stdout) };
}

/** Runs the CLI without blocking; resolves with its exit status (-1 when killed) and stdout. */
export async function cli(...args: string[]): Promise<{ status: number; stdout: string }> {
  const r = await runCliAsync(args);
  return { status: r.status ?? -1, stdout: r.stdout };
}

/** Starts every named run at once (each starts a process and DuckDB: seconds) and collects the results by name. */
export async function runAllCli<K extends string>(runs: Record<K, string[]>): Promise<Record<K, { status: number; stdout: string }>> {
  const names = Object.keys(runs) as K[];
  const results = await Promise.all(names.map((n) => cli(...runs[n])));
  return Object.fromEntries(names.map((n, i) => [n, results[i]])) as Record<K, { status: number; stdout: string }>;
}
