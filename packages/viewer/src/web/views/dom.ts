import { isolateRtl } from '../core/format';

export type Child = Node | string | number | null | undefined | false;

/**
 * Creates an element. Text is always set as text (textContent / text nodes), never parsed as HTML:
 * names and attributes from the data can contain anything. Right-to-left runs in it (Arabic names) are isolated
 * (isolateRtl), so that the numbers and words around them keep their places.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, string | number | boolean | ((e: Event) => void) | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') node.addEventListener(key.replace(/^on/, '').toLowerCase(), value);
    else if (key === 'text') node.textContent = isolateRtl(String(value));
    else if (key === 'className') node.className = String(value);
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' ? document.createTextNode(isolateRtl(c)) : typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

export { int } from '../core/format';

/** A table: header cells, then rows of cells (text or elements). */
export function table(className: string, headers: string[], rows: Child[][]): HTMLTableElement {
  const t = el('table', { className });
  append(t, el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { scope: 'col', text: h })))));
  const body = el('tbody');
  for (const cells of rows) append(body, el('tr', {}, ...cells.map((c) => el('td', {}, c))));
  append(t, body);
  return t;
}

/** A money figure (always with its currency), marked so that it can be found and checked. */
export function moneyEl(text: string): HTMLElement {
  return el('span', { className: 'money', text });
}
