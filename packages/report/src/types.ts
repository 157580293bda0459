import type { DataIssue, EntityKind, PlaceKind, RelationKind, Unit, Verdict } from '@chokepoint/model';
import type { Analysis, BrokerageCounts, ControlStep, KeyNodeMeasures, KeyNodeRole } from '@chokepoint/engine';
import type { EffectiveRule, Flag, ReviewQueue } from '@chokepoint/flags';
import type { ScreeningHit } from '@chokepoint/screening';
import type { Attributes, Count, CountryCode, CurrencyCode, HsCode, Id, Integer, IsoDate, Km, Latitude, Longitude, NonNegative, Positive, Share } from './json-types';

import { REPORT_SCHEMA_VERSION } from './version';

export { REPORT_SCHEMA_VERSION };

export const DISCLAIMER =
  'Findings are indicators for human review, not accusations: a key node, a cluster near a border or a red flag ' +
  'says where to look, not that anyone did anything wrong. Check every finding against its sources.';

/**
 * Where a record was read: the name of its file in the bundle (or of the FollowTheMoney file) and its line there (a
 * CSV file's header is line 1, so its first record is line 2); line 0 and an empty file name when not known, as for
 * records read back from a database that did not keep them. Lets a finding be traced to the row of the spreadsheet
 * it rests on.
 */
export interface RecordOrigin {
  file: string;
  line: Count;
}

export interface ReportEntity {
  id: Id;
  name: string;
  kind: EntityKind;
  country?: CountryCode;
  city?: string;
  address?: string;
  lat: Latitude | null;
  lon: Longitude | null;
  sector?: string;
  isic?: string;
  employees?: Count;
  founded?: IsoDate;
  attributes: Attributes;
  /** Where the entity was read (for merged name variants: the record kept). */
  origin?: RecordOrigin;
  cluster: Positive;
  /** Company group (0: none): see `groups`. */
  group: Count;
  betweenness: NonNegative;
  articulation: boolean;
  cutOff: Count;
  /** Of the entities cut off, those cut off alone (loose ends). */
  loneCutOff: Count;
  degree: Count;
  nearestCrossing: { id: Id; name: string; distanceKm: Km } | null;
  /** Ids of the red flags this entity is a subject of. */
  flags: string[];
  /**
   * The listed parties screening matched this entity to (present only when lists were screened against and it
   * matched): a lead to verify, not an identification. Details in `screening.matches`.
   */
  listed?: { list: string; listedId: string; listedName: string; score: Share }[];
}

export interface ReportRelation {
  source: Id;
  target: Id;
  kind: RelationKind;
  share?: NonNegative;
  start?: IsoDate;
  end?: IsoDate;
  /** For ties implied by shipments (paid_for, consigned_to): the shipments behind the tie. */
  viaShipments?: Id[];
  attributes: Attributes;
  /** Where the relation was read (for a tie implied by shipments: where the first of them was). */
  origin?: RecordOrigin;
}

export interface ReportShipment {
  id: Id;
  supplier: Id;
  buyer: Id;
  commodity: string;
  hsCode?: HsCode;
  quantity?: NonNegative;
  unit?: Unit;
  quantityKg?: NonNegative;
  /**
   * How quantityKg was found when the quantity is not a mass: from a volume and a density (`density`, kg per litre,
   * and its source), or the mass the row declared beside a count (no density; `source` names the column).
   */
  kgBasis?: { density?: number; source: string };
  concentration?: NonNegative;
  value?: NonNegative;
  currency?: CurrencyCode;
  shipped?: IsoDate;
  received?: IsoDate;
  originCountry?: CountryCode;
  destinationCountry?: CountryCode;
  /** Countries the goods passed through, in order. */
  transitCountries?: CountryCode[];
  consignee?: Id;
  payer?: Id;
  attributes: Attributes;
  /** Where the shipment was read. */
  origin?: RecordOrigin;
}

export interface ReportPlace {
  id: Id;
  name: string;
  kind: PlaceKind;
  lat: Latitude;
  lon: Longitude;
  countries: CountryCode[];
}

export interface ReportCluster {
  id: number;
  members: Id[];
  size: Count;
  density: Share | null;
  internalTies: Count;
  externalTies: Count;
  countries: CountryCode[];
  hub: Id;
  located: Count;
  withinRadius: Count;
  nearestPlace: { id: string; name: string; distanceKm: Km; minDistanceKm: Km } | null;
  borderProximate: boolean;
  /** False when too few members have coordinates to say where the cluster lies. */
  enoughLocated: boolean;
  /** Members that are the subject of at least one red flag. */
  flaggedMembers: Count;
}

