#!/usr/bin/env node
// The tarball check of `npm run check:package` (after publint and attw, see package.json; needs
// `npm run build` first): packed size within the limit, the files a user needs in it, nothing
// that should stay in the repository. Usage: node scripts/check-package.mjs
import { execFileSync } from 'node:child_process';

const MAX_PACKED_BYTES = 15e6; // decimal MB, as npm reports sizes
const run = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

const [pack] = JSON.parse(run('npm', ['pack', '--dry-run', '--json', '--loglevel=error']));
const mb = (n) => `${(n / 1e6).toFixed(1)} MB (${n} bytes)`;
console.log(`tarball: ${mb(pack.size)} packed, ${mb(pack.unpackedSize)} unpacked, ${pack.entryCount} files (limit ${mb(MAX_PACKED_BYTES)} packed)`);
if (pack.size > MAX_PACKED_BYTES) {
  console.error(`the tarball is larger than ${mb(MAX_PACKED_BYTES)}`);
  process.exit(1);
}
const shipped = new Set(pack.files.map((f) => f.path));
for (const needed of ['CHANGELOG.md', 'dist/lib/worker.js', 'dist/lib/duckdb-eh.wasm', 'dist/lib/index.html', 'dist/node/src/node/cli.js']) {
  if (!shipped.has(needed)) {
    console.error(`the tarball lacks ${needed}`);
    process.exit(1);
  }
}
for (const path of shipped) {
  if (/\.map$|^dist\/site\/|^test\/|^src\//.test(path)) {
    console.error(`the tarball should not ship ${path}`);
    process.exit(1);
  }
}
