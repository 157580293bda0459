import { analyzeAsync, controlChains, louvainCSR, projectBundle, rankKeyNodesOf, seededRandom, stepText, supplyChokepoints, type ProgressStep } from '@chokepoint/engine';
import type { Bundle, Entity, Relation, Shipment } from '@chokepoint/model';

// Long stages say how far along they are (issue 14: at a million entities, building the graph, Louvain, the supply
// chokepoints and the ranking each take 15–25 s). The steps must come in order, end where they say, and change nothing.

const origin = { file: 'x.csv', line: 1 };
const entity = (id: string): Entity => ({ id, kind: id.startsWith('p') ? 'person' : 'company', name: `Name ${id}`, country: id.endsWith('1') ? 'TR' : 'SY', attributes: {}, origin });

/** Eight groups of six companies, each group tied inside, a few ties between groups; suppliers sell to buyers through brokers. */
function network(): Bundle {
  const rng = seededRandom(14);
  const entities: Entity[] = [];
  const relations: Relation[] = [];
  const shipments: Shipment[] = [];
  for (let g = 0; g < 8; g++) {
    for (let i = 0; i < 6; i++) entities.push(entity(`c${g}-${i}`));
    for (let i = 0; i < 6; i++) for (let j = i + 1; j < 6; j++) if (rng() < 0.7) relations.push({ source: `c${g}-${i}`, target: `c${g}-${j}`, kind: 'owner', attributes: {}, origin });
    if (g > 0) relations.push({ source: `c${g - 1}-0`, target: `c${g}-5`, kind: 'associate', attributes: {}, origin });
  }
  entities.push(entity('p-head'));
  relations.push({ source: 'p-head', target: 'c0-1', kind: 'owner', share: 0.6, attributes: {}, origin });
  let k = 0;
  for (let g = 0; g < 4; g++) {
    for (let b = 4; b < 8; b++) {
      const kg = 100 + Math.floor(rng() * 900);
      shipments.push({ id: `s${k++}`, supplier: `c${g}-2`, buyer: `c${b}-3`, commodity: 'aluminium paste', quantity: kg, unit: 'kg', quantityKg: kg, value: kg * 3, currency: 'USD', attributes: {}, origin });
      shipments.push({ id: `s${k++}`, supplier: `c${b}-3`, buyer: `c${b}-4`, commodity: 'aluminium paste', quantity: kg, unit: 'kg', quantityKg: kg, attributes: {}, origin });
    }
  }
  return { name: 't', entities, relations, shipments, places: [], rejected: [], warnings: [] };
}

/** The steps must count up one by one and, where a total is given, keep it and never pass it. */
function expectCounting(steps: ProgressStep[]): void {
  expect(steps.length).toBeGreaterThan(0);
  steps.forEach((s, i) => {
    expect(s.done).toBe(i + 1);
    expect(s.total).toBe(steps[0].total);
    if (s.total !== undefined) expect(s.done).toBeLessThanOrEqual(s.total);
    expect(s.words).not.toBe('');
  });
}

describe('progress of the long stages', () => {
  const bundle = network();

  it('Louvain says, level by level, how many communities the entities are in so far; the clusters are the same', () => {
    const csr = projectBundle(bundle);
    const steps: ProgressStep[] = [];
    const watched = louvainCSR(csr, { seed: 3, onStep: (s) => steps.push(s) });
    const plain = louvainCSR(csr, { seed: 3 });
    expect([...watched.community]).toEqual([...plain.community]);
    expectCounting(steps);
    expect(steps[0].total).toBeUndefined();
    for (const s of steps) expect(s.words).toMatch(/^pass \d+, level \d+: \d+ communities of 49 entities$/);
    // The first level starts from 49 singletons: fewer communities after it, and never more later in a pass.
    const counts = steps.map((s) => Number(/: (\d+) communities/.exec(s.words)![1]));
    expect(counts[0]).toBeLessThan(49);
    expect(steps.length).toBeGreaterThanOrEqual(watched.levels);
  });

  it('the supply chokepoints count their steps: flows, dominators, cut, loss per entity, then each removal', () => {
    const options = { sources: ['c0-2', 'c1-2', 'c2-2', 'c3-2'], targets: ['c4-4', 'c5-4', 'c6-4', 'c7-4'], disruptionSteps: 3 };
    const steps: ProgressStep[] = [];
    const watched = supplyChokepoints(bundle, { ...options, onStep: (s) => steps.push(s) });
    expect(watched).toEqual(supplyChokepoints(bundle, options));
    expectCounting(steps);
    expect(steps.map((s) => s.words)).toEqual([
      'the maximum flow in kg found',
      'the maximum flow in value found',
      'the dominators found',
      'the smallest vertex cut found',
      'the loss of flow when each entity is removed alone measured',
      'disruption: 1 of 3 removals simulated',
      'disruption: 2 of 3 removals simulated',
      'disruption: 3 of 3 removals simulated',
    ]);
    expect(steps[0].total).toBe(8);
    expect(stepText('finding supply chokepoints', steps[5])).toBe('finding supply chokepoints: disruption: 1 of 3 removals simulated (step 6 of 8)');
  });

  it('the ranking counts brokerage through ties, in trade, then the ranking; the key nodes are the same', async () => {
    const analysis = await analyzeAsync(bundle, { threads: 1 });
    const extras = { controlled: controlChains(bundle), flags: new Map([['c4-3', { high: 1, medium: 0, low: 0 }]]) };
    const steps: ProgressStep[] = [];
    const watched = rankKeyNodesOf(analysis, bundle, { ...extras, onStep: (s) => steps.push(s) });
    expect(watched).toEqual(rankKeyNodesOf(analysis, bundle, extras));
    expectCounting(steps);
    expect(steps.map((s) => s.words)).toEqual([`brokerage through ${bundle.relations.length} ties counted`, `brokerage in ${bundle.shipments.length} shipments counted`, `${watched.length} key nodes ranked`]);
  });

  it('the analysis passes the steps on as lines that name their stage, after the line of the stage', async () => {
    const lines: [string, ProgressStep | undefined][] = [];
    const watched = await analyzeAsync(bundle, { threads: 1, onProgress: (m, s) => lines.push([m, s]) });
    expect(watched).toEqual(await analyzeAsync(bundle, { threads: 1 }));
    const messages = lines.map(([m]) => m);
    const ties = bundle.relations.length + bundle.shipments.length;
    const building = messages.indexOf('building the graph');
    expect(messages[building + 1]).toBe(`building the graph: the ends of ${ties} ties checked (step 1 of 2)`);
    expect(lines[building + 1][1]).toEqual({ done: 1, total: 2, words: `the ends of ${ties} ties checked` });
    const louvain = messages.indexOf('finding clusters (Louvain)');
    expect(louvain).toBeGreaterThan(building);
    expect(messages[louvain + 1]).toMatch(/^finding clusters \(Louvain\): pass 1, level 1: \d+ communities of 49 entities$/);
    // Stage lines carry no step; the next stage comes after the last step of Louvain.
    expect(lines.filter(([m]) => !m.includes(': ')).every(([, s]) => s === undefined)).toBe(true);
    expect(messages.indexOf('finding articulation points and bridges')).toBeGreaterThan(louvain + 1);
  });
});
