/**
 * Boxes that scroll (`.scroll`: wide tables, long table alternatives) must be reachable from the
 * keyboard and named for screen readers (WCAG 2.1.1; axe: scrollable-region-focusable). Panels
 * create them as they draw, so the report watches its body and labels every new one.
 */

/**
 * Makes every `.scroll` box under `root` a named, focusable region (once).
 * @param root where to look
 * @returns how many boxes were labelled now
 * @example labelScrollRegions(shadowRoot) // 3
 */
export function labelScrollRegions(root: ParentNode): number {
  let n = 0;
  for (const box of root.querySelectorAll<HTMLElement>('.scroll:not([tabindex])')) {
    box.tabIndex = 0;
    box.setAttribute('role', 'region');
    if (!box.hasAttribute('aria-label')) {
      const name = box.querySelector('caption')?.textContent || box.closest('article, section')?.querySelector('h3, h2')?.textContent || 'Table';
      box.setAttribute('aria-label', `${name.trim()}: table`);
    }
    n++;
  }
  return n;
}

/**
 * Labels the `.scroll` boxes under `root` now and whenever panels add some.
 * @param root the report's body
 * @returns the observer (disconnect to stop)
 */
export function watchScrollRegions(root: HTMLElement): MutationObserver {
  const observer = new MutationObserver(() => labelScrollRegions(root));
  observer.observe(root, { childList: true, subtree: true });
  labelScrollRegions(root);
  return observer;
}
