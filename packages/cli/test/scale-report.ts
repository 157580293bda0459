import { join } from 'node:path';
import { readReport, type Report } from '@chokepoint/report';
import { DEMO, run } from './run';

/**
 * A large report made from a small one: `copies` copies of its network side by side, each with its own ids (`<id>~k`)
 * and clusters, joined by one shipment from each copy to the next. The findings (key nodes, flags, groups …) stay
 * those of the first copy, whose ids are kept as they were, so the report stays valid.
 */
export function multiplyReport(small: Report, copies: number): Report {
  const idOf = (id: string, k: number) => (k === 0 ? id : `${id}~${k}`);
  const clusters = Math.max(...small.clusters.map((c) => c.id));
  const entities: Report['entities'] = [];
  const relations: Report['relations'] = [];
  const shipments: Report['shipments'] = [];
  const reportClusters: Report['clusters'] = [];
  for (let k = 0; k < copies; k++) {
    for (const e of small.entities) entities.push({ ...e, id: idOf(e.id, k), name: k === 0 ? e.name : `${e.name} ${k}`, cluster: e.cluster + k * clusters, group: k === 0 ? e.group : 0, flags: k === 0 ? e.flags : [] });
    for (const r of small.relations) relations.push({ ...r, source: idOf(r.source, k), target: idOf(r.target, k), ...(r.viaShipments ? { viaShipments: r.viaShipments.map((s) => idOf(s, k)) } : {}) });
    for (const s of small.shipments) {
      const copy = { ...s, id: idOf(s.id, k), supplier: idOf(s.supplier, k), buyer: idOf(s.buyer, k) };
      if (s.payer !== undefined) copy.payer = idOf(s.payer, k);
      if (s.consignee !== undefined) copy.consignee = idOf(s.consignee, k);
      shipments.push(copy);
    }
    for (const c of small.clusters) reportClusters.push({ ...c, id: c.id + k * clusters, members: c.members.map((m) => idOf(m, k)), hub: idOf(c.hub, k), flaggedMembers: k === 0 ? c.flaggedMembers : 0 });
    if (k > 0) shipments.push({ ...small.shipments[0], id: `link~${k}`, supplier: idOf(small.entities[0].id, k - 1), buyer: idOf(small.entities[0].id, k), payer: undefined, consignee: undefined });
  }
  for (const s of shipments) for (const key of ['payer', 'consignee'] as const) if (s[key] === undefined) delete s[key];
  return {
    ...small,
    input: { ...small.input, counts: { ...small.input.counts, entities: entities.length, relations: relations.length, shipments: shipments.length } },
    network: { ...small.network, entities: entities.length, ties: relations.length + shipments.length },
    entities,
    relations,
    shipments,
    clusters: reportClusters,
  };
}

/** The demo analysed through the CLI (its report written in `dir`), multiplied to at least `entities` entities. */
export async function largeDemoReport(dir: string, entities: number): Promise<Report> {
  const small = join(dir, 'small.json');
  const r = await run('analyze', DEMO, '--out', small, '--quiet');
  if (r.code !== 0) throw new Error(`analyze of the demo failed (exit ${r.code}): ${r.stderr}`);
  const one = readReport(small);
  return multiplyReport(one, Math.ceil(entities / one.entities.length));
}
