import { controlledCount, type Report } from '@chokepoint/report';
import type { CaseFile, CaseNote } from '@chokepoint/case';

/** What every export can take besides the report: a case file, whose notes and review statuses travel along. */
export interface ExportOptions {
  case?: CaseFile;
}

/** A note as one line of text: `author, date: text` (line breaks kept as " / "). */
export function noteLine(n: CaseNote): string {
  return `${n.author}, ${n.created.slice(0, 10)}: ${n.text.replace(/\n+/g, ' / ')}`;
}

/** Status words as people read them. */
export const STATUS_WORDS = { 'to-check': 'to check', confirmed: 'confirmed', dismissed: 'dismissed' } as const;

/** Flat, typed attributes: what Gephi and spreadsheet tools can show as columns. */
export type Scalar = string | number | boolean;

/**
 * Attribute name → value, in column order. A Map: names include the input's own column names, which may be any
 * text (`__proto__` and `toString` included).
 */
export type Attributes = Map<string, Scalar>;

export interface ExportNode {
  id: string;
  attributes: Attributes;
}

export interface ExportEdge {
  id: string;
  source: string;
  target: string;
  attributes: Attributes;
}

/** Web Mercator y for a latitude, in degrees-like units (x is the longitude). */
export function mercatorY(lat: number): number {
  const clamped = Math.max(-85, Math.min(85, lat));
  return (Math.log(Math.tan(Math.PI / 4 + (clamped * Math.PI) / 360)) * 180) / Math.PI;
}

/** The name an input column gets when a result already uses its name: `input.<name>` (then `input.input.<name>` …). */
function inputName(taken: Attributes, name: string): string {
  let out = name;
  while (taken.has(out)) out = `input.${out}`;
  return out;
}

/** A control path in words, with ids: "director → h; owner 60 % → c1" (the report's `controllers[].companies[].path`). */
export function pathText(path: readonly { to: string; kind: string; share?: number }[]): string {
  return path.map((s) => `${s.kind === 'family' ? 'relative' : s.kind}${s.share === undefined ? '' : ` ${s.share} %`} → ${s.to}`).join('; ');
}

/** A column name for an amount in one currency: `value_EUR`; a value whose currency the data do not state: `value_currency_not_stated`. */
export function valueColumn(currency: string | undefined): string {
  return currency === undefined || currency === '' ? 'value_currency_not_stated' : `value_${currency}`;
}

/**
 * The report's network as flat tables: one node per entity with its results (cluster, company group, key-node role,
 * score and its five measures, what it controls, flags; when lists were screened against, whether it is listed, on
 * which list and as whom, and for flagged entities and key nodes the ties to the nearest listed party), one edge per relation (with the shipments behind the ties
 * shipments imply) and one per supplier → buyer pair of shipments (with counts, kg, quantities that could not be
 * weighed in their unit, value per currency — never added across currencies — and commodities). Absent values are
 * left out rather than written as empty. The input's extra columns follow the results; one whose name a result
 * already uses (such as `cluster`) is called `input.cluster`.
 */
