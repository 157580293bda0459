import { analyze, checkBundle, maxFlow, supplyChokepoints, EngineInputError, MAX_CAPACITY_TOTAL, MAX_TOTAL, type DirectedFlowGraph } from '@chokepoint/engine';
import type { Bundle, Entity, Shipment } from '@chokepoint/model';

const entity = (id: string, line: number): Entity => ({ id, kind: 'company', name: id.toUpperCase(), attributes: {}, origin: { file: 'entities.csv', line } });
const shipment = (id: string, supplier: string, buyer: string, kg: number, value: number, line: number): Shipment => ({
  id, supplier, buyer, commodity: 'acetone', quantity: kg / 1000, unit: 't', quantityKg: kg, value, currency: 'EUR', attributes: {}, origin: { file: 'shipments.csv', line },
});

/** Sources a and b both ship to c, which ships to d: every kg reaches d through c. */
function bundle(kg: number, value: number, copies = 1): Bundle {
  const shipments: Shipment[] = [];
  for (let i = 0; i < copies; i++) {
    shipments.push(shipment(`a${i}`, 'a', 'c', kg, value, 2 + 3 * i), shipment(`b${i}`, 'b', 'c', kg, value, 3 + 3 * i), shipment(`c${i}`, 'c', 'd', 2 * kg, 2 * value, 4 + 3 * i));
  }
  return { name: 'huge', entities: ['a', 'b', 'c', 'd'].map((id, i) => entity(id, i + 2)), relations: [], shipments, places: [], rejected: [], warnings: [] };
}

describe('huge valid numbers', () => {
  it('sums of large legal values stay finite: the maximum flow and every share are numbers', () => {
    // Each shipment is far below the largest double; their totals stay within MAX_TOTAL.
    const b = bundle(1e298, 1e298, 10);
    expect(() => checkBundle(b)).not.toThrow();
    const r = supplyChokepoints(b, { sources: ['a', 'b'], targets: ['d'] });
    expect(r.maxFlow.kg).toBeCloseTo(2e299, -285);
    expect(Number.isFinite(r.maxFlow.kg) && Number.isFinite(r.maxFlow.value)).toBe(true);
    expect(r.vertexCut).toEqual([{ id: 'c', kg: r.maxFlow.kg, value: r.maxFlow.value }]);
    for (const step of r.disruption) expect(Number.isFinite(step.remainingKgShare) && Number.isFinite(step.remainingValueShare)).toBe(true);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r); // nothing became null in JSON
    const analysis = analyze(b);
    expect(analysis.entities.every((e) => Number.isFinite(e.betweenness))).toBe(true);
  });

  it('totals beyond MAX_TOTAL are refused with an input error that names the largest shipment, before any sum overflows', () => {
    // Each value is a legal double (up to 1e308); together they overflow to Infinity.
    const b = bundle(1e308 / 2, 5);
    expect(() => checkBundle(b)).toThrow(EngineInputError);
    expect(() => checkBundle(b)).toThrow(
      `the masses in kg of the 3 shipments add up to more than ${MAX_TOTAL} (the largest: shipment "c0" (shipments.csv line 4), quantityKg 1e+308), beyond what the analysis can add up without losing the totals: check the quantities, units and values`,
    );
    expect(() => analyze(b)).toThrow(EngineInputError);
    expect(() => supplyChokepoints(b, { sources: ['a', 'b'], targets: ['d'] })).toThrow(EngineInputError);
    // Many values, each far below the largest double, whose total is above MAX_TOTAL.
    expect(() => checkBundle(bundle(1e299, 1, 4))).toThrow(/^the masses in kg of the 12 shipments add up to more than 1e\+300/);
    expect(() => checkBundle(bundle(1, 1e300, 1))).toThrow(/^the values of the 3 shipments add up to more than 1e\+300 \(the largest: shipment "c0" \(shipments\.csv line 4\), value 2e\+300\)/);
  });

  it('quantities that are not finite numbers of 0 or more are refused', () => {
    for (const bad of [Infinity, NaN, -1]) {
      const b = bundle(10, 10);
      b.shipments[1].value = bad;
      expect(() => checkBundle(b)).toThrow(new EngineInputError(`shipment "b0" (shipments.csv line 3) has the value ${bad}: it must be a finite number of 0 or more`));
    }
  });

  it('max-flow refuses capacities that are not finite, or add up beyond what it can sum', () => {
    const g = (capacity: number[]): DirectedFlowGraph => ({ n: 3, source: Int32Array.from([0, 0, 1]), target: Int32Array.from([1, 2, 2]), capacity: Float64Array.from(capacity) });
    expect(maxFlow(g([1e306, 1e306, 1e306]), [0], [2]).value).toBeCloseTo(2e306, -292);
    expect(() => maxFlow(g([1e308, 1e308, 1e308]), [0], [2])).toThrow(EngineInputError);
    expect(() => maxFlow(g([1e308, 1e308, 1e308]), [0], [2])).toThrow(`the capacities of the flow graph add up to Infinity, more than a maximum flow can be computed for (${MAX_CAPACITY_TOTAL})`);
    expect(() => maxFlow(g([1, Infinity, 1]), [0], [2])).toThrow('the capacity of flow edge 1 is Infinity: capacities must be finite numbers of 0 or more');
    expect(() => maxFlow(g([1, NaN, 1]), [0], [2])).toThrow(EngineInputError);
  });
});

describe('why nothing flows', () => {
  it('says when the targets buy none of the goods, apart from when no chain of shipments reaches them', () => {
    const b = bundle(10, 10);
    b.entities.push(entity('e', 6), entity('f', 7));
    // e and f (a haulier near the crossing and its owner, say) buy nothing.
    expect(supplyChokepoints(b, { sources: ['a', 'b'], targets: ['e'] }).noFlow).toEqual({ kg: 'the target buys or receives none of these goods, from anyone', value: 'the target buys or receives none of these goods, from anyone' });
    expect(supplyChokepoints(b, { sources: ['a', 'b'], targets: ['e', 'f'] }).noFlow.kg).toBe('none of the 2 targets buys or receives any of these goods, from anyone');
    // c buys from a and b, but not from d: no chain leads from d to c.
    expect(supplyChokepoints(b, { sources: ['d'], targets: ['c'] }).noFlow.kg).toBe('no chain of shipments leads from the sources to the targets');
    expect(supplyChokepoints(b, { sources: ['a', 'b'], targets: ['d'] }).noFlow).toEqual({ kg: null, value: null });
  });
});

