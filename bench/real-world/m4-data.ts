/**
 * Reads the M4 competition's hourly series (github.com/Mcompetitions/M4-methods, Dataset/Train and
 * Dataset/Test: Hourly-train.csv and Hourly-test.csv) from a checkout given on the command line,
 * and scores forecasts as the competition does ("Benchmarks and Evaluation.R" in that repository):
 * sMAPE = mean 200 |y − ŷ| / (|y| + |ŷ|) over the horizon; MASE = mean |y − ŷ| / the in-sample
 * mean absolute error of the seasonal naive forecast (m = 24), averaged over series.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** One hourly series: history and the 48 values to forecast. */
export interface M4Series {
  id: string;
  train: number[];
  test: number[];
}

/** Horizon and seasonality of M4's hourly set. */
export const M4_HOURLY_HORIZON = 48;
export const M4_HOURLY_SEASONALITY = 24;

function readCsv(file: string): Map<string, number[]> {
  const rows = new Map<string, number[]>();
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).slice(1);
  for (const line of lines) {
    if (!line.trim()) continue;
    const cells = line.split(',').map((c) => c.replace(/"/g, ''));
    rows.set(
      cells[0],
      cells
        .slice(1)
        .filter((c) => c !== '' && c !== 'NA')
        .map(Number),
    );
  }
  return rows;
}

/**
 * Loads the hourly train / test pairs.
 * @param root the M4-methods checkout (holding Dataset/)
 * @returns the 414 series in file order
 */
export function loadM4Hourly(root: string): M4Series[] {
  const train = readCsv(path.join(root, 'Dataset', 'Train', 'Hourly-train.csv'));
  const test = readCsv(path.join(root, 'Dataset', 'Test', 'Hourly-test.csv'));
  return [...train].map(([id, values]) => ({ id, train: values, test: test.get(id) ?? [] }));
}

/** sMAPE (%) of one forecast. */
export function smape(actual: readonly number[], predicted: readonly number[]): number {
  let s = 0;
  actual.forEach((y, i) => {
    s += (200 * Math.abs(y - predicted[i])) / (Math.abs(y) + Math.abs(predicted[i]));
  });
  return s / actual.length;
}

/** MASE of one forecast, scaled by the in-sample seasonal naive error with period m. */
export function mase(insample: readonly number[], actual: readonly number[], predicted: readonly number[], m: number): number {
  let scale = 0;
  for (let i = m; i < insample.length; i++) scale += Math.abs(insample[i] - insample[i - m]);
  scale /= insample.length - m;
  let s = 0;
  actual.forEach((y, i) => {
    s += Math.abs(y - predicted[i]);
  });
  return s / actual.length / scale;
}

/** The seasonal naive forecast: the last cycle repeated. */
export function seasonalNaive(insample: readonly number[], m: number, horizon: number): number[] {
  return Array.from({ length: horizon }, (_, h) => insample[insample.length - m + (h % m)]);
}
