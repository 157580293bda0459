import { controlledCount, entityIndexOf, type RecordTable, type Report, type ReportRelation } from '@chokepoint/report';
import type { CaseFile, CaseNote } from '@chokepoint/case';
import { columnsOf, type Column } from './columns';
import { eachRecord, RECORD_BATCH, recordSource, ShipmentPairs, type ExportProgress, type ShipmentPair } from './records';

/** What every export can take besides the report. */
export interface ExportOptions {
  /** A case file, whose notes and review statuses travel along. */
  case?: CaseFile;
  /**
   * The table of the report's records, for a report read without them (one that keeps them in a file of their own):
   * they are read from the file a stretch at a time instead of all at once.
   */
  records?: RecordTable;
  /** Told how far along the export is (about every 32,768 entities, records or pairs). */
  onProgress?: ExportProgress;
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
 * The report's network as flat tables, made as they are read: one node per entity with its results (cluster, company
 * group, key-node role, score and its five measures, what it controls, flags; when lists were screened against,
 * whether it is listed, on which list and as whom, and for flagged entities and key nodes the ties to the nearest
 * listed party), one edge per relation (with the shipments behind the ties shipments imply) and one per supplier →
 * buyer pair of shipments (with counts, kg, quantities that could not be weighed in their unit, value per currency —
 * never added across currencies — and commodities). Absent values are left out rather than written as empty. The
 * input's extra columns follow the results; one whose name a result already uses (such as `cluster`) is called
 * `input.cluster`.
 *
 * Nothing is held row by row: each pass over `nodes()` or `edges()` makes the rows again, and the relations are read
 * again (from the report, or a stretch of its records file at a time); only the shipments are read once, added up by
 * pair in typed arrays. The columns (`nodeColumns`, `edgeColumns`) take a pass of their own, made once.
 */
export interface ExportNetwork {
  nodes(): Iterable<ExportNode>;
  edges(): Iterable<ExportEdge>;
  /** The columns of the nodes and of the edges, in the order their names are first met, each with its type. */
  nodeColumns(): Column[];
  edgeColumns(): Column[];
}

/** The report's network, as exportNetwork makes it, in two lists (for small reports and tests). */
export function exportTables(report: Report, options: ExportOptions = {}): { nodes: ExportNode[]; edges: ExportEdge[] } {
  const network = exportNetwork(report, options);
  return { nodes: [...network.nodes()], edges: [...network.edges()] };
}

