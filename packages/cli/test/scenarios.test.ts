/**
 * Findings an investigator can defend, on data nobody here tuned for: every scenario in data/scenarios with an
 * expected.json (written from the user docs by someone who did not read the code) is analyzed through the CLI,
 * and what its README says an investigator should find is checked.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '@chokepoint/report';
import { REPO, removeTempDirs, run, tempDir } from './run';

interface Expected {
  controllers?: string[];
  brokers?: string[];
  junctionSuppliers?: string[];
  borderGroups?: { members: string[]; crossing: string }[];
  expectedFlags?: { rule: string; entity: string; shipments?: string[]; severity?: string }[];
  notFlagged?: string[];
  notKeyNodes?: string[];
  sameAs?: string[][];
  notSameAs?: string[][];
  /** Ordinary businesses that none of the rules from the published guidance (issue 16) may flag. */
  notNewRuleFlags?: string[];
  /** The entities the review queue must put first, in any order. */
  reviewFirst?: string[];
}

/** The rules from the published guidance (issue 16). */
const GUIDANCE_RULES = ['unit-price', 'transshipment-hub', 'address-hub', 'round-tripping', 'forwarder-consignee', 'many-commodities'];

const SCENARIOS = join(REPO, 'data', 'scenarios');
const withExpectations = readdirSync(SCENARIOS).filter((name) => existsSync(join(SCENARIOS, name, 'expected.json')));

afterAll(removeTempDirs);

it('there are at least two scenarios with written expectations besides the demo', () => {
  expect(withExpectations.filter((n) => n !== 'border-procurement').length).toBeGreaterThanOrEqual(2);
});

