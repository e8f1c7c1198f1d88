/**
 * The files open now (one, or several as one dataset) and the contexts capabilities read them
 * through: the whole dataset, one file seen as if opened alone, or any subset of the files.
 */
import type { SqlJsStatic } from 'sql.js';
import type { EngineContext, SourceScope } from '../context.js';
import { AnalyticsError } from '../errors.js';
import type { SkillsDatabase } from '../SkillsDatabase.js';
import type { DatabaseInfo, Warning } from '../types.js';
import type { Warehouse } from '../Warehouse.js';
import type { DatasetIndexes } from './column-indexes.js';
import type { DatasetHook } from './dataset-hooks.js';
import { buildMergedDatabase, type PlannedHook } from './merged-database.js';
import { datasetInfo, latestAsOf, type InfoMember } from './dataset-info.js';
import { scopedWarehouse, scopeSelect } from './scoped-warehouse.js';

/** A file of the dataset. */
export interface DatasetMember extends InfoMember {
  db: SkillsDatabase;
  /** What was added to the file's invocation ids in the warehouse. */
  idOffset: number;
  /** Counts committed write transactions (the merged view is rebuilt when it changes). */
  revision(): number;
}

/** The merged view of a set of files, valid while their revisions are `stamp`. */
interface Merged {
  stamp: string;
  /** Each hook's plan of these files. */
  plans: PlannedHook[];
  db: SkillsDatabase | null;
}

/** Adds `w` to `warnings` unless the same code and message are there. */
function addWarning(warnings: Warning[], w: Warning): void {
  if (!warnings.some((x) => x.code === w.code && x.message === w.message)) warnings.push(w);
}

export class Dataset {
  private readonly scoped = new Map<string, EngineContext>();
  private readonly merged = new Map<string, Merged>();
  /** The whole dataset. */
  readonly root: EngineContext;
  readonly info: DatabaseInfo;

  /**
   * @param SQL sql.js (builds the merged view)
   * @param members the files, in open order
   * @param warehouse holds every file's invocations (with `source` when there are several)
   * @param writeTo the file writes go to
   * @param hooks the capabilities' parts of a merged view (planned and filled in this order)
   * @param indexes the capabilities' indexes of the dataset's invocations
   * @param singleInfo the info of a single file (one member), used as is
   */
  constructor(
    private readonly SQL: SqlJsStatic,
    readonly members: readonly DatasetMember[],
    private readonly warehouse: Warehouse,
    readonly writeTo: string,
    private readonly hooks: readonly DatasetHook[],
    readonly indexes: DatasetIndexes,
    singleInfo?: DatabaseInfo,
  ) {
    const names = members.map((m) => m.name);
    const target = this.member(writeTo);
    if (members.length === 1) {
      this.info = singleInfo ?? members[0].info;
      const info = this.info;
      this.root = {
        db: target.db,
        warehouse,
        info,
        defaultAsOfMicros: target.defaultAsOfMicros,
        sources: names,
        write: { name: target.name, db: target.db },
        warn: (w) => addWarning(info.warnings, w),
        plan: () => null,
        index: (indexer) => indexes.get(indexer),
      };
      return;
    }
    this.info = datasetInfo(
      members,
      writeTo,
      this.mergedFor(names).plans.flatMap((p) => p.plan.warnings),
    );
    this.root = this.multiContext(members, this.info, warehouse);
  }

  /** The member named `name`. */
  member(name: string): DatasetMember {
    const m = this.members.find((x) => x.name === name);
    if (!m) throw new AnalyticsError('INVALID_ARGUMENT', `no file named ${JSON.stringify(name)} is open; the files are: ${this.members.map((x) => x.name).join(', ')}`, { name });
    return m;
  }

  /**
   * The context of a scope.
   * @param scope `{ source }`: a file name or several; absent = every file
   * @returns the root context, one file's (as if opened alone) or a subset's
   * @throws AnalyticsError INVALID_ARGUMENT for an unknown name or an empty list
   */
  context(scope?: SourceScope): EngineContext {
    const source = scope?.source;
    if (source === undefined || source === null) return this.root;
    const asked = typeof source === 'string' ? [source] : source;
    if (!Array.isArray(asked) || asked.length === 0 || asked.some((s) => typeof s !== 'string')) {
      throw new AnalyticsError('INVALID_ARGUMENT', `source must be a file name or a non-empty array of file names (got ${JSON.stringify(source)})`);
    }
    for (const s of asked) this.member(s);
    const names = this.members.map((m) => m.name).filter((n) => asked.includes(n));
    if (names.length === this.members.length) return this.root;
    const key = names.join('\u0000');
    let ctx = this.scoped.get(key);
    if (!ctx) {
      const members = names.map((n) => this.member(n));
      ctx = members.length === 1 ? this.oneFileContext(members[0]) : this.multiContext(members, datasetInfo(members, this.writeTo, []), null);
      this.scoped.set(key, ctx);
    }
    return ctx;
  }

  /** Closes every file and merged view. */
  close(): void {
    for (const m of this.members) m.db.close();
    for (const m of this.merged.values()) m.db?.close();
    this.merged.clear();
  }

  /** One file of several, exactly as if opened alone: its own ids, session ids, info and A/B tests. */
  private oneFileContext(m: DatasetMember): EngineContext {
    const root = this.root;
    return {
      db: m.db,
      warehouse: scopedWarehouse(this.warehouse, scopeSelect({ name: m.name, idOffset: m.idOffset })),
      info: m.info,
      defaultAsOfMicros: m.defaultAsOfMicros,
      sources: [m.name],
      write: root.write,
      warn: (w) => {
        addWarning(m.info.warnings, w);
        root.warn({ ...w, message: `${m.name}: ${w.message}` });
      },
      plan: () => null,
      index: (indexer) => this.indexes.get(indexer),
    };
  }

  /** The merged view of these files, replanned after a write to any of them. */
  private mergedFor(names: readonly string[]): Merged {
    const members = names.map((n) => this.member(n));
    const stamp = members.map((m) => m.revision()).join(',');
    const key = names.join('\u0000');
    let merged = this.merged.get(key);
    if (!merged || merged.stamp !== stamp) {
      merged?.db?.close();
      merged = { stamp, plans: this.hooks.map((hook) => ({ hook, plan: hook.plan(members) })), db: null };
      this.merged.set(key, merged);
    }
    return merged;
  }

  /** Several files as one: the merged view as `db` (built on first use), the warehouse filtered to them. */
  private multiContext(members: readonly DatasetMember[], info: DatabaseInfo, warehouse: Warehouse | null): EngineContext {
    const names = members.map((m) => m.name);
    const self = this;
    const target = this.member(this.writeTo);
    const planned = () => this.mergedFor(names);
    const warn = (w: Warning) => {
      addWarning(info.warnings, w);
      if (info !== this.info) addWarning(this.info.warnings, w);
    };
    return {
      get db(): SkillsDatabase {
        const merged = planned();
        for (const p of merged.plans) for (const w of p.plan.warnings) warn(w);
        merged.db ??= buildMergedDatabase(self.SQL, members, merged.plans);
        return merged.db;
      },
      warehouse: warehouse ?? scopedWarehouse(this.warehouse, scopeSelect(names)),
      info,
      defaultAsOfMicros: latestAsOf(members),
      sources: names,
      write: { name: target.name, db: target.db },
      warn,
      plan: <P extends { readonly warnings: readonly Warning[] }>(hook: DatasetHook<P>) => (planned().plans.find((p) => p.hook === hook)?.plan as P | undefined) ?? null,
      index: (indexer) => this.indexes.get(indexer),
    };
  }
}
