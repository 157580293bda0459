import { DEFAULT_FILTERS, visibility } from '../src/web/core/filters';
import { chokepointLines, controlReach, pathWords, proximity, proximityText, shortProximity, tieWords } from '../src/web/core/findings';
import { countsText, coverageText, flagsByRule, flagText, ruleTable } from '../src/web/core/flags';
import { flowAmount, hsLabel, isolateRtl, km, money, originText, percent, shipmentQuantity, shipmentValue, ratesFarFromShipments } from '../src/web/core/format';
import { buildModel, EDGE_KINDS } from '../src/web/core/model';
import { changeFilters, CONTEXT, emphasis, FADED, FOCUS, selectEntity, selectGroup, validState } from '../src/web/core/state';
import { ARROW_KINDS, deltaE, EDGE_STYLE, FADED_COLOR } from '../src/web/core/style';
import { DEFAULT_STATE } from '../src/web/core/url';
import { v2Report } from './fixture';

const report = v2Report();
const model = buildModel(report);

describe('money and quantities, as people read them', () => {
  it('writes an HS code as 3212.90, and a national tariff line in pairs after it (3102.30.00.00.00)', () => {
    expect(['3212', '321290', '31023000', '310230000000'].map(hsLabel)).toEqual(['3212', '3212.90', '3102.30.00', '3102.30.00.00.00']);
  });
  it('never gives money without its currency', () => {
    expect(money(7200, 'USD')).toBe('USD 7,200');
    expect(money(307935000, 'NGN')).toBe('NGN 307,935,000');
    expect(money(12.5, 'EUR')).toBe('EUR 12.5');
    expect(money(5, undefined)).toBe('5 (currency not stated)');
    expect(shipmentValue(report.shipments[0])).toBe('USD 7,200');
    expect(shipmentValue(report.shipments[2])).toBe('');
    expect(flowAmount(5658.1, 'value', 'EUR')).toBe('EUR 5,658');
    expect(flowAmount(3, 'shipments', null)).toBe('3 shipments');
  });

  it('gives quantities with their unit, the weight in kg where one was worked out, and the density basis', () => {
    expect(shipmentQuantity(report.shipments[0])).toBe('2 t (2,000 kg)');
    expect(shipmentQuantity(report.shipments[1])).toBe('120 l (121.2 kg at 1.01 kg/l)');
    expect(shipmentQuantity(report.shipments[2])).toBe('8 m');
    expect(shipmentQuantity({ quantity: 3, unit: 'm2' })).toBe('3 m²');
    expect(shipmentQuantity({ quantity: 500, unit: 'kg', quantityKg: 500 })).toBe('500 kg');
    expect(shipmentQuantity({})).toBe('');
    // Counted goods weighed by the mass their row declared: no density, said as declared.
    expect(shipmentQuantity({ quantity: 240, unit: 'pcs', quantityKg: 6000, kgBasis: { source: 'the mass declared in the column "Net Weight (kg)"' } })).toBe('240 pcs (6,000 kg, declared)');
  });

  it('shows a share of a flow that did not exist as "—", never as a percentage of zero', () => {
    expect(percent(null)).toBe('—');
    expect(percent(0)).toBe('0%');
    expect(percent(1)).toBe('100%');
    expect(percent(0.3343)).toBe('33%');
    expect(percent(0.05)).toBe('5%');
    expect(percent(0.0503)).toBe('5.0%');
    expect(percent(0.003)).toBe('0.30%');
    expect(km(50)).toBe('50');
    expect(km(4.395)).toBe('4.4');
    expect(km(5082.5)).toBe('5,083');
  });

  it('knows when exchange rates are far from the shipments', () => {
    expect(ratesFarFromShipments(report.measures.conversion)).toBe(true);
    expect(ratesFarFromShipments({ ...report.measures.conversion!, rateDates: ['2021-08-01', '2021-08-01'] })).toBe(false);
    expect(ratesFarFromShipments(null)).toBe(false);
  });
});

