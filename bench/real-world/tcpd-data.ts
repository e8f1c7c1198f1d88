/**
 * Reads the Turing Change Point Dataset (github.com/alan-turing-institute/TCPD, MIT licence for the
 * code; each series' own licence in its folder): `datasets/<name>/<name>.json` and `annotations.json`
 * from a checkout given on the command line. Series whose JSON the repository does not ship (they
 * need a download script) are skipped and named.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Annotations } from './tcpd-metrics.js';

/** One univariate series with its annotations. */
export interface TcpdSeries {
  name: string;
  /** Values; a missing value (null in the file) is NaN. */
  values: number[];
  annotations: Annotations;
}

interface TcpdFile {
  n_obs: number;
  n_dim: number;
  series: { raw: (number | null)[] }[];
}

/** The quality-control series were made for the annotation tool, not part of the benchmark's real series. */
export const isQualityControl = (name: string): boolean => name.startsWith('quality_control');

/**
 * Loads every univariate series with a JSON file in the checkout.
 * @param root the TCPD checkout (holding datasets/ and annotations.json)
 * @returns the series in name order, and the annotated names without a file or with several dimensions
 */
export function loadTcpd(root: string): { series: TcpdSeries[]; missing: string[]; multivariate: string[] } {
  const annotations = JSON.parse(readFileSync(path.join(root, 'annotations.json'), 'utf8')) as Record<string, Annotations>;
  const series: TcpdSeries[] = [];
  const missing: string[] = [];
  const multivariate: string[] = [];
  for (const name of Object.keys(annotations).sort()) {
    const file = path.join(root, 'datasets', name, `${name}.json`);
    if (!existsSync(file)) {
      missing.push(name);
      continue;
    }
    const data = JSON.parse(readFileSync(file, 'utf8')) as TcpdFile;
    if (data.n_dim !== 1) {
      multivariate.push(name);
      continue;
    }
    series.push({ name, values: data.series[0].raw.map((v) => (v === null ? Number.NaN : v)), annotations: annotations[name] });
  }
  return { series, missing, multivariate };
}

/** Names of the dataset folders (to tell a wrong path from an empty one). */
export const datasetFolders = (root: string): string[] => (existsSync(path.join(root, 'datasets')) ? readdirSync(path.join(root, 'datasets')) : []);
