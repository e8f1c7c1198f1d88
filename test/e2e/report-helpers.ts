/** Helpers of the report-site tests: reading the report's tables and saving screenshots. */
import { mkdirSync } from 'node:fs';
import type { Locator, Page, TestInfo } from '@playwright/test';

/** A table cell as the page shows it: its text and, for numbers, the unformatted value. */
export interface Cell {
  text: string;
  value: string | null;
}

/** Rows of a report table by `data-key`, cells by `data-col`. */
export async function readTable(table: Locator): Promise<{ key: string; cells: Record<string, Cell> }[]> {
  return table.evaluate((t) =>
    [...t.querySelectorAll('tbody tr')].map((tr) => ({
      key: (tr as HTMLElement).dataset.key ?? '',
      cells: Object.fromEntries(
        [...tr.querySelectorAll('[data-col]')].map((c) => [
          (c as HTMLElement).dataset.col!,
          { text: (c.textContent ?? '').trim(), value: (c as HTMLElement).dataset.value ?? null },
        ]),
      ),
    })),
  );
}

/** The number in `data-value` ("null" → null). */
export function num(cell: Cell | undefined): number | null {
  if (!cell || cell.value === null || cell.value === 'null') return null;
  return Number(cell.value);
}

/** Saves a screenshot of a locator as test-results/screenshots/<name>.png and attaches it to the test. */
export async function shoot(target: Locator | Page, name: string, testInfo: TestInfo): Promise<void> {
  mkdirSync('test-results/screenshots', { recursive: true });
  const path = `test-results/screenshots/${name}.png`;
  await target.screenshot({ path, ...('goto' in target ? { fullPage: true } : {}) });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** Fails the test on any dialog (alert/confirm/prompt): markup from the file must never run. */
export function forbidDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  return dialogs;
}
