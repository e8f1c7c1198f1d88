#!/usr/bin/python3
"""Makes SQLite files with Python's sqlite3 (Debian's /usr/bin/python3) for the page-by-page
reader's tests, and what SQLite itself reads from them (python-files.json).

- python-alter.db: 1024-byte pages and 8 reserved bytes per page; skill_invocation created without
  workflow_phase and duration_seconds, 300 rows, then ALTER TABLE ADD COLUMN of both (one with a
  DEFAULT) and 100 more rows; integers of every serial width in `selection_rank`, a text long
  enough to spill over several overflow pages, a blob, a row deleted (freelist) and a row updated.
- python-reserved.db: python-alter.db with 8 reserved bytes per page (written by the sqlite3 shell).
- python-utf16.db: the same table in a UTF-16le file (the reader refuses it).
- python-rowid.db: skill_invocation whose id is NOT the rowid (`id INT PRIMARY KEY`, ids not in
  insertion order) and a table without an INTEGER PRIMARY KEY.

Run from the repository root: /usr/bin/python3 test/unit/sqlite-pages/references/make-python-files.py
"""
import json, os, shutil, sqlite3, subprocess

OUT = 'test/unit/sqlite-pages/references'
COLS = 'id, skill_name, invoked_at, session_id, completed, duration_seconds, workflow_phase, selection_rank, user_query'
WIDTHS = [0, 1, -1, 127, -128, 32767, -32768, 8388607, -8388608, 2147483647, -2147483648,
          140737488355327, -140737488355328, 9223372036854775807, -9223372036854775808, 9007199254740993]


def fresh(path):
    for p in (path, path + '-wal', path + '-journal'):
        if os.path.exists(p):
            os.remove(p)
    return sqlite3.connect(path, isolation_level=None)


def alter_file():
    path = f'{OUT}/python-alter.db'
    con = fresh(path)
    con.execute('PRAGMA page_size=1024')
    con.execute('VACUUM')
    # Reserved bytes at the end of each page (as encryption extensions use them).
    con.execute('CREATE TABLE skill_invocation (id INTEGER PRIMARY KEY AUTOINCREMENT, skill_name TEXT NOT NULL, invoked_at TEXT NOT NULL, '
                'session_id TEXT NOT NULL, completed BOOLEAN NOT NULL DEFAULT 0, user_query TEXT, selection_rank INTEGER, embedding BLOB, created_at TEXT)')
    con.execute('BEGIN')
    for i in range(300):
        rank = WIDTHS[i % len(WIDTHS)]
        query = ('long query ' + 'é' * 3000 + str(i)) if i % 100 == 7 else f'q{i}'
        con.execute('INSERT INTO skill_invocation (skill_name, invoked_at, session_id, completed, user_query, selection_rank, embedding) VALUES (?, ?, ?, ?, ?, ?, ?)',
                    (f'skill-{i % 7}', f'2026-11-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:07.{i:06d}+00:00', f's{i // 10}', i % 3 != 0, query, rank,
                     bytes(range(i % 256)) if i % 9 == 0 else None))
    con.execute('COMMIT')
    con.execute("ALTER TABLE skill_invocation ADD COLUMN duration_seconds REAL")
    con.execute("ALTER TABLE skill_invocation ADD COLUMN workflow_phase TEXT DEFAULT 'legacy-phase'")
    con.execute('BEGIN')
    for i in range(300, 400):
        con.execute('INSERT INTO skill_invocation (skill_name, invoked_at, session_id, completed, duration_seconds, workflow_phase, selection_rank, user_query) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
                    (f'skill-{i % 7}', f'2026-11-20 {i % 24:02d}:00:00', f's{i // 10}', 1, i / 7, None if i % 4 == 0 else 'execution', WIDTHS[i % len(WIDTHS)], 'x' * (i * 20) if i % 25 == 0 else f'q{i}'))
    con.execute('COMMIT')
    con.execute('DELETE FROM skill_invocation WHERE id = 5')
    con.execute("UPDATE skill_invocation SET invoked_at = 'not a time' WHERE id = 6")
    con.execute('CREATE TABLE ab_test_configs (test_id INTEGER PRIMARY KEY AUTOINCREMENT, test_name TEXT UNIQUE NOT NULL, assignment_ratio REAL DEFAULT 0.5, big INTEGER)')
    con.execute("INSERT INTO ab_test_configs (test_name, assignment_ratio, big) VALUES ('t1', 0.25, 9223372036854775807), ('t2', 2.0, -5)")
    con.close()
    return path


