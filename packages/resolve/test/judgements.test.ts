import { resolveEntities, type Judgement } from '@chokepoint/resolve';
import { bundle, entity, random, relation, shipment } from './helpers';

/** Three spellings of one firm (merged on their own), a near namesake (left for review) and an unrelated firm. */
function firms() {
  return [
    entity('k1', 'Örnek Kimya Ltd. Şti.', { country: 'TR', city: 'Gaziantep' }),
    entity('k2', 'ORNEK KIMYA LTD STI', { country: 'TR', city: 'Gaziantep' }),
    entity('k3', 'Ornek Kimya Limited Şirketi', { country: 'TR' }),
    entity('a', 'Anadolu Plastik A.Ş.', { country: 'TR' }),
    entity('b', 'Anadolu Plastik Ambalaj A.Ş.', { country: 'TR' }),
    entity('z', 'Zeytin Lojistik', { country: 'TR' }),
    entity('p', 'Hasan Kaya', { country: 'TR' }, 'person'),
  ];
}
const judge = (a: string, b: string, verdict: Judgement['verdict'], by = 'Ayla Demir', at = '2026-12-01T10:00:00.000Z'): Judgement => ({ a, b, verdict, by, at });

describe('judgements: a person\'s decisions on pairs of records', () => {
  test('without judgements nothing changes, and no `judged` is reported', () => {
    const r = resolveEntities(bundle(firms()));
    expect(r.merges.map((m) => [m.kept, ...m.merged])).toEqual([['k1', 'k2', 'k3']]);
    expect(r.possible.map((p) => [p.a, p.b])).toEqual([['a', 'b']]);
    expect(r.judged).toBeUndefined();
  });

  test('"same" merges a pair whatever its score, saying who judged it and when', () => {
    const r = resolveEntities(bundle(firms()), { judgements: [judge('a', 'b', 'same'), judge('z', 'k1', 'same')] });
    const ab = r.merges.find((m) => m.kept === 'a' || m.kept === 'b')!;
    expect([ab.kept, ...ab.merged].sort()).toEqual(['a', 'b']);
    expect(ab.evidence.join(' ')).toContain('judged the same by Ayla Demir on 2026-12-01');
    // A judged pair keeps its score: the merge says how alike the names were (below the threshold here).
    expect(ab.score).toBeLessThan(0.92);
    const firm = r.merges.find((m) => m.merged.includes('k2'))!;
    expect([firm.kept, ...firm.merged].sort()).toEqual(['k1', 'k2', 'k3', 'z']);
    expect(r.possible).toEqual([]);
    expect(r.judged).toEqual({ same: 2, notSame: 0, unsure: 0, notApplied: [] });
    expect(r.bundle.entities.map((e) => e.id).sort()).toEqual([ab.kept, firm.kept, 'p'].sort());
  });

  test('"not the same" keeps a pair apart whatever its score, and no chain of merges joins the two', () => {
    // k1 ~ k3 directly, and through k2: both ways are closed.
    const r = resolveEntities(bundle(firms()), { judgements: [judge('k1', 'k3', 'not-same'), judge('a', 'b', 'not-same')] });
    const groups = r.merges.map((m) => [m.kept, ...m.merged].sort());
    for (const g of groups) expect(g.includes('k1') && g.includes('k3')).toBe(false);
    expect(groups).toHaveLength(1);
    // The pair judged is decided: not listed again. A pair the judgement blocks is listed, saying which judgement.
    expect(r.possible.some((p) => [p.a, p.b].sort().join() === 'k1,k3' || [p.a, p.b].sort().join() === 'a,b')).toBe(false);
    const blocked = r.possible.find((p) => p.evidence.some((e) => e.includes('judged not the same')));
    expect(blocked?.evidence.join(' ')).toContain('not merged: it would join "k1" and "k3", judged not the same by Ayla Demir on 2026-12-01');
    expect(r.judged).toEqual({ same: 0, notSame: 2, unsure: 0, notApplied: [] });
  });

  test('"unsure" keeps a pair apart until someone decides, and lists it for review with the judgement, even one that would merge or scored too low to be listed', () => {
    const r = resolveEntities(bundle(firms()), { judgements: [judge('k1', 'k2', 'unsure', 'Ayla Demir', 'not a date'), judge('z', 'a', 'unsure', '', '')] });
    const k12 = r.possible.find((p) => p.a === 'k1' && p.b === 'k2')!;
    expect(k12.evidence.at(-1)).toBe('judged unsure by Ayla Demir');
    const za = r.possible.find((p) => [p.a, p.b].sort().join() === 'a,z')!;
    expect(za.score).toBeLessThan(0.8);
    expect(za.evidence.at(-1)).toBe('judged unsure');
    // Not through k3 either (each scored alike with it): k3 joins one of them, and its pair with the other is listed.
    const groupOf = (id: string) => r.aliases[id] ?? id;
    expect(groupOf('k1')).not.toBe(groupOf('k2'));
    expect(r.possible.some((p) => p.evidence.some((e) => e === 'not merged: it would join "k1" and "k2", judged unsure by Ayla Demir'))).toBe(true);
    expect(r.judged?.unsure).toBe(2);
  });

  test('judgements that cannot be applied are reported with why, never dropped in silence', () => {
    const r = resolveEntities(bundle(firms()), {
      judgements: [judge('k1', 'nobody', 'same'), judge('k1', 'k1', 'not-same'), judge('p', 'z', 'same'), judge('a', 'k1', 'not-same'), judge('b', 'k1', 'same'), judge('a', 'b', 'same')],
    });
    expect(r.judged?.notApplied).toEqual([
      { a: 'k1', b: 'nobody', verdict: 'same', reason: 'no record of the bundle has the id "nobody"' },
      { a: 'k1', b: 'k1', verdict: 'not-same', reason: 'the two ids are one record' },
      { a: 'p', b: 'z', verdict: 'same', reason: 'a person and a company cannot be one entity' },
      // b–k1 joined first (pairs are taken in bundle order: k1 comes first), then a–b would join a and k1.
      { a: 'a', b: 'b', verdict: 'same', reason: 'merging them would join "k1" and "a", judged not the same by Ayla Demir on 2026-12-01' },
    ]);
    expect(r.judged).toMatchObject({ same: 1, notSame: 1 });
  });

  test('ids that are names of object members are ids like any other', () => {
    const ents = [entity('__proto__', 'Örnek Kimya Ltd. Şti.', { country: 'TR' }), entity('toString', 'ORNEK KIMYA LTD STI', { country: 'TR' }), entity('constructor', 'Ornek Kimya Limited', { country: 'TR' })];
    expect(resolveEntities(bundle(ents)).merges).toHaveLength(1);
    const r = resolveEntities(bundle(ents), { judgements: [judge('toString', '__proto__', 'not-same'), judge('constructor', 'hasOwnProperty', 'same')] });
    const groupOf = (id: string) => (Object.prototype.hasOwnProperty.call(r.aliases, id) ? r.aliases[id] : id);
    expect(groupOf('toString')).not.toBe(groupOf('__proto__'));
    // The third record joins one of the two, not both.
    expect([groupOf('toString'), groupOf('__proto__')]).toContain(groupOf('constructor'));
    expect(r.judged).toEqual({ same: 0, notSame: 1, unsure: 0, notApplied: [{ a: 'constructor', b: 'hasOwnProperty', verdict: 'same', reason: 'no record of the bundle has the id "hasOwnProperty"' }] });
  });

  test('the last judgement of a pair counts (a changed mind)', () => {
    const r = resolveEntities(bundle(firms()), { judgements: [judge('a', 'b', 'same'), judge('b', 'a', 'not-same')] });
    expect(r.merges.some((m) => m.merged.includes('a') || m.merged.includes('b'))).toBe(false);
    expect(r.judged).toEqual({ same: 0, notSame: 1, unsure: 0, notApplied: [] });
  });

  test('ties and shipments follow a merge made by judgement', () => {
    const r = resolveEntities(bundle(firms(), [relation('p', 'b', 'owner')], [shipment('s1', 'z', 'b')]), { judgements: [judge('a', 'b', 'same')] });
    const kept = r.aliases.b ?? 'b';
    expect(r.bundle.relations.map((x) => `${x.source}>${x.target}`)).toEqual([`p>${kept}`]);
    expect(r.bundle.shipments.map((s) => `${s.supplier}>${s.buyer}`)).toEqual([`z>${kept}`]);
  });

  test('brute force: whatever the judgements and their order, no merged entity holds two records judged not the same, every pair judged the same is one entity unless reported, and the result does not depend on the order', () => {
    const r0 = random(7);
    for (let round = 0; round < 60; round++) {
      const ents = firms();
      const ids = ents.filter((e) => e.kind === 'company').map((e) => e.id);
      const js: Judgement[] = [];
      const seen = new Set<string>();
      for (let k = 0; k < 5; k++) {
        const a = ids[Math.floor(r0() * ids.length)];
        const b = ids[Math.floor(r0() * ids.length)];
        const key = [a, b].sort().join();
        if (a === b || seen.has(key)) continue;
        seen.add(key);
        const x = r0();
        js.push(judge(a, b, x < 0.45 ? 'same' : x < 0.9 ? 'not-same' : 'unsure'));
      }
      const r = resolveEntities(bundle(ents), { judgements: js });
      const groupOf = (id: string) => r.aliases[id] ?? id;
      for (const j of js) {
        if (j.verdict !== 'same') expect(groupOf(j.a)).not.toBe(groupOf(j.b));
        else if (!r.judged!.notApplied.some((n) => n.a === j.a && n.b === j.b)) expect(groupOf(j.a)).toBe(groupOf(j.b));
      }
      // Judgements in another order (one per pair) give the same groups and the same report of them.
      const again = resolveEntities(bundle(ents), { judgements: [...js].reverse() });
      expect(again.merges).toEqual(r.merges);
      expect(again.possible).toEqual(r.possible);
      expect(again.judged?.same).toBe(r.judged?.same);
    }
  });
});
