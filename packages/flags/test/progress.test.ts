import { analyze } from '@chokepoint/engine';
import { evaluateFlags, RULES } from '@chokepoint/flags';
import { bundleOf, company, crossing, REFERENCE, ship } from './helpers';

// A rule that reads a distributor's year of customs records keeps one rule busy for a minute (issue 14): besides the
// rules done, each says how far through its items it is, so that a person sees more than one line a rule.

describe('how far along the red-flag rules are', () => {
  // 9,000 shipments of a distributor to 300 companies, some near a crossing; 300 entities.
  const entities = [company('dist', { isic: '4669', lat: 37.0, lon: 37.4 }), ...Array.from({ length: 300 }, (_, i) => company(`c${i}`, { isic: i % 3 === 0 ? '4741' : '4663', ...(i % 2 === 0 ? { lat: 36.7, lon: 38.9 } : {}) }))];
  const shipments = Array.from({ length: 9000 }, (_, k) =>
    ship('dist', `c${(k * 7) % 300}`, { id: `s${k}`, commodity: k % 4 === 0 ? 'aluminium paste' : 'cement', hsCode: k % 4 === 0 ? '321290' : '252329', quantity: 100 + (k % 50), unit: 'kg', shipped: `2016-${String(1 + (k % 12)).padStart(2, '0')}-${String(1 + (k % 28)).padStart(2, '0')}` }),
  );
  const bundle = bundleOf({ entities, shipments, places: [crossing('akc', 36.6936, 38.9436)] });
  const analysis = analyze(bundle, { radiusKm: 50 });

  it('says, rule by rule, how much of its items each has read, in order, without changing a flag', () => {
    const calls: { done: number; total: number; rule?: string; share?: number }[] = [];
    const result = evaluateFlags(bundle, analysis, REFERENCE, undefined, {}, { onProgress: (done, total, within) => calls.push({ done, total, ...within }) });
    expect(JSON.stringify(evaluateFlags(bundle, analysis, REFERENCE))).toBe(JSON.stringify(result));
    expect(result.flags.length).toBeGreaterThan(0);
    const enabled = result.rules.filter((r) => r.enabled).map((r) => r.id);
    // Before each rule: how many are done.
    expect(calls.filter((c) => c.rule === undefined).map((c) => c.done)).toEqual(enabled.map((_id, k) => k));
    // Within: every rule that reads items one by one says so, as the rule that runs (the count of rules done is its place).
    const within = calls.filter((c) => c.rule !== undefined);
    const rules = [...new Set(within.map((c) => c.rule))];
    // (the two rules of listed parties read nothing without lists screened against, and say nothing)
    const readers = RULES.map((r) => r.id).filter((id) => id !== 'listed-party-match' && id !== 'shipment-to-listed');
    expect(rules).toEqual(readers.filter((id) => enabled.includes(id)));
    for (const c of within) expect([c.rule, c.done, c.total]).toEqual([c.rule, enabled.indexOf(c.rule!), enabled.length]);
    // Rules over the shipments: at 0, then every 4,096 shipments, as a share that grows and stays below 1.
    const shares = (id: string) => within.filter((c) => c.rule === id).map((c) => Math.round(c.share! * 1000) / 1000);
    expect(shares('precursor-watchlist')).toEqual([0, 0.455, 0.91]);
    expect(shares('rapid-transit')).toEqual([0, 0.455, 0.91]);
    // volume-anomaly: the shipments read in the first half, the buyers' totals judged in the second.
    expect(shares('volume-anomaly').slice(0, 3)).toEqual([0, 0.228, 0.455]);
    expect(shares('volume-anomaly')[3]).toBe(0.5);
    // Rules over the entities (301 of them): once, at the start.
    expect(shares('new-company')).toEqual([0]);
    for (const id of rules) {
      const s = shares(id!);
      expect([id, s.every((x, i) => x >= 0 && x < 1 && (i === 0 || x > s[i - 1]))]).toEqual([id, true]);
    }
  });

  it('says, before the rules, how far through the shipments the two passes that build what they share are', () => {
    const calls: { step: string; share: number }[] = [];
    const before: string[] = [];
    const result = evaluateFlags(bundle, analysis, REFERENCE, undefined, {}, {
      onPreparing: (step, done, total) => calls.push({ step, share: Math.round((done / total) * 1000) / 1000 }),
      onProgress: () => before.push(`${calls.length}`),
    });
    expect(JSON.stringify(evaluateFlags(bundle, analysis, REFERENCE))).toBe(JSON.stringify(result));
    // The shipments read into columns, then matched against the watch list: at 0, then every 4,096 of the 9,000.
    expect(calls).toEqual([
      { step: 'columns', share: 0 },
      { step: 'columns', share: 0.455 },
      { step: 'columns', share: 0.91 },
      { step: 'watch list', share: 0 },
      { step: 'watch list', share: 0.455 },
      { step: 'watch list', share: 0.91 },
    ]);
    // All of it before the first rule.
    expect(before[0]).toBe('6');
  });
});
