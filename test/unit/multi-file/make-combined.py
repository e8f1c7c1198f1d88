"""One skills.db holding several files' rows, as the engine reads several files as one dataset.

Usage: make-combined.py OUT NAME=PATH [NAME=PATH ...] [--ab merge|none]

The first file is copied to OUT; every other file's rows are appended with Python's sqlite3:
- skill_invocation: ids shifted by the largest id of the files before it, session ids
  '<name>:<session_id>' in every file (sessions stay distinct per file);
- A/B tables (--ab merge): tests matched by test_name (the caller checks that the configurations
  are identical), user ids '<name>:<user_id>', assignments and outcomes appended in order.
  --ab none drops the A/B rows of the other files.
The result is in rollback-journal mode. Independent of the engine: plain SQL on copies.
"""
import shutil
import sqlite3
import sys

args = [a for a in sys.argv[1:] if not a.startswith('--')]
ab = 'merge'
if '--ab' in sys.argv:
    ab = sys.argv[sys.argv.index('--ab') + 1]
    args = [a for a in args if a != ab]
out, pairs = args[0], [a.split('=', 1) for a in args[1:]]

shutil.copyfile(pairs[0][1], out)
db = sqlite3.connect(out)
db.execute('PRAGMA journal_mode=DELETE')
first = pairs[0][0]
cols = [r[1] for r in db.execute("SELECT * FROM pragma_table_info('skill_invocation')")]
offset = db.execute('SELECT COALESCE(MAX(id), 0) FROM skill_invocation').fetchone()[0]
db.execute('UPDATE skill_invocation SET session_id = ? || session_id', (first + ':',))
has_ab = db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'ab_test_assignments'").fetchone()[0] == 1
if has_ab:
    db.execute('UPDATE ab_test_assignments SET user_id = ? || user_id', (first + ':',))
    db.execute('UPDATE ab_test_outcomes SET user_id = ? || user_id', (first + ':',))
db.commit()

for name, path in pairs[1:]:
    db.execute('ATTACH DATABASE ? AS other', (path,))
    exprs = ['id + ?' if c == 'id' else '? || session_id' if c == 'session_id' else c for c in cols]
    params = [offset if c == 'id' else name + ':' for c in cols if c in ('id', 'session_id')]
    db.execute(f"INSERT INTO main.skill_invocation ({', '.join(cols)}) SELECT {', '.join(exprs)} FROM other.skill_invocation ORDER BY id", params)
    next_offset = offset + db.execute('SELECT COALESCE(MAX(id), 0) FROM other.skill_invocation').fetchone()[0]
    if ab == 'merge' and has_ab:
        ids = dict(db.execute('SELECT o.test_id, m.test_id FROM other.ab_test_configs o JOIN main.ab_test_configs m ON m.test_name = o.test_name'))
        for old, new in ids.items():
            db.execute(
                'INSERT INTO main.ab_test_assignments (test_id, user_id, group_name, assigned_at) SELECT ?, ? || user_id, group_name, assigned_at FROM other.ab_test_assignments WHERE test_id = ? ORDER BY assignment_id',
                (new, name + ':', old),
            )
        # outcomes in their own order (outcome_id), whatever their test
        rows = db.execute('SELECT test_id, user_id, skill_name, completed, duration_seconds, user_rating, recorded_at FROM other.ab_test_outcomes ORDER BY outcome_id').fetchall()
        db.executemany(
            'INSERT INTO main.ab_test_outcomes (test_id, user_id, skill_name, completed, duration_seconds, user_rating, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
            [(ids[r[0]], name + ':' + r[1], *r[2:]) for r in rows],
        )
    db.commit()
    db.execute('DETACH DATABASE other')
    offset = next_offset

db.commit()
print(db.execute('PRAGMA integrity_check').fetchone()[0])
db.close()
