import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_REFERENCE_DIR, loadReference } from '@chokepoint/flags';
import type { Bundle, Entity, Place, Relation, Shipment } from '@chokepoint/model';
import { disruptReport, loadDensities, loadFxTable, loadMeasuresData, MeasuresDataError, mostFlagged, readScreeningList, runAnalysis, type PipelineOptions } from '@chokepoint/pipeline';
import { entityIndexOf, recordTable, renderSummary, reportProblems } from '@chokepoint/report';

const origin = { file: 'x.csv', line: 2 };
const entity = (id: string, extra: Partial<Entity> = {}): Entity => ({ id, kind: 'company', name: `Name ${id}`, attributes: {}, origin, ...extra });
const tie = (source: string, target: string, kind: Relation['kind']): Relation => ({ source, target, kind, attributes: {}, origin });
const ship = (id: string, supplier: string, buyer: string, extra: Partial<Shipment> = {}): Shipment => ({
  id,
  supplier,
  buyer,
  commodity: 'aluminium paste',
  hsCode: '321290',
  quantity: 1000,
  unit: 'kg',
  quantityKg: 1000,
  attributes: {},
  origin,
  ...extra,
});
const crossing: Place = { id: 'bc', name: 'Crossing', kind: 'border_crossing', lat: 36.7, lon: 38.95, countries: ['TR', 'SY'], attributes: {}, origin };
const near = { lat: 36.71, lon: 38.95, country: 'TR' };

const reference = loadReference();
const measures = loadMeasuresData(DEFAULT_REFERENCE_DIR);
const options = (extra: Partial<PipelineOptions> = {}): PipelineOptions => ({ reference, measures, toolVersion: 'test', threads: 1, geocode: false, ...extra });
const bundleOf = (entities: Entity[], relations: Relation[], shipments: Shipment[]): Bundle => ({ name: 't', entities, relations, shipments, places: [crossing], rejected: [], warnings: [] });

describe('the records of the bundle given', () => {
  it('are left as they were; the report carries them as read, where each was read included', async () => {
    const entities = [entity('a', near), entity('b', near), entity('c', near)];
    const relations = [tie('a', 'b', 'owner')];
    const shipments = [ship('s1', 'a', 'b'), ship('s2', 'b', 'c', { payer: 'a' })];
    const input = bundleOf(entities, relations, shipments);
    const before = JSON.stringify(input);
    const lists = [input.relations, input.shipments].map((l) => [...l]);
    const { report } = await runAnalysis(input, options());
    expect(JSON.stringify(input)).toBe(before);
    expect(input.relations).toEqual(lists[0]);
    lists[1].forEach((s, i) => expect(input.shipments[i]).toBe(s));
    expect(report.shipments.map((s) => Object.keys(s).sort())).toEqual(shipments.map((s) => Object.keys(s).sort()));
    expect(report.relations.map((r) => r.origin)).toEqual([relations[0].origin, shipments[1].origin]);
    expect(reportProblems(report)).toEqual([]);
  });
});