describe('red flags for people', () => {
  it('groups flags by rule with counts, each title once, the most severe rules first', () => {
    const groups = flagsByRule(report.flags, report.flagRules);
    expect(groups.map((g) => [g.rule, g.counts, g.flags.map((f) => f.id)])).toEqual([
      ['precursor-watchlist', { high: 1, medium: 1, low: 1 }, ['f1', 'f2', 'f3']],
      ['third-party-payer', { high: 1, medium: 0, low: 0 }, ['f4']],
    ]);
    expect(new Set(groups.map((g) => g.title)).size).toBe(groups.length);
    // One source for the whole rule only when every flag cites it.
    expect(groups[0].source).toBeNull();
    expect(groups[1].source).toBe('FATF');
    expect(groups[0].coverage?.notJudged).toEqual([{ reason: 'concentration not stated', count: 1 }]);
    expect(countsText(groups[0].counts)).toBe('3 flags: 1 high, 1 medium, 1 low');
    expect(countsText({ high: 1, medium: 0, low: 0 })).toBe('1 flag: 1 high');
  });

  it('gives sentences, never the evidence object, and a label that tells flags of one rule apart', () => {
    const f = report.flags[0];
    expect(flagText(f)).toEqual({ label: 'Headline of f1.', sentences: ['Where to look: the invoices.'] });
    // About one shipment: the shipment in short, and every sentence when opened.
    expect(flagText(f, report.shipments[0])).toEqual({ label: 's1 · 2021-09-06 · aluminium powder (HS 7603.10) · 2 t (2,000 kg) · USD 7,200', sentences: ['Headline of f1.', 'Where to look: the invoices.'] });
    expect(JSON.stringify([flagText(f), flagText(f, report.shipments[0])])).not.toMatch(/nested/);
  });

  it('lists every rule with what it judged and what it could not', () => {
    const rows = ruleTable(report);
    expect(rows.map((r) => [r.rule.id, r.counts.high + r.counts.medium + r.counts.low])).toEqual([
      ['precursor-watchlist', 3],
      ['third-party-payer', 1],
      ['new-company', 0],
    ]);
    expect(coverageText(report.flagRules[0].coverage!)).toEqual({ judged: 'judged 2 watch-listed shipments', notJudged: ['1: concentration not stated'] });
  });
});

describe('labels that never contradict the numbers', () => {
  it('calls a cluster or group near a border only when the report does, with its median distance', () => {
    expect(proximity(report.clusters[0])).toEqual({ near: true, status: 'near a border', detail: 'median 4.7 km from Illela' });
    expect(proximityText(report.clusters[1])).toBe('not near a border · median 157 km from Illela');
    // One located member 4 km from a crossing says nothing about where a group of five lies.
    const group = report.groups[0];
    expect(proximity(group)).toEqual({ near: false, status: 'too few members located', detail: '1 of 5 located' });
    expect(proximityText(group)).not.toMatch(/near a border|km/);
    expect(shortProximity(report.clusters[0])).toBe('near a border, median 4.7 km');
    expect(shortProximity(group)).toBe('too few members located');
    expect(proximity({ ...group, located: 0, nearestPlace: null }).status).toBe('no member located');
    expect(proximity({ ...group, enoughLocated: true, located: 3, nearestPlace: null }).status).toBe('no border crossing in the data');
    // Near by most members at two crossings, the median member 61 km from the nearer one: the count, not the median
    // alone, says why.
    const spread = { ...report.clusters[0], located: 4, withinRadius: 4, nearestPlace: { id: 'p', name: 'Illela', distanceKm: 60.8, minDistanceKm: 47 } };
    expect(proximityText(spread, 50)).toBe('near a border · 4 of 4 located members within 50 km of a crossing, spread over several; median 60.8 km from Illela');
    expect(shortProximity(spread, 50)).toBe('near border crossings, 4 of 4 within 50 km');
    expect(shortProximity(report.clusters[0], 50)).toBe('near a border, median 4.7 km');
  });

  it('says how a controller controls each company', () => {
    const [c1, c2] = report.controllers[0].companies;
    const name = (id: string) => model.byId.get(id)!.name;
    expect(pathWords(c1.path, name)).toBe('through Kabarawa Holding SA: director, owner 60 %');
    expect(pathWords(c2.path, name)).toBe('through a relative, Musa Kabarawa: relative, director');
    expect(pathWords([{ from: 'h', to: 'c1', kind: 'owner' }], name)).toBe('owner');
    expect(controlReach(report.controllers[0])).toEqual({ entities: ['c1', 'h', 'c2', 'q'], ties: [['p', 'h'], ['h', 'c1'], ['p', 'q'], ['q', 'c2']] });
  });

  it('words the ties shipments imply from both ends', () => {
    expect(tieWords('paid_for', true)).toBe('paid for goods bought by');
    expect(tieWords('paid_for', false)).toBe('goods paid for by');
    expect(tieWords('consigned_to', true)).toBe('had goods delivered to');
    expect(tieWords('consigned_to', false)).toBe('received goods bought by');
    expect(tieWords('owner', true, 60)).toBe('owns 60 % of');
    expect(tieWords('owner', false, 60)).toBe('owned 60 % by');
    expect(tieWords('owner', true)).toBe('owns');
  });

  it('describes an entity in the supply chokepoints with units and currencies, and "—" for what did not flow', () => {
    const lines = chokepointLines(report, 's');
    expect(lines).toEqual([
      'A supplier of the goods (a source).',
      'Without it, 100% of the flow (EUR 5,658 of EUR 5,658) could no longer reach the targets.',
      'Every path from the sources to the reachable targets passes through it.',
      'In the smallest set of entities whose removal stops the flow; it carries 0 kg, EUR 5,658 at the maximum flow.',
      'Removal 1 of the fragility curve; still deliverable after it: kg —, value 0%.',
    ]);
    expect(chokepointLines(report, 'c1')[0]).toMatch(/^Both a supplier/);
    // A report that counts the targets still reached after each removal says so (older reports do not count them).
    const counted = { ...report, chokepoints: { ...report.chokepoints!, disruption: [{ ...report.chokepoints!.disruption[0], targetsReached: 0 }] } };
    expect(chokepointLines(counted, 's').at(-1)).toBe(`Removal 1 of the fragility curve; still deliverable after it: kg —, value 0%; 0 of the ${report.chokepoints!.reachableTargets} targets still reached.`);
    expect(chokepointLines(report, 'y')).toEqual([]);
    expect(chokepointLines({ chokepoints: null }, 's')).toEqual([]);
  });
});

