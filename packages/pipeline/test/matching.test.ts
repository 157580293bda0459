import { seededRandom } from '@chokepoint/engine';
import { loadReference, DEFAULT_REFERENCE_DIR } from '@chokepoint/flags';
import type { Bundle, Entity, Relation } from '@chokepoint/model';
import { loadMeasuresData, matchColumns, matchFromColumns, matchInBackground, runAnalysis, type PipelineOptions } from '@chokepoint/pipeline';
import { matchEntities, matchNames } from '@chokepoint/resolve';

const origin = { file: 'entities.csv', line: 2 };
const reference = loadReference();
const measures = loadMeasuresData(DEFAULT_REFERENCE_DIR);
const options = (extra: Partial<PipelineOptions> = {}): PipelineOptions => ({ reference, measures, toolVersion: 'test', threads: 1, geocode: false, ...extra });

/**
 * Companies and persons, some written twice as investigators' sources write them (a typo, a legal form dropped, a
 * word in another order, a phone or a registration number in common), with ids in no order.
 */
function variantsBundle(): Bundle {
  const random = seededRandom(11);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const first = ['Kestrel', 'Anatolia', 'Harran', 'Birecik', 'Mardin', 'Akcakale', 'Euphrates', 'Gaziantep', 'Nizip', 'Suruc', 'Ceylan', 'Kilis'];
  const trade = ['Chemicals', 'Electronics', 'Logistics', 'Trading', 'Construction', 'Fertilizer', 'Textiles', 'Machinery'];
  const forms = ['Ltd', 'A.S.', 'LLC', 'Ltd. Sti.', ''];
  const people = ['Hasan Demirel', 'Ayse Kaya', 'Omar Haddad', 'Mehmet Yilmaz', 'Layla Nasser', 'Yusuf Arslan'];
  const countries = ['TR', 'SY', 'IQ', 'AE', undefined];
  const typo = (s: string): string => {
    const at = 1 + Math.floor(random() * (s.length - 2));
    return s.slice(0, at) + s[at + 1] + s[at] + s.slice(at + 2);
  };
  const entities: Entity[] = [];
  let n = 0;
  const add = (e: Omit<Entity, 'id' | 'origin'>) => entities.push({ id: `E${String((n++ * 7919) % 1000).padStart(3, '0')}-${n}`, origin, ...e });
  for (let k = 0; k < 300; k++) {
    const base = `${pick(first)} ${pick(trade)}`;
    const country = pick(countries);
    const attributes: Record<string, string> = {};
    if (random() < 0.3) attributes.phone = `+90 414 ${100000 + Math.floor(random() * 900000)}`;
    if (random() < 0.2) attributes.registration_number = `TR-${10000 + k}`;
    add({ kind: 'company', name: `${base} ${pick(forms)}`.trim(), country, city: random() < 0.5 ? 'Sanliurfa' : undefined, attributes: { ...attributes } });
    const r = random();
    if (r < 0.15) add({ kind: 'company', name: typo(base), country, attributes: { ...attributes } });
    else if (r < 0.3) add({ kind: 'company', name: base.split(' ').reverse().join(' '), country, attributes: {} });
    else if (r < 0.35) add({ kind: 'company', name: `${base} ${pick(forms)}`.trim(), country: pick(countries), attributes: { ...attributes } });
  }
  for (let k = 0; k < 60; k++) {
    const name = pick(people);
    add({ kind: 'person', name: random() < 0.2 ? typo(name) : name, country: pick(countries), attributes: random() < 0.3 ? { phone: `+963 11 ${200000 + k}` } : {} });
  }
  const relations: Relation[] = [];
  for (let k = 1; k < entities.length; k++) {
    relations.push({ source: entities[k].id, target: entities[Math.floor(random() * k)].id, kind: pick(['owner', 'director', 'associate'] as const), attributes: {}, origin: { file: 'relations.csv', line: k + 1 } });
  }
  return { name: 'variants', entities, relations, shipments: [], places: [], rejected: [], warnings: [] };
}

