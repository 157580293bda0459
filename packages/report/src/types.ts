import type { DataIssue, EntityKind, PlaceKind, RelationKind, Unit } from '@chokepoint/model';
import type { Analysis } from '@chokepoint/engine';
import type { EffectiveRule, Flag } from '@chokepoint/flags';

/** Version of the report contract. Bump it, the JSON Schema in docs/, the viewer and the tests together. */
export const REPORT_SCHEMA_VERSION = 1;

export const DISCLAIMER =
  'Findings are indicators for human review, not accusations: a key node, a cluster near a border or a red flag ' +
  'says where to look, not that anyone did anything wrong. Check every finding against its sources.';

export interface ReportEntity {
  id: string;
  name: string;
  kind: EntityKind;
  country?: string;
  city?: string;
  address?: string;
  lat: number | null;
  lon: number | null;
  sector?: string;
  isic?: string;
  employees?: number;
  founded?: string;
  attributes: Record<string, string>;
  cluster: number;
  betweenness: number;
  articulation: boolean;
  cutOff: number;
  degree: number;
  nearestCrossing: { id: string; name: string; distanceKm: number } | null;
  /** Ids of the red flags this entity is a subject of. */
  flags: string[];
}

export interface ReportRelation {
  source: string;
  target: string;
  kind: RelationKind;
  share?: number;
  start?: string;
  end?: string;
  attributes: Record<string, string>;
}

export interface ReportShipment {
  id: string;
  supplier: string;
  buyer: string;
  commodity: string;
  hsCode?: string;
  quantity?: number;
  unit?: Unit;
  quantityKg?: number;
  value?: number;
  currency?: string;
  shipped?: string;
  received?: string;
  originCountry?: string;
  destinationCountry?: string;
  consignee?: string;
  payer?: string;
  attributes: Record<string, string>;
}

export interface ReportPlace {
  id: string;
  name: string;
  kind: PlaceKind;
  lat: number;
  lon: number;
  countries: string[];
}

export interface ReportCluster {
  id: number;
  members: string[];
  size: number;
  density: number | null;
  internalTies: number;
  externalTies: number;
  countries: string[];
  hub: string;
  located: number;
  withinRadius: number;
  nearestPlace: { id: string; name: string; distanceKm: number; minDistanceKm: number } | null;
  borderProximate: boolean;
  /** Members that are the subject of at least one red flag. */
  flaggedMembers: number;
}

export interface ReportKeyNode {
  id: string;
  name: string;
  rank: number;
  score: number;
  articulation: boolean;
  cutOff: number;
  betweenness: number;
  betweennessRank: number;
  cluster: number;
  bridges: number;
  /** Red flags on this entity. */
  flags: number;
  reasons: string[];
}

export interface DisruptionStep {
  id: string;
  name: string;
  /** Share of the kg flow from the sources to the targets still deliverable after this removal. */
  remainingFlowShare: number;
  /** The same for invoice value. */
  remainingValueShare: number;
  /** Entities in the largest connected part of the whole network after this removal. */
  largestComponent: number;
}

/** Supply chokepoints between two sets of entities on the directed shipment graph. */
export interface ReportChokepoints {
  /** What was selected, in words: the goods, the sources, the targets. */
  goods: string;
  sourcesSelection: string;
  targetsSelection: string;
  sources: string[];
  targets: string[];
  /** Ids of the shipments that carry the flow. */
  shipments: string[];
  maxFlow: { kg: number; value: number };
  dominators: string[];
  partialDominators: { id: string; targets: number; share: number }[];
  reachableTargets: number;
  edgeCut: { source: string; target: string; kg: number }[];
  vertexCut: { id: string; kg: number; value: number }[];
  disruption: DisruptionStep[];
}

/** Entity resolution: name variants merged into one entity, and pairs left for a person to review. */
export interface ReportResolution {
  enabled: boolean;
  merges: { kept: string; merged: string[]; score: number; evidence: string[] }[];
  possible: { a: string; b: string; score: number; evidence: string[] }[];
  /** Every merged id → the id it was merged into (the original ids stay searchable). */
  aliases: Record<string, string>;
  dropped: { relations: number; shipments: number };
}

/** Offline geocoding of entities that had a city and a country but no coordinates. */
export interface ReportGeocoding {
  enabled: boolean;
  geocoded: { id: string; city: string; country: string; lat: number; lon: number; geonameId: number }[];
  ambiguous: { id: string; city: string; country: string; candidates: number }[];
  unknown: { id: string; city: string; country: string }[];
}

export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: 'chokepoint'; version: string };
  disclaimer: string;
  parameters: { seed: number; radiusKm: number; topKeyNodes: number; lenient: boolean; rulesFile: string | null };
  input: {
    bundle: string;
    dataFormatVersion: number;
    counts: { entities: number; relations: number; shipments: number; places: number; rejectedRows: number };
    rejected: DataIssue[];
    /** What was read but repaired or doubtful, with file, line, column and reason. */
    warnings: DataIssue[];
  };
  /** The analysis's summary of the network, as the engine gives it (clusters' modularity, how betweenness was computed). */
  network: Analysis['network'];
  entities: ReportEntity[];
  relations: ReportRelation[];
  shipments: ReportShipment[];
  places: ReportPlace[];
  clusters: ReportCluster[];
  keyNodes: ReportKeyNode[];
  bridges: { source: string; target: string; sides: [number, number] }[];
  /** The red-flag rules as they ran: enabled or not, severity, parameters, published source. */
  flagRules: EffectiveRule[];
  /** Red flags: indicators for human review, never verdicts. */
  flags: Flag[];
  /** Supply chokepoints and the fragility curve; null when no sources or targets could be chosen. */
  chokepoints: ReportChokepoints | null;
  resolution: ReportResolution;
  geocoding: ReportGeocoding;
}
