import { SaxesParser } from 'saxes';

/** An element of a parsed XML document: its name (without prefix), attributes and children. */
export interface XmlElement {
  name: string;
  attributes: Map<string, string>;
  children: XmlElement[];
  text: string;
}

/**
 * Parses XML with saxes, a strict XML 1.0 parser (well-formedness, character ranges, entities, namespaces):
 * any problem throws. Returns the root element.
 */
export function parseXmlStrict(text: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on('error', (err) => {
    throw err;
  });
  parser.on('opentag', (tag) => {
    const element: XmlElement = { name: tag.local, attributes: new Map(), children: [], text: '' };
    for (const a of Object.values(tag.attributes)) element.attributes.set(a.local === '' ? a.name : a.local, a.value);
    if (stack.length > 0) stack[stack.length - 1].children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on('text', (t) => {
    if (stack.length > 0) stack[stack.length - 1].text += t;
  });
  parser.on('closetag', () => stack.pop());
  parser.write(text).close();
  if (root === undefined) throw new Error('no root element');
  return root;
}

/** Every element named `name` below `element`, in document order. */
export function all(element: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(element);
  return out;
}