describe('the model of a version-2 report', () => {
  it('keeps the company group, and the shipments behind the ties shipments imply', () => {
    expect(model.byId.get('c1')!.group).toBe(1);
    const paid = model.edges.find((e) => e.kind === 'paid_for')!;
    expect([paid.source, paid.target, paid.shipments]).toEqual(['y', 'c1', [0]]);
    // A shipment id the report does not hold is left out, not turned into a broken row.
    expect(model.edges.find((e) => e.kind === 'consigned_to')!.shipments).toEqual([1]);
    expect(model.edgeKindCounts.get('paid_for')).toBe(1);
    expect(model.edgeKindCounts.get('shipment')).toBe(2);
    expect(model.groups.get(1)!.size).toBe(5);
  });

  it('filters the new ties like the others', () => {
    const all = visibility(model, DEFAULT_FILTERS);
    const without = visibility(model, { ...DEFAULT_FILTERS, edgeKinds: EDGE_KINDS.filter((k) => k !== 'paid_for' && k !== 'consigned_to') });
    expect(all.counts.ties - without.counts.ties).toBe(2);
  });
});

describe('selection state', () => {
  it('selects an entity or a group, never both', () => {
    const a = selectGroup(DEFAULT_STATE, 1);
    expect([a.selected, a.group]).toEqual([null, 1]);
    const b = selectEntity(a, 'p');
    expect([b.selected, b.group]).toEqual(['p', null]);
    expect(selectGroup(b, 1).selected).toBeNull();
    expect(changeFilters(b, { onlyFlagged: true })).toMatchObject({ selected: 'p', filters: { onlyFlagged: true, onlyKeyNodes: false } });
    expect(DEFAULT_STATE.filters.onlyFlagged).toBe(false);
  });

  it('lets go of an entity or group a link names but the report lacks', () => {
    expect(validState(model, { ...DEFAULT_STATE, selected: 'nobody' }).selected).toBeNull();
    expect(validState(model, { ...DEFAULT_STATE, group: 9 }).group).toBeNull();
    expect(validState(model, { ...DEFAULT_STATE, group: 1 }).group).toBe(1);
  });

  it('brings forward the members of a selected group and the ties between them', () => {
    const e = emphasis(model, { selected: null, group: 1 })!;
    const level = (id: string) => e.nodes[model.byId.get(id)!.index];
    expect(['p', 'q', 'h', 'c1', 'c2'].map(level)).toEqual([FOCUS, FOCUS, FOCUS, FOCUS, FOCUS]);
    expect(level('s')).toBe(FADED);
    const kinds = model.edges.filter((x) => e.edges[x.index]).map((x) => x.kind);
    expect(kinds).toEqual(['director', 'owner', 'family', 'director', 'consigned_to']);
    expect(emphasis(model, { selected: null, group: null })).toBeNull();
  });

  it('brings forward, for a controller, the companies it controls and the ties its paths follow', () => {
    const e = emphasis(model, { selected: 'p', group: null })!;
    const level = (id: string) => e.nodes[model.byId.get(id)!.index];
    expect(level('p')).toBe(FOCUS);
    expect(['q', 'h', 'c1', 'c2'].map(level)).toEqual([CONTEXT, CONTEXT, CONTEXT, CONTEXT]);
    expect(level('s')).toBe(FADED);
    const lit = model.edges.filter((x) => e.edges[x.index]).map((x) => `${x.source}-${x.kind}-${x.target}`);
    expect(lit).toEqual(['p-director-h', 'h-owner-c1', 'q-family-p', 'q-director-c2']);
    // An entity that controls nothing: itself and its ties.
    const s = emphasis(model, { selected: 'y', group: null })!;
    expect(model.nodes.filter((n) => s.nodes[n.index] !== FADED).map((n) => n.id)).toEqual(['c1', 'y']);
  });
});