export function exportTables(report: Report, options: ExportOptions = {}): { nodes: ExportNode[]; edges: ExportEdge[] } {
  const key = new Map(report.keyNodes.map((k) => [k.id, k]));
  const clusters = new Map(report.clusters.map((c) => [c.id, c]));
  const groups = new Map(report.groups.map((g) => [g.id, g]));
  const controllers = new Map(report.controllers.map((c) => [c.id, c]));
  const controlledBy = new Map<string, string[]>();
  for (const c of report.controllers) {
    for (const company of c.companies) {
      const list = controlledBy.get(company.id);
      if (list) list.push(c.id);
      else controlledBy.set(company.id, [c.id]);
    }
  }
  // Screening against lists: every node says whether it is listed, and how far the flagged ones and key nodes are from one.
  const screened = report.screening !== undefined;
  const hops = new Map((report.screening?.paths ?? []).map((p) => [p.entity, p]));
  const nodes = report.entities.map((e) => {
    const a: Attributes = new Map<string, Scalar>([
      ['label', e.name],
      ['kind', e.kind],
    ]);
    const put = (k: string, v: Scalar | null | undefined) => {
      if (v !== null && v !== undefined) a.set(k, v);
    };
    put('country', e.country);
    put('city', e.city);
    put('sector', e.sector);
    put('isic', e.isic);
    put('employees', e.employees);
    put('founded', e.founded);
    put('lat', e.lat);
    put('lon', e.lon);
    a.set('cluster', e.cluster);
    a.set('clusterNearBorder', clusters.get(e.cluster)?.borderProximate ?? false);
    a.set('group', e.group);
    a.set('groupNearBorder', groups.get(e.group)?.borderProximate ?? false);
    a.set('betweenness', e.betweenness);
    a.set('articulation', e.articulation);
    a.set('cutOff', e.cutOff);
    a.set('loneCutOff', e.loneCutOff);
    a.set('degree', e.degree);
    const k = key.get(e.id);
    put('keyRank', k?.rank);
    put('keyRole', k?.role);
    a.set('keyScore', k?.score ?? 0);
    if (k) {
      a.set('scoreControl', k.measures.control);
      a.set('scoreFlowCut', k.measures.flowCut);
      a.set('scoreBrokerage', k.measures.brokerage);
      a.set('scoreBetweenness', k.measures.betweenness);
      a.set('scoreCutOff', k.measures.cutOff);
    }
    const c = controllers.get(e.id);
    a.set('controlsFlaggedCompanies', c === undefined ? 0 : controlledCount(c));
    if (c) {
      a.set('controlsFlags', c.flags.high + c.flags.medium + c.flags.low);
      a.set('controlWeight', c.weight);
      a.set('controls', c.companies.map((x) => x.id).join(';'));
    }
    put('controlledBy', controlledBy.get(e.id)?.join(';'));
    a.set('flagCount', e.flags.length);
    if (e.flags.length > 0) a.set('flags', e.flags.join(';'));
    put('nearestCrossing', e.nearestCrossing?.name);
    put('crossingDistanceKm', e.nearestCrossing?.distanceKm);
    if (screened) {
      a.set('listed', e.listed !== undefined);
      if (e.listed !== undefined) {
        a.set('listedOn', [...new Set(e.listed.map((l) => l.list))].join(';'));
        a.set('listedAs', e.listed.map((l) => `${l.listedName} (${l.listedId})`).join(';'));
        a.set('listedScore', Math.max(...e.listed.map((l) => l.score)));
      }
      const path = hops.get(e.id);
      if (path !== undefined && path.hops !== null) a.set('hopsToListed', path.hops);
    }
    for (const [name, v] of Object.entries(e.attributes)) a.set(inputName(a, name), v);
    return { id: e.id, attributes: a };
  });
  const edges: ExportEdge[] = report.relations.map((r, i) => {
    const a: Attributes = new Map<string, Scalar>([['kind', r.kind]]);
    if (r.share !== undefined) a.set('share', r.share);
    if (r.start !== undefined) a.set('start', r.start);
    if (r.end !== undefined) a.set('end', r.end);
    if (r.viaShipments !== undefined) {
      a.set('viaShipments', r.viaShipments.join(';'));
      a.set('shipments', r.viaShipments.length);
    }
    for (const [name, v] of Object.entries(r.attributes ?? {})) a.set(inputName(a, name), v);
    return { id: `r${i}`, source: r.source, target: r.target, attributes: a };
  });
  interface Pair {
    source: string;
    target: string;
    shipments: number;
    weighed: number;
    kg: number;
    /** Quantities that could not be weighed, by unit. */
    units: Map<string, number>;
    /** Values by currency (never added across currencies). */
    values: Map<string | undefined, number>;
    commodities: Set<string>;
    first?: string;
    last?: string;
  }
  const pairs = new Map<string, Pair>();
  for (const s of report.shipments) {
    const k = JSON.stringify([s.supplier, s.buyer]);
    const p: Pair = pairs.get(k) ?? { source: s.supplier, target: s.buyer, shipments: 0, weighed: 0, kg: 0, units: new Map(), values: new Map(), commodities: new Set<string>() };
    p.shipments++;
    if (s.quantityKg !== undefined) {
      p.weighed++;
      p.kg += s.quantityKg;
    } else if (s.quantity !== undefined && s.unit !== undefined) p.units.set(s.unit, (p.units.get(s.unit) ?? 0) + s.quantity);
    if (s.value !== undefined) p.values.set(s.currency, (p.values.get(s.currency) ?? 0) + s.value);
    p.commodities.add(s.commodity);
    const d = s.shipped ?? s.received;
    if (d !== undefined) {
      if (p.first === undefined || d < p.first) p.first = d;
      if (p.last === undefined || d > p.last) p.last = d;
    }
    pairs.set(k, p);
  }
  const byName = (a: string | undefined, b: string | undefined) => (a === b ? 0 : a === undefined ? 1 : b === undefined ? -1 : a < b ? -1 : 1);
  let i = 0;
  for (const p of pairs.values()) {
    const a: Attributes = new Map<string, Scalar>([
      ['kind', 'shipment'],
      ['shipments', p.shipments],
    ]);
    if (p.weighed > 0) a.set('kg', p.kg);
    if (p.weighed < p.shipments) a.set('unweighed', p.shipments - p.weighed);
    for (const [unit, q] of [...p.units].sort((x, y) => byName(x[0], y[0]))) a.set(`quantity_${unit}`, q);
    const currencies = [...p.values.keys()].sort(byName);
    for (const c of currencies) a.set(valueColumn(c), p.values.get(c)!);
    if (currencies.length > 0) a.set('currencies', currencies.map((c) => c ?? 'not stated').join(';'));
    a.set('commodities', [...p.commodities].sort().join(';'));
    if (p.first !== undefined) a.set('first', p.first);
    if (p.last !== undefined) a.set('last', p.last);
    edges.push({ id: `s${i++}`, source: p.source, target: p.target, attributes: a });
  }
  if (options.case !== undefined) addCase(report, options.case, nodes, edges);
  return { nodes, edges };
}

