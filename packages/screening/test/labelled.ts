import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Entity, EntityKind } from '@chokepoint/model';
import { partyKind, screenEntities, type ListedParty, type ScreeningList, type ScreeningOptions } from '@chokepoint/screening';

/** One labelled pair: an entity as a bundle gives it, a party as a list gives it, and what screening should make of them. */
export interface LabelledPair {
  line: number;
  group: string;
  entity: Entity;
  party: ListedParty;
  /** `match`: the same party; `review`: the same name but an identifier disagrees (a look-alike); `none`: another party. */
  expected: 'match' | 'review' | 'none';
}

/** Splits one CSV line (quoted fields with doubled quotes). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') out.push(cur), (cur = '');
    else cur += c;
  }
  out.push(cur);
  return out;
}

const split = (v: string): string[] => (v === '' ? [] : v.split('|'));

export function readPairs(file: string): LabelledPair[] {
  const lines = readFileSync(join(__dirname, 'fixtures', file), 'utf8').split('\n').filter((l) => l.trim() !== '');
  const header = cells(lines[0]);
  return lines.slice(1).map((l, i) => {
    const c = cells(l);
    const get = (name: string) => c[header.indexOf(name)] ?? '';
    const attributes: Record<string, string> = {};
    if (get('entity_birth_date') !== '') attributes.birth_date = get('entity_birth_date');
    if (get('entity_registration') !== '') attributes.registration_number = get('entity_registration');
    const entity: Entity = {
      id: `e${i + 2}`,
      kind: get('entity_kind') as EntityKind,
      name: get('entity_name'),
      ...(get('entity_country') === '' ? {} : { country: get('entity_country') }),
      attributes,
      origin: { file, line: i + 2 },
    };
    const names = split(get('listed_names'));
    const schema = get('listed_schema');
    const party: ListedParty = {
      id: `l${i + 2}`,
      schema,
      kind: partyKind(schema)!,
      name: names[0],
      names,
      countries: split(get('listed_countries')).map((x) => x.toUpperCase()),
      birthDates: split(get('listed_birth_dates')),
      identifiers: split(get('listed_identifiers')),
      addresses: [],
      phones: [],
      topics: ['sanction'],
      programs: [],
      authorities: [],
      datasets: [],
      sourceUrls: [],
      line: i + 2,
    };
    return { line: i + 2, group: get('group'), entity, party, expected: get('expected') as LabelledPair['expected'] };
  });
}

export interface Outcome {
  pair: LabelledPair;
  status: 'match' | 'candidate' | 'none';
  score: number | null;
}

export interface Figures {
  pairs: number;
  /** Of the pairs that are the same party: found as matches (recall), and the matches that are right (precision). */
  precision: number;
  recall: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** Look-alikes (the names agree, an identifier disagrees): kept for review as candidates, never matched. */
  lookAlikes: number;
  lookAlikesForReview: number;
  /** Other parties: candidates among them (noise for a reviewer). */
  others: number;
  othersAsCandidates: number;
  byGroup: Record<string, { pairs: number; tp: number; fp: number; fn: number }>;
  outcomes: Outcome[];
}

/** Screens each pair on its own (one entity against a list of one party) and counts. */
export function evaluate(pairs: LabelledPair[], options: ScreeningOptions = {}): Figures {
  const outcomes: Outcome[] = pairs.map((pair) => {
    const list: ScreeningList = { name: 'labelled', file: 'labelled.jsonl', date: null, parties: [pair.party], otherRecords: [], skipped: [], warnings: [] };
    const r = screenEntities([pair.entity], [list], options);
    const hit = r.matches[0] ?? r.candidates[0];
    return { pair, status: r.matches.length > 0 ? 'match' : r.candidates.length > 0 ? 'candidate' : 'none', score: hit?.score ?? null };
  });
  const byGroup: Figures['byGroup'] = {};
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const o of outcomes) {
    const g = (byGroup[o.pair.group] ??= { pairs: 0, tp: 0, fp: 0, fn: 0 });
    g.pairs++;
    if (o.pair.expected === 'match') {
      if (o.status === 'match') tp++, g.tp++;
      else fn++, g.fn++;
    } else if (o.status === 'match') fp++, g.fp++;
  }
  const lookAlikes = outcomes.filter((o) => o.pair.expected === 'review');
  const others = outcomes.filter((o) => o.pair.expected === 'none');
  return {
    pairs: pairs.length,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    lookAlikes: lookAlikes.length,
    lookAlikesForReview: lookAlikes.filter((o) => o.status === 'candidate').length,
    others: others.length,
    othersAsCandidates: others.filter((o) => o.status === 'candidate').length,
    byGroup,
    outcomes,
  };
}