/** The report's network as the exports write it (ExportNetwork): rows made as they are asked for. */
export function exportNetwork(report: Report, options: ExportOptions = {}): ExportNetwork {
  const source = recordSource(report, options.records);
  const tell = options.onProgress;
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
  const withCase = options.case === undefined ? undefined : caseAttributes(report, options.case);
  const nodeOf = (e: Report['entities'][number]): ExportNode => {
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
    withCase?.node(e.id, a);
    return { id: e.id, attributes: a };
  };
  const relationEdge = (r: ReportRelation, i: number): ExportEdge => {
    const a: Attributes = new Map<string, Scalar>([['kind', r.kind]]);
    if (r.share !== undefined) a.set('share', r.share);
    if (r.start !== undefined) a.set('start', r.start);
    if (r.end !== undefined) a.set('end', r.end);
    if (r.viaShipments !== undefined) {
      a.set('viaShipments', r.viaShipments.join(';'));
      a.set('shipments', r.viaShipments.length);
    }
    for (const [name, v] of Object.entries(r.attributes ?? {})) a.set(inputName(a, name), v);
    withCase?.edge(r.source, r.target, a);
    return { id: `r${i}`, source: r.source, target: r.target, attributes: a };
  };
  const byName = (a: string | undefined, b: string | undefined) => (a === b ? 0 : a === undefined ? 1 : b === undefined ? -1 : a < b ? -1 : 1);
  const pairEdge = (p: ShipmentPair, i: number): ExportEdge => {
    const a: Attributes = new Map<string, Scalar>([
      ['kind', 'shipment'],
      ['shipments', p.shipments],
    ]);
    if (p.weighed > 0) a.set('kg', p.kg);
    if (p.weighed < p.shipments) a.set('unweighed', p.shipments - p.weighed);
    for (const [unit, q] of p.units.sort((x, y) => byName(x[0], y[0]))) a.set(`quantity_${unit}`, q);
    const values = p.values.sort((x, y) => byName(x[0], y[0]));
    for (const [c, v] of values) a.set(valueColumn(c), v);
    if (values.length > 0) a.set('currencies', values.map(([c]) => c ?? 'not stated').join(';'));
    a.set('commodities', p.commodities.sort().join(';'));
    if (p.first !== undefined) a.set('first', p.first);
    if (p.last !== undefined) a.set('last', p.last);
    const from = report.entities[p.source].id;
    const to = report.entities[p.target].id;
    withCase?.edge(from, to, a);
    return { id: `s${i}`, source: from, target: to, attributes: a };
  };
  // The shipments added up by pair, once (at the first pass over the edges).
  let pairs: ShipmentPairs | undefined;
  const shipmentPairs = (): ShipmentPairs => {
    if (pairs !== undefined) return pairs;
    const made = new ShipmentPairs();
    const index = source.ends === undefined ? entityIndexOf(report) : undefined;
    const at = (id: string, s: { id: string }) => {
      const i = index!.get(id);
      // (readReport refuses such a report: this is a report made otherwise)
      if (i === undefined) throw new Error(`shipment ${JSON.stringify(s.id)} names ${JSON.stringify(id)}, which is not an entity of the report`);
      return i;
    };
    let j = 0;
    for (const s of eachRecord(source.shipments, source.shipmentsIn, (done) => tell?.('adding up the shipments by pair', done, source.shipments))) {
      const ends = source.ends;
      if (ends === undefined) made.add(s, at(s.supplier, s), at(s.buyer, s));
      else made.add(s, ends.from[ends.offset + j], ends.to[ends.offset + j]);
      j++;
    }
    return (pairs = made);
  };
  function* nodes(what?: string): Generator<ExportNode> {
    const total = report.entities.length;
    for (let i = 0; i < total; i++) {
      yield nodeOf(report.entities[i]);
      if (what !== undefined && tell !== undefined && ((i + 1) % RECORD_BATCH === 0 || i + 1 === total)) tell(what, i + 1, total);
    }
  }
  function* edges(what?: string): Generator<ExportEdge> {
    const added = shipmentPairs();
    let i = 0;
    const told = what === undefined ? undefined : (done: number) => tell?.(`${what} the relations`, done, source.relations);
    for (const r of eachRecord(source.relations, source.relationsIn, told)) yield relationEdge(r, i++);
    for (let p = 0; p < added.count; p++) {
      yield pairEdge(added.pair(p), p);
      if (what !== undefined && tell !== undefined && ((p + 1) % RECORD_BATCH === 0 || p + 1 === added.count)) tell(`${what} the shipment pairs`, p + 1, added.count);
    }
  }
  let nodeColumns: Column[] | undefined;
  let edgeColumns: Column[] | undefined;
  return {
    nodes: () => nodes('writing the entities'),
    edges: () => edges('writing'),
    nodeColumns: () => (nodeColumns ??= columnsOf(nodes('reading the entities'))),
    edgeColumns: () => (edgeColumns ??= columnsOf(edges('reading'))),
  };
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
function caseAttributes(report: Report, c: CaseFile): { node: (id: string, a: Attributes) => void; edge: (source: string, target: string, a: Attributes) => void } {
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
  return {
    node(id, a) {
      const j = judged.get(id);
      if (j) a.set('caseJudgements', j.join(' | '));
      const notes = entityNotes.get(id);
      if (notes) a.set('caseNotes', notes.join(' | '));
      const fn = flagNotes.get(id);
      if (fn) a.set('caseFlagNotes', fn.join(' | '));
      const ids = byEntity.get(id) ?? [];
      if (ids.length === 0) return;
      const count = { 'to-check': 0, confirmed: 0, dismissed: 0 };
      for (const f of ids) count[status.get(f)?.status ?? 'to-check']++;
      a.set('flagsConfirmed', count.confirmed);
      a.set('flagsDismissed', count.dismissed);
      a.set('flagsToCheck', count['to-check']);
      const reviewed = ids.filter((f) => status.has(f)).map((f) => {
        const s = status.get(f)!;
        return `${f}: ${STATUS_WORDS[s.status]} (${s.by}, ${s.at.slice(0, 10)})`;
      });
      if (reviewed.length > 0) a.set('flagStatuses', reviewed.join('; '));
    },
    edge(source, target, a) {
      if (tieNotes.size === 0) return;
      const notes = tieNotes.get(JSON.stringify([source, target, String(a.get('kind'))]));
      if (notes) a.set('caseNotes', notes.join(' | '));
    },
  };
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
