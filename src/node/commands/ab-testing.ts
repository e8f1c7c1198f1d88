import type { Command } from '../cli-args.js';

export const abTestingCommands: Record<string, Command> = {};
