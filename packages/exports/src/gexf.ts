import type { Report } from '@chokepoint/report';
import { scalarText, type Column } from './columns';
import { exportNetwork, type ExportOptions, mercatorY, type Attributes } from './network';
import { collected, lineSink, type TextSink } from './sink';
import { xmlText } from './xml';

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];

/**
 * GEXF 1.3 for Gephi: every result as a node attribute (cluster, betweenness, key score, flags …),
 * colours by cluster, sizes by key score, and positions on a Mercator map for located entities. Text is written
 * by xmlText: escaped, with the code points XML 1.0 cannot hold replaced by U+FFFD.
 */
export function toGexf(report: Report, options: ExportOptions = {}): string {
  return collected((sink) => writeGexf(report, sink, options));
}

/** toGexf, line by line to `sink`. */
export function writeGexf(report: Report, sink: TextSink, options: ExportOptions = {}): void {
  const network = exportNetwork(report, options);
  // The node label is the GEXF label, not an attribute.
  const nodeColumns = network.nodeColumns().filter((c) => c.name !== 'label');
  const edgeColumns = network.edgeColumns();
  const out = lineSink(sink);
  out.push(
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf version="1.3" xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd">',
    '  <meta>',
    '    <creator>Chokepoint</creator>',
    '  </meta>',
    '  <graph defaultedgetype="directed" mode="static">',
  );
  const declare = (kind: 'node' | 'edge', columns: Column[]) => {
    out.push(`    <attributes class="${kind}" mode="static">`);
    columns.forEach((c, i) => out.push(`      <attribute id="${i}" title="${xmlText(c.name)}" type="${c.type}"/>`));
    out.push('    </attributes>');
  };
  declare('node', nodeColumns);
  declare('edge', edgeColumns);
  const values = (attrs: Attributes, columns: Column[]) => {
    const lines: string[] = [];
    columns.forEach((c, i) => {
      if (attrs.has(c.name)) lines.push(`          <attvalue for="${i}" value="${xmlText(scalarText(attrs.get(c.name)!))}"/>`);
    });
    return lines.length === 0 ? [] : ['        <attvalues>', ...lines, '        </attvalues>'];
  };
  out.push('    <nodes>');
  for (const n of network.nodes()) {
    const a = n.attributes;
    out.push(`      <node id="${xmlText(n.id)}" label="${xmlText(String(a.get('label') ?? n.id))}">`, ...values(a, nodeColumns));
    out.push(`        <viz:color hex="${PALETTE[((a.get('cluster') as number) - 1) % PALETTE.length]}"/>`);
    out.push(`        <viz:size value="${4 + 16 * (a.get('keyScore') as number)}"/>`);
    const lat = a.get('lat');
    const lon = a.get('lon');
    if (typeof lat === 'number' && typeof lon === 'number') out.push(`        <viz:position x="${lon}" y="${mercatorY(lat)}"/>`);
    out.push('      </node>');
  }
  out.push('    </nodes>', '    <edges>');
  for (const e of network.edges()) {
    const a = e.attributes;
    const weight = a.get('kind') === 'shipment' ? Number(a.get('shipments')) : 1;
    out.push(`      <edge id="${xmlText(e.id)}" source="${xmlText(e.source)}" target="${xmlText(e.target)}" weight="${weight}" label="${xmlText(String(a.get('kind')))}">`, ...values(a, edgeColumns));
    out.push('      </edge>');
  }
  out.push('    </edges>', '  </graph>', '</gexf>');
}
