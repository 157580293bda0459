import type { DataIssue, EntityKind } from '@chokepoint/model';

/** A party of a list of listed parties (sanctions, export controls, debarments …), as the list states it. */
export interface ListedParty {
  /** The id the list gives it (an OpenSanctions id such as `NK-…`, or the id of the FtM line). */
  id: string;
  /** Its FtM schema as written: Person, Company, Organization, LegalEntity, PublicBody … */
  schema: string;
  /** `person`, `company` or `organization`; `any` for a LegalEntity, which may be either. */
  kind: EntityKind | 'any';
  /** The name shown: the first `name`. */
  name: string;
  /** Every name it is matched on: names, aliases and previous names (weak aliases are not matched on). */
  names: string[];
  /** Countries the list ties it to (country, nationality, citizenship, jurisdiction …), upper-case codes. */
  countries: string[];
  /** Birth dates as the list writes them: YYYY-MM-DD, YYYY-MM or YYYY. */
  birthDates: string[];
  /** Registration, tax and other identifying numbers, as written. */
  identifiers: string[];
  addresses: string[];
  phones: string[];
  /** OpenSanctions topics (sanction, sanction.linked, debarment, export.control, role.pep …). */
  topics: string[];
  /** Sanctions programmes and the authorities that list it (from its own properties and its Sanction entities). */
  programs: string[];
  authorities: string[];
  /** Datasets of the record (OpenSanctions `datasets`), and where the list says its sources are. */
  datasets: string[];
  sourceUrls: string[];
  /** Line of the list file where it is written. */
  line: number;
}

/** A list as read: its parties and what was not read. */
export interface ScreeningList {
  /** The list's name: the datasets its records share, or else the file name without extension. */
  name: string;
  /** The file name it was read from. */
  file: string;
  /** The latest date the records carry (`last_change`, `last_seen`, `modifiedAt`), YYYY-MM-DD; null when none. */
  date: string | null;
  parties: ListedParty[];
  /** Records of other schemata, by schema: used to complete the parties (Sanction, Address, Identification) or not screened (Vessel …). */
  otherRecords: { schema: string; count: number; use: 'used' | 'not screened' }[];
  /** Records skipped because of a problem (lenient reading), with file, line, column and reason. */
  skipped: DataIssue[];
  /** What was read but doubtful (a country code that is not ISO, a Sanction naming no party of the file). */
  warnings: DataIssue[];
}

/** One identifier compared between an entity and a listed party. */
export interface IdentifierCheck {
  identifier: 'country' | 'birth date' | 'registration number' | 'address' | 'phone';
  /** What the entity has. */
  entity: string;
  /** What the list has (all its values of this identifier, joined by `; `). */
  listed: string;
}

/** A pair of a bundle entity and a listed party whose names agree: a match, or a candidate for review. */
export interface ScreeningHit {
  entity: string;
  entityName: string;
  /** The list's name (ScreeningList.name) and file. */
  list: string;
  listFile: string;
  listedId: string;
  listedName: string;
  listedSchema: string;
  /**
   * `match`: the names agree and no identifier the list gives disagrees; `candidate`: the names agree but an
   * identifier disagrees, or the score lies between the review and match thresholds. A match is a lead to verify,
   * never an identification.
   */
  status: 'match' | 'candidate';
  /** The score in [0, 1]: the name similarity adjusted by the identifiers. */
  score: number;
  /** The names compared: the entity's, the listed name that agrees best, their similarity, and how the words were paired. */
  names: { entity: string; listed: string; similarity: number; notes: string[] };
  agreed: IdentifierCheck[];
  disagreed: IdentifierCheck[];
  /** Why it is a match or a candidate, in words. */
  evidence: string[];
  topics: string[];
  programs: string[];
  /** The list line of the listed party. */
  line: number;
}

export interface ScreeningOptions {
  /** Pairs scoring at least this, with no identifier that disagrees, are matches. Default 0.9. */
  matchThreshold?: number;
  /** Pairs whose names score at least this are kept for review when they are not matches. Default 0.8. */
  reviewThreshold?: number;
  /** A name token shared by more listed names than this is not used alone to find candidates. Default 2000. */
  maxPosting?: number;
}

export interface ScreeningResult {
  /** Matches, by entity id then score (highest first). */
  matches: ScreeningHit[];
  /** Candidates for review, in the same order. */
  candidates: ScreeningHit[];
  /** How many entity–party pairs were scored (the blocking keeps this far below all pairs). */
  compared: number;
  thresholds: { match: number; review: number };
}
