import { brokerage, checkedBundle, companyGroups, groupTieKinds, HUB_GROUPS, addressKey, phoneKey, controlChains, rankKeyNodesOf, analyze, seededRandom, type Analysis } from '@chokepoint/engine';
import type { Bundle, Entity, Relation, RelationKind, Shipment } from '@chokepoint/model';

const origin = { file: 'x.csv', line: 1 };
const entity = (id: string, extra: Partial<Entity> = {}): Entity => ({ id, kind: id.startsWith('p') ? 'person' : 'company', name: `Name ${id}`, attributes: {}, origin, ...extra });
const tie = (source: string, target: string, kind: RelationKind, share?: number): Relation => ({ source, target, kind, ...(share === undefined ? {} : { share }), attributes: {}, origin });
const ship = (id: string, supplier: string, buyer: string, kg = 1000): Shipment => ({ id, supplier, buyer, commodity: 'goods', quantity: kg, unit: 'kg', quantityKg: kg, attributes: {}, origin });
const bundleOf = (entities: Entity[], relations: Relation[], shipments: Shipment[] = []): Bundle => ({ name: 't', entities, relations, shipments, places: [], rejected: [], warnings: [] });

describe('Gould–Fernandez brokerage against brute force', () => {
  /** Every ordered triple u → v → w with u, w not tied either way, classified by the definition. */
  function bruteForce(n: number, edges: [number, number][], group: number[], country: number[]) {
    const has = new Set(edges.map(([a, b]) => `${a},${b}`));
    const tied = (a: number, b: number) => has.has(`${a},${b}`) || has.has(`${b},${a}`);
    const roles = Array.from({ length: n }, () => ({ coordinator: 0, itinerant: 0, gatekeeper: 0, representative: 0, liaison: 0, crossBorder: 0 }));
    for (let v = 0; v < n; v++) {
      for (let u = 0; u < n; u++) {
        for (let w = 0; w < n; w++) {
          if (u === v || w === v || u === w || !has.has(`${u},${v}`) || !has.has(`${v},${w}`) || tied(u, w)) continue;
          const [gu, gv, gw] = [group[u], group[v], group[w]];
          const r = roles[v];
          if (gu === gv && gv === gw) r.coordinator++;
          else if (gu === gw) r.itinerant++;
          else if (gv === gw) r.gatekeeper++;
          else if (gu === gv) r.representative++;
          else r.liaison++;
          if (country[u] >= 0 && country[w] >= 0 && country[u] !== country[w]) r.crossBorder++;
        }
      }
    }
    return roles;
  }

  it('counts hubs from groups and countries alone: every path, tied ends included (an upper bound), with or without relevance', () => {
    const rng = seededRandom(2026);
    for (let t = 0; t < 150; t++) {
      const n = 2 + Math.floor(rng() * 10);
      const edges: [number, number][] = [];
      for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (a !== b && rng() < 0.35) edges.push([a, b]);
      const group = Array.from({ length: n }, () => Math.floor(rng() * 3));
      const country = Array.from({ length: n }, () => Math.floor(rng() * 3) - 1);
      const relevant = rng() < 0.5 ? Uint8Array.from({ length: n }, () => (rng() < 0.4 ? 1 : 0)) : undefined;
      const fast = brokerage({ n, source: edges.map((e) => e[0]), target: edges.map((e) => e[1]), group, country, relevant, exactPaths: 0 });
      const has = new Set(edges.map(([a, b]) => `${a},${b}`));
      for (let v = 0; v < n; v++) {
        const c = { coordinator: 0, itinerant: 0, gatekeeper: 0, representative: 0, liaison: 0, crossBorder: 0 };
        for (let u = 0; u < n; u++) {
          for (let w = 0; w < n; w++) {
            if (u === v || w === v || u === w || !has.has(`${u},${v}`) || !has.has(`${v},${w}`)) continue;
            if (relevant !== undefined && !relevant[u] && !relevant[w]) continue;
            const [gu, gv, gw] = [group[u], group[v], group[w]];
            if (gu === gv && gv === gw) c.coordinator++;
            else if (gu === gw) c.itinerant++;
            else if (gv === gw) c.gatekeeper++;
            else if (gu === gv) c.representative++;
            else c.liaison++;
            if (country[u] >= 0 && country[w] >= 0 && country[u] !== country[w]) c.crossBorder++;
          }
        }
        expect([t, v, fast.coordinator[v], fast.itinerant[v], fast.gatekeeper[v], fast.representative[v], fast.liaison[v], fast.crossBorder[v]]).toEqual([
          t, v, c.coordinator, c.itinerant, c.gatekeeper, c.representative, c.liaison, c.crossBorder,
        ]);
      }
    }
  });

  it('counts every role exactly as the definition on 200 random directed graphs', () => {
    const rng = seededRandom(1989);
    for (let t = 0; t < 200; t++) {
      const n = 2 + Math.floor(rng() * 10);
      const edges: [number, number][] = [];
      for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (a !== b && rng() < 0.3) edges.push([a, b]);
      // Repeated ties must not count twice.
      if (edges.length > 0 && rng() < 0.5) edges.push(edges[0]);
      const group = Array.from({ length: n }, () => Math.floor(rng() * 3));
      const country = Array.from({ length: n }, () => Math.floor(rng() * 3) - 1);
      const r = brokerage({ n, source: edges.map((e) => e[0]), target: edges.map((e) => e[1]), group, country });
      // The same with every neighbour's ties looked up rather than marked (as a hub's are).
      const looked = brokerage({ n, source: edges.map((e) => e[0]), target: edges.map((e) => e[1]), group, country, lookupAbove: 0 });
      expect(looked).toEqual(r);
      const expected = bruteForce(n, edges, group, country);
      for (let v = 0; v < n; v++) {
        expect([t, v, r.coordinator[v], r.itinerant[v], r.gatekeeper[v], r.representative[v], r.liaison[v], r.crossBorder[v]]).toEqual([
          t,
          v,
          expected[v].coordinator,
          expected[v].itinerant,
          expected[v].gatekeeper,
          expected[v].representative,
          expected[v].liaison,
          expected[v].crossBorder,
        ]);
      }
    }
  });
});