describe('supply chokepoints on data nobody tuned', () => {
  // The chemical distributor lies in a cluster near the border and sells most of the watch-listed goods: it used to be
  // dropped from the sources, and the flow read zero.
  const entities = [
    entity('dist', { ...near, sector: 'wholesale of chemicals', isic: '4669' }),
    entity('shop', { ...near, sector: 'mobile phone shop', isic: '4741' }),
    entity('ware', { ...near, sector: 'warehouse', isic: '5210' }),
    entity('maker', { country: 'DE' }),
  ];
  const bundle = bundleOf(
    entities,
    [tie('dist', 'ware', 'shared_address')],
    [ship('s1', 'maker', 'dist', { quantity: 9000, quantityKg: 9000, value: 9000, currency: 'EUR', shipped: '2010-09-10' }), ship('s2', 'dist', 'shop', { quantity: 6000, quantityKg: 6000, value: 100, currency: 'USD', shipped: '2010-09-10' }), ship('s3', 'dist', 'ware', { value: 50, currency: 'TRY', shipped: '2010-09-10' })],
  );

  it('keeps a supplier that is also a target, says so, and measures real flow', async () => {
    const { report } = await runAnalysis(bundle, options());
    expect(reportProblems(report)).toEqual([]);
    const cp = report.chokepoints!;
    expect(cp.sources).toContain('dist');
    expect(cp.sourcesAlsoTargets).toContain('dist');
    expect(cp.maxFlow.kg).toBeGreaterThan(0);
    expect(cp.noFlow.kg).toBeNull();
    // Deliveries from the distributor to its own group (the warehouse at its address) are not supply.
    expect(cp.insideGroups).toBe(1);
    const text = renderSummary(report);
    expect(text).toMatch(/also among the targets; none is dropped/);
    expect(text).not.toMatch(/at most 0 kg/);
  });

  it('never adds money of different currencies, and states the currency of every figure', async () => {
    const { report } = await runAnalysis(bundle, options());
    expect(report.measures.totals.map((t) => t.currency)).toEqual(['EUR', 'TRY', 'USD']);
    expect(report.chokepoints!.valueCurrency).toBe('EUR');
    expect(report.measures.conversion!.rates.map((r) => r.currency)).toEqual(['TRY', 'USD']);
    const text = renderSummary(report);
    expect(text).toMatch(/EUR 9,000 \(1 shipment\), TRY 50 \(1 shipment\), USD 100 \(1 shipment\)/);
    expect(text).toMatch(/value at most EUR [\d,]+/);
    // Without rates, values of several currencies are not compared at all.
    const none = (await runAnalysis(bundle, options({ measures: { ...measures, fx: null, fxFile: null } }))).report;
    expect(none.chokepoints!.valueCurrency).toBeNull();
    expect(none.chokepoints!.noFlow.value).toMatch(/no values in one currency/);
    expect(renderSummary(none)).not.toMatch(/value at most [\d]/);
  });

  it('disrupts a report given the table of its records as it disrupts the report holding them, and says what it needs', async () => {
    const { report } = await runAnalysis(bundle, options());
    const table = recordTable(report, entityIndexOf(report));
    for (const steps of [1, 3]) expect(disruptReport(report, { steps, records: table })).toEqual(disruptReport(report, { steps }));
    expect(disruptReport(report, { order: ['shop'], records: table })).toEqual(disruptReport(report, { order: ['shop'] }));
    // Other goods are chosen among every shipment: the report with its records, not a table.
    expect(() => disruptReport(report, { selection: { targets: 'ids:shop' }, records: table })).toThrow(/records: choosing the goods, sources or targets needs every shipment of the report/);
    // A report read without the records it keeps apart, and no table: not taken for a network without ties.
    const apart = { ...report, relations: [], shipments: [], records: { stored: 'companion' as const, file: 'r.records.jsonl', relations: report.relations.length, shipments: report.shipments.length, bytes: 1, sha256: '0'.repeat(64) } };
    expect(() => disruptReport(apart, { steps: 1 })).toThrow(/records: the report was read without its records/);
    expect(disruptReport(apart, { steps: 1, records: table })).toEqual(disruptReport(report, { steps: 1 }));
    // A large network says it is simulating once what was asked makes sense, never ahead of a refusal.
    const told: string[] = [];
    disruptReport(apart, { steps: 1, records: table }, { onProgress: (m) => told.push(m) });
    expect(told[0]).toBe('simulating disruption: the network of the flows, then the removals');
    told.length = 0;
    expect(() => disruptReport({ ...apart, chokepoints: null }, { steps: 1, records: table }, { onProgress: (m) => told.push(m) })).toThrow(/no supply-chokepoint sources and targets/);
    expect(() => disruptReport(apart, { order: ['nobody'], records: table }, { onProgress: (m) => told.push(m) })).toThrow(/unknown entity id nobody/);
    expect(told).toEqual([]);
  });

  it('says why nothing can flow, and never prints a share of a zero flow', async () => {
    const pieces = bundleOf(entities, [], [ship('p1', 'maker', 'shop', { quantity: 50, unit: 'pcs', quantityKg: undefined })]);
    const { report } = await runAnalysis(pieces, options({ measures: { ...measures, fx: null, fxFile: null }, chokepoints: { goods: 'all', targets: 'ids:shop' } }));
    const cp = report.chokepoints!;
    expect(cp.maxFlow.kg).toBe(0);
    expect(cp.noFlow.kg).toMatch(/weighed in kg/);
    expect(cp.unweighed).toEqual({ shipments: 1, byUnit: [{ unit: 'pcs', shipments: 1 }] });
    for (const step of cp.disruption) expect(step.remainingFlowShare).toBeNull();
    const text = renderSummary(report);
    expect(text).toMatch(/no mass can flow: no shipment on the paths from the sources to the targets has a quantity that can be weighed in kg/);
    expect(text).not.toMatch(/\d+% of kg/);
    const d = disruptReport(report, { steps: 3 });
    expect(d.noFlow.kg).not.toBeNull();
    for (const s of d.steps) expect(s.remainingFlowShare).toBeNull();
  });

  it('weighs litres with a cited density, and counts what it cannot weigh', async () => {
    const litres = bundleOf(entities, [], [
      ship('l1', 'maker', 'shop', { commodity: 'hydrogen peroxide 35%', hsCode: '284700', quantity: 1000, unit: 'l', quantityKg: undefined, concentration: 35 }),
      ship('m1', 'maker', 'shop', { commodity: 'copper cable', hsCode: '854449', quantity: 500, unit: 'm', quantityKg: undefined }),
      // (800 × 1.13 is 903.9999999999999 in floating point: weighed to the milligram, 904)
      ship('l2', 'maker', 'shop', { commodity: 'hydrogen peroxide 35%', hsCode: '284700', quantity: 800, unit: 'l', quantityKg: undefined, concentration: 35 }),
    ]);
    const { report } = await runAnalysis(litres, options());
    const l1 = report.shipments.find((s) => s.id === 'l1')!;
    expect(l1.quantityKg).toBeCloseTo(1130, 6);
    expect(report.shipments.find((s) => s.id === 'l2')!.quantityKg).toBe(904);
    expect(l1.kgBasis!.source).toMatch(/CRC Handbook/);
    expect(report.shipments.find((s) => s.id === 'm1')!.quantityKg).toBeUndefined();
    expect(report.measures.quantities).toMatchObject({ weighedByDensity: 2, unweighed: 1 });
  });
});

