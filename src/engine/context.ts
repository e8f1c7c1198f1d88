/** What a capability may use while one file (or several, as one dataset) is open. Built by the engine, read by capabilities. */
import type { ColumnIndex } from './dataset/column-indexes.js';
import type { DatasetHook } from './dataset/dataset-hooks.js';
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
  /**
   * A capability's plan of the merge of this context's files, as of the latest write (its hook was
   * given to the engine); null when the context covers one file.
   */
  plan<P extends { readonly warnings: readonly Warning[] }>(hook: DatasetHook<P>): P | null;
  /**
   * A capability's index of the whole dataset's invocations (its `ColumnIndex` was given to the
   * engine), built once per open; the capability narrows it to `sources`. Null when not given.
   */
  index<I>(indexer: ColumnIndex<I>): I | null;
}

/** How capabilities get their context: `ctx(options)` scopes it to `options.source`. */
export type ContextProvider = (scope?: SourceScope) => EngineContext;