describe('company groups', () => {
  it('joins ownership, directorship, family, shared addresses and phones across borders, and nothing else', () => {
    const b = bundleOf(
      [
        entity('p1', { country: 'SY' }),
        entity('p2', { country: 'TR' }),
        entity('c1', { country: 'TR', attributes: { phone: '+90 414 555 0101' } }),
        entity('c2', { country: 'SY', attributes: { phone: '0090-414-555-0101' } }),
        entity('c3', { country: 'TR', address: 'Gümrük Cd. No 14, Akçakale' }),
        entity('c4', { country: 'TR', address: 'GUMRUK CD NO 14 AKCAKALE' }),
        entity('c5'),
        entity('c6'),
        entity('toString'),
      ],
      [tie('p1', 'p2', 'family'), tie('p2', 'c1', 'owner', 60), tie('c5', 'c6', 'associate'), tie('c5', 'toString', 'agent')],
      [ship('s1', 'c3', 'c5')],
    );
    const g = companyGroups(b);
    const members = g.groups.map((x) => x.members);
    expect(members).toEqual([['p1', 'p2', 'c1', 'c2'], ['c3', 'c4']]);
    expect(g.groups[0].ties.map((t) => t.kind)).toEqual(['family', 'owner', 'same_phone']);
    expect(Array.from(g.groupOf)).toEqual([1, 1, 1, 1, 2, 2, 0, 0, 0]);
  });

  it('does not join by a phone or address that entities of HUB_GROUPS groups or more share (a registered agent): below, it joins', () => {
    expect(HUB_GROUPS).toBe(5);
    const agent = 'Trust Company Complex, Ajeltake Road, Majuro';
    // Six companies at the agent's address, two of them owned by one person (five groups: a hub); at a family's office,
    // four companies of four groups (not a hub: one group); one phone of five unrelated companies (a hub).
    const entities = [
      entity('p1'),
      ...['a1', 'a2', 'a3', 'a4', 'a5', 'a6'].map((id) => entity(id, { address: agent })),
      ...['f1', 'f2', 'f3', 'f4'].map((id) => entity(id, { address: 'Gümrük Cd. No 14, Akçakale' })),
      ...['t1', 't2', 't3', 't4', 't5'].map((id) => entity(id, { attributes: { phone: '+90 414 555 0101' } })),
    ];
    const g = companyGroups(bundleOf(entities, [tie('p1', 'a1', 'owner', 60), tie('p1', 'a2', 'owner', 60)], []));
    expect(g.groups.map((x) => x.members)).toEqual([['f1', 'f2', 'f3', 'f4'], ['p1', 'a1', 'a2']]);
    expect(g.groups[0].ties.map((t) => [t.source, t.target, t.kind])).toEqual([['f1', 'f2', 'same_address'], ['f1', 'f3', 'same_address'], ['f1', 'f4', 'same_address']]);
    // One more owner tie makes the agent's companies four groups: then the address joins them all.
    const joined = companyGroups(bundleOf(entities, [tie('p1', 'a1', 'owner', 60), tie('p1', 'a2', 'owner', 60), tie('p1', 'a3', 'director')], []));
    expect(joined.groups[0].members).toEqual(['p1', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6']);
  });

  it('groups as the plain definition says, hubs left out, on random networks', () => {
    const rng = seededRandom(23);
    for (let round = 0; round < 60; round++) {
      const n = 5 + Math.floor(rng() * 40);
      const entities = Array.from({ length: n }, (_, i) =>
        entity(i === 0 ? 'toString' : `e${i}`, { ...(rng() < 0.4 ? { attributes: { phone: `+90 414 555 01${Math.floor(rng() * 2)}` } } : {}), ...(rng() < 0.4 ? { address: `Gümrük Cd. No ${Math.floor(rng() * 2)}, Akçakale` } : {}) }),
      );
      const kinds = ['owner', 'director', 'family', 'shared_address', 'associate'] as const;
      const relations = Array.from({ length: Math.floor(rng() * n) }, () => {
        const a = Math.floor(rng() * n);
        const b = (a + 1 + Math.floor(rng() * (n - 1))) % n;
        return tie(entities[a].id, entities[b].id, kinds[Math.floor(rng() * kinds.length)]);
      });
      // The definition: groups of the relations (connected parts, by search); a phone or address whose entities lie in
      // HUB_GROUPS of those or more joins nothing; else all of them are joined.
      const adjacent = entities.map(() => new Set<number>());
      const at = new Map(entities.map((e, i) => [e.id, i]));
      for (const r of relations) {
        if (r.kind === 'associate') continue;
        adjacent[at.get(r.source)!].add(at.get(r.target)!);
        adjacent[at.get(r.target)!].add(at.get(r.source)!);
      }
      const part = (adj: Set<number>[]) => {
        const of = new Array<number>(n).fill(-1);
        for (let s = 0; s < n; s++) {
          if (of[s] >= 0) continue;
          const stack = [s];
          of[s] = s;
          while (stack.length > 0) for (const v of adj[stack.pop()!]) if (of[v] < 0) stack.push(v), (of[v] = s);
        }
        return of;
      };
      const byRelations = part(adjacent);
      const keys = [(e: (typeof entities)[number]) => phoneKey(e.attributes.phone), (e: (typeof entities)[number]) => addressKey(e.address)];
      for (const key of keys) {
        const sharing = new Map<string, number[]>();
        entities.forEach((e, i) => {
          const k = key(e);
          if (k !== undefined) sharing.set(k, [...(sharing.get(k) ?? []), i]);
        });
        for (const list of sharing.values()) {
          if (new Set(list.map((i) => byRelations[i])).size >= HUB_GROUPS) continue;
          for (const i of list) for (const j of list) if (i !== j) adjacent[i].add(j);
        }
      }
      const whole = part(adjacent);
      const expected = [...new Set(whole)].map((root) => entities.map((e, i) => (whole[i] === root ? e.id : undefined)).filter((id) => id !== undefined)).filter((m) => m.length >= 2);
      const got = companyGroups(bundleOf(entities, relations, [])).groups.map((x) => x.members);
      expect(new Set(got.map((m) => m.join(' ')))).toEqual(new Set(expected.map((m) => m.join(' '))));
    }
  });

  it('counts the ties of each group by kind as the ties themselves add up, with the ends of the check or looked up', () => {
    const rng = seededRandom(11);
    for (let round = 0; round < 30; round++) {
      const n = 5 + Math.floor(rng() * 40);
      const entities = Array.from({ length: n }, (_, i) =>
        entity(i === 0 ? '__proto__' : `e${i}`, { ...(rng() < 0.2 ? { attributes: { phone: `+90 414 555 01${Math.floor(rng() * 3)}` } } : {}), ...(rng() < 0.2 ? { address: `Gümrük Cd. No ${Math.floor(rng() * 3)}, Akçakale` } : {}) }),
      );
      const kinds = ['owner', 'director', 'family', 'shared_address', 'associate', 'agent'] as const;
      const relations = Array.from({ length: Math.floor(rng() * 2 * n) }, () => {
        const a = Math.floor(rng() * n);
        const b = (a + 1 + Math.floor(rng() * (n - 1))) % n;
        return tie(entities[a].id, entities[b].id, kinds[Math.floor(rng() * kinds.length)]);
      });
      const b = bundleOf(entities, relations, []);
      const g = companyGroups(b);
      const expected = g.groups.map((x) => {
        const count = new Map<string, number>();
        for (const t of x.ties) count.set(t.kind, (count.get(t.kind) ?? 0) + 1);
        return { id: x.id, members: x.members, tieKinds: [...count].sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1)).map(([kind, c]) => ({ kind, count: c })) };
      });
      expect(groupTieKinds(b)).toEqual({ groups: expected, groupOf: g.groupOf });
      expect(groupTieKinds(b, checkedBundle(b))).toEqual({ groups: expected, groupOf: g.groupOf });
    }
  });
});

