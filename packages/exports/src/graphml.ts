import type { Report } from '@chokepoint/report';
import { scalarText, type Column } from './columns';
import { exportNetwork, type ExportOptions, type Attributes } from './network';
import { collected, lineSink, type TextSink } from './sink';
import { xmlText } from './xml';

const GRAPHML_TYPE = { boolean: 'boolean', integer: 'int', long: 'long', double: 'double', string: 'string' } as const;

/**
 * GraphML with typed keys for every attribute, readable by Gephi, yEd, igraph, networkx and graphology. Text is
 * written by xmlText: escaped, with the code points XML 1.0 cannot hold replaced by U+FFFD.
 */
export function toGraphml(report: Report, options: ExportOptions = {}): string {
  return collected((sink) => writeGraphml(report, sink, options));
}

/** toGraphml, line by line to `sink`. */
export function writeGraphml(report: Report, sink: TextSink, options: ExportOptions = {}): void {
  const network = exportNetwork(report, options);
  const keyed = (columns: Column[], prefix: string) => columns.map((c, i) => ({ ...c, id: `${prefix}${i}` }));
  const nodeKeys = keyed(network.nodeColumns(), 'n');
  const edgeKeys = keyed(network.edgeColumns(), 'e');
  const out = lineSink(sink);
  out.push('<?xml version="1.0" encoding="UTF-8"?>', '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">');
  for (const [domain, keys] of [['node', nodeKeys], ['edge', edgeKeys]] as const) {
    for (const k of keys) out.push(`  <key id="${k.id}" for="${domain}" attr.name="${xmlText(k.name)}" attr.type="${GRAPHML_TYPE[k.type]}"/>`);
  }
  out.push('  <graph id="chokepoint" edgedefault="directed">');
  const data = (attrs: Attributes, ks: typeof nodeKeys) =>
    ks
      .filter((k) => attrs.has(k.name))
      .map((k) => `      <data key="${k.id}">${xmlText(scalarText(attrs.get(k.name)!))}</data>`)
      .join('\n');
  for (const n of network.nodes()) out.push(`    <node id="${xmlText(n.id)}">\n${data(n.attributes, nodeKeys)}\n    </node>`);
  for (const e of network.edges()) out.push(`    <edge id="${xmlText(e.id)}" source="${xmlText(e.source)}" target="${xmlText(e.target)}">\n${data(e.attributes, edgeKeys)}\n    </edge>`);
  out.push('  </graph>', '</graphml>');
}
