#!/usr/bin/python3
"""Makes the live-file fixtures (test/fixtures/live/) and their sqlite3 references.

A live file is what a user copies while session-buddy runs: skills.db in WAL mode with
autocheckpoint off, its newest rows only in skills.db-wal, both copied while the writer's
connection is still open. The references are what SQLite (Debian's python3 sqlite3) reads when
it opens COPIES of the files (it checkpoints on close, so it never touches the fixtures).

Run from the repository root: /usr/bin/python3 test/unit/live-files/references/make-live-files.py
"""
import hashlib, json, os, random, shutil, sqlite3, struct, tempfile

ROOT = 'test/fixtures'
OUT = 'test/fixtures/live'
COLS = 'id, skill_name, invoked_at, session_id, completed, duration_seconds, workflow_phase'


def live_copy(base, out_db, rows, seed, new_skill):
    """Copies `base`, appends `rows` invocations in 10 transactions with the log kept, copies db + wal."""
    work = tempfile.mkdtemp()
    db = os.path.join(work, 'skills.db')
    shutil.copy(base, db)
    con = sqlite3.connect(db, isolation_level=None)
    con.execute('PRAGMA journal_mode=WAL')
    con.execute('PRAGMA wal_autocheckpoint=0')
    rnd = random.Random(seed)
    last = con.execute('SELECT max(invoked_at) FROM skill_invocation').fetchone()[0]
    skills = [r[0] for r in con.execute('SELECT DISTINCT skill_name FROM skill_invocation ORDER BY 1')]
    # The new rows start a minute after the base file's newest row (times as session-buddy writes them).
    t0 = __import__('datetime').datetime.fromisoformat(last).timestamp() + 60
    for tx in range(10):
        con.execute('BEGIN')
        for k in range(rows // 10):
            i = tx * (rows // 10) + k
            skill = new_skill if i % 7 == 0 else rnd.choice(skills)
            ts = t0 + i * 37 + rnd.random()
            invoked = __import__('datetime').datetime.fromtimestamp(ts, __import__('datetime').timezone.utc).isoformat()
            con.execute(
                'INSERT INTO skill_invocation (skill_name, invoked_at, session_id, completed, duration_seconds, workflow_phase) VALUES (?, ?, ?, ?, ?, ?)',
                (skill, invoked, f'session-live-{i // 25}', 1 if rnd.random() < 0.8 else 0, round(rnd.uniform(1, 90), 3), rnd.choice(['setup', 'execution', 'verification'])),
            )
        con.execute('COMMIT')
    # Copies taken while the writer's connection is open (nothing checkpointed).
    shutil.copy(db, out_db)
    shutil.copy(db + '-wal', out_db + '-wal')
    assert last is not None
    con.close()
    shutil.rmtree(work)


def frames(wal):
    page = struct.unpack('>I', wal[8:12])[0]
    return page, (len(wal) - 32) // (24 + page)


def read_rows(db_bytes, wal_bytes):
    """What sqlite3 sees opening copies of the two files (None: no -wal)."""
    work = tempfile.mkdtemp()
    db = os.path.join(work, 'copy.db')
    open(db, 'wb').write(db_bytes)
    if wal_bytes is not None:
        open(db + '-wal', 'wb').write(wal_bytes)
    con = sqlite3.connect(db)
    rows = [list(r) for r in con.execute(f'SELECT {COLS} FROM skill_invocation ORDER BY id')]
    skills = con.execute('SELECT count(DISTINCT skill_name) FROM skill_invocation').fetchone()[0]
    check = con.execute('PRAGMA quick_check').fetchone()[0]
    con.close()
    shutil.rmtree(work)
    return {'count': len(rows), 'skills': skills, 'quickCheck': check, 'sha256': hashlib.sha256(json.dumps(rows).encode()).hexdigest(), 'rows': rows}


def checksum(data, big, s0, s1):
    fmt = '>' if big else '<'
    for i in range(0, len(data), 8):
        a, b = struct.unpack(fmt + 'II', data[i:i + 8])
        s0 = (s0 + a + s1) & 0xFFFFFFFF
        s1 = (s1 + b + s0) & 0xFFFFFFFF
    return s0, s1


def as_big_endian(wal):
    """The same log with magic 0x377f0683 (big-endian checksums), checksums recomputed."""
    page, n = frames(wal)
    out = bytearray(wal)
    out[0:4] = struct.pack('>I', 0x377F0683)
    s0, s1 = checksum(bytes(out[0:24]), True, 0, 0)
    out[24:32] = struct.pack('>II', s0, s1)
    for f in range(n):
        off = 32 + f * (24 + page)
        s0, s1 = checksum(bytes(out[off:off + 8]), True, s0, s1)
        s0, s1 = checksum(bytes(out[off + 24:off + 24 + page]), True, s0, s1)
        out[off + 16:off + 24] = struct.pack('>II', s0, s1)
    return bytes(out)


def main():
    os.makedirs(OUT, exist_ok=True)
    live_copy(f'{ROOT}/sample.db', f'{OUT}/live.db', 300, 1, 'live-new-skill')
    live_copy(f'{ROOT}/legacy.db', f'{OUT}/other.db', 200, 2, 'other-new-skill')
    db = open(f'{OUT}/live.db', 'rb').read()
    wal = open(f'{OUT}/live.db-wal', 'rb').read()
    other_wal = open(f'{OUT}/other.db-wal', 'rb').read()
    os.remove(f'{OUT}/other.db')  # only its log is used (a log from another database)
    page, n = frames(wal)
    commit_frames = [f for f in range(n) if struct.unpack('>I', wal[32 + f * (24 + page) + 4:32 + f * (24 + page) + 8])[0] != 0]
    last_commit = commit_frames[-1]
    frame_off = lambda f: 32 + f * (24 + page)
    flipped = bytearray(wal)
    mid = commit_frames[4] + 1  # first frame of the sixth transaction
    flipped[frame_off(mid) + 24 + 100] ^= 0x55
    variants = {
        'db + log': (db, wal),
        'db alone': (db, None),
        'torn mid-frame': (db, wal[: frame_off(last_commit) + 24 + page // 2]),
        'torn before last commit frame': (db, wal[: frame_off(last_commit)]),
        'torn inside the header': (db, wal[:20]),
        'bad checksum in transaction 6': (db, bytes(flipped)),
        'big-endian checksums': (db, as_big_endian(wal)),
    }
    refs = {'pageSize': page, 'frames': n, 'commitFrames': commit_frames, 'variants': {}}
    for name, (d, w) in variants.items():
        r = read_rows(d, w)
        if name != 'db + log':
            assert r['rows'] == refs['variants']['db + log']['rows'][: r['count']]
            del r['rows']  # every variant's rows are the first `count` rows of 'db + log' (checked by sha256)
        refs['variants'][name] = {'walBytes': None if w is None else len(w), **r}
        if name == 'bad checksum in transaction 6':
            refs['variants'][name]['flippedOffset'] = frame_off(mid) + 24 + 100
        if name == 'big-endian checksums':
            open(f'{OUT}/live-be.db-wal', 'wb').write(w)
    refs['foreignLogFrames'] = frames(other_wal)[1]
    json.dump(refs, open('test/unit/live-files/references/live-files.json', 'w'))
    for name, v in refs['variants'].items():
        print(f"{name:32s} wal={v['walBytes']} rows={v['count']} skills={v['skills']} quick_check={v['quickCheck']}")


main()
