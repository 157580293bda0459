import { analyze } from '@chokepoint/engine';
import type { Bundle, Entity, Relation } from '@chokepoint/model';
import { entityLookup } from '../src/lookup';

const entity = (id: string, name = `Name of ${id}`): Entity => ({ id, kind: 'company', name, attributes: {}, origin: { file: 'entities.csv', line: 2 } });
const owns = (source: string, target: string): Relation => ({ source, target, kind: 'owner', attributes: {}, origin: { file: 'relations.csv', line: 2 } });
const bundleOf = (entities: Entity[], relations: Relation[] = []): Bundle => ({ name: 't', entities, relations, shipments: [], places: [], rejected: [], warnings: [] });

// Controllers and chokepoints ask a few ids of a large bundle: through the engine's index, no map of every id.
describe('entityLookup', () => {
  it('answers by the engine’s index of a checked bundle, ids like __proto__ included', () => {
    const bundle = bundleOf([entity('toString'), entity('__proto__'), entity('c')], [owns('toString', '__proto__')]);
    const analysis = analyze(bundle);
    const lookup = entityLookup(bundle, analysis);
    expect(lookup.entity('__proto__')?.name).toBe('Name of __proto__');
    expect(lookup.entity('constructor')).toBeUndefined();
    expect(lookup.group('toString')).toBe(lookup.group('__proto__'));
    expect(lookup.group('c')).not.toBe(lookup.group('toString'));
    expect(lookup.group('hasOwnProperty')).toBeUndefined();
  });

  it('falls back to maps for a bundle the check refuses (the last entity of an id answers) and an analysis in another order', () => {
    const checked = bundleOf([entity('a'), entity('b')], [owns('a', 'b')]);
    const analysis = analyze(checked);
    const reversed = { ...analysis, entities: [...analysis.entities].reverse() };
    expect(entityLookup(checked, reversed).group('b')).toBe(analysis.entities[1].group);
    const twice = bundleOf([entity('a', 'First'), entity('b'), entity('a', 'Second')]);
    expect(entityLookup(twice, analysis).entity('a')?.name).toBe('Second');
  });
});
