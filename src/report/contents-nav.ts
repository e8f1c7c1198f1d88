/** The report's table of contents: one link per panel (its `#id`), in the order shown. */
import { el } from './dom.js';

/**
 * A `<nav>` listing the panels by their headings. Links carry `data-view`: the report shows the
 * panel without reloading and keeps it in the URL.
 * @param sections the panels' sections (each with an id and an `h2`)
 * @returns the navigation element
 * @example contentsNav([overview.section]).querySelector('a')!.getAttribute('href') // '#overview'
 */
export function contentsNav(sections: HTMLElement[]): HTMLElement {
  return el(
    'nav',
    { class: 'contents', 'aria-label': 'Contents' },
    el('ol', {}, ...sections.map((s) => el('li', {}, el('a', { href: `#${s.id}`, 'data-view': '' }, s.querySelector('h2')?.textContent ?? s.id)))),
  );
}
