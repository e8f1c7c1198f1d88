import { exportParquetFiles } from '../export-parquet-files.js';
import { allowFlags, type Command, flagString, formatTable, positional, UsageError } from '../cli-args.js';
import { currentThreads, currentWarehouseEngine, databasesFrom } from './with-engine.js';

export const exportParquetCommand: Command = {
  usage: 'export-parquet <db…> --out DIR [--json]',
  async run(args) {
    allowFlags(args, ['out']);
    const db = positional(args, 0, '<db>');
    if (args.positionals.length > 1) throw new UsageError(`unexpected argument "${args.positionals[1]}"`);
    const out = flagString(args, 'out');
    if (!out) throw new UsageError('missing --out DIR (the folder to write the Parquet files into)');
    const result = await exportParquetFiles(databasesFrom(db), out, { engine: currentWarehouseEngine(), threads: currentThreads() });
    return {
      json: result,
      text: `wrote ${result.files.length} Parquet files to ${result.outDir}\n\n${formatTable(result.files.map((f) => ({ table: f.table, rows: f.rows, bytes: f.bytes, file: f.path })))}`,
    };
  },
};