describe.each(withExpectations)('scenario %s', (name) => {
  const expected = JSON.parse(readFileSync(join(SCENARIOS, name, 'expected.json'), 'utf8')) as Expected;
  let report: Report;
  let summary: string;
  const alias = (id: string) => report.resolution.aliases[id] ?? id;

  beforeAll(async () => {
    const out = join(tempDir(), 'report.json');
    const r = await run('analyze', join(SCENARIOS, name), '--out', out, '--threads', '1', '--quiet');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    summary = r.stdout;
  });

  it('puts the supplier every watch-listed shipment passes through on top', () => {
    for (const id of expected.junctionSuppliers ?? []) expect(report.keyNodes[0].id).toBe(alias(id));
  });

  it('ranks the planted controllers and brokers among the key nodes, with the scheme alone in the top five', () => {
    const planted = [...new Set([...(expected.controllers ?? []), ...(expected.brokers ?? [])].map(alias))];
    // A scenario that plants no controllers, brokers or junction makes no claim about the key nodes.
    if (planted.length === 0 && (expected.junctionSuppliers ?? []).length === 0) return;
    const rank = (id: string) => report.keyNodes.find((k) => k.id === id)?.rank ?? Infinity;
    // Every planted person or company behind the scheme is a key node …
    for (const id of planted) expect([id, rank(id) <= report.parameters.topKeyNodes]).toEqual([id, true]);
    // … at least two of them (or all, when fewer) in the top five …
    const top5 = report.keyNodes.slice(0, 5).map((k) => k.id);
    expect(top5.filter((id) => planted.includes(id)).length).toBeGreaterThanOrEqual(Math.min(2, planted.length));
    // … and the top five hold the junction, the planted people and companies and their group, nobody else: no shell
    // trader and no ordinary business.
    const scheme = new Set([...planted, ...(expected.junctionSuppliers ?? []).map(alias), ...(expected.borderGroups ?? []).flatMap((g) => g.members.map(alias))]);
    for (const id of top5) expect([id, scheme.has(id)]).toEqual([id, true]);
  });

  it('has no loose end and none of the minor entities in the top five', () => {
    const degree = new Map(report.entities.map((e) => [e.id, e.degree]));
    for (const k of report.keyNodes.slice(0, 5)) {
      expect([k.id, degree.get(k.id)! > 1]).toEqual([k.id, true]);
      expect((expected.notKeyNodes ?? []).map(alias)).not.toContain(k.id);
    }
  });

  it('names each planted company group near its crossing as one group', () => {
    for (const g of expected.borderGroups ?? []) {
      const members = g.members.map(alias);
      const group = report.groups.find((x) => members.every((m) => x.members.includes(m)));
      expect(group).toBeDefined();
      expect(group!.borderProximate).toBe(true);
      expect(group!.nearestPlace!.id).toBe(g.crossing);
      expect(group!.nearestPlace!.distanceKm).toBeLessThanOrEqual(report.parameters.radiusKm);
    }
  });

  it('measures a supply flow that is not zero, and says what it could not weigh or value', () => {
    const cp = report.chokepoints!;
    expect(cp).not.toBeNull();
    expect(cp.noFlow.kg === null || cp.noFlow.value === null).toBe(true);
    expect(cp.maxFlow.kg > 0 || cp.maxFlow.value > 0).toBe(true);
    for (const s of cp.sourcesAlsoTargets) expect(cp.sources).toContain(s);
    if (cp.unweighed.shipments > 0) expect(summary).toMatch(/could not be weighed in kg/);
  });

  it('never shows a money figure without its currency', () => {
    // In the summary every amount of money carries its currency code ("EUR 238,000" or "7,200 USD"), never a bare
    // "value 238,000".
    const amounts = [...summary.matchAll(/\b[Vv]alue:? (?:at most )?([A-Z]{3} )?(\d[\d,.]*)( [A-Z]{3})?/g)];
    expect(amounts.length).toBeGreaterThan(0);
    for (const m of amounts) expect([m[0], m[1] !== undefined || m[3] !== undefined]).toEqual([m[0], true]);
    for (const line of summary.split('\n').filter((l) => /\| Value +\|/.test(l))) expect(line).toMatch(/(\b[A-Z]{3} \d|\d [A-Z]{3}\b|\(currency not stated\))/);
    for (const t of report.measures.totals) expect(t.currency).toMatch(/^[A-Z]{3}$/);
  });

  it('finds the flags its author expected', () => {
    for (const f of expected.expectedFlags ?? []) {
      const hits = report.flags.filter((x) => x.rule === f.rule && x.entities.includes(alias(f.entity)));
      expect([f.rule, f.entity, hits.length > 0]).toEqual([f.rule, f.entity, true]);
    }
  });

  it('leaves alone the businesses its author expected to be left alone', () => {
    for (const id of expected.notFlagged ?? []) {
      const flags = report.flags.filter((x) => x.entity === alias(id));
      expect([id, flags.map((x) => x.rule)]).toEqual([id, []]);
    }
  });

  it('leaves the ordinary businesses to the rules from the published guidance', () => {
    for (const id of expected.notNewRuleFlags ?? []) {
      const flags = report.flags.filter((x) => GUIDANCE_RULES.includes(x.rule) && x.entities.includes(alias(id)));
      expect([id, flags.map((x) => x.rule)]).toEqual([id, []]);
    }
  });

  it('opens the review queue on the entities its author expected, and the summary on the queue', () => {
    const first = (expected.reviewFirst ?? []).map(alias);
    if (first.length === 0) return;
    expect(report.reviewQueue!.entries.slice(0, first.length).map((e) => e.id).sort()).toEqual([...first].sort());
    const lines = summary.split('\n');
    expect(lines.findIndex((l) => l.startsWith('Review first:'))).toBeLessThan(5);
    // Off-profile purchases of ordinary goods never come before an entry with any other indicator.
    const entries = report.reviewQueue!.entries;
    const firstWeak = entries.findIndex((e) => e.ordinaryOnly);
    if (firstWeak >= 0) expect(entries.slice(firstWeak).every((e) => e.ordinaryOnly)).toBe(true);
  });

  it('merges the name variants its author wrote, and keeps apart those that differ', () => {
    for (const [a, b] of expected.sameAs ?? []) expect([a, b, alias(a) === alias(b)]).toEqual([a, b, true]);
    for (const [a, b] of expected.notSameAs ?? []) expect([a, b, alias(a) !== alias(b)]).toEqual([a, b, true]);
  });
});

describe('upper-lars-transit with the shipped rules file of the Common High Priority List', () => {
  it('flags the ring’s buyers of integrated circuits and radio modules as non-users, and none of the ordinary firms that buy them', async () => {
    const out = join(tempDir(), 'report.json');
    const rules = join(REPO, 'data', 'rules', 'common-high-priority-list.yaml');
    const r = await run('analyze', join(SCENARIOS, 'upper-lars-transit'), '--rules', rules, '--out', out, '--threads', '1', '--quiet');
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    const entities = (rule: string) => [...new Set(report.flags.filter((f) => f.rule === rule).map((f) => f.entity))].sort();
    // The travel agency, the cosmetics shop, the IT consultancy, the general trader and the two Russian importers
    // (data/scenarios/upper-lars-transit/README.md); the first four also as new companies.
    expect(entities('precursor-watchlist')).toEqual(['am-evn-11', 'am-evn-17', 'am-evn-22', 'am-evn-26', 'ru-mow-01', 'ru-vlk-02']);
    expect(entities('new-company')).toEqual(['am-evn-11', 'am-evn-17', 'am-evn-22', 'am-evn-26']);
    // The distributor, the electronics repairer, the bank, the university and the telecom operator buy them too.
    const bought = new Set(report.shipments.filter((s) => /^(8542|851762|852691)/.test(s.hsCode ?? '')).map((s) => s.buyer));
    for (const id of ['am-evn-03', 'am-evn-15', 'am-evn-13', 'am-evn-02', 'am-evn-04']) expect([id, bought.has(id)]).toEqual([id, true]);
  });
});