describe('control chains', () => {
  const b = bundleOf(
    [entity('p-head'), entity('p-son'), entity('p-nominee'), entity('c-hold'), entity('c-a'), entity('c-b'), entity('c-minor'), entity('c-c')],
    [
      tie('p-head', 'p-son', 'family'),
      tie('p-son', 'c-hold', 'owner', 100),
      tie('c-hold', 'c-a', 'owner', 51),
      tie('c-a', 'c-b', 'owner'),
      tie('p-nominee', 'c-b', 'director'),
      tie('p-head', 'c-minor', 'owner', 10),
      tie('c-b', 'c-c', 'owner', 30),
    ],
  );

  it('follows ownership and directorship along chains, skips stakes below 25 %, and relatives one step', () => {
    const chains = controlChains(b);
    const of = (id: string) => (chains.get(id) ?? []).map((c) => [c.id, c.path.length, c.throughFamily]);
    expect(of('p-son')).toEqual([
      ['c-hold', 1, false],
      ['c-a', 2, false],
      ['c-b', 3, false],
      ['c-c', 4, false],
    ]);
    // The head controls nothing himself (a 10 % stake is no control) but stands behind his son's companies.
    expect(of('p-head')).toEqual([
      ['c-hold', 2, true],
      ['c-a', 3, true],
      ['c-b', 4, true],
      ['c-c', 5, true],
    ]);
    expect(of('p-nominee')).toEqual([
      ['c-b', 1, false],
      ['c-c', 2, false],
    ]);
    expect(chains.has('c-minor')).toBe(false);
  });

  it('stops at the depth asked for', () => {
    expect((controlChains(b, { maxDepth: 2 }).get('p-son') ?? []).map((c) => c.id)).toEqual(['c-hold', 'c-a']);
  });
});

