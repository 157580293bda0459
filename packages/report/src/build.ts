import { DATA_FORMAT_VERSION, type Bundle } from '@chokepoint/model';
import type { Analysis, KeyNode } from '@chokepoint/engine';
import type { FlagsResult, ReviewQueue } from '@chokepoint/flags';
import {
  DISCLAIMER,
  REPORT_SCHEMA_VERSION,
  type Report,
  type ReportChokepoints,
  type ReportController,
  type ReportEntity,
  type ReportGeocoding,
  type ReportGroup,
  type ReportMeasures,
  type ReportResolution,
  type ReportScreening,
  type ReportShipment,
} from './types';

/** Distances are reported to the metre. */
const km = (x: number): number => Math.round(x * 1000) / 1000;

export interface ReportMeta {
  toolVersion: string;
  lenient: boolean;
  /** Name of the rules file used, if any. */
  rulesFile?: string;
}

/**
 * Assembles the versioned report from the validated bundle and the analysis of it. The report
 * carries the whole network (entities, relations, shipments, places) so a viewer needs nothing else.
 * Nothing here depends on time or machine: the same inputs give byte-identical JSON.
 */
/** Results of the steps that run before and after the analysis proper. */
export interface ReportExtras {
  chokepoints?: ReportChokepoints | null;
  resolution?: ReportResolution;
  geocoding?: ReportGeocoding;
  /** The ranked key nodes (rankKeyNodesOf): they need the flags and the flow, so they come after the analysis. */
  keyNodes?: KeyNode[];
  controllers?: ReportController[];
  measures?: ReportMeasures;
  /** Screening against lists of listed parties, when lists were given. */
  screening?: ReportScreening;
  /** The entities ranked for review (reviewQueue of @chokepoint/flags). */
  reviewQueue?: ReviewQueue;
}

export const NO_REVIEW_QUEUE: ReviewQueue = { entries: [], omitted: 0, method: '' };

export const NO_MEASURES: ReportMeasures = {
  totals: [],
  withoutValue: 0,
  conversion: null,
  quantities: { byUnit: [], weighedByDensity: 0, unweighed: 0 },
};

export const NO_RESOLUTION: ReportResolution = { enabled: false, merges: [], possible: [], aliases: {}, dropped: { relations: 0, shipments: 0 } };
export const NO_GEOCODING: ReportGeocoding = { enabled: false, geocoded: [], ambiguous: [], unknown: [] };

