import { withShipmentTies, type Bundle, type Relation, type Shipment } from '@chokepoint/model';

function shipment(id: string, line: number, extra: Partial<Shipment> = {}): Shipment {
  return { id, supplier: 'sup', buyer: 'buy', commodity: 'sorbitol', attributes: {}, origin: { file: 'shipments.csv', line }, ...extra };
}

function bundle(shipments: Shipment[], relations: Relation[] = []): Bundle {
  return { name: 'b', entities: [], relations, shipments, places: [], rejected: [], warnings: [] };
}

const owner: Relation = { source: 'p', target: 'buy', kind: 'owner', attributes: {}, origin: { file: 'relations.csv', line: 2 } };

describe('withShipmentTies', () => {
  it('adds one paid_for (payer → buyer) and one consigned_to (buyer → consignee) per pair, with the shipments behind it', () => {
    const b = bundle(
      [
        shipment('s1', 2, { payer: 'pay' }),
        shipment('s2', 3, { consignee: 'con' }),
        shipment('s3', 4, { payer: 'pay', consignee: 'con' }),
        shipment('s4', 5, { buyer: 'other', payer: 'pay' }),
      ],
      [owner],
    );
    const out = withShipmentTies(b);
    expect(out.relations).toEqual([
      owner,
      { source: 'pay', target: 'buy', kind: 'paid_for', viaShipments: ['s1', 's3'], attributes: {}, origin: { file: 'shipments.csv', line: 2 } },
      { source: 'buy', target: 'con', kind: 'consigned_to', viaShipments: ['s2', 's3'], attributes: {}, origin: { file: 'shipments.csv', line: 3 } },
      { source: 'pay', target: 'other', kind: 'paid_for', viaShipments: ['s4'], attributes: {}, origin: { file: 'shipments.csv', line: 5 } },
    ]);
    // Pure: the bundle given is unchanged.
    expect(b.relations).toEqual([owner]);
  });

  it('adds nothing where the buyer pays or receives itself', () => {
    const b = bundle([shipment('s1', 2, { payer: 'buy', consignee: 'buy' })]);
    expect(withShipmentTies(b).relations).toEqual([]);
  });

  it('keeps an explicit tie of that kind for that pair instead of deriving one, and is idempotent', () => {
    const explicit: Relation = { source: 'pay', target: 'buy', kind: 'paid_for', attributes: { note: 'letter of credit' }, origin: { file: 'relations.csv', line: 3 } };
    const reverse: Relation = { source: 'buy', target: 'pay', kind: 'paid_for', attributes: {}, origin: { file: 'relations.csv', line: 4 } };
    const b = bundle([shipment('s1', 2, { payer: 'pay', consignee: 'con' })], [explicit, reverse]);
    const once = withShipmentTies(b);
    expect(once.relations.map((r) => [r.kind, r.source, r.target, r.viaShipments])).toEqual([
      ['paid_for', 'pay', 'buy', undefined],
      ['paid_for', 'buy', 'pay', undefined],
      ['consigned_to', 'buy', 'con', ['s1']],
    ]);
    expect(withShipmentTies(once)).toEqual(once);
  });

  it('derives a tie where the pair has a tie of another kind only, and returns the bundle itself when every tie it implies is written', () => {
    const owns: Relation = { source: 'pay', target: 'buy', kind: 'owner', attributes: {}, origin: { file: 'relations.csv', line: 2 } };
    const consigned: Relation = { source: 'buy', target: 'pay', kind: 'consigned_to', attributes: {}, origin: { file: 'relations.csv', line: 3 } };
    const b = bundle([shipment('s1', 2, { payer: 'pay' }), shipment('s2', 3, { consignee: 'pay' })], [owns, consigned]);
    expect(withShipmentTies(b).relations.map((r) => [r.kind, r.source, r.target, r.viaShipments])).toEqual([
      ['owner', 'pay', 'buy', undefined],
      ['consigned_to', 'buy', 'pay', undefined],
      ['paid_for', 'pay', 'buy', ['s1']],
    ]);
    const paid: Relation = { ...owns, kind: 'paid_for' };
    const written = bundle([shipment('s1', 2, { payer: 'pay' }), shipment('s2', 3, { consignee: 'pay' })], [paid, consigned]);
    expect(withShipmentTies(written)).toBe(written);
  });

  it('is stable: the same bundle gives the same ties in the same order', () => {
    const shipments = Array.from({ length: 30 }, (_, i) => shipment(`s${i}`, i + 2, { buyer: `b${i % 4}`, payer: `p${i % 3}`, consignee: `c${i % 5}` }));
    const a = withShipmentTies(bundle(shipments));
    const b = withShipmentTies(bundle(shipments.map((s) => ({ ...s }))));
    expect(JSON.stringify(a.relations)).toBe(JSON.stringify(b.relations));
    expect(a.relations[0]).toMatchObject({ source: 'p0', target: 'b0', kind: 'paid_for' });
    expect(a.relations[1]).toMatchObject({ source: 'b0', target: 'c0', kind: 'consigned_to' });
  });
});