describe('progress', () => {
  it('the long stages say how far along they are, each step after its stage and before the next; the report is the same', async () => {
    const entities = [entity('dist', { ...near, isic: '4669' }), entity('shop', { ...near, isic: '4741' }), entity('ware', near), entity('maker', { country: 'DE' })];
    const bundle = bundleOf(entities, [tie('dist', 'ware', 'shared_address')], [ship('s1', 'maker', 'dist', { quantity: 9000, quantityKg: 9000 }), ship('s2', 'dist', 'shop', { quantity: 6000, quantityKg: 6000 }), ship('s3', 'dist', 'ware')]);
    const lines: [string, { done: number; total?: number } | undefined][] = [];
    const watched = await runAnalysis(bundle, options(), { onProgress: (m, s) => lines.push([m, s]) });
    expect(JSON.stringify(watched.report)).toBe(JSON.stringify((await runAnalysis(bundle, options())).report));
    const stages = lines.filter(([, s]) => s === undefined).map(([m]) => m);
    /** The steps printed between the line of a stage and the next stage's line. */
    const stepsOf = (stage: string) => {
      const at = lines.findIndex(([m, s]) => m === stage && s === undefined);
      expect(at).toBeGreaterThanOrEqual(0);
      const out: string[] = [];
      for (const [m, s] of lines.slice(at + 1)) {
        if (s === undefined) break;
        expect(m.startsWith(`${stage}: `)).toBe(true);
        out.push(m.slice(stage.length + 2));
      }
      return out;
    };
    expect(stepsOf('building the graph')).toEqual(['the ends of 4 ties checked (step 1 of 2)']);
    expect(stepsOf('finding clusters (Louvain)').length).toBeGreaterThan(0);
    expect(stepsOf('finding supply chokepoints and simulating disruption')).toEqual([
      'the maximum flow in kg found (step 1 of 15)',
      'the maximum flow in value found (step 2 of 15)',
      'the dominators found (step 3 of 15)',
      'the smallest vertex cut found (step 4 of 15)',
      'the loss of flow when each entity is removed alone measured (step 5 of 15)',
      // The flow stops after the distributor is removed: the curve ends there, and so do its steps.
      'disruption: 1 of 10 removals simulated (step 6 of 15)',
    ]);
    expect(stepsOf('ranking key individuals and businesses')).toEqual([
      'control followed through 1 relation (step 1 of 5)',
      'brokerage through 1 tie counted (step 2 of 5)',
      'brokerage in 3 shipments counted (step 3 of 5)',
      `${watched.keyNodes.length} key nodes ranked (step 4 of 5)`,
      'the controllers of flagged companies listed (step 5 of 5)',
    ]);
    expect(stepsOf('building the report and checking it against its schema')).toEqual(['the report built (step 1 of 2)']);
    expect(stages.indexOf('ranking entities for review')).toBeGreaterThan(stages.indexOf('ranking key individuals and businesses'));
    // Control and brokerage, for the key nodes, between the rules and the chokepoints (seconds at a million entities).
    const control = stages.indexOf('following chains of control to the flagged companies and counting brokerage (for the key nodes)');
    expect([control > stages.indexOf('evaluating red-flag rules'), control + 1]).toEqual([true, stages.indexOf('finding supply chokepoints and simulating disruption')]);
  });
});

