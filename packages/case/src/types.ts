/**
 * A case file: what an investigator keeps while working on one report — notes on entities, ties and red flags, a
 * review status per flag with who set it and when, and named saved views. JSON, versioned; `docs/case.schema.json` is
 * generated from these types (scripts/case-schema.mjs) and `validateCase` checks the same shape with clear messages.
 *
 * Ids of entities, flags and ties are the report's own ids (any text: `__proto__` is a normal id); the case keeps them
 * in arrays, never as object keys.
 */

/** The value of `format` in every case file. */
export const CASE_FORMAT = 'chokepoint-case';
/** The case file version this code writes and reads. */
export const CASE_VERSION = 1;

/** Where a flag stands in the review: to check (the default: not reviewed yet, or reopened), confirmed, dismissed. */
export type FlagStatus = 'to-check' | 'confirmed' | 'dismissed';
export const FLAG_STATUSES: readonly FlagStatus[] = ['to-check', 'confirmed', 'dismissed'];

/** What a note is about: an entity, a tie between two entities (by its kind, `shipment` for trade), or a red flag. */
export type NoteTarget =
  | { kind: 'entity'; id: string }
  | { kind: 'tie'; source: string; target: string; tieKind: string }
  | { kind: 'flag'; id: string };

/**
 * A date and time in ISO 8601 with a time zone, as `Date.prototype.toISOString` writes it.
 * @pattern ^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$
 */
export type Timestamp = string;

/**
 * Who did something: the name the investigator gave.
 * @minLength 1
 * @maxLength 200
 */
export type Author = string;

export interface CaseNote {
  /**
   * Unique in the case.
   * @minLength 1
   * @maxLength 100
   */
  id: string;
  target: NoteTarget;
  /**
   * Plain text, shown as text (never as markup).
   * @minLength 1
   * @maxLength 20000
   */
  text: string;
  author: Author;
  created: Timestamp;
  /** When the text was last changed, if it was. */
  edited?: Timestamp;
}

export interface StatusChange {
  status: FlagStatus;
  by: Author;
  at: Timestamp;
}

/** A flag's review status now, and the earlier ones (oldest first). */
export interface CaseFlagStatus {
  /** The report's flag id. */
  flag: string;
  status: FlagStatus;
  by: Author;
  at: Timestamp;
  history: StatusChange[];
}

/**
 * A saved view's state as the viewer wrote it: opaque to everything but the viewer, versioned so that a later viewer
 * can read or refuse it. The viewer's version 1 holds `hash` (the view as a link carries it: filters, selection,
 * layout, camera and the working state) and may hold more.
 */
export interface SavedViewState {
  /**
   * @minimum 1
   * @asType integer
   */
  version: number;
  /** Which piece of a large report was open (absent: the whole report was shown). */
  scope?: SavedViewScope;
  [key: string]: unknown;
}

/**
 * The piece of a large report a view was saved on: `chokepoint view` shows a report above its overview threshold
 * (20,000 entities by default) piece by piece, starting from the overview of its clusters; opening the view opens
 * that piece again.
 */
export type SavedViewScope =
  | { kind: 'overview' }
  | {
      kind: 'cluster';
      /** @asType integer */
      cluster: number;
    }
  | {
      kind: 'entity';
      /**
       * The entity whose neighbourhood was open.
       * @minLength 1
       */
      entity: string;
      /**
       * Ties around it.
       * @minimum 1
       * @maximum 10
       * @asType integer
       */
      hops: number;
    };

/**
 * What an investigator decided of two records the analysis found alike: the same entity, not the same, or unsure. The
 * values of @chokepoint/model's `Verdict`, written here too so that the case format stands on its own (a test checks
 * the two agree).
 */
export type Verdict = 'same' | 'not-same' | 'unsure';
export const VERDICTS: readonly Verdict[] = ['same', 'not-same', 'unsure'];

export interface VerdictChange {
  verdict: Verdict;
  by: Author;
  at: Timestamp;
}

/**
 * A judgement on two records (by the ids of the bundle: a merged one's original id, or an entity's): whether they are
 * one entity. `chokepoint analyze --case` applies the case's judgements when it merges name variants: the same are
 * merged whatever their score, the not same and the unsure are kept apart. One entry per pair (either order).
 */
export interface CaseJudgement {
  /**
   * @minLength 1
   * @maxLength 1000
   */
  a: string;
  /**
   * @minLength 1
   * @maxLength 1000
   */
  b: string;
  verdict: Verdict;
  by: Author;
  at: Timestamp;
  /** The earlier verdicts on the pair, oldest first. */
  history: VerdictChange[];
}

export interface SavedView {
  /**
   * Unique in the case.
   * @minLength 1
   * @maxLength 100
   */
  id: string;
  /**
   * @minLength 1
   * @maxLength 200
   */
  name: string;
  by: Author;
  at: Timestamp;
  state: SavedViewState;
}

export interface CaseFile {
  format: typeof CASE_FORMAT;
  version: typeof CASE_VERSION;
  /**
   * The case's title, shown on the printed report.
   * @maxLength 200
   */
  title: string;
  /** The report the case was opened with: its bundle's name (a case opened with another report is shown with a warning). */
  report: { bundle: string };
  created: Timestamp;
  updated: Timestamp;
  /**
   * Counts saved changes; the viewer's server refuses a save made on an older revision (another window saved since).
   * @minimum 0
   * @asType integer
   */
  revision: number;
  notes: CaseNote[];
  flags: CaseFlagStatus[];
  views: SavedView[];
  /** Judgements on pairs of records: whether two are one entity (absent in case files written before them). */
  judgements?: CaseJudgement[];
}
