import { csrFromEdgeList, projectBundle, projectionPairs, toUndirectedCSR, tradeWeight, EngineInputError, TIE_WEIGHTS } from '@chokepoint/engine';
import { MultiUndirectedGraph } from 'graphology';
import type { Bundle, Entity, Relation, Shipment } from '@chokepoint/model';
import { csrFromUniquePairs } from '../src/csr';

const origin = { file: 'x.csv', line: 1 };
const entity = (id: string): Entity => ({ id, kind: 'company', name: id.toUpperCase(), attributes: {}, origin });
const relation = (source: string, target: string, kind: Relation['kind'], line: number): Relation => ({ source, target, kind, attributes: {}, origin: { file: 'relations.csv', line } });
const shipment = (id: string, supplier: string, buyer: string, quantityKg?: number): Shipment => ({
  id, supplier, buyer, commodity: 'goods', quantityKg, quantity: quantityKg, unit: quantityKg === undefined ? undefined : 'kg', attributes: {}, origin,
});

const bundle: Bundle = {
  name: 't',
  entities: ['a', 'b', 'c', 'd'].map(entity),
  relations: [relation('a', 'b', 'family', 2), relation('b', 'a', 'owner', 3), relation('c', 'd', 'associate', 4)],
  shipments: [shipment('s1', 'a', 'c', 5e9), shipment('s2', 'a', 'c', 1000), shipment('s3', 'c', 'a'), shipment('s4', 'b', 'd')],
  places: [],
  rejected: [],
  warnings: [],
};

describe('the projection', () => {
  const name = (p: { source: number; target: number }) => [bundle.entities[p.source].id, bundle.entities[p.target].id].join('-');

  it('weighs structural ties above any trade tie, whatever the tonnage', () => {
    expect(tradeWeight(1e12)).toBe(1);
    expect(tradeWeight(Infinity)).toBe(1);
    expect(tradeWeight(undefined)).toBe(0.5);
    expect(tradeWeight(0)).toBe(0.5);
    expect(tradeWeight(6000)).toBeGreaterThan(tradeWeight(60));
    for (const kind of ['owner', 'director', 'family', 'shared_address'] as const) expect(TIE_WEIGHTS[kind]).toBeGreaterThanOrEqual(tradeWeight(1e15));
    const pairs = projectionPairs(bundle);
    expect(pairs.map((p) => [name(p), p.weight, p.kinds])).toEqual([
      ['a-b', 4, ['family', 'owner']],
      ['c-d', 1, ['associate']],
      // Three shipments both ways between a and c, over 5,000,001 t: one trade tie of weight 1.
      ['a-c', 1, ['shipment']],
      ['b-d', 0.5, ['shipment']],
    ]);
  });

  it('is a CSR over the entities in bundle order, with the weights of the pairs', () => {
    const csr = projectBundle(bundle);
    expect(csr.keys).toEqual(['a', 'b', 'c', 'd']);
    expect(Array.from(csr.offsets)).toEqual([0, 2, 4, 6, 8]);
    expect(Array.from(csr.targets)).toEqual([1, 2, 0, 3, 3, 0, 2, 1]);
    expect(Array.from(csr.weights)).toEqual([4, 1, 4, 0.5, 1, 1, 1, 0.5]);
  });

  it('takes any text as an id, names of JavaScript object members included', () => {
    const ids = ['toString', '__proto__', 'constructor', 'valueOf', 'hasOwnProperty'];
    const tricky: Bundle = {
      ...bundle,
      entities: ids.map(entity),
      relations: [relation('toString', '__proto__', 'owner', 2), relation('__proto__', 'toString', 'family', 3), relation('constructor', 'valueOf', 'agent', 4)],
      shipments: [shipment('s1', 'hasOwnProperty', '__proto__', 10), shipment('s2', 'valueOf', 'toString')],
    };
    expect(projectionPairs(tricky).map((p) => [p.source, p.target, p.weight])).toEqual([[0, 1, 4], [2, 3, 1], [4, 1, tradeWeight(10)], [3, 0, 0.5]]);
    expect(projectBundle(tricky).keys).toEqual(ids);
  });

  it('refuses a bundle that breaks the data contract with an input error that says where', () => {
    const broken = (change: Partial<Bundle>) => () => projectBundle({ ...bundle, ...change });
    expect(broken({ entities: [...bundle.entities, entity('a')] })).toThrow(EngineInputError);
    expect(broken({ entities: [...bundle.entities, entity('a')] })).toThrow('entity id "a" is used twice (x.csv line 1)');
    expect(broken({ relations: [relation('a', 'zz', 'owner', 7)] })).toThrow('relation 1 (relations.csv line 7) names "zz", which is not an entity of the bundle');
    expect(broken({ relations: [relation('a', 'a', 'owner', 7)] })).toThrow('relation 1 (relations.csv line 7) ties "a" to itself');
    expect(broken({ shipments: [shipment('s9', 'toString', 'a')] })).toThrow(new EngineInputError('shipment "s9" (x.csv line 1) names "toString", which is not an entity of the bundle'));
  });

  it('converts to CSR without self-loops or parallel edges, keeping the shortest length', () => {
    const g = new MultiUndirectedGraph({ allowSelfLoops: true });
    ['x', 'y', 'z'].forEach((n) => g.addNode(n));
    g.addEdge('x', 'y', { len: 3 });
    g.addEdge('y', 'x', { len: 2 });
    g.addEdge('y', 'y', { len: 1 });
    g.addEdge('y', 'z', { len: 5 });
    const csr = toUndirectedCSR(g, { weightAttribute: 'len' });
    expect(Array.from(csr.offsets)).toEqual([0, 1, 3, 4]);
    expect(Array.from(csr.targets)).toEqual([1, 0, 2, 1]);
    expect(Array.from(csr.weights)).toEqual([2, 2, 5, 5]);
  });
});