/**
 * A company group: entities joined by ownership, directorship, family, a shared address or phone, followed across
 * borders; a unit of its own beside the Louvain clusters.
 */
export interface ReportGroup {
  id: number;
  members: Id[];
  size: Count;
  countries: CountryCode[];
  /** Ties that join the group, by kind (owner, director, family, shared_address, same_phone, same_address). */
  tieKinds: { kind: string; count: Count }[];
  located: Count;
  withinRadius: Count;
  nearestPlace: { id: string; name: string; distanceKm: Km; minDistanceKm: Km } | null;
  borderProximate: boolean;
  enoughLocated: boolean;
  /** Clusters its members fall in, most members first. */
  clusters: number[];
  flaggedMembers: Count;
  /** Red flags on its members. */
  flags: Count;
  /** Members who control flagged members (see `controllers`), strongest first. */
  controllers: Id[];
}

/** One of the people and companies behind the flags: what it controls that was flagged. */
export interface ReportController {
  id: Id;
  name: string;
  kind: EntityKind;
  country?: CountryCode;
  group: Count;
  /** Severity-weighted flags of the companies it controls, discounted along chains and through relatives. */
  weight: NonNegative;
  flags: { high: Count; medium: Count; low: Count };
  /**
   * How many flagged companies it controls. `companies` names at most the 50 most flagged of them (a controller in a
   * company group of tens of thousands controls thousands); absent in reports written before it was added, where
   * `companies` names them all (read it with `controlledCount`).
   */
  companyCount?: Count;
  /** The flagged companies it controls, most flagged first: all of them, or the 50 most flagged (see `companyCount`). */
  companies: {
    id: string;
    name: string;
    flags: number;
    /** The ties from the controller to the company. */
    path: ControlStep[];
    throughFamily: boolean;
  }[];
  /** Its rank among the key nodes, when it is one. */
  keyNodeRank: number | null;
}

export interface ReportKeyNode {
  id: Id;
  name: string;
  rank: Positive;
  /** What kind of key player it is: the part that weighs most in its score (control, flow, brokerage, structure). */
  role: KeyNodeRole;
  score: NonNegative;
  articulation: boolean;
  cutOff: Count;
  betweenness: NonNegative;
  betweennessRank: Positive;
  cluster: Positive;
  bridges: Count;
  /** Red flags on this entity. */
  flags: Count;
  /** The measures behind the score, each in [0, 1] (see docs/report.md, key nodes). */
  measures: KeyNodeMeasures;
  loneCutOff: Count;
  controls: { companies: number; flags: number };
  /** Gould–Fernandez brokerage through ties (between company groups) and in trade (between clusters). */
  brokerage: { ties: BrokerageCounts; trade: BrokerageCounts };
  flowCut: { share: Share; amount: NonNegative } | null;
  reasons: string[];
}

export interface DisruptionStep {
  id: Id;
  name: string;
  /** Share of the kg flow from the sources to the targets still deliverable after this removal; null when no kg flowed. */
  remainingFlowShare: Share | null;
  /** The same for invoice value (in the flow's currency); null when no value flowed. */
  remainingValueShare: Share | null;
  /** Entities in the largest connected part of the whole network after this removal. */
  largestComponent: Count;
  /**
   * Targets that a chain of shipments from a source still reaches after this removal (of `reachableTargets` before
   * any), the removed ones not counted. Unlike the flow shares it does not add up goods of different tiers (ore,
   * refined metal, parts), so it reads the same for a chain whose every tier sells something else. Absent in reports
   * written before it was counted.
   */
  targetsReached?: Count;
}

