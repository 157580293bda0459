import { RULES, showHs, showMoney, showMoneyTotals } from '@chokepoint/flags';
import { bundleOf, company, crossing, resultOf, ship, tie } from './helpers';

/** One bundle on which every rule fires. */
function everything() {
  const dist = company('dist', { isic: '4669', employees: 300 });
  const shop = company('shop', { isic: '4741', employees: 3, founded: '2016-01-10', address: 'Gümrük Cd. No:14, Akçakale', lat: 36.71, lon: 38.95 });
  const trader = company('trader', { isic: '4690', address: 'Gumruk Cd No 14 Akcakale' });
  const maker = company('maker', { isic: '2710' });
  const cars = company('cars', { isic: '7710' });
  const farms = [1, 2, 3, 4, 5].map((i) => company(`f${i}`, { isic: '0111', employees: 10 }));
  const tiny = company('tiny', { isic: '0111', employees: 2 });
  const [s1, s2] = ['s1', 's2'].map((id) => company(id, { isic: '4669' }));
  const dest = company('dest');
  // For the rules from the published guidance: a flour mill and its sister mill, bakeries that share one business
  // centre's address, a forwarder, a trader and a small clothes shop.
  const mill = company('zmill', { isic: '1061', country: 'TR' });
  const mill2 = company('zmill2', { isic: '1061', country: 'TR' });
  const bakeries = [1, 2, 3, 4, 5, 6].map((i) => company(`zbake${i}`, { isic: '1071', employees: 8, country: 'TR', ...(i <= 5 ? { address: 'Plaza Business Centre, Floor 3, Mersin' } : {}) }));
  const forwarder = company('zfwd', { isic: '5229', country: 'TR' });
  const general = company('ztrade', { isic: '4690', country: 'TR' });
  const kiosk = company('zkiosk', { isic: '4771', employees: 2, country: 'TR' });
  const flour = (buyer: string, value: number, fields: Record<string, unknown> = {}) =>
    ship('zmill', buyer, { commodity: 'wheat flour', hsCode: '110100', quantity: 10, unit: 't', value, currency: 'EUR', ...fields });
  return bundleOf({
    entities: [dist, shop, trader, maker, cars, ...farms, tiny, s1, s2, dest, mill, mill2, ...bakeries, forwarder, general, kiosk],
    places: [crossing('akc', 36.6936, 38.9436)],
    relations: [tie('trader', 'shop', 'owner'), tie('zmill', 'zmill2', 'owner')],
    shipments: [
      ship('dist', 'shop', { id: 'paste', commodity: 'aluminium paste', hsCode: '321290', quantity: 6, unit: 't', value: 18000, currency: 'USD', shipped: '2016-03-02', received: '2016-03-04' }),
      ship('shop', 'dest', { id: 'paste-on', commodity: 'aluminium paste', hsCode: '321290', quantity: 6, unit: 't', value: 19000, shipped: '2016-03-06', received: '2016-03-07' }),
      ship('s1', 'shop', { id: 'an', commodity: 'ammonium nitrate', hsCode: '310230', quantity: 5, unit: 't', value: 2000, currency: 'EUR' }),
      ship('s2', 'trader', { id: 'chlorate', commodity: 'sodium chlorate', hsCode: '282911', quantity: 5, unit: 't', consignee: 'shop' }),
      ship('s2', 'shop', { id: 'chlorate2', commodity: 'sodium chlorate', hsCode: '282911', quantity: 5, unit: 't' }),
      ship('maker', 'trader', { id: 'units', commodity: 'motion-control units', hsCode: '853710', quantity: 24, unit: 'pcs', value: 6000, currency: 'GBP', payer: 'cars', consignee: 'shop' }),
      ...farms.map((f, i) => ship('dist', f.id, { commodity: 'urea', hsCode: '310210', quantity: 20 + 3 * i, unit: 't', value: 9000, currency: 'EUR' })),
      ship('dist', 'tiny', { id: 'urea-eur', commodity: 'urea', hsCode: '310210', quantity: 150, unit: 't', value: 45000, currency: 'EUR' }),
      ship('dist', 'tiny', { id: 'urea-usd', commodity: 'urea', hsCode: '310210', quantity: 150, unit: 't', value: 50000, currency: 'USD' }),
      ...[1, 2, 3, 4, 5].map((i) => flour(`zbake${i}`, 4000 + 100 * i)),
      flour('zbake6', 40000, { id: 'flour-dear', shipped: '2016-05-01' }),
      ship('zbake6', 'ztrade', { id: 'flour-on', commodity: 'wheat flour', hsCode: '110100', quantity: 10, unit: 't', shipped: '2016-06-01' }),
      ship('ztrade', 'zmill2', { id: 'flour-back', commodity: 'wheat flour', hsCode: '110100', quantity: 10, unit: 't', shipped: '2016-07-01' }),
      ship('s1', 'zfwd', { id: 'an-fwd', commodity: 'ammonium nitrate', hsCode: '310230', quantity: 5, unit: 't', destinationCountry: 'IQ', transitCountries: ['IQ'] }),
      ship('s1', 'zkiosk', { id: 'an-kiosk', commodity: 'ammonium nitrate', hsCode: '310230', quantity: 1, unit: 't' }),
      ship('s2', 'zkiosk', { id: 'chlorate-kiosk', commodity: 'sodium chlorate', hsCode: '282911', quantity: 1, unit: 't' }),
      ship('dist', 'zkiosk', { id: 'paste-kiosk', commodity: 'aluminium paste', hsCode: '321290', quantity: 1, unit: 't' }),
    ],
  });
}

