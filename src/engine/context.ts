/** What a capability may use while one file is open. Built by the engine, read by capabilities. */
import type { SkillsDatabase } from './SkillsDatabase.js';
import type { DatabaseInfo, Warning } from './types.js';
import type { Warehouse } from './Warehouse.js';

/** Everything a capability may use, valid while one file is open. */
export interface EngineContext {
  readonly db: SkillsDatabase;
  readonly warehouse: Warehouse;
  readonly info: DatabaseInfo;
  /** Latest invocation in epoch microseconds (the default asOf), null for an empty file. */
  readonly defaultAsOfMicros: number | null;
  /** Adds a warning to `info.warnings` (deduplicated by code). */
  warn(w: Warning): void;
}