/** Supply chokepoints between two sets of entities on the directed shipment graph. */
export interface ReportChokepoints {
  /** What was selected, in words: the goods, the sources, the targets. */
  goods: string;
  sourcesSelection: string;
  targetsSelection: string;
  sources: Id[];
  targets: Id[];
  /**
   * Entities that the selections made both sources and targets (a supplier in a cluster near a border). None is
   * dropped: what reaches one is delivered (a target), and what it sells to targets outside its own company group
   * counts from it (a source); the summary says so.
   */
  sourcesAlsoTargets: Id[];
  /** Ids of the shipments that carry the flow. */
  shipments: Id[];
  /** Shipments from a source straight to a target of its own company group: movements inside a group, not counted. */
  insideGroups: Count;
  /** Shipments of the flow that could not be weighed in kg, by unit. */
  unweighed: { shipments: Count; byUnit: { unit: string; shipments: Count }[] };
  /** Shipments of the flow without a value in `valueCurrency`, by their currency ('none' when no value). */
  unvalued: { shipments: Count; byCurrency: { currency: string; shipments: Count }[] };
  /** The currency of every value figure of the flow (maxFlow.value, vertexCut values); null when none. */
  valueCurrency: string | null;
  /** The most that can be delivered: kg, and value in `valueCurrency`. */
  maxFlow: { kg: number; value: number };
  /** When a measure cannot flow at all: why, in words; null when it flows. */
  noFlow: { kg: string | null; value: string | null };
  /**
   * What removing each entity alone does to the flow (for those carrying the most), largest loss first: in kg, or
   * when no mass flows in value (valueCurrency), or else in shipments; for a target, the flow to the other targets
   * only. Null when nothing flows.
   */
  flowCut: { measure: 'kg' | 'value' | 'shipments'; total: NonNegative; entities: { id: Id; amount: NonNegative; share: Share }[] } | null;
  dominators: Id[];
  partialDominators: { id: string; targets: number; share: number }[];
  reachableTargets: Count;
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
  dropped: { relations: number; shipments: Count };
  /**
   * The investigator's judgements applied (`chokepoint analyze --case`): how many pairs were merged as the same, kept
   * apart as not the same, kept apart and listed as unsure; and those that could not be applied, with why. Absent
   * when the analysis was given none.
   */
  judged?: {
    same: Count;
    notSame: Count;
    unsure: Count;
    notApplied: { a: Id; b: Id; verdict: Verdict; reason: string }[];
  };
  /**
   * Names of persons more than six persons of the bundle bear (the words of the normalized name, in any order; each told
   * as the first of its persons by id writes it): a person of such a name is neither merged with nor listed for review
   * beside another person unless they share a registration number, a phone or an address (a common name says nothing).
   * How many names, borne by how many persons, and the 20 borne by most. Absent when no name is that common.
   */
  commonNames?: { names: Count; persons: Count; most: { name: string; persons: Count }[] };
  /**
   * Names of companies more than six companies of the bundle bear (the words of the normalized name, its legal form left
   * out, in any order; each told as the first of its companies by id writes it): a company of such a name is neither
   * merged with nor listed for review beside another company unless they share a registration number, a phone or an
   * address (a common name says nothing). Organizations count as companies here (their names are counted together).
   * How many names, borne by how many companies, and the 20 borne by most. Absent when no company name is that common.
   */
  commonCompanyNames?: { names: Count; companies: Count; most: { name: string; companies: Count }[] };
}

/** Offline geocoding of entities that had a city and a country but no coordinates. */
export interface ReportGeocoding {
  enabled: boolean;
  /**
   * `spelledAs`: the GeoNames name of the town the city was taken for when no name matched it and it is one letter away
   * from that one (`Gaziantepp` as `Gaziantep`): a guess to check. `readAs`: the GeoNames name of the town a city
   * written in the Arabic script was read as, by its consonants (`الموصل` as `Mosul`): a guess to check.
   */
  geocoded: { id: string; city: string; country: string; lat: number; lon: number; geonameId: number; spelledAs?: string; readAs?: string }[];
  ambiguous: { id: string; city: string; country: string; candidates: number }[];
  unknown: { id: string; city: string; country: string }[];
}

/**
 * Money and quantities as read: amounts are never added across currencies. `totals` are per currency; when an
 * exchange-rate table was used, `conversion` says which (base currency, dates, source) and which currencies it
 * could not convert. `quantities` counts shipments by unit and how many could be weighed in kg.
 */
export interface ReportMeasures {
  totals: { currency: string; amount: number; shipments: Count }[];
  /** Shipments with a value but no currency, or no value at all. */
  withoutValue: Count;
  conversion: {
    base: string;
    source: string;
    file: string;
    /** The dates of the rates used, earliest and latest. */
    rateDates: [string, string] | null;
    /** The dates of the converted shipments, earliest and latest. */
    shipmentDates: [string, string] | null;
    /** Every rate used: units of the currency per unit of the base, and the rate's date. */
    rates: { currency: CurrencyCode; date: IsoDate; perBase: NonNegative; source: string }[];
    currenciesWithoutRate: { currency: string; shipments: Count }[];
  } | null;
  quantities: {
    byUnit: { unit: string; shipments: Count; weighed: number }[];
    /** Shipments weighed from a volume with a density from the density table. */
    weighedByDensity: number;
    /**
     * Shipments whose quantity is not a mass (a count, a volume, a length) weighed by the mass their row declared
     * (weight_kg); absent when none was.
     */
    weighedByDeclaredMass?: Count;
    /** Shipments that could not be weighed (lengths, areas, counts, unknown densities, no quantity). */
    unweighed: number;
  };
}

