/**
 * "Export database" (the file with the writes made here) and "Discard local changes" (back to the
 * original file). Shown only when there is something to export or discard.
 */
import type { DatabaseInfo } from '../../client/index.js';
import { el, formatError } from '../dom.js';

export interface LocalChangeControls {
  element: HTMLElement;
  /** Shows/hides the buttons: `wrote` = a write happened since the file was opened. */
  update(info: DatabaseInfo, wrote: boolean): void;
}

/**
 * @param exportBytes returns the file's bytes (analytics.exportDatabase)
 * @param discard drops the saved copy and reopens the original (the element reloads the report)
 * @param fileName base name for the download
 */
export function localChangeControls(exportBytes: () => Promise<Uint8Array>, discard: () => Promise<void>, fileName: string): LocalChangeControls {
  const note = el('p', { class: 'note', id: 'local-note' });
  const exportButton = el('button', { type: 'button', id: 'export-db' }, 'Export database');
  const discardButton = el('button', { type: 'button', id: 'discard-changes' }, 'Discard local changes');
  const message = el('p', { class: 'note', role: 'status' });
  exportButton.addEventListener('click', async () => {
    try {
      const bytes = await exportBytes();
      const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/vnd.sqlite3' }));
      const a = el('a', { href: url, download: fileName.replace(/(\.[^.]*)?$/, '-changed.db') });
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      message.textContent = `Exported ${bytes.byteLength} bytes.`;
    } catch (e) {
      message.textContent = formatError(e, 'Could not export the database');
    }
  });
  discardButton.addEventListener('click', () => {
    discardButton.disabled = true;
    discard()
      .catch((e) => (message.textContent = formatError(e, 'Could not discard the local changes')))
      .finally(() => (discardButton.disabled = false));
  });
  const element = el('div', { class: 'local-changes', hidden: '' }, note, el('div', { class: 'toolbar' }, exportButton, discardButton), message);
  return {
    element,
    update(info, wrote) {
      element.hidden = !(wrote || info.localChanges);
      discardButton.hidden = !info.localChanges && !wrote;
      note.textContent = info.localChanges
        ? 'This is the copy saved in this browser, with changes made here earlier. Export it to keep them, or discard them to return to the original file.'
        : 'The file was changed here (saved in this browser). Export it to keep the changes in a file.';
    },
  };
}
