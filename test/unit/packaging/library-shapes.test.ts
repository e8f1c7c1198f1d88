/**
 * The library build (dist/lib, from `npm run build`) keeps the shapes other bundlers rewrite:
 * the literal worker URL in the page code, a worker that imports nothing, and wasm URLs beside it
 * that exist. Checked on the built files, the ones the tarball ships.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const lib = 'dist/lib';
const built = existsSync(join(lib, 'worker.js'));
const read = (f: string) => readFileSync(join(lib, f), 'utf8');
const jsFiles = built ? readdirSync(lib).filter((f) => f.endsWith('.js')) : [];

describe.skipIf(!built)('dist/lib (run `npm run build` first)', () => {
  it('the page code starts the worker with the one literal shape bundlers rewrite', () => {
    const spawns = jsFiles.filter((f) => f !== 'worker.js').flatMap((f) => [...read(f).matchAll(/new Worker\(/g)].map(() => f));
    expect(spawns).toHaveLength(1);
    expect(read(spawns[0]!)).toContain('new Worker(new URL("./worker.js", import.meta.url), { type: "module" })');
  });

  it('worker.js is one self-contained file: no import, no dynamic import, exports nothing', () => {
    const worker = read('worker.js');
    expect(worker).not.toMatch(/^\s*import[\s{*]/m);
    expect(worker).not.toMatch(/\bimport\s*\(/);
    expect([...worker.matchAll(/^\s*export\b.*$/gm)].map((m) => m[0].trim())).toEqual(['export {};']); // marks it as an ES module
    expect(jsFiles.filter((f) => read(f).includes('from "./worker.js"'))).toEqual([]);
  });

  it('every asset URL is a literal new URL("./x", import.meta.url) to a file beside it', () => {
    const urls = jsFiles.flatMap((f) => [...read(f).matchAll(/new URL\("\.\/([^"]+)", import\.meta\.url\)/g)].map((m) => m[1]!));
    // worker.js starts tree-worker.js (the forest's nested workers) from beside itself
    expect(urls.sort()).toEqual(['duckdb-eh.wasm', 'sql-wasm-browser.wasm', 'tree-worker.js', 'worker.js']);
    for (const u of urls) expect(existsSync(join(lib, u))).toBe(true);
    expect(readFileSync(join(lib, 'duckdb-eh.wasm')).subarray(0, 4)).toEqual(Buffer.from([0, 0x61, 0x73, 0x6d])); // \0asm
    expect(existsSync(join(lib, 'duckdb-mvp.wasm'))).toBe(false); // the MVP build is not shipped
    // no other import.meta.url use a bundler would have to understand
    expect(jsFiles.reduce((n, f) => n + (read(f).match(/import\.meta\.url/g)?.length ?? 0), 0)).toBe(urls.length);
  });

  it('no Node-only test a bundler folds wrongly is left in the worker', () => {
    const worker = read('worker.js');
    expect(worker).not.toMatch(/typeof (exports|module)\b/);
    expect(worker).not.toMatch(/\b__filename\b|\b__dirname\b/);
  });

  it('the report page loads the element from beside it', () => {
    const page = read('index.html');
    expect(page).toContain('<skills-report id="report"></skills-report>');
    expect(page).toContain('<script type="module" src="./site.js"></script>');
  });

  it('every file named in package.json "exports" and "bin" exists', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { exports: Record<string, string | Record<string, string>>; bin: Record<string, string> };
    const targets = Object.values(pkg.exports).flatMap((t) => (typeof t === 'string' ? [t] : Object.values(t)));
    targets.push(...Object.values(pkg.bin));
    const missing = targets.filter((t) => !existsSync(t));
    expect(missing).toEqual([]);
  });
});
