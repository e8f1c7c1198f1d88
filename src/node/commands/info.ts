import { allowFlags, formatRecord, positional, type Command } from '../cli-args.js';
import { withEngine } from './with-engine.js';

export const infoCommand: Command = {
  usage: 'info <db> [--json]',
  async run(args) {
    allowFlags(args, []);
    const info = await withEngine(positional(args, 0, '<db>'), (e) => e.info());
    const { tables, warnings, ...rest } = info;
    const text = [formatRecord({ ...rest, tables: tables.length }), ...warnings.map((w) => `warning ${w.code}: ${w.message}`)].join('\n');
    return { json: info, text };
  },
};