describe('payers and consignees are ties', () => {
  it('a company that pays for others’ goods is in the network, its clusters and its key nodes', async () => {
    const b = bundleOf(
      [entity('dubai', { country: 'AE' }), entity('shop', near), entity('dist', near), entity('fwd', near)],
      [],
      [ship('s1', 'dist', 'shop', { payer: 'dubai', consignee: 'fwd' }), ship('s2', 'dist', 'shop', { payer: 'dubai' })],
    );
    const { report } = await runAnalysis(b, options());
    const paid = report.relations.filter((r) => r.kind === 'paid_for');
    expect(paid).toEqual([{ source: 'dubai', target: 'shop', kind: 'paid_for', viaShipments: ['s1', 's2'], attributes: {}, origin: { file: 'x.csv', line: 2 } }]);
    expect(report.relations.filter((r) => r.kind === 'consigned_to').map((r) => [r.source, r.target])).toEqual([['shop', 'fwd']]);
    const dubai = report.entities.find((e) => e.id === 'dubai')!;
    expect(dubai.degree).toBe(1);
    const shop = report.entities.find((e) => e.id === 'shop')!;
    expect(dubai.cluster).toBe(shop.cluster);
  });
});

describe('the same data gives the same report, in any row order', () => {
  it('shuffled rows give a byte-identical report', async () => {
    const entities = [entity('a', near), entity('b', near), entity('c', { country: 'DE' }), entity('d', near)];
    const relations = [tie('a', 'b', 'owner'), tie('b', 'd', 'family')];
    const shipments = [ship('s1', 'c', 'a'), ship('s2', 'a', 'b'), ship('s3', 'c', 'd')];
    const one = (await runAnalysis(bundleOf(entities, relations, shipments), options())).report;
    const two = (await runAnalysis(bundleOf([...entities].reverse(), [...relations].reverse(), [...shipments].reverse()), options())).report;
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
  });
});

