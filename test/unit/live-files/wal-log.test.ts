/** The WAL reader on its own: frames, commits and checksums against what SQLite committed. */
import { describe, expect, it } from 'vitest';
import { readWalLog } from '../../../src/engine/wal/wal-log.js';
import { applyWal } from '../../../src/engine/wal/apply-wal.js';
import { references, variantFiles, foreignWal } from './live-files.js';

const byName = Object.fromEntries(variantFiles().map((v) => [v.name, v]));

describe('readWalLog', () => {
  it('finds every frame and the ten commits of the live log', () => {
    const log = readWalLog(byName['db + log'].wal!);
    if ('problem' in log) throw new Error(log.problem);
    expect(log.pageSize).toBe(references.pageSize);
    expect(log.validFrames).toBe(references.frames);
    expect(log.committedFrames).toBe(references.frames);
    expect(log.commits).toBe(10);
    expect(log.ignoredFrames).toBe(0);
  });

  it('big-endian checksums (magic 0x377f0683) read the same pages', () => {
    const le = readWalLog(byName['db + log'].wal!);
    const be = readWalLog(byName['big-endian checksums'].wal!);
    if ('problem' in le || 'problem' in be) throw new Error('unreadable');
    expect([...be.pages]).toEqual([...le.pages]);
  });

  it('a torn copy keeps the commits before the cut', () => {
    const log = readWalLog(byName['torn mid-frame'].wal!);
    if ('problem' in log) throw new Error(log.problem);
    const commits = references.commitFrames;
    expect(log.commits).toBe(9);
    expect(log.committedFrames).toBe(commits[8] + 1);
    // The last transaction's complete frames before the cut are valid but not committed.
    expect(log.validFrames).toBe(commits[9]);
  });

  it('a flipped byte stops the checksum chain at its frame', () => {
    const log = readWalLog(byName['bad checksum in transaction 6'].wal!);
    if ('problem' in log) throw new Error(log.problem);
    expect(log.commits).toBe(5);
    expect(log.validFrames).toBe(references.commitFrames[4] + 1);
    expect(log.ignoredFrames).toBe(references.frames - (references.commitFrames[4] + 1));
  });

  it('unusable headers are named', () => {
    expect(readWalLog(new Uint8Array(0))).toEqual({ problem: 'empty' });
    expect(readWalLog(byName['torn inside the header'].wal!)).toEqual({ problem: 'short' });
    expect(readWalLog(new Uint8Array(4096))).toEqual({ problem: 'bad-magic' });
    const bad = byName['db + log'].wal!.slice(0, 4096);
    bad[20] ^= 1; // salt-2 changed: header checksum fails
    expect(readWalLog(bad)).toEqual({ problem: 'bad-header-checksum' });
  });
});

describe('applyWal', () => {
  it("never modifies the caller's bytes and switches the copy to rollback mode", () => {
    const { db, wal } = byName['db + log'];
    const before = db.slice();
    const walBefore = wal!.slice();
    const { bytes, summary } = applyWal(db, references.pageSize, wal!);
    expect(Buffer.from(db).equals(before)).toBe(true);
    expect(Buffer.from(wal!).equals(walBefore)).toBe(true);
    expect(summary).toMatchObject({ applied: true, committedFrames: references.frames, commits: 10, ignoredFrames: 0 });
    expect([bytes[18], bytes[19]]).toEqual([1, 1]);
    expect([db[18], db[19]]).toEqual([2, 2]);
  });

  it('another page size is a WAL_MISMATCH before any page is read', () => {
    const { db } = byName['db + log'];
    const out = applyWal(db, 8192, foreignWal());
    expect(out.summary.applied).toBe(false);
    expect(out.warnings.map((w) => w.code)).toEqual(['WAL_MISMATCH']);
    expect(out.bytes).toBe(db);
  });
});
