#!/usr/bin/env node
/**
 * session-buddy-analytics: the engine on the command line. `--json` prints exactly one JSON
 * document; failures print `{"error":{"code","message"}}` and exit 1; usage errors exit 2.
 */
import { isAnalyticsError, toAnalyticsError } from '../engine/errors.js';
import { parseArgs, UsageError, type Command } from './cli-args.js';
import { COMMANDS } from './commands/index.js';
import { statSync } from 'node:fs';
import { useDatabases, useThreads, useWarehouseEngine } from './commands/with-engine.js';
import { parseEngine } from './native/engine-choice.js';

const ENGINE_HELP = [
  'Every command reading a <db> but report takes several files too (<db> <db> …: one dataset, rows tagged with their file in `source`),',
  'and --engine native|wasm|auto (default auto: native DuckDB from 32 MiB of input when @duckdb/node-api is installed, else DuckDB-WASM; same answers)',
  "and --threads N (native DuckDB's threads; default all cores; 1 = bit-identical to DuckDB-WASM on any size).",
].join('\n');

function usage(): string {
  return ['usage: session-buddy-analytics <command> ...', '', ...Object.values(COMMANDS).map((c: Command) => `  session-buddy-analytics ${c.usage}`), '', ENGINE_HELP].join('\n');
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const json = rest.includes('--json');
  if (!name || name === '--help' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`unknown command "${name}"`);
    const args = parseArgs(rest);
    // --engine is global: taken here, so that no command has to list it.
    const engine = args.flags.get('engine');
    if (engine !== undefined) {
      if (engine === true || !['native', 'wasm', 'auto'].includes(engine))
        throw new UsageError(`--engine must be native, wasm or auto (got ${engine === true ? 'nothing' : `"${engine}"`})`);
      useWarehouseEngine(parseEngine(engine));
      args.flags.delete('engine');
    }
    const threads = args.flags.get('threads');
    if (threads !== undefined) {
      const n = Number(threads);
      if (threads === true || !Number.isInteger(n) || n < 1) throw new UsageError(`--threads must be a whole number ≥ 1 (got ${threads === true ? 'nothing' : `"${threads}"`})`);
      useThreads(n);
      args.flags.delete('threads');
    }
    // <db> <db> …: the leading arguments that are files form one dataset; the command sees the first.
    let files = 0;
    while (files < args.positionals.length && isFile(args.positionals[files])) files++;
    if (files > 1) {
      useDatabases(args.positionals.slice(0, files));
      args.positionals.splice(1, files - 1);
    }
    if (args.flags.has('help')) {
      process.stdout.write(`usage: session-buddy-analytics ${command.usage}\n`);
      return 0;
    }
    const out = await command.run(args);
    process.stdout.write(`${json ? JSON.stringify(out.json) : out.text}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      if (json) process.stdout.write(`${JSON.stringify({ error: { code: 'USAGE', message: e.message } })}\n`);
      process.stderr.write(`error: ${e.message}\n\n${command ? `usage: session-buddy-analytics ${command.usage}` : usage()}\n`);
      return 2;
    }
    const err = isAnalyticsError(e) ? e : toAnalyticsError(e);
    if (json) process.stdout.write(`${JSON.stringify({ error: { code: err.code, message: err.message } })}\n`);
    else process.stderr.write(`error [${err.code}]: ${err.message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
