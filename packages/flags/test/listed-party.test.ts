import { analyze } from '@chokepoint/engine';
import { evaluateFlags, type ListedMatch } from '@chokepoint/flags';
import { bundleOf, company, person, REFERENCE, ship, tie } from './helpers';

const match = (listedId: string, topics: string[] = ['sanction']): ListedMatch => ({
  list: 'fictional list',
  listFile: 'fictional.jsonl',
  listedId,
  listedName: `Listed ${listedId}`,
  listedSchema: 'Company',
  line: 3,
  score: 0.96,
  evidence: ['same normalized name "x"', 'same country: TR'],
  topics,
  programs: ['FICT-1'],
});

function flags(bundle: ReturnType<typeof bundleOf>, listed?: Map<string, ListedMatch[]>) {
  return evaluateFlags(bundle, analyze(bundle, { radiusKm: 50 }), REFERENCE, undefined, listed === undefined ? {} : { listed });
}

describe('listed-party rules', () => {
  const bundle = bundleOf({
    entities: [company('sup'), company('lst'), company('front'), person('own'), company('other'), company('pep')],
    relations: [tie('lst', 'front', 'owner'), tie('own', 'other', 'director')],
    shipments: [ship('sup', 'lst', { id: 's1' }), ship('sup', 'front', { id: 's2' }), ship('sup', 'other', { id: 's3' }), ship('sup', 'pep', { id: 's4' })],
  });

  it('judge nothing without a list', () => {
    const r = flags(bundle);
    expect(r.flags.filter((f) => f.rule === 'listed-party-match' || f.rule === 'shipment-to-listed')).toEqual([]);
  });

  it('flag a matched party with its list, a shipment to it, and one to an entity one tie away with the path', () => {
    const r = flags(bundle, new Map([['lst', [match('L-1')]]]));
    const matched = r.flags.filter((f) => f.rule === 'listed-party-match');
    expect(matched.map((f) => [f.entity, f.severity])).toEqual([['lst', 'high']]);
    expect(matched[0].explanation.sentences[0]).toMatch(/matches a party of the list fictional list: Listed L-1 \(Company L-1\), line 3 of fictional\.jsonl, score 0\.96/);
    expect(matched[0].explanation.sentences.at(-2)).toMatch(/lead to verify, not an identification/);
    const shipped = r.flags.filter((f) => f.rule === 'shipment-to-listed');
    expect(shipped.map((f) => [f.shipment, f.severity, f.entities])).toEqual([
      ['s1', 'high', ['lst', 'sup']],
      ['s2', 'medium', ['front']],
    ]);
    expect(shipped[1].evidence).toMatchObject({ hops: 1, listedEntity: 'lst', path: [{ from: 'front', to: 'lst', kind: 'owner' }] });
    expect(shipped[1].explanation.facts.find((x) => x.label === 'Path to the listed party')!.value).toMatch(/LST Ltd \(lst\) owns FRONT Ltd \(front\)/);
  });

  it('near miss: a shipment two ties away is not flagged; a politically exposed person is flagged at medium, and trading with his company is no flag', () => {
    const r = flags(
      bundleOf({ ...bundle, relations: [...bundle.relations, tie('front', 'other', 'associate'), tie('pep', 'own', 'owner')] }),
      new Map([
        ['lst', [match('L-1')]],
        ['own', [match('P-2', ['role.pep'])]],
      ]),
    );
    const shipped = r.flags.filter((f) => f.rule === 'shipment-to-listed').map((f) => f.shipment);
    expect(shipped).toEqual(['s1', 's2']);
    expect(r.flags.filter((f) => f.rule === 'listed-party-match').map((f) => [f.entity, f.severity])).toEqual([
      ['lst', 'high'],
      ['own', 'medium'],
    ]);
  });
});