describe('projectBundle, built from the records in typed arrays', () => {
  it('is the CSR of projectionPairs: the same pairs in the same order, with weights added up in the same order', () => {
    let t = 11;
    const rng = () => {
      t = (t + 0x6d2b79f5) | 0;
      let x = Math.imul(t ^ (t >>> 15), t | 1);
      x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
    const ids = ['__proto__', 'toString', 'constructor', 'a', 'A', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const kinds = Object.keys(TIE_WEIGHTS) as Relation['kind'][];
    for (let run = 0; run < 60; run++) {
      const n = 2 + Math.floor(rng() * (ids.length - 1));
      const chosen = ids.slice(0, n).sort(() => rng() - 0.5);
      const two = (): [string, string] => {
        const a = chosen[Math.floor(rng() * n)];
        let b = chosen[Math.floor(rng() * n)];
        while (b === a) b = chosen[Math.floor(rng() * n)];
        return [a, b];
      };
      const relations = Array.from({ length: Math.floor(rng() * 30) }, (_, i) => relation(...two(), kinds[Math.floor(rng() * kinds.length)], i + 2));
      const shipments = Array.from({ length: Math.floor(rng() * 30) }, (_, i) => shipment(`s${i}`, ...two(), rng() < 0.3 ? undefined : rng() * 10 ** Math.floor(rng() * 9)));
      const b: Bundle = { ...bundle, entities: chosen.map(entity), relations, shipments };
      const pairs = projectionPairs(b);
      const csr = projectBundle(b);
      const expected = csrFromEdgeList(
        n,
        Int32Array.from(pairs, (p) => p.source),
        Int32Array.from(pairs, (p) => p.target),
        Float64Array.from(pairs, (p) => p.weight),
        chosen,
      );
      expect(csr).toEqual(expected);
    }
  });
});

describe('csrFromUniquePairs', () => {
  it('is csrFromEdgeList for distinct pairs of distinct nodes, and refuses a self-loop or a node out of range', () => {
    const source = Int32Array.from([0, 3, 1, 2, 0]);
    const target = Int32Array.from([1, 1, 2, 0, 3]);
    const weight = Float64Array.from([1, 2.5, 0.5, 2, 1.5]);
    const keys = ['a', 'b', 'c', 'd'];
    expect(csrFromUniquePairs(4, source, target, weight, keys)).toEqual(csrFromEdgeList(4, source, target, weight, keys));
    expect(() => csrFromUniquePairs(4, Int32Array.from([2]), Int32Array.from([2]), Float64Array.from([1]), keys)).toThrow(RangeError);
    expect(() => csrFromUniquePairs(4, Int32Array.from([0]), Int32Array.from([4]), Float64Array.from([1]), keys)).toThrow(RangeError);
  });
});