describe('name variants matched in a worker thread while the bundle is read', () => {
  const bundle = variantsBundle();

  it('the columns sent to the thread give the pairs of matching the entities in canonical order', () => {
    const { order, pairs } = matchFromColumns(matchColumns(bundle.entities));
    const ids = [...order].map((i) => bundle.entities[i].id);
    expect(ids).toEqual(bundle.entities.map((e) => e.id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(order).size).toBe(bundle.entities.length);
    const canonical = [...order].map((i) => bundle.entities[i]);
    expect(pairs.length).toBeGreaterThan(20);
    expect(pairs).toEqual(matchEntities(canonical));
    expect(matchFromColumns(matchColumns(bundle.entities)).commonNames).toEqual(matchNames(bundle.entities).commonNames);
    expect(matchFromColumns(matchColumns(bundle.entities)).commonCompanyNames).toEqual(matchNames(bundle.entities).commonCompanyNames);
  });

  it('give the report of names matched by the analysis itself, byte for byte, and the analysis says it used them', async () => {
    const matching = matchInBackground(bundle.entities, { threads: 2, minEntities: 0 });
    expect(matching).toBeDefined();
    const said: string[] = [];
    const early = await runAnalysis(bundle, options({ matching }), { onProgress: (m) => said.push(m) });
    const here = await runAnalysis(bundle, options());
    expect(said).toContain('resolving name variants (names matched while the bundle was read)');
    expect(early.report.resolution.merges.length).toBeGreaterThan(10);
    expect(early.report.resolution.possible.length).toBeGreaterThan(10);
    // The common names of persons counted in the thread, as the analysis counts them itself.
    expect(early.report.resolution.commonNames?.names).toBeGreaterThan(0);
    expect(early.report.resolution.commonCompanyNames?.names).toBeGreaterThan(0);
    expect(JSON.stringify(early.report)).toBe(JSON.stringify(here.report));
  });

  it('are not used for other entities: the analysis matches the names itself, and the report is the same', async () => {
    const other = bundle.entities.map((e) => ({ ...e }));
    const matching = matchInBackground(other, { threads: 2, minEntities: 0 });
    const said: string[] = [];
    const early = await runAnalysis(bundle, options({ matching }), { onProgress: (m) => said.push(m) });
    expect(said).toContain('resolving name variants');
    expect(said).not.toContain('resolving name variants (names matched while the bundle was read)');
    const here = await runAnalysis(bundle, options());
    expect(JSON.stringify(early.report)).toBe(JSON.stringify(here.report));
  });

  it('a cancelled matching ends with an error, and the analysis then matches the names itself', async () => {
    const matching = matchInBackground(bundle.entities, { threads: 2, minEntities: 0 })!;
    matching.cancel();
    expect(await matching.done).toBeInstanceOf(Error);
    const said: string[] = [];
    const early = await runAnalysis(bundle, options({ matching }), { onProgress: (m) => said.push(m) });
    expect(said.some((m) => m.startsWith('matching names in a worker thread failed (matching cancelled)'))).toBe(true);
    const here = await runAnalysis(bundle, options());
    expect(JSON.stringify(early.report)).toBe(JSON.stringify(here.report));
  });

  it('is stopped when the analysis keeps name variants apart', async () => {
    const matching = matchInBackground(bundle.entities, { threads: 2, minEntities: 0 })!;
    const { report } = await runAnalysis(bundle, options({ matching, resolve: false }));
    expect(report.resolution.enabled).toBe(false);
    expect(matching.finished).toBe(true);
    expect(await matching.done).toEqual(new Error('matching cancelled'));
  });

  it('no thread for one thread, or for fewer entities than it pays to send', () => {
    expect(matchInBackground(bundle.entities, { threads: 1, minEntities: 0 })).toBeUndefined();
    expect(matchInBackground(bundle.entities, { threads: 2 })).toBeUndefined();
  });
});
