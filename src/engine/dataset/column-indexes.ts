/**
 * Structures capabilities derive from the dataset's invocation columns (an index: the hourly cube,
 * for one), built once per load without the engine knowing what they are: the composition root
 * passes the capabilities' `ColumnIndex`es to the engine, the dataset keeps its columns until every
 * index is built (in the background after open() answers, or at once on first use), and a context
 * gives a capability its index with `ctx.index(indexer)`. The invocations do not change while a
 * dataset is open (writes go to other tables), so an index lives as long as its dataset.
 */
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
    const index = indexer.build(this.columns, this.files);
    this.built.set(indexer, index);
    if (this.built.size === this.indexers.length) this.columns = null;
    return index;
  }

  /** Builds every index not built yet (a failure is left for the first use to report). */
  buildAll(): void {
    for (const indexer of this.indexers) {
      try {
        this.get(indexer);
      } catch {
        /* reported by the call that needs it */
      }
    }
  }
}
