import type { Report } from '@chokepoint/report';

/**
 * A small version-2 report made by hand: a person who controls a holding that owns a flagged company, and whose
 * relative directs another; a payer abroad and a consignee (the ties shipments imply); money in two currencies; a
 * volume weighed with a density and a length that cannot be weighed; a company group with too few members located;
 * flags of two rules; supply chokepoints where no mass flowed.
 */
export function v2Report(): Report {
  const entity = (id: string, name: string, kind: string, extra: object = {}) => ({
    id, name, kind, lat: null, lon: null, attributes: {}, cluster: 1, group: 0, betweenness: 0, articulation: false, cutOff: 0, loneCutOff: 0, degree: 1, nearestCrossing: null, flags: [] as string[], ...extra,
  });
  const explanation = (first: string) => ({
    sentences: [first, 'Where to look: the invoices.'],
    facts: [
      { label: 'Quantity', value: '2,000 kg' },
      { label: 'Value', value: '7,200 USD', threshold: 'none' },
      { label: 'Time before shipping on', value: '3 days', threshold: '≤ 14 days' },
    ],
  });
  const flag = (id: string, rule: string, title: string, severity: string, entity: string, source = 'CAR (2020)') => ({
    id, rule, title, severity, entity, entities: [entity], shipments: [], counterparties: [], evidence: { raw: { nested: true } }, summary: `summary of ${id}`, explanation: explanation(`Headline of ${id}.`), source,
  });
  return {
    schemaVersion: 2,
    disclaimer: 'Findings are indicators for human review.',
    parameters: { seed: 1, radiusKm: 50, topKeyNodes: 20, lenient: false, rulesFile: null },
    input: { bundle: 'hand', dataFormatVersion: 1, counts: { entities: 7, relations: 6, shipments: 3, places: 1, rejectedRows: 0 }, rejected: [], warnings: [] },
    entities: [
      entity('p', 'Garba Kabarawa', 'person', { group: 1 }),
      entity('q', 'Musa Kabarawa', 'person', { group: 1 }),
      entity('h', 'Kabarawa Holding SA', 'company', { group: 1, lat: 13.7, lon: 5.3 }),
      entity('c1', 'Transit Konni SARL', 'company', { group: 1, flags: ['f1', 'f2', 'f3'] }),
      entity('c2', 'Bismillah Phones', 'company', { group: 1, flags: ['f4'] }),
      entity('s', 'Gwarzo Agro', 'company', { cluster: 2 }),
      entity('y', 'Ténéré Gulf DMCC', 'company', { cluster: 2, country: 'AE' }),
    ],
    relations: [
      { source: 'p', target: 'h', kind: 'director', attributes: {} },
      { source: 'h', target: 'c1', kind: 'owner', share: 60, attributes: {} },
      { source: 'q', target: 'p', kind: 'family', attributes: {} },
      { source: 'q', target: 'c2', kind: 'director', attributes: {} },
      { source: 'y', target: 'c1', kind: 'paid_for', viaShipments: ['s1'], attributes: {} },
      { source: 'c1', target: 'c2', kind: 'consigned_to', viaShipments: ['s2', 'missing'], attributes: {} },
    ],
    shipments: [
      { id: 's1', supplier: 's', buyer: 'c1', commodity: 'aluminium powder', hsCode: '760310', quantity: 2, unit: 't', quantityKg: 2000, value: 7200, currency: 'USD', shipped: '2021-09-06', payer: 'y', attributes: {} },
      { id: 's2', supplier: 's', buyer: 'c1', commodity: 'hydrogen peroxide', quantity: 120, unit: 'l', quantityKg: 121.2, kgBasis: { density: 1.01, source: 'CRC Handbook' }, value: 180000, currency: 'NGN', shipped: '2021-07-06', consignee: 'c2', attributes: {} },
      { id: 's3', supplier: 's', buyer: 'c2', commodity: 'detonating cord', quantity: 8, unit: 'm', shipped: '2022-01-10', attributes: {} },
    ],
    places: [{ id: 'x', name: 'Illela', kind: 'border_crossing', lat: 13.7, lon: 5.3, countries: ['NE', 'NG'] }],
    clusters: [
      { id: 1, members: ['p', 'q', 'h', 'c1', 'c2'], size: 5, borderProximate: true, enoughLocated: true, located: 3, withinRadius: 3, nearestPlace: { id: 'x', name: 'Illela', distanceKm: 4.66, minDistanceKm: 0.6 }, flaggedMembers: 2, hub: 'h' },
      { id: 2, members: ['s', 'y'], size: 2, borderProximate: false, enoughLocated: true, located: 2, withinRadius: 0, nearestPlace: { id: 'x', name: 'Illela', distanceKm: 157.2, minDistanceKm: 81.3 }, flaggedMembers: 0, hub: 's' },
    ],
    groups: [
      {
        id: 1, members: ['p', 'q', 'h', 'c1', 'c2'], size: 5, countries: ['NE', 'NG'], tieKinds: [{ kind: 'owner', count: 1 }, { kind: 'director', count: 2 }, { kind: 'family', count: 1 }],
        located: 1, withinRadius: 1, nearestPlace: { id: 'x', name: 'Illela', distanceKm: 4.2, minDistanceKm: 4.2 }, borderProximate: false, enoughLocated: false, clusters: [1], flaggedMembers: 2, flags: 4, controllers: ['p'],
      },
    ],
    keyNodes: [
      {
        id: 'p', name: 'Garba Kabarawa', rank: 1, role: 'control', score: 0.45, articulation: false, cutOff: 0, betweenness: 0.05, betweennessRank: 3, cluster: 1, bridges: 0, flags: 0,
        measures: { control: 1, flowCut: 0, brokerage: 0.5, betweenness: 0.1, cutOff: 0 }, loneCutOff: 0, controls: { companies: 2, flags: 4 },
        brokerage: { ties: { coordinator: 0, itinerant: 0, gatekeeper: 1, representative: 1, liaison: 0, crossBorder: 2, groupsBridged: 1 }, trade: { coordinator: 0, itinerant: 0, gatekeeper: 0, representative: 0, liaison: 0, crossBorder: 0, groupsBridged: 0 } },
        flowCut: null, reasons: ['stands behind 2 flagged companies'],
      },
    ],
    controllers: [
      {
        id: 'p', name: 'Garba Kabarawa', kind: 'person', group: 1, weight: 3, flags: { high: 2, medium: 1, low: 1 }, keyNodeRank: 1,
        companies: [
          { id: 'c1', name: 'Transit Konni SARL', flags: 3, throughFamily: false, path: [{ from: 'p', to: 'h', kind: 'director' }, { from: 'h', to: 'c1', kind: 'owner', share: 60 }] },
          { id: 'c2', name: 'Bismillah Phones', flags: 1, throughFamily: true, path: [{ from: 'p', to: 'q', kind: 'family' }, { from: 'q', to: 'c2', kind: 'director' }] },
        ],
      },
    ],
    bridges: [],
    flagRules: [
      { id: 'precursor-watchlist', title: 'Watch-listed precursor bought by a buyer with no documented use', enabled: true, severity: 'high', parameters: {}, source: 'CAR (2020)', coverage: { unit: 'watch-listed shipments', judged: 2, notJudged: [{ reason: 'concentration not stated', count: 1 }] } },
      { id: 'third-party-payer', title: 'Paid for by a third party outside the buyer’s group', enabled: true, severity: 'high', parameters: {}, source: 'FATF', coverage: { unit: 'shipments paid for by someone else', judged: 1, notJudged: [] } },
      { id: 'new-company', title: 'Company founded shortly before', enabled: false, severity: 'medium', parameters: {}, source: 'x' },
    ],
    flags: [
      flag('f1', 'precursor-watchlist', 'Watch-listed precursor bought by a buyer with no documented use', 'high', 'c1'),
      flag('f4', 'third-party-payer', 'Paid for by a third party outside the buyer’s group', 'high', 'c2', 'FATF'),
      flag('f2', 'precursor-watchlist', 'Watch-listed precursor bought by a buyer with no documented use', 'medium', 'c1'),
      flag('f3', 'precursor-watchlist', 'Watch-listed precursor bought by a buyer with no documented use', 'low', 'c1', 'EU 2019/1148'),
    ],
    chokepoints: {
      goods: 'watch-listed goods', sourcesSelection: 'suppliers', targetsSelection: 'near a border', sources: ['s', 'c1'], targets: ['c1', 'c2'], sourcesAlsoTargets: ['c1'], shipments: ['s1', 's2', 's3'], insideGroups: 1,
      unweighed: { shipments: 1, byUnit: [{ unit: 'm', shipments: 1 }] }, unvalued: { shipments: 1, byCurrency: [{ currency: 'none', shipments: 1 }] }, valueCurrency: 'EUR',
      maxFlow: { kg: 0, value: 5658.1 }, noFlow: { kg: 'no quantity that can be weighed in kg', value: null },
      flowCut: { measure: 'value', total: 5658.1, entities: [{ id: 's', amount: 5658.1, share: 1 }] },
      dominators: ['s'], partialDominators: [{ id: 'c1', targets: 1, share: 0.5 }], reachableTargets: 2, edgeCut: [], vertexCut: [{ id: 's', kg: 0, value: 5658.1 }],
      disruption: [{ id: 's', name: 'Gwarzo Agro', remainingFlowShare: null, remainingValueShare: 0, largestComponent: 5 }],
    },
    measures: {
      totals: [{ currency: 'NGN', amount: 180000, shipments: 1 }, { currency: 'USD', amount: 7200, shipments: 1 }], withoutValue: 1,
      conversion: { base: 'EUR', source: 'ECB', file: 'fx-rates.csv', rateDates: ['2010-09-10', '2010-09-10'], shipmentDates: ['2021-07-06', '2021-09-06'], rates: [{ currency: 'USD', date: '2010-09-10', perBase: 1.2725, source: 'ECB' }], currenciesWithoutRate: [{ currency: 'NGN', shipments: 1 }] },
      quantities: { byUnit: [{ unit: 't', shipments: 1, weighed: 1 }, { unit: 'l', shipments: 1, weighed: 1 }, { unit: 'm', shipments: 1, weighed: 0 }], weighedByDensity: 1, unweighed: 1 },
    },
  } as unknown as Report;
}
