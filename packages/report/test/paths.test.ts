import { UndirectedGraph } from 'graphology';
import { brandes } from 'graphology-shortest-path/unweighted';
import { pairTies, pathNetwork, shortestPaths, tieWords, UnknownEntityError, waypointWords } from '../src/paths';
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
