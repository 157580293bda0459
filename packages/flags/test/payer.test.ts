import { parseRules } from '@chokepoint/flags';
import type { Relation } from '@chokepoint/model';
import { bundleOf, company, flagsOf, person, resultOf, ship, tie } from './helpers';

const maker = company('maker', { isic: '2710', country: 'GB' });
const trader = company('trader', { isic: '4690' });
const units = (payer: string, id = `u-${payer}`) => ship('maker', 'trader', { id, commodity: 'motion-control units', hsCode: '853710', quantity: 24, unit: 'pcs', value: 6000, currency: 'GBP', payer });
const payerFlags = (...args: Parameters<typeof flagsOf>) => flagsOf(args[0], 'third-party-payer', args[2]);

describe('third-party-payer: which ties were checked', () => {
  it('lists the kinds of tie it checked, in the evidence and the wording', () => {
    const stranger = company('stranger', { isic: '7710' });
    const [flag] = payerFlags(bundleOf({ entities: [maker, trader, stranger], shipments: [units('stranger')] }));
    expect(flag.severity).toBe('high');
    expect(flag.evidence).toMatchObject({
      tiesChecked: ['owner', 'director', 'family', 'shared_address', 'shared_phone', 'agent', 'associate', 'employee'],
      tiesNotCounted: ['paid_for', 'consigned_to'],
      payerTie: null,
    });
    expect(flag.summary).toMatch(/no ownership, directorship, family, shared address, shared phone, agent, associate or employment tie links the payer to the buyer or its group/);
    expect(flag.explanation.facts).toContainEqual({
      label: 'Tie between payer and buyer',
      value: 'none found',
      threshold: 'checked: ownership, directorship, family, shared address, shared phone, agent, associate or employment, through either company group; not counted: paid_for, consigned_to',
    });
  });

  it('does not count the paid_for tie that the payment itself implies', () => {
    const stranger = company('stranger', { isic: '7710' });
    const implied: Relation = { ...tie('stranger', 'trader', 'paid_for'), viaShipments: ['u-stranger'] };
    const [flag] = payerFlags(bundleOf({ entities: [maker, trader, stranger], relations: [implied], shipments: [units('stranger')] }));
    expect(flag.severity).toBe('high');
  });

  it('a payer recorded as the buyer’s agent is a known party: low, with the tie and where to look', () => {
    const agent = company('agent', { isic: '4610' });
    const [flag] = payerFlags(bundleOf({ entities: [maker, trader, agent], relations: [tie('agent', 'trader', 'agent')], shipments: [units('agent')] }));
    expect(flag.severity).toBe('low');
    expect(flag.evidence.payerTie).toEqual({ kind: 'agent', source: 'agent', target: 'trader', path: ['AGENT Ltd (agent) is recorded as an agent of TRADER Ltd (trader)'] });
    expect(flag.summary).toMatch(/; the payer is outside the buyer’s group, but AGENT Ltd \(agent\) is recorded as an agent of TRADER Ltd \(trader\)\.$/);
    expect(flag.explanation.sentences.join(' ')).toMatch(/Where to look: the agency between payer and buyer, and whether it covers paying for goods/);
  });

  it('an associate of a company of the buyer’s group counts too, through the group', () => {
    const owner = person('owner');
    const friend = company('friend', { isic: '7710' });
    const bundle = bundleOf({
      entities: [maker, trader, owner, friend],
      relations: [tie('owner', 'trader', 'owner'), tie('friend', 'owner', 'associate')],
      shipments: [units('friend')],
    });
    const [flag] = payerFlags(bundle);
    expect(flag.severity).toBe('low');
    expect((flag.evidence.payerTie as { path: string[] }).path).toEqual(['FRIEND Ltd (friend) is recorded as an associate of Person owner (owner)', 'Person owner (owner) owns TRADER Ltd (trader)']);
  });

  it('between two groups joined by several such ties, the tie between payer and buyer themselves is named, else the first', () => {
    const owner = person('owner');
    const friend = company('friend', { isic: '7710' });
    const other = company('other', { isic: '7710' });
    // friend's group (friend, other) and trader's group (trader, owner) are joined by two ties: other → owner first,
    // then friend → trader, the payer and the buyer themselves.
    const relations = [tie('owner', 'trader', 'owner'), tie('other', 'friend', 'shared_address'), tie('other', 'owner', 'associate'), tie('friend', 'trader', 'agent')];
    const direct = payerFlags(bundleOf({ entities: [maker, trader, owner, friend, other], relations, shipments: [units('friend')] }))[0];
    expect(direct.evidence.payerTie).toMatchObject({ kind: 'agent', source: 'friend', target: 'trader' });
    // Paid by `other`: no tie of its own to the buyer, so the first recorded between the groups.
    const first = payerFlags(bundleOf({ entities: [maker, trader, owner, friend, other], relations, shipments: [units('other')] }))[0];
    expect(first.evidence.payerTie).toMatchObject({ kind: 'associate', source: 'other', target: 'owner' });
  });

  it('the severity for agents and associates is a parameter', () => {
    const agent = company('agent', { isic: '4610' });
    const config = parseRules('rules: {third-party-payer: {parameters: {linkedSeverity: medium}}}', 'r.yaml');
    const bundle = bundleOf({ entities: [maker, trader, agent], relations: [tie('agent', 'trader', 'agent')], shipments: [units('agent')] });
    expect(flagsOf(bundle, 'third-party-payer', config)[0].severity).toBe('medium');
  });
});

