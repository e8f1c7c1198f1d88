/**
 * The live-file fixtures (test/fixtures/live, made by references/make-live-files.py with Python's
 * sqlite3) and the rows SQLite reads from copies of each variant (references/live-files.json).
 */
import { readFileSync } from 'node:fs';

export interface VariantReference {
  walBytes: number | null;
  count: number;
  skills: number;
  quickCheck: string;
  sha256: string;
  flippedOffset?: number;
}

export interface LiveReferences {
  pageSize: number;
  frames: number;
  commitFrames: number[];
  foreignLogFrames: number;
  variants: Record<string, VariantReference & { rows?: unknown[][] }>;
}

export const references = JSON.parse(readFileSync('test/unit/live-files/references/live-files.json', 'utf8')) as LiveReferences;

/** Every row SQLite reads with the whole log (id, skill_name, invoked_at, session_id, completed, duration_seconds, workflow_phase). */
export const fullRows = references.variants['db + log'].rows!;

const db = () => new Uint8Array(readFileSync('test/fixtures/live/live.db'));
const wal = () => new Uint8Array(readFileSync('test/fixtures/live/live.db-wal'));

/** Each variant's files, rebuilt exactly as the Python script made them. */
export function variantFiles(): { name: string; db: Uint8Array; wal: Uint8Array | null; ref: VariantReference }[] {
  const { pageSize, commitFrames } = references;
  const frameOffset = (f: number) => 32 + f * (24 + pageSize);
  const last = commitFrames[commitFrames.length - 1];
  const flipped = wal();
  const ref = references.variants['bad checksum in transaction 6'];
  flipped[ref.flippedOffset!] ^= 0x55;
  const files: Record<string, Uint8Array | null> = {
    'db + log': wal(),
    'db alone': null,
    'torn mid-frame': wal().slice(0, frameOffset(last) + 24 + pageSize / 2),
    'torn before last commit frame': wal().slice(0, frameOffset(last)),
    'torn inside the header': wal().slice(0, 20),
    'bad checksum in transaction 6': flipped,
    'big-endian checksums': new Uint8Array(readFileSync('test/fixtures/live/live-be.db-wal')),
  };
  return Object.entries(files).map(([name, w]) => {
    const r = references.variants[name];
    if (w && w.byteLength !== r.walBytes) throw new Error(`${name}: rebuilt log has ${w.byteLength} bytes, the reference ${r.walBytes}`);
    return { name, db: db(), wal: w, ref: r };
  });
}

/** The log of another database (legacy.db's live copy). */
export const foreignWal = () => new Uint8Array(readFileSync('test/fixtures/live/other.db-wal'));