/**
 * The case's judgements on pairs of records, in words, by the report's entity each record is in (its own id, or the
 * one it was merged into): `Judged the same as Name (id) by Ana Duarte, 2026-12-06`. A pair whose two records are one
 * entity gives one line on it; a record the report does not have gets none (the case and its printed report keep it).
 */
export function judgementsByEntity(report: Report, c: CaseFile): Map<string, string[]> {
  const ids = new Set(report.entities.map((e) => e.id));
  const names = new Map(report.entities.map((e) => [e.id, e.name]));
  const aliases = report.resolution.aliases;
  const entityOf = (id: string): string | undefined => (ids.has(id) ? id : Object.prototype.hasOwnProperty.call(aliases, id) && ids.has(aliases[id]) ? aliases[id] : undefined);
  const verb = { same: 'the same as', 'not-same': 'not the same as', unsure: 'unsure: the same as' } as const;
  const out = new Map<string, string[]>();
  const push = (k: string, v: string) => (out.get(k) ?? out.set(k, []).get(k)!).push(v);
  const named = (id: string) => `${names.get(id) ?? names.get(entityOf(id) ?? '') ?? id} (${id})`;
  for (const j of c.judgements ?? []) {
    const who = `by ${j.by}, ${j.at.slice(0, 10)}`;
    const [ea, eb] = [entityOf(j.a), entityOf(j.b)];
    if (ea !== undefined && ea === eb) {
      push(ea, `Records ${j.a} and ${j.b} judged ${verb[j.verdict].replace(/ as$/, '')} ${who}`);
      continue;
    }
    if (ea !== undefined) push(ea, `Judged ${verb[j.verdict]} ${named(j.b)} ${who}`);
    if (eb !== undefined) push(eb, `Judged ${verb[j.verdict]} ${named(j.a)} ${who}`);
  }
  return out;
}

/**
 * A case's notes and review statuses as attributes, after the others: on entities `caseNotes` (notes about it),
 * `caseFlagNotes` (notes about its flags, each with the flag's title), `flagsConfirmed`, `flagsDismissed`,
 * `flagsToCheck` (its flags by review status; a flag nobody reviewed counts as to check) and `flagStatuses`
 * (`flag id: status (who, date)` for the flags reviewed); on ties `caseNotes` (a note about a tie goes to the tie of
 * its kind between its two ends, in that direction); on entities `caseJudgements` (the judgements on pairs of records
 * one of its records is in: `judgementsByEntity`). Notes are joined with " | ", oldest first.
 */