describe('third-party-payer: banks and lenders', () => {
  const farm = company('farm', { isic: '0111' });
  const dist = company('dist', { isic: '4669' });
  const bank = company('bank', { isic: '6419', sector: 'commercial bank' });
  const fertiliser = (payer: string, id: string) => ship('dist', 'farm', { id, commodity: 'ammonium nitrate', hsCode: '310230', quantity: 20, unit: 't', value: 9000, currency: 'EUR', payer });

  it('a bank paying for a farm’s fertiliser is trade finance: no flag', () => {
    expect(payerFlags(bundleOf({ entities: [farm, dist, bank], shipments: [fertiliser('bank', 'f1')] }))).toEqual([]);
  });

  it('a lender found by its sector text (leasing, bank …) is trade finance too', () => {
    const lessor = company('lessor', { sector: 'Equipment and leasing finance' });
    const ourBank = company('ourbank', { sector: 'Bank of the Plains' });
    expect(payerFlags(bundleOf({ entities: [farm, dist, lessor, ourBank], shipments: [fertiliser('lessor', 'f2'), fertiliser('ourbank', 'f3')] }))).toEqual([]);
  });

  it('is flagged, low, when the purchase is itself an indicator: watch-listed goods for a non-user, off the buyer’s profile', () => {
    const shop = company('shop', { isic: '4741' });
    const paste = ship('dist', 'shop', { id: 'paste', commodity: 'aluminium paste', hsCode: '321290', quantity: 6, unit: 't', value: 18000, currency: 'USD', payer: 'bank' });
    const [flag] = payerFlags(bundleOf({ entities: [shop, dist, bank], shipments: [paste] }));
    expect(flag).toMatchObject({ severity: 'low', evidence: { payerIsFinance: true, combinedIndicators: ['the goods are watch-listed (aluminium paste) and the buyer is not a documented user of them', 'the goods do not fit the buyer’s line of business'] } });
    expect(flag.summary).toMatch(/the payer is a bank or lender \(ISIC 6419\): trade finance, flagged because the goods are watch-listed/);
    expect(flag.explanation.sentences.join(' ')).toMatch(/Where to look: the financing documents/);
  });

  it('a payer whose line of business is unknown is judged as any third party, and counted as not fully judged', () => {
    const unknown = company('unknown');
    const result = resultOf(bundleOf({ entities: [farm, dist, unknown, bank], shipments: [fertiliser('unknown', 'f4'), fertiliser('bank', 'f5'), fertiliser('farm', 'f6')] }));
    expect(result.flags.filter((f) => f.rule === 'third-party-payer').map((f) => [f.shipment, f.severity])).toEqual([['f4', 'high']]);
    expect(result.rules.find((r) => r.id === 'third-party-payer')!.coverage).toEqual({
      unit: 'shipments paid for by someone other than the buyer',
      judged: 1,
      notJudged: [{ reason: 'payer’s line of business unknown (whether it is a bank or lender could not be checked)', count: 1 }],
    });
  });
});
