import type { Report } from '@chokepoint/report';
import { exportTables, type Scalar } from './network';

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // Characters XML 1.0 does not allow at all are dropped rather than written.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

function typeOf(values: Scalar[]): 'boolean' | 'int' | 'double' | 'string' {
  if (values.every((v) => typeof v === 'boolean')) return 'boolean';
  if (values.every((v) => typeof v === 'number' && Number.isInteger(v))) return 'int';
  if (values.every((v) => typeof v === 'number')) return 'double';
  return 'string';
}

/** GraphML with typed keys for every attribute, readable by Gephi, yEd, igraph, networkx and graphology. */
export function toGraphml(report: Report): string {
  const { nodes, edges } = exportTables(report);
  const keys = (items: { attributes: Record<string, Scalar> }[], domain: 'node' | 'edge', prefix: string) => {
    const byName = new Map<string, Scalar[]>();
    for (const it of items) for (const [k, v] of Object.entries(it.attributes)) {
      const list = byName.get(k);
      if (list) list.push(v);
      else byName.set(k, [v]);
    }
    return [...byName].map(([name, values], i) => ({ id: `${prefix}${i}`, name, type: typeOf(values), domain }));
  };
  const nodeKeys = keys(nodes, 'node', 'n');
  const edgeKeys = keys(edges, 'edge', 'e');
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'];
  for (const k of [...nodeKeys, ...edgeKeys]) out.push(`  <key id="${k.id}" for="${k.domain}" attr.name="${escapeXml(k.name)}" attr.type="${k.type}"/>`);
  out.push('  <graph id="chokepoint" edgedefault="directed">');
  const data = (attrs: Record<string, Scalar>, ks: typeof nodeKeys) =>
    ks
      .filter((k) => k.name in attrs)
      .map((k) => `      <data key="${k.id}">${escapeXml(String(attrs[k.name]))}</data>`)
      .join('\n');
  for (const n of nodes) out.push(`    <node id="${escapeXml(n.id)}">\n${data(n.attributes, nodeKeys)}\n    </node>`);
  for (const e of edges) out.push(`    <edge id="${escapeXml(e.id)}" source="${escapeXml(e.source)}" target="${escapeXml(e.target)}">\n${data(e.attributes, edgeKeys)}\n    </edge>`);
  out.push('  </graph>', '</graphml>', '');
  return out.join('\n');
}
