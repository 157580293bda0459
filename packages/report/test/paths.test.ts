import { UndirectedGraph } from 'graphology';
import { brandes } from 'graphology-shortest-path/unweighted';
import { pairTies, pathNetwork, PATH_TIE_KINDS, shortestPaths, tieWords, UnknownEntityError, waypointWords } from '../src/paths';
import type { Report, ReportEntity, ReportRelation, ReportShipment } from '../src/types';

type PathReport = Parameters<typeof pathNetwork>[0];

const entity = (id: string, extra: Partial<ReportEntity> = {}): ReportEntity => ({ id, name: `Name of ${id}`, kind: 'company', flags: [], articulation: false, ...extra }) as ReportEntity;
const rel = (source: string, target: string, kind: ReportRelation['kind'], share?: number): ReportRelation => ({ source, target, kind, attributes: {}, ...(share !== undefined ? { share } : {}) });
const ship = (id: string, supplier: string, buyer: string): ReportShipment => ({ id, supplier, buyer, commodity: 'goods', attributes: {} });

/**
 * a ─owner─ b ─director─ d ─ e
 * a ─family─ c ─owner──── d
 * a ⇒ c (shipments s1, s2), f alone; "__proto__" tied to a.
 */
function report(): PathReport {
  return {
    entities: [entity('a'), entity('b', { articulation: true }), entity('c'), entity('d', { flags: ['x'] as unknown as ReportEntity['flags'] }), entity('e'), entity('f'), entity('__proto__')],
    relations: [rel('a', 'b', 'owner', 51), rel('b', 'd', 'director'), rel('a', 'c', 'family'), rel('c', 'd', 'owner'), rel('e', 'd', 'employee'), rel('__proto__', 'a', 'associate')],
    shipments: [ship('s1', 'a', 'c'), ship('s2', 'a', 'c')],
    keyNodes: [{ id: 'c', rank: 2 } as Report['keyNodes'][number]],
    chokepoints: { vertexCut: [{ id: 'd', kg: 1, value: 0 }] } as unknown as Report['chokepoints'],
  };
}

describe('shortestPaths', () => {
  it('lists every shortest path, the ties of each step in their own direction, and what the paths pass through', () => {
    const r = shortestPaths(pathNetwork(report()), 'a', 'e');
    expect(r.length).toBe(3);
    expect(r.total).toBe(2);
    expect(r.truncated).toBe(false);
    expect(r.paths.map((p) => p.entities)).toEqual([
      ['a', 'b', 'd', 'e'],
      ['a', 'c', 'd', 'e'],
    ]);
    const viaC = r.paths[1];
    expect(viaC.steps[0].ties.map((t) => t.kind).sort()).toEqual(['family', 'shipment']);
    expect(viaC.steps[0].ties.find((t) => t.kind === 'shipment')!.shipments).toEqual(['s1', 's2']);
    expect(viaC.steps[2].ties[0]).toMatchObject({ kind: 'employee', source: 'e', target: 'd' });
    expect(viaC.waypoints.map((w) => [w.id, waypointWords(w)])).toEqual([
      ['c', 'key node #2'],
      ['d', 'supply chokepoint, 1 red flag'],
    ]);
    expect(r.paths[0].waypoints.map((w) => w.id)).toEqual(['b', 'd']);
  });

  it('gives the ties of a pair in the order found: relations by index, then each direction of shipments, in order', () => {
    const r = report();
    r.relations.push(rel('c', 'a', 'agent'));
    r.shipments.push(ship('s3', 'c', 'a'), ship('s4', 'a', 'c'), ship('s5', 'a', 'zzz'));
    const net = pathNetwork(r);
    const pair = [...net.pairA.keys()].find((p) => [net.pairA[p], net.pairB[p]].sort().join() === [0, 2].join())!;
    expect(pairTies(net, pair)).toEqual([
      { kind: 'family', source: 'a', target: 'c', relation: 2 },
      { kind: 'agent', source: 'c', target: 'a', relation: 6 },
      { kind: 'shipment', source: 'a', target: 'c', shipments: ['s1', 's2', 's4'] },
      { kind: 'shipment', source: 'c', target: 'a', shipments: ['s3'] },
    ]);
    expect(pairTies(net, [...net.pairA.keys()].find((p) => net.pairA[p] === 0 && net.pairB[p] === 1)!)).toEqual([{ kind: 'owner', source: 'a', target: 'b', relation: 0, share: 51 }]);
  });

  it('stops at the limit and says that more exist', () => {
    const r = shortestPaths(pathNetwork(report()), 'a', 'e', { max: 1 });
    expect(r.paths).toHaveLength(1);
    expect(r.total).toBe(2);
    expect(r.truncated).toBe(true);
  });

  it('follows only the tie kinds asked for, and says when nothing connects', () => {
    const net = pathNetwork(report());
    const r = shortestPaths(net, 'a', 'd', { kinds: ['owner', 'director'] });
    expect(r.paths.map((p) => p.entities)).toEqual([['a', 'b', 'd']]);
    expect(r.kinds).toEqual(['owner', 'director']);
    const none = shortestPaths(net, 'a', 'f');
    expect(none).toMatchObject({ length: null, total: 0, paths: [], truncated: false });
    expect(shortestPaths(net, 'c', 'c')).toMatchObject({ length: 0, total: 1, paths: [{ entities: ['c'], steps: [] }] });
  });

  it('keeps entity ids such as __proto__ apart from object members', () => {
    const r = shortestPaths(pathNetwork(report()), '__proto__', 'b');
    expect(r.paths.map((p) => p.entities)).toEqual([['__proto__', 'a', 'b']]);
  });

  it('names an unknown id and suggests entities whose id or name contains it', () => {
    const net = pathNetwork(report());
    expect(() => shortestPaths(net, 'zzz', 'a')).toThrow(UnknownEntityError);
    expect(() => shortestPaths(net, 'a', 'Name of b')).toThrow(/no entity with id "Name of b" in the report; did you mean "b" \(Name of b\)\?/);
  });

  it('puts ties in words, with shares and shipment counts', () => {
    const nameOf = (id: string) => id.toUpperCase();
    expect(tieWords({ kind: 'owner', source: 'a', target: 'b', share: 51 }, nameOf)).toBe('A owns 51 % of B');
    expect(tieWords({ kind: 'shipment', source: 'a', target: 'c', shipments: ['s1', 's2'] }, nameOf)).toBe('A shipped to C (2 shipments)');
  });
});

