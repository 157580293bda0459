import { emptyCase, setJudgement, type CaseFile } from '@chokepoint/case';
import { caseReportHtml } from '../src/web/core/case-report';
import { buildModel } from '../src/web/core/model';
import { commonNamesWords, evidenceFirst, foundWords, judgementWords, samePairCounts, samePairs, samePairsOf } from '../src/web/core/same';
import { v2Report } from './fixture';

const T = '2026-12-06T10:00:00.000Z';

/** The fixture with a merge (c1 kept, c1b merged into it) and a pair left for review (p, q). */
function model() {
  const r = { ...v2Report(), tool: { name: 'chokepoint' as const, version: '0.0.0-test' } };
  const c1 = r.entities.find((e) => e.id === 'c1')!;
  c1.attributes = { ...c1.attributes, aliases: 'c1b', alias_names: 'Kano <Chem> Ltd' };
  r.resolution = {
    enabled: true,
    merges: [{ kept: 'c1', merged: ['c1b'], score: 0.95, evidence: ['c1 ~ c1b (0.95): same normalized name "kano chem"'] }],
    possible: [{ a: 'p', b: 'q', score: 0.84, evidence: ['names "musa" ~ "moussa" (0.84)', 'persons need more than a name'] }],
    aliases: { c1b: 'c1' },
    dropped: { relations: 0, shipments: 0 },
  };
  return buildModel(r);
}
const judge = (c: CaseFile, a: string, b: string, v: 'same' | 'not-same' | 'unsure' | null) => setJudgement(c, a, b, v, 'Ana Duarte', T);

