import type { Report } from '@chokepoint/report';

/** What a piece of a large report is (scale.ts makes the pieces; the web app reads them): types only, for both. */
export interface Scope {
  kind: 'overview' | 'cluster' | 'entity';
  /** The cluster or entity at the centre (null for the overview). */
  center: string | number | null;
  hops: number | null;
  /**
   * Entities, ties, red flags, company groups (of two or more) and the people and companies behind the flags of the
   * whole report (a piece holds only the flags and groups of its entities).
   */
  totals: { entities: number; clusters: number; relations: number; shipments: number; flags: number; groups: number; controllers: number };
  /** Node sizes between 0 and 1 (cluster nodes: by members), as [id, weight] pairs. */
  weights: [string, number][];
  /** Cluster nodes in this scope: node id → cluster id and members. */
  clusterNodes: [string, { cluster: number; members: number; flagged: number }][];
  /** Set when the scope was cut to its limits: what was left out, in words. */
  capped: string | null;
  /**
   * The whole report's supply-chokepoint sources, targets and shipments, counted: a piece lists only those of its own
   * entities and shipments, and the edges of the smallest cut between its own entities (at a million entities, the
   * whole lists were 15 MB of every piece). Absent when the report has no supply chokepoints.
   */
  chokepointCounts?: { sources: number; targets: number; shipments: number };
  /**
   * The whole report's red flags counted by rule and severity (a piece holds only the flags of its entities; the
   * overview, of cluster nodes, none), as [rule id, counts] pairs in the report's order of rules.
   */
  ruleCounts?: [string, { high: number; medium: number; low: number }][];
  /**
   * The entities of the whole report that the records named by name matching (pairs merged or left for review that
   * the piece carries, judgements) are in, with their names and the names of the records merged into them, so that the
   * viewer names both records of a pair and opens the entity of either, whichever piece is shown (the viewer keeps the
   * overview's for every piece, and adds a neighbourhood's: the entities of its pairs' other records); and, in the
   * overview, the entities the supply-chokepoint section names one by one.
   */
  named?: NamedEntity[];
  /**
   * How many pairs of records the whole report left for review (`resolution.possible`): a piece carries only some (the
   * overview the first OVERVIEW_PAIRS and those a case judges, a neighbourhood those of its entities, with the entities
   * of their other records in `named`). Absent from a report without resolution.
   */
  possiblePairs?: number;
}

/** An entity of the whole report a record of a pair is in (`Scope.named`): its id, its name, and its records' names. */
export interface NamedEntity {
  id: string;
  name: string;
  /** The entity's `aliases` and `alias_names` attributes (the records merged into it, and their names), when it has them. */
  aliases?: string;
  alias_names?: string;
}

export type ScopeReport = Report & { scope: Scope };

