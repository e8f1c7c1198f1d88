/**
 * What session-buddy's three AFTER INSERT triggers on skill_invocation would have written into
 * skill_metrics, session_skills and skill_metrics_cache, computed row by row in id order (the
 * generator bulk-loads without the triggers, then installs them; test/unit/bench checks that
 * replaying the rows through the real triggers gives the same tables).
 */
import type { Database } from 'sql.js';

interface SkillAcc {
  total: number;
  completed: number;
  abandoned: number;
  totalDuration: number;
  paths: Map<string, number>;
  errors: Map<string, number>;
  followUps: Map<string, number>;
  first: string;
  last: string;
}

/** One inserted row, as far as the triggers look at it. */
export interface TriggerRow {
  skillName: string;
  invokedAt: string;
  sessionId: string;
  workflowPath: string | null;
  completed: 0 | 1;
  duration: number | null;
  errorType: string | null;
  /** The first element of follow_up_actions, or null when the column is NULL. */
  firstFollowUp: string | null;
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
const json = (m: Map<string, number>) => JSON.stringify(Object.fromEntries(m));

/** Accumulates the trigger tables while rows are inserted in id order. */
export class DerivedTables {
  private readonly skills = new Map<string, SkillAcc>();
  private readonly sessionSkills = new Map<string, number>();

  /** Adds one row, exactly as the triggers would on its INSERT. */
  add(row: TriggerRow): void {
    let s = this.skills.get(row.skillName);
    if (!s) {
      s = { total: 0, completed: 0, abandoned: 0, totalDuration: 0, paths: new Map(), errors: new Map(), followUps: new Map(), first: row.invokedAt, last: row.invokedAt };
      this.skills.set(row.skillName, s);
    }
    s.total++;
    s.last = row.invokedAt;
    if (row.completed === 1) {
      s.completed++;
      s.totalDuration += row.duration ?? 0;
    } else s.abandoned++;
    if (row.workflowPath !== null) bump(s.paths, row.workflowPath);
    if (row.errorType !== null) bump(s.errors, row.errorType);
    if (row.firstFollowUp !== null) bump(s.followUps, row.firstFollowUp);
    const key = JSON.stringify([row.sessionId, row.skillName]);
    this.sessionSkills.set(key, (this.sessionSkills.get(key) ?? 0) + 1);
  }

  /**
   * Writes the three tables.
   * @param now the text the triggers' `datetime('now')` gives (`YYYY-MM-DD HH:MM:SS`)
   */
  write(db: Database, now: string): void {
    const metrics = db.prepare(`INSERT INTO skill_metrics (skill_name, total_invocations, completed_invocations,
      abandoned_invocations, total_duration_seconds, workflow_paths, common_errors, follow_up_actions,
      first_invoked, last_invoked, completion_rate, avg_duration_seconds, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const cache = db.prepare(`INSERT INTO skill_metrics_cache (skill_name, last_invocation_at, invocation_count_1h,
      invocation_count_24h, avg_completion_rate_24h, is_anomalous, anomaly_score, updated_at) VALUES (?, ?, ?, ?, NULL, 0, NULL, ?)`);
    for (const [name, s] of this.skills) {
      // trg_skill_metrics_after_insert: the rate (a percentage) is only recomputed once something completed.
      const rate = s.completed > 0 ? (s.completed / s.total) * 100.0 : 0.0;
      const avg = s.completed > 0 ? s.totalDuration / s.completed : null;
      metrics.run([name, s.total, s.completed, s.abandoned, s.totalDuration, json(s.paths), json(s.errors), json(s.followUps), s.first, s.last, rate, avg, now]);
      // trg_metrics_cache_after_insert counts every insert into both windows.
      cache.run([name, s.last, s.total, s.total, now]);
    }
    metrics.free();
    cache.free();
    const pairs = db.prepare('INSERT INTO session_skills (session_id, skill_name, invocation_count) VALUES (?, ?, ?)');
    for (const [key, count] of this.sessionSkills) {
      const [sessionId, skillName] = JSON.parse(key) as [string, string];
      pairs.run([sessionId, skillName, count]);
    }
    pairs.free();
  }
}
