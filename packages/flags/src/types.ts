import type { Scratch } from './scratch';
import type { Bundle, Entity, Shipment } from '@chokepoint/model';
import type { CrossingAnalysis } from '@chokepoint/engine';
import type { FlagColumns } from './columns';
import type { ReferenceData, WatchItem } from './reference';

export const SEVERITIES = ['low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type ParamValue = number | string | boolean | string[];

/** A rule parameter: its type, default, allowed range and meaning. */
export type ParamSpec =
  | { name: string; type: 'number' | 'integer'; default: number | null; min?: number; max?: number; description: string }
  | { name: string; type: 'boolean'; default: boolean; description: string }
  | { name: string; type: 'severity'; default: Severity; description: string }
  | { name: string; type: 'codes'; default: string[]; description: string }
  | { name: string; type: 'countries'; default: string[]; description: string };

/** Evidence: plain facts, JSON-ready. */
export type Evidence = Record<string, unknown>;

/** One line of a flag's table of facts: what the rule saw, and the threshold it held it against. */
export interface Fact {
  label: string;
  value: string;
  threshold?: string;
}

/**
 * A flag explained for people: a few sentences (what the data show, why that matches the indicator, where to
 * look; never what anyone did) and a small table of facts. Every money figure carries its currency.
 */
export interface Explanation {
  sentences: string[];
  facts: Fact[];
}

/** How many items a rule judged, and how many it could not fully judge, by reason. Plain JSON. */
export interface RuleCoverage {
  /** What the rule counts: "shipments", "watch-listed shipments", "companies" … */
  unit: string;
  /** Items the rule could judge in full. */
  judged: number;
  /** Items it could not fully judge, by reason (reasons in the rule's documented order; none with a zero count). */
  notJudged: { reason: string; count: number }[];
}

/** What a rule reports its coverage through while it runs. */
export interface CoverageTally {
  judged(n?: number): void;
  /** `reason` must be one of the rule's declared `coverage.reasons`. */
  notJudged(reason: string, n?: number): void;
}

/** A hit returned by a rule before ids, titles and sources are attached. */
export interface RuleHit {
  /** The entities the flag is about, the main one first. */
  entities: string[];
  /** The shipment the flag is about, when it is about one. */
  shipment?: string;
  /** Other entities named in the evidence (supplier, payer, consignee …). */
  counterparties: string[];
  /** All shipments the evidence cites. */
  shipments: string[];
  /** Overrides the rule's severity for this hit (for example when indicators combine). */
  severity?: Severity;
  evidence: Evidence;
  /** The finding in one plain sentence. */
  summary: string;
  /** The finding for people: sentences and a table of facts. */
  explanation: Explanation;
}

export interface RuleSource {
  /** Who published the indicator. */
  publisher: string;
  /** The indicator as published, quoted or paraphrased. */
  indicator: string;
  reference: string;
}

/** A red-flag rule: a declarative entry of the registry. */
export interface Rule {
  id: string;
  title: string;
  /** What the rule looks at, in words. */
  description: string;
  severity: Severity;
  parameters: ParamSpec[];
  sources: RuleSource[];
  /** Known ways the rule fires on innocent activity, for the docs and for reviewers. */
  falsePositives: string;
  /** How the rule treats trade inside one company group, and why (for the docs). */
  intraGroup: string;
  /** What the rule counts for its coverage, and the reasons it may not fully judge an item (in report order). */
  coverage: { unit: string; reasons: readonly string[] };
  /**
   * `progress(done, total)`: how far through its items the rule is (a distributor's year of customs records keeps
   * one rule busy for a minute), told once every PROGRESS_EVERY + 1 items; it plays no part in the result.
   */
  evaluate(ctx: FlagContext, params: Record<string, ParamValue | null>, coverage: CoverageTally, progress: RuleProgress): RuleHit[];
}

/** How far through its items a rule is: `done` of `total` (Rule.evaluate). */
export type RuleProgress = (done: number, total: number) => void;

/** A rule says how far along it is once every this many items (a power of two, less one: `(n & PROGRESS_EVERY) === 0`). */
export const PROGRESS_EVERY = 0xfff;

/** A flag as it appears in the report: an indicator for human review, never a verdict. */
export interface Flag {
  id: string;
  rule: string;
  title: string;
  severity: Severity;
  entity: string;
  entities: string[];
  shipment?: string;
  shipments: string[];
  counterparties: string[];
  evidence: Evidence;
  summary: string;
  /** Sentences and a table of facts for people (the summary, viewer and exports show this, not the evidence). */
  explanation: Explanation;
  source: string;
}

/** The effective settings of a rule in one run (defaults merged with a rules file). */
export interface EffectiveRule {
  id: string;
  title: string;
  enabled: boolean;
  severity: Severity;
  parameters: Record<string, ParamValue | null>;
  source: string;
  /** Set by evaluateFlags for the rules that ran: how many items each judged, and why it could not judge others. */
  coverage?: RuleCoverage;
}

export interface LineOfBusiness {
  isic?: string;
  /** Where the ISIC code came from: the `isic` column, or a keyword of the free-text `sector`. */
  from?: 'isic' | 'sector';
  /** The keyword that mapped the sector text, when `from` is 'sector'. */
  keyword?: string;
  sector?: string;
  /**
   * When the reader warned that the entity's `sector` text and its `isic` code disagree (bundle.warnings): the
   * ISIC classes the text reads as. The rules then judge the entity under either reading, and say that its line of
   * business is uncertain.
   */
  sectorReadings?: string[];
}

/** Whether a shipment's goods fit an entity's line of business, and under which reading of it. */
export interface FitJudgement {
  /** true, false, or undefined when the line of business is unknown or has no sector-fit rows. */
  fits: boolean | undefined;
  /** The ISIC code whose rows the goods fit: the entity's own code, or a reading of its sector text. */
  by?: string;
  /** The classes the sector text reads as, when the reader warned that text and code disagree (else empty). */
  readings: string[];
  /** True when the shipment is watch-listed, so the rows for any business (`*`) were not applied. */
  watchListed: boolean;
}

/** A shipment's stated concentration against a watch-list entry's limit. */
export interface ConcentrationCheck {
  /** Percent, as stated on the shipment; null when not stated. */
  stated: number | null;
  /** The limit in percent: at or below it, the goods are not a watch-list event. */
  limit: number;
  /** What the limit measures: 'w/w' or 'nitrogen w/w' (ammonium nitrate: nitrogen from ammonium nitrate, by weight). */
  basis: string;
  source: string;
}

/**
 * An entity of the bundle matched to a party of a list of listed parties (screening, `@chokepoint/screening`): what
 * the listed-party rules read. A match is a lead to verify, never an identification.
 */
export interface ListedMatch {
  /** The list's name and file. */
  list: string;
  listFile: string;
  /** The party as the list gives it: id, name, FtM schema, line of the list file. */
  listedId: string;
  listedName: string;
  listedSchema: string;
  line: number;
  score: number;
  /** Why it matched, in words (names, identifiers that agree, what could not be compared). */
  evidence: string[];
  topics: string[];
  programs: string[];
}

/** What the rules can read besides the bundle and its analysis. */
export interface FlagExtras {
  /** Matches of screening against lists, by entity id (best first); none when no list was given. */
  listed?: ReadonlyMap<string, readonly ListedMatch[]>;
}

/** What every rule can look at, computed once per run. */
export interface FlagContext {
  bundle: Bundle;
  /** What the rules read of the analysis: its parameters and each entity's nearest crossing (a whole Analysis will do). */
  analysis: CrossingAnalysis;
  reference: ReferenceData;
  entity(id: string): Entity;
  /** The entity of a number (columns.entityIds); undefined for an id that a shipment names but no entity has. */
  entityAt(e: number): Entity | undefined;
  /** Shipments bought by the entity. */
  bought(id: string): Shipment[];
  /** Shipments the entity physically received: as consignee, or as buyer when no consignee is named. */
  received(id: string): Shipment[];
  /** Shipments the entity sold (as supplier). */
  sold(id: string): Shipment[];
  lineOfBusiness(id: string): LineOfBusiness;
  /** `lineOfBusiness` by entity number (columns.entityIds). */
  lineAt(e: number): LineOfBusiness;
  /**
   * Whether the shipment's goods fit the entity's line of business: true, false, or undefined when the shipment has
   * no HS code, the line of business is unknown or the mapping has no row for it. The rows for any business (`*`)
   * cover goods bought for a business's own use and are not applied to watch-listed shipments. When the reader
   * warned that the entity's sector text and ISIC code disagree, goods that fit either reading fit.
   */
  fits(id: string, shipment: Shipment): boolean | undefined;
  /** `fits` by numbers: entity `e` of columns.entityIds and the shipment at position `n` of bundle.shipments. */
  fitsAt(e: number, n: number): boolean | undefined;
  /** `fits`, with the reading the goods fit and whether the rows for any business were left out. */
  fit(id: string, shipment: Shipment): FitJudgement;
  /** The HS prefixes that sector-fit.csv lists for an ISIC code (its own rows, without those for any business). */
  fitPrefixes(isic: string): string[];
  /** The watch-list entry a shipment falls under, if any. */
  watch(shipment: Shipment): WatchItem | undefined;
  /**
   * The watch-listed shipments an entity bought, then those it received (as consignee) and did not buy, each once and
   * in bundle order: what `[...bought(id), ...received(id)]` holds of watch-listed goods, without duplicates.
   */
  watched(id: string): Shipment[];
  /** `watched` by entity number (columns.entityIds; -1: none). */
  watchedAt(e: number): Shipment[];
  /** `watch` of the shipment at position n of bundle.shipments (looked up, not matched again). */
  watchAt(n: number): WatchItem | undefined;
  /**
   * Whether the entity is a documented professional user of the item (undefined: line of business unknown). When
   * the reader warned that its sector text and ISIC code disagree, a user under either reading is a user.
   */
  isUser(id: string, item: WatchItem): boolean | undefined;
  /** `isUser` by entity number (columns.entityIds). */
  isUserAt(e: number, item: WatchItem): boolean | undefined;
  /** The company group of the entity: entities tied by ownership, directorship, family, shared address or phone. */
  group(id: string): { id: number; members: string[] };
  /** `group` by entity number (columns.entityIds). */
  groupAt(e: number): { id: number; members: string[] };
  /** How many members the group of an entity number has (`groupAt(e).members.length`, without building it). */
  groupSize(e: number): number;
  /** How two entities of one group are linked (the ties on a shortest path, up to 6), or undefined. */
  groupPath(a: string, b: string): string[] | undefined;
  /**
   * Whether two different entities belong to one company group, and how they are linked: the ties on a shortest
   * path, or one sentence saying they are linked through more than 6 ties. Undefined for the same entity, or
   * entities of different groups.
   */
  groupLink(a: string, b: string): string[] | undefined;
  /** The concentration of a watch-listed shipment against the entry's limit (undefined when the entry has none). */
  concentration(s: Shipment, item: WatchItem): ConcentrationCheck | undefined;
  /** groupPath from `a` to each of `targets`, with one search. */
  groupPaths(a: string, targets: readonly string[]): (string[] | undefined)[];
  /** Words for an HS code: the shipment's commodity and the HS description. */
  describeHs(code: string): string | undefined;
  /** Name of an entity with its id, for sentences. */
  label(id: string): string;
  radiusKm: number;
  /** The listed parties an entity was matched to (screening), best first; empty when none or no list was given. */
  listed(id: string): readonly ListedMatch[];
  /** Whether any list was screened against (the listed-party rules judge nothing without one). */
  screened: boolean;
  /** The bundle as columns and index lists, for rules that walk every shipment (see FlagColumns). */
  columns: FlagColumns;
  /** Per shipment (position in bundle.shipments): the number of its watch-list entry in reference.watchlist, -1 for none. */
  watchOf: Int32Array;
  /** Per entity number (columns.entityIds): its company group's number, as `group(id).id`. */
  groupOf: Int32Array;
  /**
   * Typed arrays for a rule's own work, lent for the time the rule runs (see Scratch): never kept past it, not in a
   * hit and not in a cache of the context.
   */
  scratch: Scratch;
}