describe('sampled betweenness is part of the same promise', () => {
  // A ladder of 2 × 150 entities: long shortest paths, many of them equal, so that the estimate is sampled (exact would
  // read more of the network) and every choice between equal paths depends on the order of the ties.
  const entities: Entity[] = [];
  const relations: Relation[] = [];
  for (let i = 0; i < 150; i++) {
    entities.push(entity(`a${i}`), entity(`b${i}`));
    relations.push(tie(`a${i}`, `b${i}`, 'family'));
    if (i > 0) relations.push(tie(`a${i - 1}`, `a${i}`, 'owner'), tie(`b${i - 1}`, `b${i}`, 'owner'));
  }
  const sampled = { epsilon: 0.1 };

  it('shuffled rows and another number of threads give a byte-identical report; another seed gives other values', async () => {
    const one = (await runAnalysis(bundleOf(entities, relations, []), options({ betweenness: sampled }))).report;
    expect(one.network.betweenness).toMatchObject({ exact: false, method: 'rk', requestedEpsilon: 0.1, delta: 0.1 });
    expect(one.network.betweenness.samples).toBeGreaterThan(0);
    const rng = seededShuffle(5);
    const two = (await runAnalysis(bundleOf(rng([...entities]), rng([...relations]), []), options({ betweenness: sampled, threads: 2 }))).report;
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    const other = (await runAnalysis(bundleOf(entities, relations, []), options({ betweenness: sampled, seed: 2 }))).report;
    expect(other.entities.map((e) => e.betweenness)).not.toEqual(one.entities.map((e) => e.betweenness));
  });
});

/** A seeded Fisher–Yates shuffle (a small linear congruential generator: the test needs order, not quality). */
function seededShuffle(seed: number) {
  let x = seed;
  const next = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 4294967296);
  return <T>(list: T[]): T[] => {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [list[i], list[j]] = [list[j], list[i]];
    }
    return list;
  };
}

describe('the tables the analysis reads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chokepoint-measures-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the shipped rates and densities, each with a source', () => {
    const fx = loadFxTable(join(DEFAULT_REFERENCE_DIR, 'fx-rates.csv'));
    expect(fx.base).toBe('EUR');
    expect(fx.rates.get('USD')![0]).toMatchObject({ date: '2010-09-10', perBase: 1.2725 });
    for (const list of fx.rates.values()) for (const r of list) expect(r.source).toBeTruthy();
    for (const d of loadDensities(join(DEFAULT_REFERENCE_DIR, 'densities.csv'))) expect(d.source).toBeTruthy();
  });

  it('refuses a rates table with mistakes, naming file, line and column', () => {
    const bad = join(dir, 'rates.csv');
    writeFileSync(bad, 'date,currency,per_eur,source\n2024-01-02,USD,1.1,ECB\n2024-13-01,GBP,0.86,ECB\n');
    expect(() => loadFxTable(bad)).toThrow(new MeasuresDataError('rates.csv line 3, column date: "2024-13-01" is not a date YYYY-MM-DD'));
    writeFileSync(bad, 'date,currency,per_eur,source\n2024-01-02,USD,-1,ECB\n');
    expect(() => loadFxTable(bad)).toThrow(/line 2, column per_eur: "-1" is not a positive number/);
    writeFileSync(bad, 'date,currency,rate,source\n');
    expect(() => loadFxTable(bad)).toThrow(/line 1: no column per_<base currency>/);
    writeFileSync(bad, 'date,currency,per_eur,source\n2024-01-02,USD,1.1,\n');
    expect(() => loadFxTable(bad)).toThrow(/every rate needs its source/);
  });

  it('a rates table in another base converts to that base', () => {
    const usd = join(dir, 'usd.csv');
    writeFileSync(usd, 'date,currency,per_usd,source\n2024-01-02,EUR,0.91,Fed H.10\n2024-01-02,TRY,29.9,Fed H.10\n');
    const fx = loadFxTable(usd);
    expect(fx.base).toBe('USD');
    expect([...fx.rates.keys()]).toEqual(['EUR', 'TRY']);
  });
});

