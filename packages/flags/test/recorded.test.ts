import { createHash } from 'node:crypto';
import { analyze, seededRandom } from '@chokepoint/engine';
import { evaluateFlags, loadReference } from '@chokepoint/flags';
import type { Bundle, Entity, Relation, Shipment } from '@chokepoint/model';
import { bundleOf, company, person, ship, tie } from './helpers';

// The rules were rewritten to read columns, numbers and typed arrays instead of ids, texts and objects (issue 14).
// Their flags must not change: this generated bundle mixes what the rewrite touched (missing values, units and
// currencies, undated and same-day shipments, ids named like Object.prototype members, company groups, payers,
// consignees, employees or none) and its flags and coverage are held against those of the implementation before
// the rewrite (main at a2a90a3), recorded here as a digest of the JSON result. Recorded again when the title of
// precursor-watchlist became "Watch-listed goods bought by a buyer with no documented use for them" (2026-12-06; the
// digest of the old title checked equal to the one before on the same code): nothing else changed.

const RECORDED = { flags: 2062, digest: 'b338ae9fe685e887635866eb32d86be99fa955ea8539b8729dc4e0508abd7717' };

function mixedBundle(seed: number): Bundle {
  const rnd = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const maybe = <T>(p: number, value: T): T | undefined => (rnd() < p ? value : undefined);
  const isics = ['2011', '2012', '4669', '4690', '4773', '5229', '4610', '1071', '0111', '4741', '6419', '4652', '2710', '4752', '4753'];
  const sectors = ['chemical wholesale', 'general trading', 'bakery', 'family farm', 'freight forwarding', 'mobile phone shop', 'bank'];
  const ids = ['__proto__', 'toString', 'constructor', 'hasOwnProperty', ...Array.from({ length: 116 }, (_v, i) => `c${i}`)];
  const entities: Entity[] = ids.map((id, i) =>
    company(id, {
      isic: maybe(0.8, pick(isics)),
      sector: maybe(0.5, pick(sectors)),
      employees: maybe(0.6, 1 + Math.floor(rnd() * 400)),
      founded: maybe(0.5, `20${10 + Math.floor(rnd() * 14)}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`),
      address: maybe(0.4, `${1 + (i % 7)} Harbour Road, Port Ilvana`),
      attributes: rnd() < 0.3 ? { phone: `+90 555 000 ${(i % 9).toString().padStart(4, '0')}` } : {},
    }),
  );
  const people = Array.from({ length: 20 }, (_v, i) => person(`p${i}`));
  const relations: Relation[] = [];
  const kinds: Relation['kind'][] = ['owner', 'director', 'family', 'agent', 'associate', 'employee', 'shared_address'];
  for (let i = 0; i < 90; i++) {
    const a = pick([...ids, ...people.map((p) => p.id)]);
    const b = pick(ids);
    if (a !== b) relations.push(tie(a, b, pick(kinds)));
  }
  const goods: Partial<Shipment>[] = [
    { hsCode: '310230', commodity: 'ammonium nitrate' },
    { hsCode: '282911', commodity: 'sodium chlorate' },
    { hsCode: '321290', commodity: 'aluminium paste' },
    { hsCode: '851712', commodity: 'mobile phones', unit: 'pcs' },
    { hsCode: '110100', commodity: 'wheat flour' },
    { hsCode: '284700', commodity: 'hydrogen peroxide' },
    { hsCode: '870323', commodity: 'cars', unit: 'pcs' },
    { commodity: 'mixed goods' },
    { hsCode: '390110', commodity: '__proto__' },
  ];
  const currencies = ['USD', 'EUR', 'TRY', '__proto__', undefined];
  const shipments: Shipment[] = [];
  for (let i = 0; i < 1500; i++) {
    const supplier = pick(ids);
    let buyer = pick(ids);
    if (buyer === supplier) buyer = ids[(ids.indexOf(buyer) + 1) % ids.length];
    const g = pick(goods);
    const day = Math.floor(rnd() * 60);
    const shipped = rnd() < 0.85 ? `2024-0${1 + Math.floor(day / 28)}-${String(1 + (day % 28)).padStart(2, '0')}` : undefined;
    const received = shipped !== undefined && rnd() < 0.6 ? shipped : maybe(0.1, '2024-03-01');
    const kg = rnd() < 0.8 ? Math.round(10 ** (1 + rnd() * 4) * (rnd() < 0.03 ? 50 : 1)) : undefined;
    const consignee = maybe(0.2, pick(ids));
    const payer = maybe(0.1, pick(ids));
    shipments.push(
      ship(supplier, buyer, {
        id: `s${i}`,
        ...g,
        shipped,
        received,
        ...(kg === undefined ? {} : { quantityKg: kg, quantity: kg, unit: g.unit ?? 'kg' }),
        ...(g.unit === 'pcs' ? { quantity: 1 + Math.floor(rnd() * 200), unit: 'pcs' } : {}),
        value: maybe(0.85, Math.round((kg ?? 100) * (1 + rnd() * 3) * (rnd() < 0.03 ? 20 : 1))),
        currency: pick(currencies),
        concentration: maybe(0.2, Math.floor(rnd() * 100)),
        ...(consignee === undefined || consignee === supplier ? {} : { consignee }),
        ...(payer === undefined ? {} : { payer }),
      }),
    );
  }
  return bundleOf({ entities: [...entities, ...people], relations, shipments });
}

describe('the rules on a generated mixed bundle', () => {
  it('give the flags and coverage recorded from the implementation before the columns rewrite', () => {
    const bundle = mixedBundle(20261203);
    const analysis = analyze(bundle, { radiusKm: 50 });
    const result = evaluateFlags(bundle, analysis, loadReference());
    // volume-anomaly's evidence counts the peers since 2026-12-06 (it names at most 50 of them): no group of this
    // bundle has more than 50, so each count is the peers named, and without the count the flags are those recorded.
    const volume = result.flags.filter((f) => f.rule === 'volume-anomaly');
    expect(volume.length).toBeGreaterThan(0);
    for (const f of volume) {
      expect(f.evidence.peerCount).toBe((f.evidence.peers as string[]).length);
      delete f.evidence.peerCount;
    }
    // rapid-transit's evidence counts the onward shipments since 2026-12-07 (it names at most 20 of them): likewise.
    const transit = result.flags.filter((f) => f.rule === 'rapid-transit');
    expect(transit.length).toBeGreaterThan(0);
    for (const f of transit) {
      expect(f.evidence.onwardCount).toBe((f.evidence.onward as unknown[]).length);
      delete f.evidence.onwardCount;
    }
    const digest = createHash('sha256').update(JSON.stringify(result)).digest('hex');
    // Many rules fire, so that the digest means something.
    expect(new Set(result.flags.map((f) => f.rule)).size).toBeGreaterThan(8);
    expect({ flags: result.flags.length, digest }).toEqual(RECORDED);
  });
});
