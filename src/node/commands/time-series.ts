import type { Command } from '../cli-args.js';

export const timeSeriesCommands: Record<string, Command> = {};
