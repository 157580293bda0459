import { analyze, brokerageInBackground, brokerageOfCase, controlChains, louvainInWorker, projectBundle, rankKeyNodesOf, seededRandom, startAnalysis, LOUVAIN_THREAD_ABOVE, type FlagTally } from '@chokepoint/engine';
import type { Bundle, Entity, Place, Relation, Shipment } from '@chokepoint/model';

// On a large network Louvain runs in a worker thread while the calling thread goes on with what needs no clusters
// (issue 14: at a million entities Louvain takes 15–20 s that the red-flag rules can use). Whichever thread finds
// them, the clusters, and so the whole analysis, must be the same.

const origin = { file: 'x.csv', line: 1 };

/** 60 groups of 20 companies tied inside, chains between groups, trade across; half of them located near two crossings. */
function network(): Bundle {
  const rng = seededRandom(7);
  const entities: Entity[] = [];
  const relations: Relation[] = [];
  const shipments: Shipment[] = [];
  for (let g = 0; g < 60; g++) {
    for (let i = 0; i < 20; i++) {
      const located = (g + i) % 2 === 0;
      entities.push({ id: `c${g}-${i}`, kind: 'company', name: `Company ${g}-${i}`, country: g % 3 === 0 ? 'TR' : 'SY', ...(located ? { lat: 36.5 + rng(), lon: 36.5 + rng() } : {}), attributes: {}, origin });
    }
    for (let i = 0; i < 20; i++) for (let j = i + 1; j < 20; j++) if (rng() < 0.3) relations.push({ source: `c${g}-${i}`, target: `c${g}-${j}`, kind: rng() < 0.5 ? 'owner' : 'director', attributes: {}, origin });
    if (g > 0) relations.push({ source: `c${g - 1}-0`, target: `c${g}-19`, kind: 'associate', attributes: {}, origin });
  }
  for (let k = 0; k < 3000; k++) {
    const a = Math.floor(rng() * 60);
    const b = rng() < 0.8 ? a : Math.floor(rng() * 60);
    const i = Math.floor(rng() * 20);
    const j = (i + 1 + Math.floor(rng() * 19)) % 20;
    shipments.push({ id: `s${k}`, supplier: `c${a}-${i}`, buyer: `c${b}-${j}`, commodity: 'aluminium paste', quantity: 100, unit: 'kg', quantityKg: 100, attributes: {}, origin });
  }
  const places: Place[] = [
    { id: 'x1', name: 'Crossing one', kind: 'border_crossing', lat: 36.9, lon: 36.9, countries: ['TR', 'SY'], attributes: {}, origin },
    { id: 'x2', name: 'Crossing two', kind: 'border_crossing', lat: 37.4, lon: 36.6, countries: ['TR', 'SY'], attributes: {}, origin },
  ];
  return { name: 't', entities, relations, shipments, places, rejected: [], warnings: [] };
}