function addCase(report: Report, c: CaseFile, nodes: ExportNode[], edges: ExportEdge[]): void {
  const status = new Map(c.flags.map((f) => [f.flag, f]));
  const flags = new Map(report.flags.map((f) => [f.id, f]));
  const entityNotes = new Map<string, string[]>();
  const flagNotes = new Map<string, string[]>();
  const tieNotes = new Map<string, string[]>();
  const push = (m: Map<string, string[]>, k: string, v: string) => (m.get(k) ?? m.set(k, []).get(k)!).push(v);
  for (const n of c.notes) {
    if (n.target.kind === 'entity') push(entityNotes, n.target.id, noteLine(n));
    else if (n.target.kind === 'tie') push(tieNotes, JSON.stringify([n.target.source, n.target.target, n.target.tieKind]), noteLine(n));
    else {
      const f = flags.get(n.target.id);
      if (f) for (const e of f.entities) push(flagNotes, e, `[${f.title}] ${noteLine(n)}`);
    }
  }
  const byEntity = new Map<string, string[]>();
  for (const f of report.flags) for (const e of f.entities) push(byEntity, e, f.id);
  const judged = judgementsByEntity(report, c);
  for (const node of nodes) {
    const a = node.attributes;
    const j = judged.get(node.id);
    if (j) a.set('caseJudgements', j.join(' | '));
    const notes = entityNotes.get(node.id);
    if (notes) a.set('caseNotes', notes.join(' | '));
    const fn = flagNotes.get(node.id);
    if (fn) a.set('caseFlagNotes', fn.join(' | '));
    const ids = byEntity.get(node.id) ?? [];
    if (ids.length === 0) continue;
    const count = { 'to-check': 0, confirmed: 0, dismissed: 0 };
    for (const id of ids) count[status.get(id)?.status ?? 'to-check']++;
    a.set('flagsConfirmed', count.confirmed);
    a.set('flagsDismissed', count.dismissed);
    a.set('flagsToCheck', count['to-check']);
    const reviewed = ids.filter((id) => status.has(id)).map((id) => {
      const s = status.get(id)!;
      return `${id}: ${STATUS_WORDS[s.status]} (${s.by}, ${s.at.slice(0, 10)})`;
    });
    if (reviewed.length > 0) a.set('flagStatuses', reviewed.join('; '));
  }
  for (const e of edges) {
    const notes = tieNotes.get(JSON.stringify([e.source, e.target, String(e.attributes.get('kind'))]));
    if (notes) e.attributes.set('caseNotes', notes.join(' | '));
  }
}

/** Company groups as rows: size, countries, members, ties, border proximity (by the report's rule), flags, controllers. */
export function groupRows(report: Report): { id: string; attributes: Attributes }[] {
  return report.groups.map((g) => {
    const a: Attributes = new Map<string, Scalar>([
      ['size', g.size],
      ['countries', g.countries.join(';')],
      ['borderProximate', g.borderProximate],
      ['enoughLocated', g.enoughLocated],
      ['located', g.located],
      ['withinRadius', g.withinRadius],
    ]);
    if (g.nearestPlace !== null) {
      a.set('nearestCrossing', g.nearestPlace.name);
      a.set('medianDistanceKm', g.nearestPlace.distanceKm);
      a.set('closestMemberKm', g.nearestPlace.minDistanceKm);
    }
    a.set('tieKinds', g.tieKinds.map((t) => `${t.kind} ${t.count}`).join(';'));
    a.set('clusters', g.clusters.join(';'));
    a.set('flaggedMembers', g.flaggedMembers);
    a.set('flags', g.flags);
    a.set('controllers', g.controllers.join(';'));
    a.set('members', g.members.join(';'));
    return { id: String(g.id), attributes: a };
  });
}

/**
 * The people and companies behind the flags as rows, one per controller and flagged company it controls: the
 * controller's kind, country, group, key-node rank, control weight and flags by severity, then the company, its
 * flags, whether the control runs through a relative, and the path of ties.
 */
export function controllerRows(report: Report): { id: string; attributes: Attributes }[] {
  return report.controllers.flatMap((c) =>
    c.companies.map((company) => {
      const a: Attributes = new Map<string, Scalar>([['name', c.name], ['kind', c.kind]]);
      if (c.country !== undefined) a.set('country', c.country);
      a.set('group', c.group);
      if (c.keyNodeRank !== null) a.set('keyNodeRank', c.keyNodeRank);
      a.set('weight', c.weight);
      a.set('flagsHigh', c.flags.high);
      a.set('flagsMedium', c.flags.medium);
      a.set('flagsLow', c.flags.low);
      a.set('company', company.id);
      a.set('companyName', company.name);
      a.set('companyFlags', company.flags);
      a.set('throughFamily', company.throughFamily);
      a.set('path', pathText(company.path));
      a.set('pathLength', company.path.length);
      return { id: c.id, attributes: a };
    }),
  );
}