describe('a controller of more flagged companies than the report names', () => {
  it('names the 50 most flagged (ties by id), counts them all, and the summary says how many', async () => {
    // One person directs 60 mobile-phone shops that each buy aluminium paste (one to three shipments each).
    const shops = Array.from({ length: 60 }, (_, i) => entity(`shop-${String(i).padStart(2, '0')}`, { ...near, sector: 'mobile phone shop', isic: '4741' }));
    const shipments = shops.flatMap((s, i) => Array.from({ length: 1 + ((i * 7) % 3) }, (_, k) => ship(`s-${i}-${k}`, 'dist', s.id, { shipped: `2010-09-1${k}` })));
    const b = bundleOf(
      [entity('boss', { ...near, kind: 'person' }), entity('dist', { ...near, sector: 'wholesale of chemicals', isic: '4669' }), ...shops],
      shops.map((s) => tie('boss', s.id, 'director')),
      shipments,
    );
    const { report } = await runAnalysis(b, options());
    expect(reportProblems(report)).toEqual([]);
    const boss = report.controllers.find((c) => c.id === 'boss')!;
    // By brute force: each shop's flags, most first, ties by id.
    const flagsOf = new Map<string, number>();
    for (const f of report.flags) for (const id of new Set(f.entities)) if (id.startsWith('shop-')) flagsOf.set(id, (flagsOf.get(id) ?? 0) + 1);
    expect(flagsOf.size).toBe(60);
    expect(new Set(flagsOf.values()).size).toBeGreaterThan(1);
    const all = [...flagsOf].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
    expect(boss.companyCount).toBe(60);
    expect(boss.companies.map((c) => [c.id, c.flags])).toEqual(all.slice(0, 50));
    expect(boss.flags.high + boss.flags.medium + boss.flags.low).toBe(all.reduce((n, [, k]) => n + k, 0));
    const summary = renderSummary(report);
    expect(summary).toContain('Name boss (boss; person, TR; key node #1): 60 flagged companies');
    expect(summary).toMatch(/Name shop-11 \(shop-11, 6 flags\); and 56 more\n/);
  });

  it('picks the most flagged as sorting all would (mostFlagged against a full sort, with ties)', () => {
    let seed = 3;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let round = 0; round < 200; round++) {
      const items = Array.from({ length: Math.floor(random() * 80) }, (_, i) => ({ id: `c${Math.floor(random() * 1000)}-${i}`, flags: Math.floor(random() * 4) }));
      const limit = Math.floor(random() * 60);
      const sorted = [...items].sort((x, y) => y.flags - x.flags || (x.id < y.id ? -1 : 1)).slice(0, limit);
      expect(mostFlagged(items, (x) => x.flags, limit).map((x) => x.item)).toEqual(sorted);
    }
  });
});

describe('a line of business as a companies register writes it', () => {
  it('reads "47421 - Retail sale of mobile telephones" as ISIC 4741 (and the wholesale of them as 4652) with the shipped keywords', async () => {
    const b = bundleOf(
      [
        entity('dist', { ...near, sector: '46750 - Wholesale of chemical products' }),
        entity('uk', { ...near, sector: '47421 - Retail sale of mobile telephones' }),
        entity('ukw', { ...near, sector: '46520 - Wholesale of mobile telephones and parts' }),
      ],
      [],
      [ship('s1', 'dist', 'uk', { shipped: '2020-05-01' }), ship('s2', 'dist', 'ukw', { shipped: '2020-05-01' })],
    );
    const { report } = await runAnalysis(b, options());
    const line = (id: string) => report.flags.find((f) => f.rule === 'off-profile-purchase' && f.entity === id)?.evidence.buyerLineOfBusiness;
    expect(line('uk')).toMatchObject({ isic: '4741', isicFrom: 'sector', sectorKeyword: 'mobile telephone' });
    expect(line('ukw')).toMatchObject({ isic: '4652', isicFrom: 'sector', sectorKeyword: 'wholesale of mobile telephone' });
    expect(report.flags.find((f) => f.rule === 'precursor-watchlist' && f.entity === 'uk')?.severity).toBe('high');
  });
});

