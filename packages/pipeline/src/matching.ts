import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Entity } from '@chokepoint/model';
import { matchNames, type MatchRecord, type NameMatches } from '@chokepoint/resolve';
import { keyOrder } from './order';

/**
 * Name matching (the costly half of merging name variants, matchEntities) needs only the entities: it can run in a
 * worker thread while the ties and shipments, most of a bundle, are still being read. Below this many entities the
 * thread costs more to start than the matching takes.
 */
export const MATCH_WHILE_READING_MIN_ENTITIES = 20_000;

/** The fields of the entities matching reads, one list per field, in the order the entities were given. */
export interface MatchColumns {
  ids: string[];
  kinds: string[];
  names: string[];
  countries: (string | undefined)[];
  cities: (string | undefined)[];
  addresses: (string | undefined)[];
  phones: (string | undefined)[];
  registrations: (string | undefined)[];
}

/**
 * What matching found for a list of entities (matchNames): the pairs, with `i` and `j` positions in canonical order
 * (entities by id), and the common names among them.
 */
export interface EarlyMatches extends NameMatches {
  /** The entities matched, as given (the same objects). */
  entities: readonly Entity[];
  /** `order[k]`: the position in `entities` of the k-th entity in canonical order (by id). */
  order: Int32Array;
}

/** Matching under way in a worker thread. */
export interface Matching {
  /** The matches, or the error that stopped the thread (the caller then matches on its own thread). */
  readonly done: Promise<EarlyMatches | Error>;
  /** Whether `done` has settled. */
  readonly finished: boolean;
  /** Stops the thread (when reading failed, or the matches are not wanted). */
  cancel(): void;
}

const own = (attributes: Record<string, string> | undefined, key: string): string | undefined =>
  attributes !== undefined && Object.hasOwn(attributes, key) ? attributes[key] : undefined;

export function matchColumns(entities: readonly Entity[]): MatchColumns {
  const c: MatchColumns = { ids: [], kinds: [], names: [], countries: [], cities: [], addresses: [], phones: [], registrations: [] };
  for (const e of entities) {
    c.ids.push(e.id);
    c.kinds.push(e.kind);
    c.names.push(e.name);
    c.countries.push(e.country);
    c.cities.push(e.city);
    c.addresses.push(e.address);
    c.phones.push(own(e.attributes, 'phone'));
    c.registrations.push(own(e.attributes, 'registration_number'));
  }
  return c;
}

/**
 * The matches of entities given as columns (what the worker thread computes): the canonical order by id, then
 * matchEntities over the records in that order. Pure.
 */
export function matchFromColumns(c: MatchColumns): { order: Int32Array } & NameMatches {
  const n = c.ids.length;
  const byId = keyOrder(c.ids);
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) order[k] = byId === undefined ? k : byId[k];
  const records: MatchRecord[] = [];
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
    if (c.phones[i] !== undefined) attributes.phone = c.phones[i]!;
    if (c.registrations[i] !== undefined) attributes.registration_number = c.registrations[i]!;
    records.push({ id: c.ids[i], kind: c.kinds[i] as Entity['kind'], name: c.names[i], country: c.countries[i], city: c.cities[i], address: c.addresses[i], attributes });
  }
  return { order, ...matchNames(records) };
}

function workerPath(): string {
  const compiled = __filename.endsWith('.ts') ? join(__dirname, '..', 'dist', 'match-worker.js') : join(__dirname, 'match-worker.js');
  if (!existsSync(compiled)) throw new Error(`${compiled} is missing: build the pipeline first (pnpm build)`);
  return compiled;
}

/**
 * Starts matching the names of `entities` in a worker thread, for runAnalysis (`PipelineOptions.matching`) to use
 * when it merges name variants: undefined when one thread is asked for, or when there are fewer than `minEntities`
 * (default MATCH_WHILE_READING_MIN_ENTITIES). The results are those of matching on the calling thread.
 */
export function matchInBackground(entities: readonly Entity[], options: { threads?: number; minEntities?: number } = {}): Matching | undefined {
  const threads = options.threads ?? availableParallelism();
  if (threads < 2 || entities.length < (options.minEntities ?? MATCH_WHILE_READING_MIN_ENTITIES)) return undefined;
  const worker = new Worker(workerPath(), { workerData: matchColumns(entities) });
  // The thread never keeps the process alive: a command that stops early does not wait for it.
  worker.unref();
  let settle: (value: EarlyMatches | Error) => void = () => undefined;
  let settled = false;
  const done = new Promise<EarlyMatches | Error>((resolve) => {
    settle = (value) => {
      if (settled) return;
      settled = true;
      resolve(value);
      void worker.terminate();
    };
  });
  worker.once('message', (m: { order: Int32Array } & NameMatches) => settle({ ...m, entities }));
  worker.once('error', (err) => settle(err instanceof Error ? err : new Error(String(err))));
  worker.once('exit', (code) => settle(new Error(`the matching thread stopped (exit code ${code})`)));
  return {
    done,
    get finished() {
      return settled;
    },
    cancel: () => settle(new Error('matching cancelled')),
  };
}

/**
 * The pairs of `matched` for `entities` (the bundle's entities in canonical order), when they were matched from these
 * very entities; else undefined (the caller matches them itself).
 */
export function matchesFor(entities: readonly Entity[], matched: EarlyMatches | undefined): NameMatches | undefined {
  if (matched === undefined || matched.entities.length !== entities.length) return undefined;
  for (let k = 0; k < entities.length; k++) if (entities[k] !== matched.entities[matched.order[k]]) return undefined;
  const { pairs, commonNames, commonCompanyNames } = matched;
  return { pairs, commonNames, commonCompanyNames };
}