describe('shortestPaths against graphology-shortest-path', () => {
  // Random networks with ties of several kinds; every pair of entities: the same number of shortest paths, of the same
  // length, and the same paths as walking back Brandes' predecessors of graphology-shortest-path.
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const kinds = ['owner', 'family', 'associate'] as const;

  it('finds the same shortest paths on 40 random networks', () => {
    for (let round = 0; round < 40; round++) {
      const n = 5 + Math.floor(random() * 20);
      const ids = Array.from({ length: n }, (_, i) => `e${i}`);
      const relations: ReportRelation[] = [];
      const ties = Math.floor(n * (0.8 + random() * 1.5));
      for (let k = 0; k < ties; k++) relations.push(rel(ids[Math.floor(random() * n)], ids[Math.floor(random() * n)], kinds[Math.floor(random() * 3)]));
      const r = { entities: ids.map((id) => entity(id)), relations, shipments: [], keyNodes: [], chokepoints: null } as PathReport;
      const follow = round % 2 === 0 ? undefined : (['owner', 'family'] as string[]);
      const graph = new UndirectedGraph();
      ids.forEach((_, i) => graph.addNode(`n${i}`));
      for (const x of relations) {
        const [a, b] = [ids.indexOf(x.source), ids.indexOf(x.target)];
        if (a === b || (follow && !follow.includes(x.kind))) continue;
        if (!graph.hasEdge(`n${a}`, `n${b}`)) graph.addEdge(`n${a}`, `n${b}`);
      }
      const net = pathNetwork(r);
      for (let s = 0; s < n; s++) {
        const [, P, sigma] = brandes(graph, `n${s}`);
        for (let t = 0; t < n; t++) {
          if (s === t) continue;
          const ours = shortestPaths(net, ids[s], ids[t], { max: 1000, kinds: follow });
          expect(ours.total).toBe(sigma[`n${t}`]);
          if (ours.total === 0) {
            expect(ours.length).toBeNull();
            continue;
          }
          const theirs: string[][] = [];
          const back = (v: string, tail: string[]) => (v === `n${s}` ? theirs.push([v, ...tail]) : P[v].forEach((p) => back(p, [v, ...tail])));
          back(`n${t}`, []);
          const asIds = (p: string[]) => p.map((k) => ids[Number(k.slice(1))]).join(' ');
          expect(ours.paths.map((p) => p.entities.join(' ')).sort()).toEqual(theirs.map(asIds).sort());
          expect(ours.length).toBe(theirs[0].length - 1);
        }
      }
    }
  });
});

