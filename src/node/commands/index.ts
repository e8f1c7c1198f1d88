/** Every CLI command by name. Each capability keeps its commands in its own file. */
import type { Command } from '../cli-args.js';
import { infoCommand } from './info.js';
import { timeSeriesCommands } from './time-series.js';
import { abTestingCommands } from './ab-testing.js';
import { predictorCommands } from './predictor.js';
import { reportCommand } from './report.js';
import { skillTablesCommands } from './skill-tables.js';
import { exportParquetCommand } from './export-parquet.js';

export const COMMANDS: Record<string, Command> = {
  info: infoCommand,
  ...timeSeriesCommands,
  ...abTestingCommands,
  ...predictorCommands,
  report: reportCommand,
  ...skillTablesCommands,
  'export-parquet': exportParquetCommand,
};
