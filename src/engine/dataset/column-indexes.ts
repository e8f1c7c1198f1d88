/**
 * Structures capabilities derive from the dataset's invocation columns (an index: the hourly cube,
 * for one), built once per load without the engine knowing what they are: the composition root
 * passes the capabilities' `ColumnIndex`es to the engine, the dataset keeps its columns until every
 * index is built (in the background after open() answers, or at once on first use), and a context
 * gives a capability its index with `ctx.index(indexer)`. The invocations do not change while a
 * dataset is open (writes go to other tables), so an index lives as long as its dataset.
 */
import type { EntryCodes, ReadIndex, SavedIndex } from '../cache/entry-format.js';
import type { InvocationColumns } from '../SkillsDatabase.js';

/** A file of the dataset, as an index sees it. */
export interface IndexedFile {
  /** Its name (`info.sources`); code i of `columns.source` is file i. */
  name: string;
  /** What was added to the file's invocation ids in the dataset. */
  idOffset: number;
}

/** How a capability builds its index from the dataset's invocations. */
export interface ColumnIndex<I = unknown> {
  /**
   * Builds the index.
   * @param columns every file's invocations, in id order (`source` set when several files are open)
   * @param files the files, in open order
   */
  build(columns: InvocationColumns, files: readonly IndexedFile[]): I;
  /** How the index is kept in the cache of opens beside its file's entry (a dataset of one file). */
  persist?: IndexPersistence<I>;
}

/** An index saved as a JSON header and binary sections, and read back. */
export interface IndexPersistence<I> {
  /** Its name in the cache (with its layout's version: a new layout is a new name). */
  name: string;
  save(index: I): SavedIndex;
  /**
   * The index from what `save` gave (the sections as bytes), for the same columns.
   * @returns null when the saved parts do not make an index (it is then built)
   */
  restore(saved: ReadIndex, files: readonly IndexedFile[]): I | null;
  /**
   * The index of a grown file from the index saved for its earlier rows and the new rows only.
   * @param saved the index of the first rows, as `save` gave it
   * @param previous those rows' text columns as codes (the earlier entry's)
   * @param columns every row now; the first ones are the earlier rows, unchanged
   * @returns null when it cannot be extended (it is then built)
   */
  extend?(saved: ReadIndex, previous: EntryCodes, columns: InvocationColumns, files: readonly IndexedFile[]): I | null;
}

/** The cache's side of one file's dataset: indexes saved with its entry, and where to save built ones. */
export interface IndexStore {
  /** Indexes read from the cache, by persist name. */
  saved: ReadonlyMap<string, ReadIndex>;
  /** A live file that grew: the indexes saved for its earlier rows and those rows' codes. */
  grown?: { indexes: ReadonlyMap<string, ReadIndex>; codes: EntryCodes } | null;
  /** Keeps a built index for the entry (serialised when the entry is saved). */
  save(name: string, saved: () => SavedIndex): void;
  /** No more index comes: the entry is saved now (called once, also when nothing was built). */
  finish(): void;
}

/** The indexes of one dataset: each built once, the columns let go when all are built. */
export class DatasetIndexes {
  private readonly built = new Map<ColumnIndex, unknown>();
  private columns: InvocationColumns | null;

  /**
   * @param indexers the capabilities' indexes
   * @param columns the dataset's invocations
   * @param files the dataset's files in open order
   */
  constructor(
    private readonly indexers: readonly ColumnIndex[],
    columns: InvocationColumns,
    private readonly files: readonly IndexedFile[],
    private readonly store: IndexStore | null = null,
  ) {
    this.columns = indexers.length ? columns : null;
  }

  /**
   * The index built by `indexer`, built now if it is not yet.
   * @returns null when `indexer` was not given to the engine
   */
  get<I>(indexer: ColumnIndex<I>): I | null {
    if (this.built.has(indexer)) return this.built.get(indexer) as I;
    if (!this.columns || !this.indexers.includes(indexer)) return null;
    const index = this.restored(indexer) ?? this.save(indexer, this.extended(indexer, this.columns) ?? indexer.build(this.columns, this.files));
    this.built.set(indexer, index);
    if (this.built.size === this.indexers.length) this.columns = null;
    return index;
  }

  /** The index as saved in the cache of opens, or null (not saved, or not restorable). */
  private restored<I>(indexer: ColumnIndex<I>): I | null {
    const p = indexer.persist;
    const saved = p && this.store?.saved.get(p.name);
    if (!p || !saved) return null;
    try {
      return p.restore(saved, this.files);
    } catch {
      return null;
    }
  }

  /** The index of a grown file extended from its earlier rows' index, or null. */
  private extended<I>(indexer: ColumnIndex<I>, columns: InvocationColumns): I | null {
    const p = indexer.persist;
    const grown = this.store?.grown;
    const saved = p && grown?.indexes.get(p.name);
    if (!p?.extend || !grown || !saved) return null;
    try {
      return p.extend(saved, grown.codes, columns, this.files);
    } catch {
      return null;
    }
  }

  /** Keeps a built (or extended) index for the file's cache entry when it persists. */
  private save<I>(indexer: ColumnIndex<I>, index: I): I {
    const p = indexer.persist;
    if (p && this.store) this.store.save(p.name, () => p.save(index));
    return index;
  }

  /**
   * Builds every index not built yet (a failure is left for the first use to report), then lets
   * the cache of opens save the file's entry with them.
   * @param build false when the dataset was replaced before its indexes were built: save without them
   */
  buildAll(build = true): void {
    for (const indexer of build ? this.indexers : []) {
      try {
        this.get(indexer);
      } catch {
        /* reported by the call that needs it */
      }
    }
    this.store?.finish();
  }
}