def reserved_file():
    """python-alter.db rewritten with 8 reserved bytes at the end of every page (as encryption
    extensions use them): Python's sqlite3 cannot set them, the sqlite3 shell's .filectrl can."""
    path = f'{OUT}/python-reserved.db'
    shutil.copy(f'{OUT}/python-alter.db', path)
    subprocess.run(['/usr/bin/sqlite3', path, '.filectrl reserve_bytes 8', 'VACUUM'], check=True, capture_output=True)
    return path


def utf16_file():
    path = f'{OUT}/python-utf16.db'
    con = fresh(path)
    con.execute("PRAGMA encoding='UTF-16le'")
    con.execute('CREATE TABLE skill_invocation (id INTEGER PRIMARY KEY, skill_name TEXT, invoked_at TEXT, session_id TEXT, completed BOOLEAN)')
    con.execute("INSERT INTO skill_invocation VALUES (1, 'a', '2026-11-20T13:45:12Z', 's', 1)")
    con.close()
    return path


def rowid_file():
    path = f'{OUT}/python-rowid.db'
    con = fresh(path)
    con.execute('CREATE TABLE skill_invocation (id INT PRIMARY KEY, skill_name TEXT, invoked_at TEXT, session_id TEXT, completed BOOLEAN, duration_seconds REAL, workflow_phase TEXT)')
    ids = [5, 3, 9, 1, 7, 2, 8, 4, 6, 10]
    for k, i in enumerate(ids):
        con.execute('INSERT INTO skill_invocation VALUES (?, ?, ?, ?, ?, ?, ?)', (i, f'skill-{k % 3}', f'2026-11-2{k % 10}T10:00:0{k}Z', f's{k % 4}', k % 2, k * 1.5, None))
    con.execute("INSERT INTO skill_invocation VALUES ('11', 'text-id', '2026-11-20T10:00:00Z', 's', 1, NULL, NULL)")
    con.execute('CREATE TABLE notes (body TEXT, n)')
    con.execute("INSERT INTO notes VALUES ('a', 1), ('b', 2.5), (NULL, x'00ff')")
    con.close()
    return path


def reference(path):
    con = sqlite3.connect(f'file:{path}?mode=ro', uri=True)
    cols = [r[1] for r in con.execute('PRAGMA table_info(skill_invocation)')]
    sel = ', '.join(c for c in COLS.split(', ') if c in cols)
    rows = [[None if v is None else (v.hex() if isinstance(v, bytes) else v) for v in r] for r in con.execute(f'SELECT {sel} FROM skill_invocation ORDER BY id')]
    head = open(path, 'rb').read(100)
    out = {'columns': sel.split(', '), 'rows': rows, 'pageSize': con.execute('PRAGMA page_size').fetchone()[0],
           'reserved': head[20], 'encoding': con.execute('PRAGMA encoding').fetchone()[0],
           'overflowRows': con.execute('SELECT count(*) FROM skill_invocation WHERE length(CAST(user_query AS BLOB)) > 1000').fetchone()[0] if 'user_query' in cols else 0}
    con.close()
    return out


def main():
    refs = {}
    for make in (alter_file, reserved_file, utf16_file, rowid_file):
        path = make()
        refs[os.path.basename(path)] = reference(path)
    json.dump(refs, open(f'{OUT}/python-files.json', 'w'))
    for k, v in refs.items():
        print(k, len(v['rows']), 'rows, page size', v['pageSize'], 'reserved', v['reserved'], v['encoding'], 'overflow rows', v['overflowRows'])


main()
