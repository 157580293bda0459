import { reviewQueue, type Flag } from '@chokepoint/flags';

let n = 0;
function flag(entity: string, rule: string, severity: Flag['severity'], shipments: string[] = [], others: string[] = []): Flag {
  n++;
  return {
    id: `${rule}/${entity}#${n}`,
    rule,
    title: rule === 'off-profile-purchase' ? 'Purchase does not fit the buyer’s line of business' : `Rule ${rule}`,
    severity,
    entity,
    entities: [entity, ...others],
    shipments,
    counterparties: [],
    evidence: {},
    summary: '',
    explanation: { sentences: [], facts: [] },
    source: '',
  };
}
const entity = (id: string, km?: number) => ({ id, name: id.toUpperCase(), nearestCrossing: km === undefined ? null : { id: 'bc', name: 'Gate', distanceKm: km } });

describe('review queue', () => {
  const entities = ['shop', 'farm', 'hub', 'quiet', 'near-listed'].map((id) => entity(id, id === 'hub' ? 3 : 120));
  // A farm with ten off-profile purchases of ordinary goods, all high; a shop with one watch-listed flag; a key node.
  const flags = [
    ...Array.from({ length: 10 }, (_v, i) => flag('farm', 'off-profile-purchase', 'high', [`o${i}`])),
    flag('shop', 'precursor-watchlist', 'high', ['w1']),
    flag('hub', 'third-party-payer', 'low', ['p1']),
  ];
  const input = { entities, flags, watchListed: new Set(['w1']), watchNames: new Map([['w1', 'aluminium paste']]), keyNodes: [{ id: 'hub', rank: 1, role: 'brokerage' }], radiusKm: 50 };

  it('never puts off-profile purchases of ordinary goods ahead of any other indicator, however many and severe', () => {
    const q = reviewQueue(input);
    expect(q.entries.map((e) => e.id)).toEqual(['shop', 'hub', 'farm']);
    expect(q.entries[2]).toMatchObject({ ordinaryOnly: true, rank: 3 });
    expect(q.entries[2].reasons.join(' ')).toMatch(/only 10 purchases of ordinary goods/);
  });

  it('gives each entry its reasons in words: flags, goods, key-node role, the crossing near by', () => {
    const [shop, hub] = reviewQueue(input).entries;
    expect(shop.reasons).toEqual(['1 red flag (1 high) under 1 rule: rule precursor-watchlist', 'watch-listed goods involved: aluminium paste']);
    expect(hub.reasons).toEqual(['1 red flag (1 low) under 1 rule: rule third-party-payer', 'key node, rank 1 (brokerage)', '3 km from the border crossing Gate']);
  });

  it('takes the distance to a listed party from screening: it raises an entity, and brings in one without flags', () => {
    const listed = new Map([
      ['hub', { hops: 0, party: 'hub', partyName: 'HUB', list: 'Fictional list' }],
      ['near-listed', { hops: 1, party: 'hub', partyName: 'HUB', list: 'Fictional list', path: ['NEAR-LISTED owns HUB'] }],
    ]);
    const q = reviewQueue({ ...input, listed });
    expect(q.entries.map((e) => e.id)).toEqual(['hub', 'shop', 'near-listed', 'farm']);
    expect(q.entries[2].reasons).toEqual(['1 tie from a listed party, HUB (Fictional list): NEAR-LISTED owns HUB']);
    expect(q.entries.find((e) => e.id === 'quiet')).toBeUndefined();
  });

  it('is the same for the same input, and keeps to its limit, counting the rest', () => {
    expect(reviewQueue(input)).toEqual(reviewQueue(input));
    const q = reviewQueue(input, { limit: 1 });
    expect([q.entries.length, q.omitted]).toEqual([1, 2]);
  });
});
