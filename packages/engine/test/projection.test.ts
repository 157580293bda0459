import { buildGraph, flowProjection, toUndirectedCSR, tradeWeight, undirectedProjection, TIE_WEIGHTS } from '@chokepoint/engine';
import { MultiUndirectedGraph } from 'graphology';
import type { Bundle, Entity, Relation, Shipment } from '@chokepoint/model';

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

describe('the network and its projections', () => {
  it('keeps every relation and every shipment as its own edge', () => {
    const g = buildGraph(bundle);
    expect(g.order).toBe(4);
    expect(g.size).toBe(7);
    const s2 = g.getEdgeAttributes('shipment:s2');
    expect(s2.type === 'shipment' && s2.shipment.quantityKg).toBe(1000);
    expect(g.source('relation:1')).toBe('b');
  });

  it('weighs structural ties above any trade tie, whatever the tonnage', () => {
    expect(tradeWeight(1e12)).toBe(1);
    expect(tradeWeight(undefined)).toBe(0.5);
    expect(tradeWeight(0)).toBe(0.5);
    expect(tradeWeight(6000)).toBeGreaterThan(tradeWeight(60));
    for (const kind of ['owner', 'director', 'family', 'shared_address'] as const) expect(TIE_WEIGHTS[kind]).toBeGreaterThanOrEqual(tradeWeight(1e15));
    const p = undirectedProjection(buildGraph(bundle));
    expect(p.size).toBe(4);
    expect(p.getEdgeAttributes('a', 'b')).toEqual({ weight: 4, kinds: ['family', 'owner'] });
    // Three shipments both ways between a and c, over 5,000,001 t: one trade tie of weight 1.
    expect(p.getEdgeAttributes('a', 'c')).toEqual({ weight: 1, kinds: ['shipment'] });
    expect(p.getEdgeAttributes('b', 'd')).toEqual({ weight: 0.5, kinds: ['shipment'] });
    expect(p.getEdgeAttributes('c', 'd').weight).toBe(1);
  });

  it('aggregates shipments per supplier → buyer pair', () => {
    const f = flowProjection(buildGraph(bundle));
    expect(f.getEdgeAttributes('a', 'c')).toEqual({ shipments: 2, kg: 5e9 + 1000, shipmentsWithoutKg: 0 });
    expect(f.getEdgeAttributes('c', 'a')).toEqual({ shipments: 1, kg: 0, shipmentsWithoutKg: 1 });
    expect(f.size).toBe(3);
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