export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: 'chokepoint'; version: string };
  disclaimer: string;
  parameters: { seed: Integer; radiusKm: Km; topKeyNodes: Count; lenient: boolean; rulesFile: string | null };
  input: {
    bundle: string;
    dataFormatVersion: Positive;
    counts: { entities: Count; relations: Count; shipments: Count; places: Count; rejectedRows: Count };
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
  /** Company groups of two or more entities. */
  groups: ReportGroup[];
  keyNodes: ReportKeyNode[];
  /** The people and companies behind the flags: who controls flagged companies, strongest first. */
  controllers: ReportController[];
  bridges: { source: string; target: string; sides: [number, number] }[];
  /** The red-flag rules as they ran: enabled or not, severity, parameters, published source. */
  flagRules: EffectiveRule[];
  /** Red flags: indicators for human review, never verdicts. */
  flags: Flag[];
  /** Supply chokepoints and the fragility curve; null when no sources or targets could be chosen. */
  chokepoints: ReportChokepoints | null;
  resolution: ReportResolution;
  geocoding: ReportGeocoding;
  measures: ReportMeasures;
  /**
   * Where the raw records are: in this file (`relations` and `shipments` above), or, for large networks, in a companion
   * file of JSON lines beside it (then `relations` and `shipments` are empty here; readReport fills them in). The
   * report itself is sized by its findings.
   */
  records: ReportRecords;
  /** Screening against lists of listed parties: present only when lists were given. */
  screening?: ReportScreening;
  /**
   * Entities ranked for review: severity and number of flags, watch-listed goods, key-node role, a border crossing
   * near by, and (when screening ran) the distance to a listed party; each entry with its reasons in words.
   * Off-profile purchases of ordinary goods never come before an entity with any other indicator. Absent in reports
   * written before the queue existed.
   */
  reviewQueue?: ReviewQueue;
}

/** The shortest path from an entity to a matched listed party, over the network's ties and trade. */
export interface ReportListedPath {
  entity: Id;
  /** Why the path is given: the entity is the subject of a red flag, a key node, or both. */
  why: ('flagged' | 'key node')[];
  /** The matched listed entity reached (the entity itself when it is matched); null when none is within reach. */
  listed: Id | null;
  /** Ties on the path; null when no listed party is within `maxHops`. */
  hops: Count | null;
  /** The ties used, from the entity to the listed party: the two ends and the kinds of tie (`shipment` for trade). */
  steps: { from: Id; to: Id; kinds: string[] }[];
}

/**
 * Screening against lists of listed parties (sanctions, export controls, debarment …): the lists as read, the
 * entities matched to a listed party, the pairs left for review, and how far flagged entities and key nodes are from
 * a matched listed party. A match is a lead to verify, not an identification. See docs/screening.md.
 */
export interface ReportScreening {
  disclaimer: string;
  lists: {
    name: string;
    file: string;
    /** The latest date the list's records carry (last change, last seen); null when they carry none. */
    date: IsoDate | null;
    /** Persons, companies and organizations read from it. */
    parties: Count;
    /** Records of other schemata: used to complete the parties (Sanction, Address, Identification), or not screened. */
    otherRecords: { schema: string; count: Count; use: 'used' | 'not screened' }[];
    /** Records skipped because of a problem (lenient reading). */
    skipped: DataIssue[];
    warnings: DataIssue[];
  }[];
  thresholds: { match: Share; review: Share };
  /** Entity–party pairs scored (the blocking keeps this far below all pairs). */
  compared: Count;
  matches: ScreeningHit[];
  /** Pairs whose names agree but that are no match (an identifier disagrees, or the score is lower): for review. */
  candidates: ScreeningHit[];
  /** Paths are followed up to this many ties. */
  maxHops: Positive;
  /** For every flagged entity and every key node, the shortest path to a matched listed party. */
  paths: ReportListedPath[];
}

export type ReportRecords =
  | { stored: 'inline' }
  | { stored: 'companion'; file: string; relations: Count; shipments: Count; bytes: Count; sha256: string };

/** The most flagged companies a controller names in `companies` (`ReportController.companyCount` counts them all). */
export const CONTROLLED_NAMED = 50;

/** How many flagged companies a controller controls: `companyCount`, or in a report written before it, `companies`. */
export function controlledCount(c: Pick<ReportController, 'companyCount' | 'companies'>): number {
  return c.companyCount ?? c.companies.length;
}