/** The trader matched to a fictional listed party (screening), so that the listed-party rules fire too. */
const LISTED = {
  listed: new Map([
    ['trader', [{ list: 'fictional list', listFile: 'fictional.jsonl', listedId: 'L-1', listedName: 'Trader Fictional', listedSchema: 'Company', line: 2, score: 0.95, evidence: ['names "TRADER Ltd" ~ "Trader Fictional": 0.93'], topics: ['sanction'], programs: [] }]],
  ]),
};

describe('evidence people can read', () => {
  it('writes an HS code as 3212.90, and a national tariff line in pairs after it (3102.30.00.00.00)', () => {
    expect(['3212', '321290', '31023000', '310230000000'].map(showHs)).toEqual(['3212', '3212.90', '3102.30.00', '3102.30.00.00.00']);
  });
  const { flags } = resultOf(everything(), undefined, 50, LISTED);

  it('every rule fires on the test bundle', () => {
    expect([...new Set(flags.map((f) => f.rule))].sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  it('every flag has sentences (ending with where to look) and a table of facts, with no raw values', () => {
    for (const f of flags) {
      expect(f.explanation.sentences.length).toBeGreaterThanOrEqual(2);
      expect(f.explanation.sentences[f.explanation.sentences.length - 1]).toMatch(/^Where to look: /);
      expect(f.explanation.facts.length).toBeGreaterThanOrEqual(2);
      const text = JSON.stringify(f.explanation);
      expect(text).not.toMatch(/undefined|NaN|\[object|null|Infinity/);
      for (const s of f.explanation.sentences) expect(s).toMatch(/[.)]$/);
      for (const fact of f.explanation.facts) {
        expect(fact.label.length).toBeGreaterThan(0);
        expect(fact.value.length).toBeGreaterThan(0);
      }
    }
  });

  it('says what was seen, not what anyone did', () => {
    const words = /\b(smuggl\w*|divert\w*|launder\w*|illegal\w*|criminal\w*|terroris\w*|guilty|suspect\w*|conceal\w*|evad\w*)\b/i;
    for (const f of flags) for (const s of f.explanation.sentences) expect(s).not.toMatch(words);
  });

  it('puts the value the rule saw beside its threshold', () => {
    const volume = flags.find((f) => f.rule === 'volume-anomaly')!;
    expect(volume.explanation.facts).toContainEqual({ label: 'Quantity per employee', value: '150,000 kg', threshold: '≥ 3 × the peer median (2,600 kg)' });
    const transit = flags.find((f) => f.rule === 'rapid-transit')!;
    expect(transit.explanation.facts).toContainEqual({ label: 'Time before shipping on', value: '2 days', threshold: '≤ 14 days' });
    const junction = flags.find((f) => f.rule === 'border-junction')!;
    expect(junction.explanation.facts).toContainEqual(expect.objectContaining({ label: 'Suppliers of watch-listed goods', threshold: 'at least 3' }));
  });

  it('gives every money figure its currency, and never adds different currencies', () => {
    for (const f of flags) {
      for (const fact of f.explanation.facts.filter((x) => /value/i.test(x.label))) {
        for (const part of fact.value.split('; ')) expect(part).toMatch(/^([A-Z]{3} [\d,.]+|[\d,.]+ \(currency not stated\))$/);
      }
      for (const s of f.explanation.sentences) {
        // "value USD 7,200", never a bare "value 7,200" (unless the currency is said not to be stated).
        for (const m of s.matchAll(/value ([\d,.]+) (\S+)/g)) expect(m[2]).toMatch(/^\(currency$/);
        for (const m of s.matchAll(/value ([A-Z]{3}) ([\d,.]+)/g)) expect(m[2]).toMatch(/^\d/);
      }
    }
    const volume = flags.find((f) => f.rule === 'volume-anomaly')!;
    expect(volume.explanation.facts.find((x) => x.label === 'Value of these shipments')!.value).toBe('EUR 45,000; USD 50,000');
    const onward = flags.find((f) => f.id === 'precursor-watchlist/paste-on')!;
    expect(onward.explanation.facts).toContainEqual({ label: 'Value', value: '19,000 (currency not stated)' });
  });

  it('formats money per currency', () => {
    expect(showMoney(1234.5, 'EUR')).toBe('EUR 1,234.5');
    expect(showMoneyTotals([{ value: 1, currency: 'USD' }, { value: 2, currency: 'EUR' }, { value: 3 }, { value: 4, currency: 'EUR' }])).toBe('EUR 6; USD 1; 3 (currency not stated)');
    expect(showMoneyTotals([{ currency: 'EUR' }])).toBeUndefined();
  });
});