describe('one entity or two (core/same)', () => {
  it('lists the pairs left for review, then the records merged, with their names, entities and evidence', () => {
    const m = model();
    const pairs = samePairs(m, emptyCase({ bundle: 'b', now: T }));
    expect(pairs.map((p) => [p.a, p.b, p.found, p.score, p.entityA, p.entityB, p.judgement, p.state])).toEqual([
      ['p', 'q', 'possible', 0.84, 'p', 'q', null, null],
      ['c1', 'c1b', 'merged', 0.95, 'c1', 'c1', null, null],
    ]);
    // A merged record is named as it was read (the kept entity's alias names), and its evidence is its own link's.
    expect(pairs[1].nameB).toBe('Kano <Chem> Ltd');
    expect(pairs[1].evidence).toEqual(['c1 ~ c1b (0.95): same normalized name "kano chem"']);
    expect(foundWords(pairs[0])).toBe('Possibly the same, left for review (0.84)');
    expect(foundWords(pairs[1])).toBe('Merged into one entity by the analysis (0.95)');
    expect(judgementWords(pairs[0])).toBe('Not judged yet.');
    expect(samePairsOf(pairs, 'c1').map((p) => p.b)).toEqual(['c1b']);
    expect(samePairCounts(pairs)).toEqual({ pairs: 2, judged: 0, pending: 0, refused: 0 });
    // What tells most first: a judgement, why not merged, why listed whatever the score; the rest in order.
    expect(evidenceFirst(['names a ~ b (0.5)', 'same country IQ', 'the same name in Arabic and in Latin letters', 'judged unsure by Ana'])).toEqual(['judged unsure by Ana', 'the same name in Arabic and in Latin letters', 'names a ~ b (0.5)', 'same country IQ']);
  });

  it('names a merged record by its own name only when the kept entity\'s alias names tell it (else the kept name, or its id)', () => {
    const r = { ...v2Report(), tool: { name: 'chokepoint' as const, version: '0.0.0-test' } };
    const [c1, c2] = ['c1', 'c2'].map((id) => r.entities.find((e) => e.id === id)!);
    // c1 kept two records of its own name and one of another: the alias names hold that one name, not one per record.
    c1.attributes = { ...c1.attributes, aliases: 'x1; x2; x3', alias_names: 'Kano Chemicals (old)' };
    // c2 kept a record of the very same name: no alias names at all.
    c2.attributes = { ...c2.attributes, aliases: 'y1' };
    r.resolution = {
      enabled: true,
      merges: [
        { kept: 'c1', merged: ['x1', 'x2', 'x3'], score: 0.95, evidence: [] },
        { kept: 'c2', merged: ['y1'], score: 0.97, evidence: [] },
      ],
      possible: [],
      aliases: { x1: 'c1', x2: 'c1', x3: 'c1', y1: 'c2' },
      dropped: { relations: 0, shipments: 0 },
    };
    const names = new Map(samePairs(buildModel(r), emptyCase({ bundle: 'b', now: T })).map((p) => [p.b, p.nameB]));
    // (it gave x1 the name of x3, the one different name, by position)
    expect(names.get('x1')).toBe('x1');
    expect(names.get('x3')).toBe('x3');
    expect(names.get('y1')).toBe(c2.name);
  });

  it('says why persons of common names are not paired, naming the names borne most (nothing when none is)', () => {
    expect(commonNamesWords(model())).toBeNull();
    const r = { ...v2Report(), tool: { name: 'chokepoint' as const, version: '0.0.0-test' } };
    r.resolution = {
      ...r.resolution!,
      commonNames: { names: 224, persons: 160_000, most: [{ name: 'anna sokolov', persons: 790 }, { name: 'ivan petrov', persons: 780 }, { name: 'li wei', persons: 12 }, { name: 'omar haddad', persons: 9 }] },
    };
    expect(commonNamesWords(buildModel(r))).toBe(
      '160,000 persons bear one of 224 common names (more than six persons each, such as “anna sokolov” (790), “ivan petrov” (780), “li wei” (12)): none of them is paired with another person on the name alone, only with a shared registration number, phone or address.',
    );
    r.resolution.commonNames = { names: 1, persons: 8, most: [{ name: 'ali mohammed', persons: 8 }] };
    expect(commonNamesWords(buildModel(r))).toBe('8 persons bear a common name (more than six persons each, such as “ali mohammed” (8)): none of them is paired with another person on the name alone, only with a shared registration number, phone or address.');
    r.resolution.commonCompanyNames = { names: 2, companies: 24, most: [{ name: 'alnoor trading', companies: 14 }, { name: 'star electronics', companies: 10 }] };
    expect(commonNamesWords(buildModel(r))).toBe(
      '8 persons bear a common name (more than six persons each, such as “ali mohammed” (8)): none of them is paired with another person on the name alone, only with a shared registration number, phone or address. ' +
        '24 companies bear one of 2 common names (more than six companies each, such as “alnoor trading” (14), “star electronics” (10)): none of them is paired with another company on the name alone, only with a shared registration number, phone or address.',
    );
    delete r.resolution.commonNames;
    expect(commonNamesWords(buildModel(r))).toMatch(/^24 companies bear/);
  });

  it('says whether the report follows each judgement: pending until the bundle is analysed again with the case', () => {
    const m = model();
    let c = emptyCase({ bundle: 'b', now: T });
    c = judge(c, 'q', 'p', 'same'); // listed apart: pending
    c = judge(c, 'c1b', 'c1', 'not-same'); // merged: pending
    c = judge(c, 'h', 'y', 'not-same'); // two entities the analysis never compared: followed already
    const pairs = samePairs(m, c);
    expect(pairs.map((p) => [p.a, p.b, p.found, p.judgement?.verdict, p.state])).toEqual([
      ['p', 'q', 'possible', 'same', 'pending'],
      ['c1', 'c1b', 'merged', 'not-same', 'pending'],
      ['h', 'y', 'apart', 'not-same', 'applied'],
    ]);
    expect(judgementWords(pairs[0])).toBe('Same: judged by Ana Duarte, 2026-12-06 10:00 UTC; applies when the bundle is analysed again with this case.');
    expect(judgementWords(pairs[2])).toMatch(/; this report follows it\.$/);
    expect(samePairCounts(pairs)).toEqual({ pairs: 3, judged: 3, pending: 2, refused: 0 });
    // Judged unsure: kept apart, which this report already does for p and q.
    expect(samePairs(m, judge(c, 'p', 'q', 'unsure'))[0].state).toBe('applied');
    // A judgement the analysis was given and could not apply says why (not "applies when analysed again").
    m.report.resolution.judged = { same: 0, notSame: 1, unsure: 0, notApplied: [{ a: 'q', b: 'p', verdict: 'same', reason: 'merging them would join "p" and "x", judged not the same' }] };
    const refused = samePairs(m, c)[0];
    expect([refused.state, refused.refusal]).toEqual(['refused', 'merging them would join "p" and "x", judged not the same']);
    expect(judgementWords(refused)).toMatch(/; the analysis could not apply it: merging them would join "p" and "x", judged not the same\.$/);
    // Another verdict on the pair since: judged on its own terms (not the same, and apart: followed).
    expect(samePairs(m, judge(c, 'p', 'q', 'not-same'))[0].state).toBe('applied');
    delete m.report.resolution.judged;
    // A judgement on an id the report lacks is still listed (nothing dropped), its record opening nothing.
    const lost = samePairs(m, judge(c, 'p', 'gone', 'same')).find((p) => p.b === 'gone')!;
    expect([lost.entityB, lost.nameB, lost.found, lost.state]).toEqual([null, 'gone', 'apart', 'pending']);
  });

  it('the printed case report lists the judgements with who, when, the earlier verdicts and whether the report follows them, names escaped', () => {
    const m = model();
    let c = judge(emptyCase({ bundle: 'b', now: T }), 'c1', 'c1b', 'same');
    c = setJudgement(c, 'c1', 'c1b', 'not-same', 'Jon Meyer', '2026-12-07T09:00:00.000Z');
    const html = caseReportHtml({ model: m, case: c, pictures: [], generated: T, by: 'Ana Duarte' });
    expect(html).toContain('<h2>One entity or two: judgements on pairs of records</h2>');
    expect(html).toContain('Kano &lt;Chem&gt; Ltd');
    expect(html).not.toContain('<Chem>');
    expect(html).toContain('<strong>Not the same</strong> <span class="meta">by Jon Meyer, 2026-12-07 09:00 UTC</span><span class="threshold">before: same (Ana Duarte, 2026-12-06 10:00 UTC)</span>');
    expect(html).toContain('not yet applied in this report');
    expect(html).toContain('1 judgement on a pair of records');
    // Without judgements, no such section.
    expect(caseReportHtml({ model: m, case: emptyCase({ bundle: 'b', now: T }), pictures: [], generated: T, by: '' })).not.toContain('One entity or two');
  });
});