describe('a list of listed parties written as a table', () => {
  it("screens against OpenSanctions' targets.simple.csv or an investigator's sheet as against FtM lines; a row without a name is named by file, line and column", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chokepoint-list-'));
    try {
      const simple = join(dir, 'targets.simple.csv');
      writeFileSync(simple, ['id,schema,name,aliases,countries,dataset,last_seen,last_change', 'NK-1,Company,Velkaron Kimya,Velkaron Chemicals,tr,Fictional Sanctions,2024-05-01,2024-04-30', 'NK-2,Person,Halil Harbelioglu,,tr;sy,Fictional Sanctions,2024-05-01,2024-04-30'].join('\n'));
      const list = await readScreeningList(simple);
      expect([list.name, list.date, list.file]).toEqual(['Fictional Sanctions', '2024-05-01', 'targets.simple.csv']);
      expect(list.parties.map((p) => [p.id, p.kind, p.names, p.countries, p.line])).toEqual([
        ['NK-1', 'company', ['Velkaron Kimya', 'Velkaron Chemicals'], ['TR'], 2],
        ['NK-2', 'person', ['Halil Harbelioglu'], ['TR', 'SY'], 3],
      ]);
      const sheet = join(dir, 'my list.csv');
      writeFileSync(sheet, 'Name;Country\nHalil Harbelioglu;TR\n;SY\n');
      await expect(readScreeningList(sheet)).rejects.toMatchObject({ issues: [{ file: 'my list.csv', line: 3, column: 'name', reason: expect.stringContaining('has no name') }] });
      const lenient = await readScreeningList(sheet, { lenient: true });
      expect([lenient.name, lenient.parties.map((p) => p.name), lenient.skipped.map((s) => s.line)]).toEqual(['my list', ['Halil Harbelioglu'], [3]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Louvain and brokerage in worker threads while the red-flag rules and the supply chokepoints run', () => {
  it('give a report byte for byte the same as on the calling thread, for each scenario', async () => {
    const { readBundle } = await import('@chokepoint/ingest');
    const scenarios = join(__dirname, '..', '..', '..', 'data', 'scenarios');
    for (const name of ['border-procurement', 'qaratau-relay']) {
      const text: string[] = [];
      for (const inWorker of [false, true]) {
        const said: string[] = [];
        const { report } = await runAnalysis(await readBundle(join(scenarios, name)), options({ clustersInWorker: inWorker, brokerageInWorker: inWorker, threads: 2, geocode: true }), { onProgress: (m) => said.push(m) });
        expect(report.keyNodes.some((k) => k.brokerage.ties.liaison + k.brokerage.trade.liaison + k.brokerage.ties.gatekeeper + k.brokerage.trade.gatekeeper > 0)).toBe(true);
        expect(report.clusters.length).toBeGreaterThan(1);
        expect(report.flags.length).toBeGreaterThan(0);
        // Within a rule, how far through its items (issue 14: a rule busy for a minute on a distributor's records).
        expect(said.filter((m) => /^evaluating red-flag rules: \d+ of 17 rules done \((?:[a-z]+-)+[a-z]+: \d+% read\)$/.test(m)).length).toBeGreaterThanOrEqual(15);
        // Before the rules, what they share (two passes over the shipments; a few hundred here: once each, at the start).
        expect(said.filter((m) => m.startsWith('evaluating red-flag rules: preparing'))).toEqual([
          expect.stringMatching(/^evaluating red-flag rules: preparing what they share: 0 of [\d,]+ shipments read into columns$/),
          expect.stringMatching(/^evaluating red-flag rules: preparing what they share: 0 of [\d,]+ shipments matched against the watch list$/),
        ]);
        text.push(JSON.stringify(report));
      }
      expect([name, text[1].length]).toEqual([name, text[0].length]);
      expect(text[1] === text[0]).toBe(true);
    }
  });
});