describe('tie colours', () => {
  it('tell every kind apart at a glance, and from the faded colour', () => {
    const kinds = Object.keys(EDGE_STYLE) as (keyof typeof EDGE_STYLE)[];
    expect(kinds.sort()).toEqual([...EDGE_KINDS].sort());
    for (const a of kinds) {
      expect([a, deltaE(EDGE_STYLE[a].color, FADED_COLOR) >= 20]).toEqual([a, true]);
      for (const b of kinds) if (a < b) expect([a, b, deltaE(EDGE_STYLE[a].color, EDGE_STYLE[b].color) >= 20]).toEqual([a, b, true]);
    }
    expect(deltaE('#000000', '#ffffff')).toBeCloseTo(100, 1);
    expect(ARROW_KINDS.has('paid_for') && ARROW_KINDS.has('consigned_to')).toBe(true);
  });
});

describe('where a record was read', () => {
  it('names the file and the line, and nothing when the report does not know', () => {
    expect(originText({ file: 'shipments.csv', line: 12034 })).toBe('shipments.csv, line 12,034');
    expect(originText({ file: '', line: 0 })).toBeNull();
    expect(originText({ file: 'x.csv', line: 0 })).toBeNull();
    expect(originText(undefined)).toBeNull();
  });
});

describe('right-to-left names in sentences', () => {
  const FSI = '\u2068';
  const PDI = '\u2069';
  it('isolates each run of Arabic (with the digits and spaces inside it), so the words and numbers after it keep their places', () => {
    expect(isolateRtl('منفذ ربيعة الحدودي, 105 km')).toBe(`${FSI}منفذ ربيعة الحدودي${PDI}, 105 km`);
    expect(isolateRtl('مكتب الرافدين للهواتف النقالة (E06) score 45.5')).toBe(`${FSI}مكتب الرافدين للهواتف النقالة${PDI} (E06) score 45.5`);
    // A number inside an Arabic address stays inside it; two names in a sentence are isolated each.
    expect(isolateRtl('شارع 60 م')).toBe(`${FSI}شارع 60 م${PDI}`);
    expect(isolateRtl('from أربيل to الموصل')).toBe(`from ${FSI}أربيل${PDI} to ${FSI}الموصل${PDI}`);
    expect(isolateRtl('Hebrew שלום 3')).toBe(`Hebrew ${FSI}שלום${PDI} 3`);
    // Latin text unchanged; twice the same as once.
    expect(isolateRtl('Akçakale, 3 km')).toBe('Akçakale, 3 km');
    expect(isolateRtl(isolateRtl('منفذ ربيعة, 105 km'))).toBe(isolateRtl('منفذ ربيعة, 105 km'));
  });
});
