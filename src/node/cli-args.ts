/**
 * Command-line parsing and output for the CLI: flags, positional arguments, one JSON document with
 * `--json`, readable tables otherwise.
 */

/** Parsed arguments: positionals and `--flag value` / `--flag` pairs. */
export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

/** Thrown for wrong usage: the CLI prints usage and exits 2. */
export class UsageError extends Error {}

/**
 * @param argv arguments after the command name
 * @param booleanFlags flags that take no value
 */
export function parseArgs(argv: string[], booleanFlags: string[] = ['json', 'fill', 'help', 'segments']): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (eq > 0) flags.set(name, a.slice(eq + 1));
      else if (booleanFlags.includes(name)) flags.set(name, true);
      else {
        const v = argv[++i];
        if (v === undefined) throw new UsageError(`--${name} needs a value`);
        flags.set(name, v);
      }
    } else positionals.push(a);
  }
  return { positionals, flags };
}

/** A string flag, or `fallback`. */
export function flagString(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  if (v === true) throw new UsageError(`--${name} needs a value`);
  return v;
}

/** A numeric flag, or `fallback`; not a number → usage error. */
export function flagNumber(args: ParsedArgs, name: string, fallback?: number): number | undefined {
  const v = flagString(args, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number (got "${v}")`);
  return n;
}

/** Rejects flags the command does not know. */
export function allowFlags(args: ParsedArgs, allowed: string[]): void {
  for (const name of args.flags.keys()) {
    if (!allowed.includes(name) && name !== 'json' && name !== 'help') throw new UsageError(`unknown option --${name}`);
  }
}

/** A required positional argument. */
export function positional(args: ParsedArgs, index: number, what: string): string {
  const v = args.positionals[index];
  if (v === undefined) throw new UsageError(`missing ${what}`);
  return v;
}

/** Renders rows as an aligned text table. */
export function formatTable(rows: Record<string, unknown>[], columns?: string[]): string {
  if (rows.length === 0) return '(no rows)';
  const cols = columns ?? Object.keys(rows[0]);
  const text = (v: unknown) => (v === null || v === undefined ? '-' : typeof v === 'number' ? formatNumber(v) : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const cells = rows.map((r) => cols.map((c) => text(r[c])));
  const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const line = (vals: string[]) =>
    vals
      .map((v, i) => v.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(cols), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** Renders a flat object as `key: value` lines. */
export function formatRecord(obj: Record<string, unknown>): string {
  const width = Math.max(...Object.keys(obj).map((k) => k.length));
  return Object.entries(obj)
    .map(([k, v]) => `${k.padEnd(width)}  ${v === null || v === undefined ? '-' : typeof v === 'number' ? formatNumber(v) : typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join('\n');
}

function formatNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  if (Math.abs(v) < 1e-3 && v !== 0) return v.toExponential(3);
  return v.toFixed(4);
}

/** What a command returns: the JSON result, and its human rendering. */
export interface CommandOutput {
  json: unknown;
  text: string;
}

/** A CLI command. */
export interface Command {
  usage: string;
  run(args: ParsedArgs): Promise<CommandOutput>;
}
