/**
 * Pages of a SQLite file read through a host's `readAt(offset, length)` (a Node file handle, a
 * browser Blob.slice), with the committed pages of a -wal log taking the place of the file's
 * pages, as SQLite reads them. Only the pages asked for are read; neighbouring pages asked for
 * together are read in one call.
 */
import { corrupt } from './record.js';
import type { WalLog } from '../wal/wal-log.js';

/**
 * Reads `length` bytes at byte `offset` of the file. May return fewer bytes at the end of the
 * file; may be synchronous or asynchronous.
 */
export type ReadAt = (offset: number, length: number) => Uint8Array | Promise<Uint8Array>;

/** Pages within this many of each other are read in one call (the gap is read and dropped). */
const MAX_GAP_PAGES = 8;
/** Bytes of one read call at most. */
const MAX_RUN_BYTES = 4 << 20;

export class PageSource {
  /** Pages of the database (after the log's last commit when a log applies). */
  readonly pageCount: number;

  /**
   * @param readAt reads the database file
   * @param size the database file's length in bytes
   * @param pageSize bytes per page
   * @param headerPageCount pages of the database file by its header
   * @param wal the log's bytes and committed pages, when they apply
   */
  constructor(
    private readonly readAt: ReadAt,
    private readonly size: number,
    readonly pageSize: number,
    headerPageCount: number,
    private readonly wal: { bytes: Uint8Array; log: WalLog } | null,
  ) {
    this.pageCount = wal ? wal.log.dbPages : headerPageCount;
  }

  /** True when the log's pages are in use. */
  get withLog(): boolean {
    return this.wal !== null;
  }

  /**
   * One page.
   * @throws AnalyticsError CORRUPT_DATABASE for a page number outside the file
   */
  async page(n: number): Promise<Uint8Array> {
    return (await this.pages([n]))[0];
  }

  /**
   * Several pages, in the order asked; runs of near pages are read together.
   * @throws AnalyticsError CORRUPT_DATABASE for a page number outside the file
   */
  async pages(numbers: readonly number[]): Promise<Uint8Array[]> {
    const out: Uint8Array[] = new Array(numbers.length);
    const fromFile: number[] = [];
    for (let i = 0; i < numbers.length; i++) {
      const n = numbers[i];
      if (!Number.isInteger(n) || n < 1 || n > this.pageCount) throw corrupt(`a b-tree points to page ${n} of a ${this.pageCount}-page file`);
      const walOffset = this.wal?.log.pages.get(n);
      if (walOffset !== undefined) out[i] = this.wal!.bytes.subarray(walOffset, walOffset + this.pageSize);
      else fromFile.push(i);
    }
    if (fromFile.length === 0) return out;
    const order = fromFile.slice().sort((a, b) => numbers[a] - numbers[b]);
    const maxRunPages = Math.max(1, Math.floor(MAX_RUN_BYTES / this.pageSize));
    let k = 0;
    while (k < order.length) {
      const first = numbers[order[k]];
      let last = first;
      let j = k + 1;
      while (j < order.length && numbers[order[j]] - last <= MAX_GAP_PAGES && numbers[order[j]] - first < maxRunPages) last = numbers[order[j++]];
      const bytes = await this.read(first, last - first + 1);
      for (let m = k; m < j; m++) {
        const at = (numbers[order[m]] - first) * this.pageSize;
        out[order[m]] = bytes.subarray(at, at + this.pageSize);
      }
      k = j;
    }
    return out;
  }

  private async read(first: number, count: number): Promise<Uint8Array> {
    const offset = (first - 1) * this.pageSize;
    const length = count * this.pageSize;
    if (offset + length > this.size) throw corrupt(`pages ${first}-${first + count - 1} lie past the end of the ${this.size}-byte file`);
    const bytes = await this.readAt(offset, length);
    if (bytes.byteLength < length) throw corrupt(`reading ${length} bytes at ${offset} gave ${bytes.byteLength}: the file is shorter than it was`);
    return bytes;
  }
}
