/**
 * `report <db> --out DIR`: writes a ready static report site: the library build (dist/lib, from
 * `npm run build`: the report page beside the element, worker and wasm), the database as DIR/skills.db and an index.html that opens it. Serve DIR with
 * any static file server (the page fetches skills.db and its wasm from the same origin).
 */
import { copyFile, cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AnalyticsError } from '../../engine/errors.js';
import { allowFlags, flagString, positional, UsageError, type Command } from '../cli-args.js';
import { databasesFrom, withEngine } from './with-engine.js';

/** Files of the built site that a report site does not need (the test harness, the sample). */
const LEFT_OUT = new Set(['harness.html', 'sample.db']);

/** The package root: the nearest folder above this file with this package's package.json. */
export async function packageRoot(from = fileURLToPath(import.meta.url)): Promise<string> {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(await readFile(pkg, 'utf8')).name === 'session-buddy-analytics') return dir;
    if (dirname(dir) === dir) throw new AnalyticsError('INTERNAL', 'report: cannot find the session-buddy-analytics package root');
  }
}

/**
 * Rewrites the site's index.html so the report opens `skills.db` (and offers no sample).
 * @param html the built report page (dist/lib/index.html)
 * @returns the page for the report site
 * @throws AnalyticsError SITE_NOT_BUILT when the page has no `<skills-report id="report" …>` element
 */
export function reportIndexHtml(html: string): string {
  const tag = /<skills-report id="report"[^>]*>/;
  if (!tag.test(html)) throw new AnalyticsError('SITE_NOT_BUILT', 'report: the built index.html has no <skills-report id="report"> element; rebuild with `npm run build`');
  return html.replace(tag, '<skills-report id="report" src="skills.db">');
}

/**
 * Writes the site.
 * @param dbPath the skills.db to publish (validated by opening it first)
 * @param outDir the folder to write (created; existing files with the same names are replaced)
 * @param siteDir the built site (default: dist/lib of this package)
 * @returns what was written
 * @throws AnalyticsError SITE_NOT_BUILT ("run `npm run build`") when dist/lib/index.html is missing; open's errors for a bad database
 */
export async function writeReportSite(dbPath: string, outDir: string, siteDir?: string): Promise<{ out: string; database: string; invocations: number }> {
  const site = siteDir ?? join(await packageRoot(), 'dist', 'lib');
  if (!existsSync(join(site, 'index.html'))) {
    throw new AnalyticsError(
      'SITE_NOT_BUILT',
      `report: the report site is not built (no ${join(site, 'index.html')}); run \`npm run build\` in the session-buddy-analytics package first`,
    );
  }
  // A live file's -wal log is merged in: the site gets one self-contained file with the log's rows.
  const { info, merged } = await withEngine(dbPath, async (e) => {
    const info = await e.info();
    return { info, merged: info.wal?.applied ? await e.exportDatabase() : null };
  });
  const out = resolve(outDir);
  await mkdir(out, { recursive: true });
  for (const entry of await readdir(site)) {
    if (LEFT_OUT.has(entry) || entry === 'index.html') continue;
    await cp(join(site, entry), join(out, entry), { recursive: true });
  }
  await writeFile(join(out, 'index.html'), reportIndexHtml(await readFile(join(site, 'index.html'), 'utf8')));
  const database = join(out, 'skills.db');
  if (merged) await writeFile(database, merged);
  else await copyFile(dbPath, database);
  return { out, database, invocations: info.invocations };
}

export const reportCommand: Command = {
  usage: 'report <db> --out DIR [--json]',
  async run(args) {
    allowFlags(args, ['out']);
    const db = positional(args, 0, '<db>');
    if (databasesFrom(db).length > 1)
      throw new UsageError('report publishes one file: give one <db> (several files: export-parquet, or the page, which opens several dropped files)');
    const outDir = flagString(args, 'out');
    if (!outDir) throw new UsageError('missing --out DIR (the folder to write the site into)');
    const result = await writeReportSite(db, outDir);
    return {
      json: result,
      text: [
        `wrote the report site to ${result.out} (${result.invocations} invocations in skills.db)`,
        'serve the folder over http (browsers do not run its worker from file://), for example:',
        `  python3 -m http.server -d ${result.out} 8000   then open http://localhost:8000/`,
      ].join('\n'),
    };
  },
};
