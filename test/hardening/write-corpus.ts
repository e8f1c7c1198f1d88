/** Writes the bad-input corpus to a folder: `npx tsx test/hardening/write-corpus.ts DIR`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCorpus } from './corpus.js';

const dir = process.argv[2] ?? 'test-results/corpus';
mkdirSync(dir, { recursive: true });
for (const c of await buildCorpus()) {
  const file = join(dir, `${`${c.group}--${c.name}`.replace(/[^a-z0-9#.-]+/gi, '_')}.db`);
  writeFileSync(file, c.bytes);
  if (c.wal) writeFileSync(`${file}-wal`, c.wal);
  console.log(`${c.expect.padEnd(16)} ${file}`);
}
