/**
 * The benches' shared inputs: generated skills.db files cached in bench/data (seed 1, 30 days,
 * made once; `skills-100k.db`, `skills-1m.db`), and a static server + Chromium for the browser
 * benches.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { generateSkillsDb } from './generators/generate-skills-db.js';

/**
 * The path of a generated file of `n` invocations, generating it on first use.
 * @example await benchDataFile(100_000) // 'bench/data/skills-100k.db'
 */
export async function benchDataFile(n: number): Promise<string> {
  const name = n % 1_000_000 === 0 ? `${n / 1_000_000}m` : n % 1000 === 0 ? `${n / 1000}k` : String(n);
  const file = `bench/data/skills-${name}.db`;
  if (!existsSync(file)) {
    mkdirSync('bench/data', { recursive: true });
    console.error(`generating ${file}…`);
    writeFileSync(file, await generateSkillsDb({ n, days: 30, seed: 1 }));
  }
  return file;
}

/** The built site (dist/site, or `root`) served on 127.0.0.1, with `files` at bench-files/<index>.db, and a Chromium. */
export interface BenchSite {
  browser: Browser;
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves dist/site (needs `npm run build`) and launches Chromium. The files are linked into
 * dist/site/bench-files and served by the static server: Playwright's route.fulfill cannot carry
 * bodies of hundreds of MB. Pass page code to `page.evaluate` as text: tsx adds helpers (__name)
 * that do not exist in the page.
 */
export async function startBenchSite(files: string[], port: number, root = 'dist/site'): Promise<BenchSite> {
  rmSync(`${root}/bench-files`, { recursive: true, force: true });
  mkdirSync(`${root}/bench-files`);
  files.forEach((f, i) => symlinkSync(resolve(f), `${root}/bench-files/${i}.db`));
  const server = spawn(process.execPath, ['scripts/serve.mjs', root, String(port)], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 800));
  const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'] });
  return {
    browser,
    origin: `http://127.0.0.1:${port}`,
    async close() {
      await browser.close();
      server.kill();
      rmSync(`${root}/bench-files`, { recursive: true, force: true });
    },
  };
}
