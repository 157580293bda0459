import { matchesExpression, parseSelector, selectEntities, SelectorError } from '@chokepoint/engine';
import type { Bundle, Entity } from '@chokepoint/model';

const origin = { file: 't', line: 1 };
const e = (id: string, fields: Partial<Entity> = {}): Entity => ({ id, kind: 'company', name: id, attributes: {}, origin, ...fields });
const bundle: Bundle = {
  name: 't',
  entities: [e('a', { country: 'TR', employees: 3, sector: 'Retail sale of mobile phones' }), e('b', { country: 'GB', employees: 60, attributes: { phone: '+44 1' } }), e('c', { country: 'TR', employees: 300 })],
  relations: [],
  shipments: [
    { id: 's1', supplier: 'b', buyer: 'a', commodity: 'Motion-control units', hsCode: '853710', attributes: {}, origin },
    { id: 's2', supplier: 'c', buyer: 'a', commodity: 'aluminium paste', hsCode: '321290', consignee: 'b', attributes: {}, origin },
  ],
  places: [],
  rejected: [],
  warnings: [],
};

describe('selections', () => {
  it('reads the four forms', () => {
    expect(parseSelector('ids: a, b')).toEqual({ kind: 'ids', ids: ['a', 'b'] });
    // Bare ids, and the words in any case.
    expect(parseSelector('a, b,toString')).toEqual({ kind: 'ids', ids: ['a', 'b', 'toString'] });
    expect(parseSelector('IDS:a')).toEqual({ kind: 'ids', ids: ['a'] });
    expect(parseSelector('HS:7603')).toEqual({ kind: 'hs', prefix: '7603' });
    expect(() => parseSelector('country=TR')).toThrow(/a condition starts with where: \(where:country=TR\)/);
    expect(() => parseSelector(' , ')).toThrow(/is empty/);
    expect(parseSelector('hs:3212.90')).toEqual({ kind: 'hs', prefix: '321290' });
    expect(parseSelector('commodity:Motion-Control')).toEqual({ kind: 'commodity', words: 'motion control' });
    expect(parseSelector('where:country=TR and employees<10 or phone~44').kind).toBe('where');
  });

  it('selects suppliers or receivers of goods, and entities by attributes', () => {
    expect(selectEntities(bundle, parseSelector('hs:32'), 'supplier')).toEqual(['c']);
    expect(selectEntities(bundle, parseSelector('hs:32'), 'receiver')).toEqual(['b']);
    expect(selectEntities(bundle, parseSelector('commodity:motion control'), 'receiver')).toEqual(['a']);
    expect(selectEntities(bundle, parseSelector('where:country=TR and employees<10'), 'supplier')).toEqual(['a']);
    expect(selectEntities(bundle, parseSelector('where:country=GB or employees>=300'), 'supplier')).toEqual(['b', 'c']);
    expect(selectEntities(bundle, parseSelector('where:sector~mobile'), 'supplier')).toEqual(['a']);
    expect(selectEntities(bundle, parseSelector('where:phone~44'), 'supplier')).toEqual(['b']);
    expect(selectEntities(bundle, parseSelector('where:city!=Leeds'), 'supplier')).toEqual(['a', 'b', 'c']);
    expect(matchesExpression(bundle.entities[0], [[{ field: 'employees', op: '>', value: '2' }]])).toBe(true);
  });

  it('explains selections it cannot read', () => {
    expect(() => parseSelector('country=TR')).toThrow(SelectorError);
    expect(() => parseSelector('hs:steel')).toThrow(/not an HS code prefix/);
    expect(() => parseSelector('where:country')).toThrow(/cannot read the condition "country"/);
    expect(() => parseSelector('ids:')).toThrow(/is empty/);
    expect(() => selectEntities(bundle, parseSelector('ids:a,zz'), 'supplier')).toThrow(/unknown entity id "zz"/);
    // A name where an id goes, or an id in another case: the entity named.
    expect(() => selectEntities(bundle, parseSelector('ids:A'), 'supplier')).toThrow('unknown entity id "A"; did you mean "a" (a) for "A"?');
    // A field neither of the contract nor a column any entity has: a slip, named, not an empty selection.
    expect(() => selectEntities(bundle, parseSelector('where:countr=TR'), 'supplier')).toThrow('no entity has a value for "countr"; did you mean "country"?');
    expect(() => selectEntities(bundle, parseSelector('where:phnoe~44'), 'supplier')).toThrow('no entity has a value for "phnoe"; did you mean "phone"?');
    expect(() => selectEntities(bundle, parseSelector('where:turnover>5'), 'supplier')).toThrow(/no entity has a value for "turnover" \(the fields are id, kind, name, country, city/);
    // Names of object members are names like any other: none of them is found on an entity's prototype.
    expect(() => selectEntities(bundle, parseSelector('where:constructor~Object'), 'supplier')).toThrow(/no entity has a value for "constructor"/);
    const members: Bundle = { ...bundle, entities: [e('m', { attributes: { constructor: 'yes' } }), e('n')] };
    expect(selectEntities(members, parseSelector('where:constructor=yes'), 'supplier')).toEqual(['m']);
    expect(() => selectEntities(members, parseSelector('where:toString!=x and constructor=yes'), 'supplier')).toThrow(/no entity has a value for "toString"/);
  });
});
