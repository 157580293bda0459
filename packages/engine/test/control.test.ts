import { CONTROL_DEFAULTS, controlChains, seededRandom, type ControlOptions, type ControlStep, type Controlled } from '@chokepoint/engine';
import type { Bundle, Entity, Relation, RelationKind } from '@chokepoint/model';

// controlChains runs on entity numbers and typed lists (a million entities, four million relations); this checks it
// against the plain definition, written the obvious way with maps and sets, on random networks.

const origin = { file: 'test', line: 1 };
const entity = (id: string): Entity => ({ id, kind: id.startsWith('p') ? 'person' : 'company', name: `Name ${id}`, attributes: {}, origin });
const tie = (source: string, target: string, kind: RelationKind, share?: number): Relation => ({ source, target, kind, ...(share === undefined ? {} : { share }), attributes: {}, origin });

/** The definition: breadth-first from each entity by ids, with a map of paths; relatives one step. */
function reference(bundle: Pick<Bundle, 'entities' | 'relations'>, options: ControlOptions = {}): Map<string, Controlled[]> {
  const minShare = options.minShare ?? CONTROL_DEFAULTS.minShare;
  const maxDepth = options.maxDepth ?? CONTROL_DEFAULTS.maxDepth;
  const known = new Set(bundle.entities.map((e) => e.id));
  const out = new Map<string, ControlStep[]>();
  const family = new Map<string, ControlStep[]>();
  const push = (map: Map<string, ControlStep[]>, key: string, step: ControlStep) => map.set(key, [...(map.get(key) ?? []), step]);
  for (const r of bundle.relations) {
    if (!known.has(r.source) || !known.has(r.target) || r.source === r.target) continue;
    if (r.kind === 'owner') {
      if (r.share !== undefined && r.share < minShare) continue;
      push(out, r.source, { from: r.source, to: r.target, kind: 'owner', ...(r.share === undefined ? {} : { share: r.share }) });
    } else if (r.kind === 'director') push(out, r.source, { from: r.source, to: r.target, kind: 'director' });
    else if (r.kind === 'family') {
      push(family, r.source, { from: r.source, to: r.target, kind: 'family' });
      push(family, r.target, { from: r.target, to: r.source, kind: 'family' });
    }
  }
  const ownOf = (start: string): Controlled[] => {
    const paths = new Map<string, ControlStep[]>([[start, []]]);
    const result: Controlled[] = [];
    let frontier = [start];
    for (let depth = 0; depth < maxDepth && frontier.length > 0; depth++) {
      const next: string[] = [];
      for (const u of frontier) {
        for (const step of out.get(u) ?? []) {
          if (paths.has(step.to)) continue;
          const path = [...paths.get(u)!, step];
          paths.set(step.to, path);
          result.push({ id: step.to, path, throughFamily: false });
          next.push(step.to);
        }
      }
      frontier = next;
    }
    return result;
  };
  const chains = new Map<string, Controlled[]>();
  for (const e of bundle.entities) {
    const mine = ownOf(e.id);
    const seen = new Set<string>([e.id, ...mine.map((c) => c.id)]);
    const all = [...mine];
    for (const step of family.get(e.id) ?? []) {
      for (const c of ownOf(step.to)) {
        if (seen.has(c.id)) continue;
        seen.add(c.id);
        all.push({ id: c.id, path: [step, ...c.path], throughFamily: true });
      }
    }
    const listed = options.only === undefined ? all : all.filter((c) => options.only!(c.id));
    if (listed.length > 0) chains.set(e.id, listed);
  }
  return chains;
}

/** A random network of people and companies: owners (some shares below the threshold), directors, relatives; ties to unknown ids, to itself, an id used twice. */
function randomBundle(seed: number, n: number, m: number): Pick<Bundle, 'entities' | 'relations'> {
  const rng = seededRandom(seed);
  const pick = (k: number) => Math.floor(rng() * k);
  const ids = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? `p${i}` : `c${i}`));
  const entities = ids.map(entity);
  entities.push(entity(ids[pick(n)]));
  const kinds: RelationKind[] = ['owner', 'owner', 'director', 'family', 'associate', 'shared_address'];
  const relations: Relation[] = [];
  for (let k = 0; k < m; k++) {
    const kind = kinds[pick(kinds.length)];
    const a = rng() < 0.02 ? 'ghost' : ids[pick(n)];
    const b = rng() < 0.02 ? a : ids[pick(n)];
    relations.push(tie(a, b, kind, kind === 'owner' && rng() < 0.6 ? [10, 25, 30, 51, 100][pick(5)] : undefined));
  }
  return { entities, relations };
}

describe('chains of control on entity numbers', () => {
  it('are those of the plain definition: the same controllers, the same entities and paths in the same order', () => {
    let deep = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const n = 5 + (seed % 7) * 6;
      const bundle = randomBundle(seed, n, n * (1 + (seed % 4)));
      const options: ControlOptions = seed % 5 === 0 ? { maxDepth: 2 } : seed % 5 === 1 ? { minShare: 50 } : {};
      const got = controlChains(bundle, options);
      const want = reference(bundle, options);
      expect([seed, JSON.stringify([...got])]).toEqual([seed, JSON.stringify([...want])]);
      deep += [...got.values()].flat().filter((c) => c.throughFamily && c.path.length > 2).length;
    }
    // Chains through relatives and along owners were reached, or the comparison says little.
    expect(deep).toBeGreaterThan(20);
  });

  it('list only the entities asked for, with the same paths, and leave out a controller of none of them', () => {
    let listed = 0;
    for (let seed = 41; seed <= 70; seed++) {
      const bundle = randomBundle(seed, 30, 60);
      const wanted = new Set(bundle.entities.filter((_e, i) => (i * 7 + seed) % 4 === 0).map((e) => e.id));
      const options: ControlOptions = { only: (id) => wanted.has(id) };
      const got = controlChains(bundle, options);
      expect([seed, JSON.stringify([...got])]).toEqual([seed, JSON.stringify([...reference(bundle, options)])]);
      for (const list of got.values()) for (const c of list) expect(wanted.has(c.id)).toBe(true);
      listed += got.size;
      // (the unfiltered chains hold more controllers than the filtered ones)
      expect(controlChains(bundle).size).toBeGreaterThanOrEqual(got.size);
    }
    expect(listed).toBeGreaterThan(30);
  });

  it('take ids such as __proto__ and toString as ordinary ids', () => {
    const bundle = { entities: ['__proto__', 'toString', 'constructor'].map(entity), relations: [tie('__proto__', 'toString', 'owner'), tie('toString', 'constructor', 'director'), tie('constructor', '__proto__', 'family')] };
    expect(JSON.stringify([...controlChains(bundle)])).toBe(JSON.stringify([...reference(bundle)]));
    expect(controlChains(bundle).get('constructor')!.map((c) => c.id)).toEqual(['toString']);
  });
});