export function buildReport(bundle: Bundle, analysis: Analysis, flagged: FlagsResult, meta: ReportMeta, extras: ReportExtras = {}): Report {
  const results = new Map(analysis.entities.map((e) => [e.id, e]));
  const flagsOf = new Map<string, string[]>();
  for (const f of flagged.flags) {
    for (const e of f.entities) {
      const list = flagsOf.get(e);
      if (list) list.push(f.id);
      else flagsOf.set(e, [f.id]);
    }
  }
  const names = new Map(bundle.entities.map((e) => [e.id, e.name]));
  const listedOf = new Map<string, NonNullable<ReportEntity['listed']>>();
  for (const m of extras.screening?.matches ?? []) {
    const list = listedOf.get(m.entity) ?? [];
    list.push({ list: m.list, listedId: m.listedId, listedName: m.listedName, score: m.score });
    listedOf.set(m.entity, list);
  }
  const rejectedRows = new Set(bundle.rejected.map((r) => `${r.file}:${r.line}`)).size;

  const entities: ReportEntity[] = bundle.entities.map((e) => {
    const r = results.get(e.id)!;
    return {
      id: e.id,
      name: e.name,
      kind: e.kind,
      country: e.country,
      city: e.city,
      address: e.address,
      lat: e.lat ?? null,
      lon: e.lon ?? null,
      sector: e.sector,
      isic: e.isic,
      employees: e.employees,
      founded: e.founded,
      attributes: e.attributes,
      origin: e.origin,
      cluster: r.cluster,
      group: r.group,
      betweenness: r.betweenness,
      articulation: r.articulation,
      cutOff: r.cutOff,
      loneCutOff: r.loneCutOff,
      degree: r.degree,
      nearestCrossing: r.nearestCrossing && { ...r.nearestCrossing, distanceKm: km(r.nearestCrossing.distanceKm) },
      flags: flagsOf.get(e.id) ?? [],
      ...(listedOf.has(e.id) ? { listed: listedOf.get(e.id) } : {}),
    };
  });

  const flagCount = (m: string) => (flagsOf.get(m) ?? []).length;
  const controllerRank = new Map((extras.controllers ?? []).map((c, i) => [c.id, i]));
  const groups: ReportGroup[] = analysis.groups.map((g) => ({
    id: g.id,
    members: g.members,
    size: g.size,
    countries: g.countries,
    tieKinds: g.tieKinds,
    located: g.located,
    withinRadius: g.withinRadius,
    nearestPlace: g.nearestPlace && { ...g.nearestPlace, distanceKm: km(g.nearestPlace.distanceKm), minDistanceKm: km(g.nearestPlace.minDistanceKm) },
    borderProximate: g.borderProximate,
    enoughLocated: g.enoughLocated,
    clusters: g.clusters,
    flaggedMembers: g.members.filter((m) => flagsOf.has(m)).length,
    flags: g.members.reduce((n, m) => n + flagCount(m), 0),
    controllers: g.members.filter((m) => controllerRank.has(m)).sort((a, b) => controllerRank.get(a)! - controllerRank.get(b)!),
  }));

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'chokepoint', version: meta.toolVersion },
    disclaimer: DISCLAIMER,
    parameters: { ...analysis.parameters, lenient: meta.lenient, rulesFile: meta.rulesFile ?? null },
    input: {
      bundle: bundle.name,
      dataFormatVersion: DATA_FORMAT_VERSION,
      counts: {
        entities: bundle.entities.length,
        relations: bundle.relations.length,
        shipments: bundle.shipments.length,
        places: bundle.places.length,
        rejectedRows,
      },
      rejected: bundle.rejected,
      warnings: bundle.warnings,
    },
    network: analysis.network,
    entities,
    // The bundle's own records, where each was read included: not copied (ten million records took 1.5 GB more).
    relations: bundle.relations,
    shipments: bundle.shipments,
    places: bundle.places.map((p) => ({ id: p.id, name: p.name, kind: p.kind, lat: p.lat, lon: p.lon, countries: p.countries })),
    clusters: analysis.clusters.map((c) => ({
      id: c.id,
      members: c.members,
      size: c.size,
      density: c.density,
      internalTies: c.internalTies,
      externalTies: c.externalTies,
      countries: c.countries,
      hub: c.hub,
      located: c.located,
      withinRadius: c.withinRadius,
      nearestPlace: c.nearestPlace && {
        ...c.nearestPlace,
        distanceKm: km(c.nearestPlace.distanceKm),
        minDistanceKm: km(c.nearestPlace.minDistanceKm),
      },
      borderProximate: c.borderProximate,
      enoughLocated: c.enoughLocated,
      flaggedMembers: c.members.filter((m) => flagsOf.has(m)).length,
    })),
    groups,
    keyNodes: (extras.keyNodes ?? []).map((k) => ({
      id: k.id,
      name: names.get(k.id)!,
      rank: k.rank,
      role: k.role,
      score: k.score,
      articulation: k.articulation,
      cutOff: k.cutOff,
      betweenness: k.betweenness,
      betweennessRank: k.betweennessRank,
      cluster: k.cluster,
      bridges: k.bridges,
      flags: flagCount(k.id),
      measures: k.measures,
      loneCutOff: k.loneCutOff,
      controls: k.controls,
      brokerage: k.brokerage,
      flowCut: k.flowCut,
      reasons: k.reasons,
    })),
    controllers: extras.controllers ?? [],
    bridges: analysis.bridges,
    flagRules: flagged.rules,
    flags: flagged.flags,
    chokepoints: extras.chokepoints ?? null,
    resolution: extras.resolution ?? NO_RESOLUTION,
    geocoding: extras.geocoding ?? NO_GEOCODING,
    measures: extras.measures ?? NO_MEASURES,
    records: { stored: 'inline' },
    ...(extras.screening === undefined ? {} : { screening: extras.screening }),
    reviewQueue: extras.reviewQueue ?? NO_REVIEW_QUEUE,
  };
}

/**
 * Reports with more entities, records (in the report or its companion file) and flags than this are written without
 * indentation (a third smaller, and far below V8's string limit).
 */
export const COMPACT_ABOVE = 100_000;

/** Lists longer than this are written a slice at a time by reportChunks, wherever they lie in the report. */
const LONG_LIST = 1000;
/** The characters of one slice of a long list, about (compactChunks): below V8's largest young object (128 KiB). */
const SLICE_CHARS = 48 * 1024;

/** How many items the first slice of a list takes (nextSliceCount sizes the others). */
export const FIRST_SLICE_COUNT = 64;

/** How many items the next slice of a list takes, when `count` items made `length` characters: about SLICE_CHARS. */
export function nextSliceCount(count: number, length: number): number {
  return Math.max(8, Math.min(5000, Math.round((count * SLICE_CHARS) / Math.max(1, length))));
}

/** Items of the lists a value is or holds (a section of the report: resolution.possible, geocoding.geocoded …). */
function listItems(value: unknown, depth = 0): number {
  if (Array.isArray(value)) return value.length;
  if (depth >= 3 || typeof value !== 'object' || value === null) return 0;
  let n = 0;
  for (const v of Object.values(value)) n += listItems(v, depth + 1);
  return n;
}

