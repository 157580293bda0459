// A generated report-shaped network for the viewer benchmarks (bench-first-frame.mjs, bench-interactions.mjs).

export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NO_BROKERAGE = { coordinator: 0, itinerant: 0, gatekeeper: 0, representative: 0, liaison: 0, crossBorder: 0, groupsBridged: 0 };

/** A report-shaped network (report schema version 2, as the viewer reads): clusters of ~50, most edges inside clusters, coordinates for 80 %. */
export function makeReport(n, edgesPerNode = 5) {
  const r = rng(n);
  const clusters = Math.max(1, Math.round(n / 50));
  const entities = [];
  for (let i = 0; i < n; i++) {
    const cluster = 1 + (i % clusters);
    const located = r() < 0.8;
    entities.push({
      id: `e${i}`, name: `Entity ${i}`, kind: r() < 0.8 ? 'company' : 'person', lat: located ? 30 + r() * 20 : null, lon: located ? 20 + r() * 30 : null,
      attributes: {}, cluster, group: 0, betweenness: r() * 0.01, articulation: false, cutOff: 0, loneCutOff: 0, degree: 0, nearestCrossing: null, flags: r() < 0.01 ? [`f${i}`] : [],
    });
  }
  const relations = [];
  const shipments = [];
  for (let k = 0; k < n * edgesPerNode; k++) {
    const a = Math.floor(r() * n);
    const b = r() < 0.8 ? ((Math.floor(r() * 50) * clusters + (a % clusters)) % n) : Math.floor(r() * n);
    if (a === b) continue;
    if (k % 3 === 0) relations.push({ source: `e${a}`, target: `e${b}`, kind: 'associate', attributes: {} });
    else shipments.push({ id: `s${k}`, supplier: `e${a}`, buyer: `e${b}`, commodity: `goods ${k % 40}`, shipped: `2016-${String(1 + (k % 12)).padStart(2, '0')}-01`, attributes: {} });
  }
  const members = new Map();
  for (const e of entities) members.set(e.cluster, [...(members.get(e.cluster) ?? []), e.id]);
  return {
    schemaVersion: 2, tool: { name: 'chokepoint', version: 'bench' }, disclaimer: 'benchmark data', parameters: { seed: 1, radiusKm: 50, topKeyNodes: 20, lenient: false, rulesFile: null },
    input: { bundle: `generated-${n}`, dataFormatVersion: 1, counts: { entities: n, relations: relations.length, shipments: shipments.length, places: 0, rejectedRows: 0 }, rejected: [], warnings: [] },
    network: { entities: n, ties: relations.length + shipments.length, components: 1, largestComponent: n, modularity: 0 },
    entities, relations, shipments, places: [],
    clusters: [...members].map(([id, m]) => ({ id, members: m, size: m.length, density: 0, internalTies: 0, externalTies: 0, countries: [], hub: m[0], located: 0, withinRadius: 0, nearestPlace: null, borderProximate: id === 1, enoughLocated: true, flaggedMembers: 0 })),
    groups: [],
    controllers: [],
    keyNodes: entities.slice(0, 20).map((e, i) => ({
      id: e.id, name: e.name, rank: i + 1, role: 'structure', score: 1 - i / 20, articulation: false, cutOff: 0, loneCutOff: 0, betweenness: 0, betweennessRank: i + 1, cluster: e.cluster, bridges: 0, flags: 0,
      measures: { control: 0, flowCut: 0, brokerage: 0, betweenness: 1 - i / 20, cutOff: 0 }, controls: { companies: 0, flags: 0 }, brokerage: { ties: NO_BROKERAGE, trade: NO_BROKERAGE }, flowCut: null, reasons: ['benchmark'],
    })),
    bridges: [], flagRules: [], flags: [], chokepoints: null,
    measures: { totals: [], withoutValue: shipments.length, conversion: null, quantities: { byUnit: [], weighedByDensity: 0, unweighed: 0 } },
  };
}

