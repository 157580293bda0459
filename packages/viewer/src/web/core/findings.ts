import type { Report, ReportCluster, ReportController, ReportGroup, ReportKeyNode } from '@chokepoint/report';
import { flowAmount, int, km, percent } from './format';

/** What a cluster or a company group needs to say where it lies. */
export type Placed = Pick<ReportCluster | ReportGroup, 'borderProximate' | 'enoughLocated' | 'nearestPlace' | 'located' | 'size'> & Partial<Pick<ReportCluster | ReportGroup, 'withinRadius'>>;

export interface Proximity {
  /** True only when the report says so (`borderProximate`): labels never contradict the numbers. */
  near: boolean;
  /** "near a border", "not near a border", "too few members located" … */
  status: string;
  /** The numbers behind it: "median 4.4 km from Illela – Birni N'Konni"; '' when there are none to give. */
  detail: string;
}

/**
 * Where a cluster or company group lies, in words that never contradict the numbers: "near a border" only when the
 * report's `borderProximate` is true, with its median distance; "too few members located" when too few members
 * have coordinates to place it (whatever the distance of the one or two that do); otherwise "not near a border"
 * with the median distance, or why there is none.
 */
export function proximity(u: Placed, radiusKm?: number): Proximity {
  const place = u.nearestPlace;
  const median = place ? `median ${km(place.distanceKm)} km from ${place.name}` : '';
  // Near by most members at several crossings, its median member far from any one (engine geo.ts: proximate).
  if (u.borderProximate && spread(u, radiusKm)) return { near: true, status: 'near a border', detail: `${int(u.withinRadius!)} of ${int(u.located)} located members within ${km(radiusKm!)} km of a crossing, spread over several; ${median}` };
  if (u.borderProximate) return { near: true, status: 'near a border', detail: median };
  if (u.located === 0) return { near: false, status: 'no member located', detail: '' };
  if (!u.enoughLocated) return { near: false, status: 'too few members located', detail: `${int(u.located)} of ${int(u.size)} located` };
  if (place === null) return { near: false, status: 'no border crossing in the data', detail: '' };
  return { near: false, status: 'not near a border', detail: median };
}

/** Near a border by most members at several crossings: the median member beyond the radius of the nearest one. */
function spread(u: Placed, radiusKm: number | undefined): boolean {
  return radiusKm !== undefined && u.withinRadius !== undefined && u.nearestPlace !== null && u.nearestPlace.distanceKm > radiusKm;
}

/** "near a border · median 4.4 km from Illela". */
export function proximityText(u: Placed, radiusKm?: number): string {
  const p = proximity(u, radiusKm);
  return p.detail === '' ? p.status : `${p.status} · ${p.detail}`;
}

/**
 * The same, short, for labels on the graph: "near a border, median 4.4 km" (the crossing is named in the lists);
 * "near border crossings, 4 of 4 within 50 km" for one whose members sit at several.
 */
export function shortProximity(u: Placed, radiusKm?: number): string {
  const p = proximity(u, radiusKm);
  if (p.near && spread(u, radiusKm)) return `near border crossings, ${int(u.withinRadius!)} of ${int(u.located)} within ${km(radiusKm!)} km`;
  if (p.near && u.nearestPlace) return `near a border, median ${km(u.nearestPlace.distanceKm)} km`;
  return p.status;
}

type Step = ReportController['companies'][number]['path'][number];

/** One tie of a control path in words: "owner 70 %", "director", "relative". */
export function stepLabel(step: Step): string {
  if (step.kind === 'owner') return step.share === undefined ? 'owner' : `owner ${int(step.share)} %`;
  if (step.kind === 'family') return 'relative';
  return 'director';
}

/**
 * A control path in words, as the summary gives it: a single tie is its kind ("owner 100 %"); a longer path names
 * the entities it runs through and then the ties ("through Kabarawa Holding SA: director, owner 70 %"), saying so
 * when it starts with a relative.
 */
export function pathWords(path: readonly Step[], nameOf: (id: string) => string): string {
  const kinds = path.map(stepLabel).join(', ');
  if (path.length <= 1) return kinds;
  const through = path.slice(0, -1).map((s) => nameOf(s.to)).join(', then ');
  return `through ${path[0].kind === 'family' ? 'a relative, ' : ''}${through}: ${kinds}`;
}

