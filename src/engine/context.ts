/** What a capability may use while one file (or several, as one dataset) is open. Built by the engine, read by capabilities. */
import type { SkillsDatabase } from './SkillsDatabase.js';
import type { DatabaseInfo, Warning } from './types.js';
import type { Warehouse } from './Warehouse.js';

/** Which files of the dataset an analysis covers: a file name or several (default: every file). */
export interface SourceScope {
  /** Names from `info.sources`; one name sees that file exactly as if it had been opened alone. */
  source?: string | string[];
}

/** Where writes go: the file named by the open option `writeTo` (the only file when one is open). */
export interface WriteTarget {
  /** The file's name (`info.writeTo`). */
  readonly name: string;
  readonly db: SkillsDatabase;
  /** The file's own test_id of a test id of the whole dataset; undefined when the file does not hold the test. */
  fileTestId(testId: number): number | undefined;
  /** The dataset's test id of one of the file's test_ids. */
  datasetTestId(fileTestId: number): number | undefined;
  /** The files that hold a test of the dataset. */
  holders(testId: number): string[];
}

/** Everything a capability may use, valid while one file (or one dataset) is open. */
export interface EngineContext {
  readonly db: SkillsDatabase;
  readonly warehouse: Warehouse;
  readonly info: DatabaseInfo;
  /** Latest invocation in epoch microseconds (the default asOf), null for an empty file. */
  readonly defaultAsOfMicros: number | null;
  /** Names of the files this context covers (one when a single file is open). */
  readonly sources: readonly string[];
  /** Where writes go, whatever the scope. */
  readonly write: WriteTarget;
  /** Adds a warning to `info.warnings` (deduplicated by code). */
  warn(w: Warning): void;
}

/** How capabilities get their context: `ctx(options)` scopes it to `options.source`. */
export type ContextProvider = (scope?: SourceScope) => EngineContext;