describe('key nodes: the people behind the flags, the brokers, the flow; loose ends count for little', () => {
  // Two clusters across a border tied by a family; a warehouse whose only cut-off is its own director.
  const entities = [
    entity('p-head', { country: 'SY' }),
    entity('p-son1', { country: 'TR' }),
    entity('p-son2', { country: 'SY' }),
    entity('c-shop', { country: 'TR' }),
    entity('c-trade', { country: 'TR' }),
    entity('c-sy1', { country: 'SY' }),
    entity('c-sy2', { country: 'SY' }),
    entity('c-dist', { country: 'TR' }),
    entity('c-ware', { country: 'TR' }),
    entity('p-wdir', { country: 'TR' }),
    entity('c-maker1', { country: 'DE' }),
    entity('c-maker2', { country: 'CN' }),
    ...Array.from({ length: 6 }, (_x, i) => entity(`c-buyer${i}`, { country: 'TR' })),
  ];
  const relations = [
    tie('p-head', 'p-son1', 'family'),
    tie('p-head', 'p-son2', 'family'),
    tie('p-son1', 'c-shop', 'owner', 100),
    tie('p-son1', 'c-trade', 'director'),
    tie('p-son2', 'c-sy1', 'owner', 60),
    tie('p-son2', 'c-sy2', 'director'),
    tie('p-wdir', 'c-ware', 'director'),
  ];
  const shipments = [
    ship('m1', 'c-maker1', 'c-dist', 5000),
    ship('m2', 'c-maker2', 'c-dist', 5000),
    ship('s1', 'c-dist', 'c-shop'),
    ship('s2', 'c-dist', 'c-trade'),
    ship('s3', 'c-trade', 'c-sy1'),
    ship('s4', 'c-shop', 'c-sy2'),
    ship('s5', 'c-dist', 'c-ware'),
    ...Array.from({ length: 6 }, (_x, i) => ship(`b${i}`, 'c-dist', `c-buyer${i}`)),
  ];
  const bundle = bundleOf(entities, relations, shipments);
  const analysis: Analysis = analyze(bundle);
  const names = new Map(entities.map((e) => [e.id, e.name]));
  const flags = new Map([
    ['c-shop', { high: 3, medium: 0, low: 0 }],
    ['c-trade', { high: 2, medium: 1, low: 0 }],
    ['c-sy1', { high: 1, medium: 0, low: 0 }],
    ['c-sy2', { high: 2, medium: 0, low: 0 }],
  ]);
  const keys = rankKeyNodesOf(analysis, bundle, {
    names,
    flags,
    controlled: controlChains(bundle),
    flowCut: { lost: new Map([['c-dist', { share: 1, amount: 9000 }], ['c-ware', { share: 0.05, amount: 450 }]]), total: 9000, format: (x) => `${x} kg`, goods: 'watch-listed goods' },
  });
  const rank = (id: string) => keys.findIndex((k) => k.id === id) + 1;

  it('puts the family head who stands behind the flagged companies on both sides near the top', () => {
    expect(rank('p-head')).toBeGreaterThan(0);
    expect(rank('p-head')).toBeLessThanOrEqual(3);
    const head = keys.find((k) => k.id === 'p-head')!;
    expect(head.controls).toEqual({ companies: 4, flags: 9 });
    expect(head.reasons[0]).toMatch(/^stands behind 4 flagged companies with 9 red flags/);
    expect(head.brokerage.ties.crossBorder).toBeGreaterThan(0);
    expect(head.reasons.join(" ")).toMatch(/links entities of different countries through its ties/);
  });

  it('keeps the distributor every shipment passes through on top', () => {
    expect(keys[0].id).toBe('c-dist');
    expect(keys[0].reasons.join(' ')).toMatch(/100% of the flow of watch-listed goods/);
  });

  it('does not reward a warehouse whose only cut-off is its own director', () => {
    const ware = analysis.entities.find((e) => e.id === 'c-ware')!;
    expect([ware.cutOff, ware.loneCutOff]).toEqual([1, 1]);
    expect(rank('c-ware') === 0 || rank('c-ware') > 5).toBe(true);
    expect(keys.slice(0, 5).map((k) => k.id)).not.toContain('p-wdir');
  });

  it('gives every reason in words that say where to look', () => {
    for (const k of keys) for (const r of k.reasons) expect(r).not.toMatch(/\b(guilty|criminal|terrorist|smuggl)/i);
  });
});