/** Whether a value holds a list longer than LONG_LIST, itself or in its objects (to a few levels). */
function holdsLongList(value: unknown, depth = 0): boolean {
  if (Array.isArray(value)) return value.length > LONG_LIST;
  if (depth >= 3 || typeof value !== 'object' || value === null) return false;
  return Object.values(value).some((v) => holdsLongList(v, depth + 1));
}

/**
 * A value as compact JSON, in pieces: a long list a slice of items at a time, an object that holds one key by key,
 * anything else as JSON.stringify writes it. The pieces joined are JSON.stringify's text.
 */
function* compactChunks(value: unknown, depth = 0): Generator<string> {
  if (Array.isArray(value) && value.length > LONG_LIST) {
    yield '[';
    // Each slice as JSON.stringify writes an array, without its brackets: the same text as its items' JSON joined
    // by commas (undefined and functions as null), built in one call rather than one string per item. Slices of
    // about SLICE_CHARS characters, as many items as that takes (`count`, from the slice before): a string that large
    // is made among the young objects and collected cheaply; a larger one is a large object of the old generation,
    // whose allocation brings the collector over the whole heap sooner (the 449,187 flags of a distributor's trade,
    // 1.4 GB of text, took 30 s to write in slices of 5,000 flags, 17 s in slices of 50, from the report read back).
    let count = FIRST_SLICE_COUNT;
    for (let i = 0; i < value.length; ) {
      const text = JSON.stringify(value.slice(i, i + count));
      yield `${i === 0 ? '' : ','}${text.slice(1, -1)}`;
      i += count;
      count = nextSliceCount(count, text.length);
    }
    yield ']';
    return;
  }
  if (!Array.isArray(value) && holdsLongList(value, depth)) {
    let first = true;
    yield '{';
    for (const [key, v] of Object.entries(value as object)) {
      // JSON.stringify leaves out what it cannot write as a member (undefined, functions).
      if (v === undefined || typeof v === 'function') continue;
      yield `${first ? '' : ','}${JSON.stringify(key)}:`;
      first = false;
      yield* compactChunks(v, depth + 1);
    }
    yield '}';
    return;
  }
  yield JSON.stringify(value);
}

/**
 * The report as written to disk, in pieces: two-space indented JSON with a final newline, or, for
 * large networks, compact JSON streamed list by list, a slice of items at a time, the lists inside its sections too
 * (the same bytes JSON.stringify would give, without ever holding the whole text, which can exceed what one string may
 * hold: five million pairs of records left for review, from a register of people with common names, did).
 */
export function* reportChunks(report: Report): Generator<string> {
  // Entities, the records (here or in a companion file), the flags and the lists inside sections: a report whose
  // records went to a companion file can still hold hundreds of thousands of flags or pairs of records, more text than
  // one string may hold when indented.
  const stored = report.records?.stored === 'companion' ? report.records.relations + report.records.shipments : 0;
  const inSections = Object.values(report).reduce((n: number, v) => n + (Array.isArray(v) ? 0 : listItems(v)), 0);
  const records = report.entities.length + report.relations.length + report.shipments.length + stored + report.flags.length + inSections;
  if (records <= COMPACT_ABOVE) {
    yield `${JSON.stringify(report, null, 2)}\n`;
    return;
  }
  yield* compactChunks(report);
  yield '\n';
}

/** The whole report as one string (small and medium reports; large ones go through reportChunks). */
export function serializeReport(report: Report): string {
  return [...reportChunks(report)].join('');
}

/** A report's shipments as a bundle's (bundleFromReport's), for shipments read from a records file a few at a time. */
export function shipmentsFromReport(shipments: readonly ReportShipment[]): Bundle['shipments'] {
  return shipments.map((s) => ({ ...s, origin: s.origin ?? REPORT_ORIGIN }));
}

/** Where a record of a report written before records carried their origin is said to come from. */
const REPORT_ORIGIN = { file: 'report.json', line: 1 };

/** The network a report carries, as a bundle again (for commands that re-analyze a report). */
export function bundleFromReport(report: Report): Bundle {
  // Records keep where they were first read; a report written before records carried it says only the report.
  const origin = REPORT_ORIGIN;
  return {
    name: report.input.bundle,
    entities: report.entities.map((e) => ({
      id: e.id,
      kind: e.kind,
      name: e.name,
      country: e.country,
      city: e.city,
      address: e.address,
      lat: e.lat ?? undefined,
      lon: e.lon ?? undefined,
      sector: e.sector,
      isic: e.isic,
      employees: e.employees,
      founded: e.founded,
      attributes: e.attributes,
      origin: e.origin ?? origin,
    })),
    relations: report.relations.map((r) => ({ ...r, origin: r.origin ?? origin })),
    shipments: shipmentsFromReport(report.shipments),
    places: report.places.map((p) => ({ ...p, attributes: {}, origin })),
    rejected: [],
    warnings: report.input.warnings,
  };
}
