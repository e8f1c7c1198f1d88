import type { Command } from '../cli-args.js';

export const predictorCommands: Record<string, Command> = {};