/** The entities a controller's paths run through and reach, and the ties they follow: what selecting it shows. */
export function controlReach(c: ReportController): { entities: string[]; ties: [string, string][] } {
  const entities = new Set<string>();
  const ties: [string, string][] = [];
  for (const company of c.companies) {
    entities.add(company.id);
    for (const step of company.path) {
      entities.add(step.to);
      ties.push([step.from, step.to]);
    }
  }
  entities.delete(c.id);
  return { entities: [...entities], ties };
}

/** What each key-node role means, in the summary's words. */
export const ROLE_WORDS: Readonly<Record<string, string>> = {
  control: 'behind flagged companies',
  brokerage: 'a broker',
  flow: 'the flow depends on it',
  structure: 'holds the network together',
};

/** The five parts of a key node's score, with their names for people, in the order of docs/report.md. */
export const MEASURES: readonly { key: keyof ReportKeyNode['measures']; label: string }[] = [
  { key: 'control', label: 'controls flagged firms' },
  { key: 'flowCut', label: 'flow cut without it' },
  { key: 'brokerage', label: 'brokerage' },
  { key: 'betweenness', label: 'betweenness' },
  { key: 'cutOff', label: 'cuts off entities' },
];

/**
 * What the supply-chokepoint analysis says about one entity, in sentences: source, target or both, the flow lost
 * without it, whether every path passes through it, whether it is in the smallest cut, its place on the fragility
 * curve. Every amount with its unit or currency, every share of a flow that did not exist as "—". Empty when the
 * entity plays no part.
 */
export function chokepointLines(report: Pick<Report, 'chokepoints'>, id: string): string[] {
  const c = report.chokepoints;
  if (c === null) return [];
  const lines: string[] = [];
  const source = c.sources.includes(id);
  const target = c.targets.includes(id);
  if (c.sourcesAlsoTargets.includes(id)) lines.push('Both a supplier of the goods (a source) and a receiver near a border (a target): what it receives counts as delivered, what it sells to targets outside its own company group counts from it.');
  else if (source) lines.push('A supplier of the goods (a source).');
  else if (target) lines.push('A receiver near a border (a target).');
  const cut = c.flowCut?.entities.find((e) => e.id === id);
  if (cut && c.flowCut) lines.push(`Without it, ${percent(cut.share)} of the flow (${flowAmount(cut.amount, c.flowCut.measure, c.valueCurrency)} of ${flowAmount(c.flowCut.total, c.flowCut.measure, c.valueCurrency)}) could no longer reach the targets.`);
  if (c.dominators.includes(id)) lines.push('Every path from the sources to the reachable targets passes through it.');
  const partial = c.partialDominators.find((d) => d.id === id);
  if (partial) lines.push(`Every path to ${int(partial.targets)} of the ${int(c.reachableTargets)} reachable targets passes through it.`);
  const vertex = c.vertexCut.find((v) => v.id === id);
  if (vertex) {
    const value = c.valueCurrency === null ? '' : `, ${flowAmount(vertex.value, 'value', c.valueCurrency)}`;
    lines.push(`In the smallest set of entities whose removal stops the flow; it carries ${flowAmount(vertex.kg, 'kg', null)}${value} at the maximum flow.`);
  }
  const step = c.disruption.findIndex((d) => d.id === id);
  if (step >= 0) {
    const d = c.disruption[step];
    const reached = d.targetsReached === undefined ? '' : `; ${int(d.targetsReached)} of the ${int(c.reachableTargets)} targets still reached`;
    lines.push(`Removal ${step + 1} of the fragility curve; still deliverable after it: kg ${percent(d.remainingFlowShare)}, value ${percent(d.remainingValueShare)}${reached}.`);
  }
  return lines;
}

/** A tie in words, seen from one of its ends: "owns 70 % of", "director of", "goods paid for by" … */
export function tieWords(kind: string, outgoing: boolean, share?: number): string {
  const pct = share === undefined ? '' : ` ${int(share)} % of`;
  switch (kind) {
    case 'owner':
      return outgoing ? `owns${pct}` : `owned${share === undefined ? '' : ` ${int(share)} %`} by`;
    case 'director':
      return outgoing ? 'director of' : 'has as director';
    case 'family':
      return 'family of';
    case 'employee':
      return outgoing ? 'employee of' : 'employs';
    case 'shared_address':
      return 'shares an address with';
    case 'associate':
      return 'associate of';
    case 'agent':
      return outgoing ? 'agent of' : 'has as agent';
    case 'paid_for':
      return outgoing ? 'paid for goods bought by' : 'goods paid for by';
    case 'consigned_to':
      return outgoing ? 'had goods delivered to' : 'received goods bought by';
    default:
      return kind.replace(/_/g, ' ');
  }
}
