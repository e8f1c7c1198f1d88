/**
 * How a capability takes part in the engine's file work without the engine knowing it: what it
 * adds to the merged view of several files (planned again after every write; its tables filled
 * into the merged database) and what it copies into the small database of a file read page by
 * page. The composition root (src/analytics) passes the hooks to the engine.
 */
import type { SqlJsStatic } from 'sql.js';
import type { InvocationColumns, SkillsDatabase } from '../SkillsDatabase.js';
import type { Warning } from '../types.js';

/** A file of the dataset as a merge sees it. */
export interface MergeFile {
  name: string;
  db: SkillsDatabase;
  /** What was added to the file's invocation ids in the dataset. */
  idOffset: number;
}

/** The merged database being built (sql.js, inside one open transaction). */
export type MergeOut = InstanceType<SqlJsStatic['Database']>;

/** A capability's part of a dataset of several files. */
export interface DatasetHook<Plan extends { readonly warnings: readonly Warning[] } = { readonly warnings: readonly Warning[] }> {
  /** Plans the merge of these files (in open order); its warnings go to `info.warnings`. */
  plan(files: readonly MergeFile[]): Plan;
  /** Creates the capability's tables in the merged database and copies the files' rows into them. */
  fill(out: MergeOut, files: readonly MergeFile[], plan: Plan): void;
  /** A file read page by page: copies what the capability reads from `skill_invocation` into its small database. */
  pagedFile?(db: SkillsDatabase, columns: InvocationColumns): void;
}
