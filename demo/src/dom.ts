/** DOM helpers: data is always inserted as text (textContent), never as HTML. */
import { isAnalyticsError } from '../../src/client/index.js';

type Child = Node | string | number | null | undefined | false;

/** Creates an element with attributes and text/element children. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return node;
}

/** A readable one-line message for an error, with its code. */
export function formatError(e: unknown): string {
  if (isAnalyticsError(e)) return `Could not open the file [${e.code}]: ${e.message}`;
  return `Something went wrong: ${e instanceof Error ? e.message : String(e)}`;
}
