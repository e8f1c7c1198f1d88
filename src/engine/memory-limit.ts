/**
 * DuckDB's memory limit from what the device has. DuckDB-WASM otherwise assumes ~3.1 GiB (most of
 * the 32-bit wasm heap) whatever the device: on a 4 GB phone a big GROUP BY would take the tab
 * down instead of failing one query. The warehouse gets a quarter of the device's memory (the tab
 * also holds sql.js's copy of the file and the page), at least 256 MiB and at most 3 GiB.
 */

const MIN = 256 * 2 ** 20;
const MAX = 3 * 2 ** 30;

/**
 * @param deviceBytes the device's memory in bytes (navigator.deviceMemory × 2³⁰ in a browser,
 *   os.totalmem() in Node), or null when unknown
 * @returns a value for `SET memory_limit`, or null to keep DuckDB's default
 * @example duckdbMemoryLimit(4 * 2 ** 30) // '1024MiB'
 */
export function duckdbMemoryLimit(deviceBytes: number | null | undefined): string | null {
  if (!deviceBytes || !Number.isFinite(deviceBytes) || deviceBytes <= 0) return null;
  return `${Math.floor(Math.min(MAX, Math.max(MIN, deviceBytes / 4)) / 2 ** 20)}MiB`;
}

/**
 * The browser's (or worker's) `navigator.deviceMemory` in bytes (Chromium reports 0.25-8 GB,
 * rounded), or null where it does not exist (Firefox, Safari, Node).
 * @returns bytes or null
 */
export function navigatorDeviceMemory(): number | null {
  const gb = (globalThis.navigator as { deviceMemory?: number } | undefined)?.deviceMemory;
  return typeof gb === 'number' && gb > 0 ? gb * 2 ** 30 : null;
}