describe('Louvain in a worker thread', () => {
  const bundle = network();

  it('gives the analysis analyze gives, and the rules their crossings before the clusters are found', async () => {
    const said: string[] = [];
    const started = await startAnalysis(bundle, { seed: 5, clustersInWorker: true, threads: 1, onProgress: (m) => said.push(m) });
    // What the red-flag rules read is there before the clusters.
    const expected = await (await startAnalysis(bundle, { seed: 5, clustersInWorker: false, threads: 1 })).complete();
    expect(started.crossings.parameters).toEqual(expected.parameters);
    expect(started.crossings.entities).toEqual(expected.entities.map((e) => ({ id: e.id, nearestCrossing: e.nearestCrossing })));
    expect(started.crossings.entities.filter((e) => e.nearestCrossing !== null).length).toBe(600);
    const analysis = await started.complete();
    expect(started.clustersPending()).toBe(false);
    expect(analysis.clusters.length).toBeGreaterThan(10);
    expect(analysis).toEqual(expected);
    // (and the clusters of the analysis on one thread, whose betweenness is computed another way)
    const synchronous = analyze(bundle, { seed: 5 });
    expect(analysis.clusters).toEqual(synchronous.clusters);
    expect(analysis.network.modularity).toBe(synchronous.network.modularity);
    // The same object on every call.
    expect(await started.complete()).toBe(analysis);
    expect(said).toContain('finding clusters (Louvain) in a second thread, while the next stages go on');
    expect(said).not.toContain('finding clusters (Louvain)');
    expect(said.indexOf('finding company groups')).toBeGreaterThan(said.indexOf('finding articulation points and bridges'));
  });

  it('finds the clusters on the calling thread when asked, with the same result and the usual stages', async () => {
    const said: string[] = [];
    const started = await startAnalysis(bundle, { seed: 5, clustersInWorker: false, onProgress: (m) => said.push(m) });
    expect(started.clustersPending()).toBe(false);
    expect((await started.complete()).clusters).toEqual(analyze(bundle, { seed: 5 }).clusters);
    const stages = said.filter((m) => !m.includes(': '));
    expect(stages.slice(0, 3)).toEqual(['building the graph', 'finding clusters (Louvain)', 'finding articulation points and bridges']);
    // (Louvain's levels said as it goes, on this thread)
    expect(said.some((m) => m.startsWith('finding clusters (Louvain): pass 1, level 1'))).toBe(true);
  });

  it('runs Louvain in a worker only on a network large enough, with ties, and with a second thread to spare', () => {
    const csr = projectBundle(bundle);
    const entries = csr.offsets[csr.n];
    expect(entries).toBeGreaterThan(0);
    expect(entries).toBeLessThan(LOUVAIN_THREAD_ABOVE);
    expect(louvainInWorker(csr, { threads: 2 })).toBe(false);
    expect(louvainInWorker(csr, { threads: 2, inWorker: true })).toBe(true);
    const large = { ...csr, offsets: Int32Array.from(csr.offsets, (o) => o * 100) };
    expect(louvainInWorker(large, { threads: 2 })).toBe(true);
    expect(louvainInWorker(large, { threads: 1 })).toBe(false);
    const tieless = projectBundle({ ...bundle, relations: [], shipments: [] });
    expect(louvainInWorker(tieless, { threads: 2, inWorker: true })).toBe(false);
  });

  it('stops the worker when the caller stops before it needs the clusters', async () => {
    const started = await startAnalysis(bundle, { seed: 5, clustersInWorker: true });
    started.cancel();
    // (nothing left running: Jest would report the open handle of a worker never stopped)
    expect(started.crossings.entities.length).toBe(1200);
  });
});

describe('brokerage in a worker thread', () => {
  const bundle = network();
  const analysis = analyze(bundle, { seed: 5 });
  const flags = new Map<string, FlagTally>([
    ['c3-4', { high: 1, medium: 0, low: 0 }],
    ['c17-0', { high: 0, medium: 2, low: 0 }],
  ]);
  const controlled = controlChains(bundle);

  it('counts what the calling thread counts, and the ranking given the counts is the ranking that counts them', async () => {
    const here = brokerageOfCase(analysis, bundle, { flags, controlled });
    const there = brokerageInBackground(analysis, bundle, { flags, controlled }, { inWorker: true });
    const counts = await there.counts;
    // (arrays made by the worker are of Node's realm, not the test's: compared by their numbers)
    const numbers = (c: typeof here) => JSON.stringify({ ...c, ties: Object.entries(c.ties).map(([k, a]) => [k, Array.from(a)]), trade: Object.entries(c.trade).map(([k, a]) => [k, Array.from(a)]) });
    expect(numbers(counts)).toBe(numbers(here));
    expect(here.ofCase).toBe(true);
    expect(Math.max(...here.ties.liaison, ...here.trade.gatekeeper)).toBeGreaterThan(0);
    expect(rankKeyNodesOf(analysis, bundle, { flags, controlled, brokerage: counts })).toEqual(rankKeyNodesOf(analysis, bundle, { flags, controlled }));
    // On the calling thread when asked (or for a small network by default): the same counts.
    expect(numbers(await brokerageInBackground(analysis, bundle, { flags, controlled }, { inWorker: false }).counts)).toBe(numbers(here));
    expect(numbers(await brokerageInBackground(analysis, bundle, { flags, controlled }).counts)).toBe(numbers(here));
  });
});