/**
 * The network as the first version built it (Maps keyed by pair numbers, arrays grown tie by tie), kept as the
 * reference the typed-array build must equal, array for array.
 */
function referenceNetwork(r: PathReport) {
  const index = new Map(r.entities.map((e, i) => [e.id, i]));
  const n = r.entities.length;
  const bit = (kind: string) => ((PATH_TIE_KINDS as readonly string[]).includes(kind) ? 1 << (PATH_TIE_KINDS as readonly string[]).indexOf(kind) : 0);
  const pairOf = new Map<number, number>();
  const a: number[] = [];
  const b: number[] = [];
  const kinds: number[] = [];
  const pairFirst: number[] = [];
  const pairLast: number[] = [];
  const tieNext: number[] = [];
  const tieRef: number[] = [];
  const add = (x: number, y: number, ref: number, kind: string) => {
    if (x === y) return;
    const [lo, hi] = x < y ? [x, y] : [y, x];
    const k = lo * n + hi;
    let p = pairOf.get(k);
    const tie = tieRef.length;
    tieRef.push(ref);
    tieNext.push(-1);
    if (p === undefined) {
      p = a.length;
      pairOf.set(k, p);
      a.push(lo);
      b.push(hi);
      kinds.push(0);
      pairFirst.push(tie);
    } else tieNext[pairLast[p]] = tie;
    pairLast[p] = tie;
    kinds[p] |= bit(kind);
  };
  r.relations.forEach((rel, k) => {
    const [x, y] = [index.get(rel.source) ?? -1, index.get(rel.target) ?? -1];
    if (x >= 0 && y >= 0) add(x, y, k, rel.kind);
  });
  const shipmentPairs = new Map<number, number>();
  const shipmentFirst: number[] = [];
  const shipmentLast: number[] = [];
  const shipmentNext = new Array<number>(r.shipments.length).fill(-1);
  r.shipments.forEach((s, i) => {
    const [x, y] = [index.get(s.supplier) ?? -1, index.get(s.buyer) ?? -1];
    if (x < 0 || y < 0) return;
    const t = shipmentPairs.get(x * n + y);
    if (t !== undefined) {
      shipmentNext[shipmentLast[t]] = i;
      shipmentLast[t] = i;
    } else {
      shipmentPairs.set(x * n + y, shipmentFirst.length);
      shipmentFirst.push(i);
      shipmentLast.push(i);
      add(x, y, -1 - (shipmentFirst.length - 1), 'shipment');
    }
  });
  return { pairA: a, pairB: b, pairKinds: kinds, pairFirst, tieNext, tieRef, shipmentFirst, shipmentNext };
}

describe('the path network', () => {
  it('is built as the reference builds it: pairs in the order of their first tie, each pair\'s ties and shipments chained in order', () => {
    const kinds: ReportRelation['kind'][] = ['owner', 'director', 'family', 'associate', 'paid_for', 'agent'];
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      let x = seed;
      const rand = (m: number) => Math.floor(((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32) * m);
      const ids = Array.from({ length: 12 + rand(20) }, (_, i) => `e${i}`);
      // Ends that repeat (pairs of many ties, both ways), ties of an entity to itself, and ends that are no entity.
      const end = () => (rand(25) === 0 ? 'nobody' : ids[rand(ids.length)]);
      const r: PathReport = {
        entities: ids.map((id) => entity(id)),
        relations: Array.from({ length: rand(80) }, () => rel(end(), end(), kinds[rand(kinds.length)])),
        shipments: Array.from({ length: rand(120) }, (_, i) => ship(`s${i}`, end(), end())),
        keyNodes: [],
        chokepoints: null,
      };
      const net = pathNetwork(r);
      const want = referenceNetwork(r);
      expect(Array.from(net.pairA)).toEqual(want.pairA);
      expect(Array.from(net.pairB)).toEqual(want.pairB);
      expect(Array.from(net.pairKinds)).toEqual(want.pairKinds);
      expect(Array.from(net.pairFirst)).toEqual(want.pairFirst);
      expect(Array.from(net.tieNext)).toEqual(want.tieNext);
      expect(Array.from(net.tieRef)).toEqual(want.tieRef);
      expect(Array.from(net.shipmentFirst)).toEqual(want.shipmentFirst);
      expect(Array.from(net.shipmentNext)).toEqual(want.shipmentNext);
      expect(want.pairA.length).toBeGreaterThan(0);
    }
  });
});
