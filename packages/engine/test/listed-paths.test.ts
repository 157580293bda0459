import { pathsToListed } from '@chokepoint/engine';
import type { Bundle, Entity, Relation, Shipment } from '@chokepoint/model';

const origin = { file: 'test', line: 1 };
const e = (id: string): Entity => ({ id, kind: 'company', name: id.toUpperCase(), attributes: {}, origin });
const tie = (source: string, target: string, kind: Relation['kind']): Relation => ({ source, target, kind, attributes: {}, origin });
const ship = (id: string, supplier: string, buyer: string): Shipment => ({ id, supplier, buyer, commodity: 'goods', attributes: {}, origin });
const bundleOf = (entities: string[], relations: Relation[], shipments: Shipment[] = []): Bundle => ({
  name: 't',
  entities: entities.map(e),
  relations,
  shipments,
  places: [],
  rejected: [],
  warnings: [],
});

describe('shortest path to a listed party', () => {
  // L1 — a (owner) — b (trade) — c ; L2 — d (director); e alone; f — g — h — L2 (three ties)
  const bundle = bundleOf(
    ['L1', 'a', 'b', 'c', 'L2', 'd', 'e', 'f', 'g', 'h'],
    [tie('L1', 'a', 'owner'), tie('d', 'L2', 'director'), tie('f', 'g', 'associate'), tie('g', 'h', 'family'), tie('h', 'L2', 'agent')],
    [ship('s1', 'a', 'b'), ship('s2', 'b', 'c'), ship('s3', 'b', 'c')],
  );

  it('gives the hops and the ties used, from the nearest listed party; 0 for a listed party; null when none is reachable', () => {
    const paths = pathsToListed(bundle, ['L1', 'L2'], ['c', 'd', 'L1', 'e', 'f']);
    expect(paths).toEqual([
      { from: 'c', to: 'L1', hops: 3, steps: [{ from: 'c', to: 'b', kinds: ['shipment'] }, { from: 'b', to: 'a', kinds: ['shipment'] }, { from: 'a', to: 'L1', kinds: ['owner'] }] },
      { from: 'd', to: 'L2', hops: 1, steps: [{ from: 'd', to: 'L2', kinds: ['director'] }] },
      { from: 'L1', to: 'L1', hops: 0, steps: [] },
      { from: 'e', to: null, hops: null, steps: [] },
      { from: 'f', to: 'L2', hops: 3, steps: [{ from: 'f', to: 'g', kinds: ['associate'] }, { from: 'g', to: 'h', kinds: ['family'] }, { from: 'h', to: 'L2', kinds: ['agent'] }] },
    ]);
  });

  it('stops at maxHops, and answers nothing reachable without listed parties', () => {
    expect(pathsToListed(bundle, ['L1', 'L2'], ['c', 'f'], { maxHops: 2 }).map((p) => p.hops)).toEqual([null, null]);
    expect(pathsToListed(bundle, [], ['a'])).toEqual([{ from: 'a', to: null, hops: null, steps: [] }]);
  });

  it('treats ids such as __proto__ as data', () => {
    const b = bundleOf(['__proto__', 'constructor'], [tie('__proto__', 'constructor', 'owner')]);
    expect(pathsToListed(b, ['constructor'], ['__proto__'])[0]).toMatchObject({ to: 'constructor', hops: 1 });
  });
});
