import { analyze } from '@chokepoint/engine';
import { evaluateFlags, parseReference, type Flag, type FlagsResult, type RulesConfig } from '@chokepoint/flags';
import type { Bundle, Entity, Place, Relation, Shipment } from '@chokepoint/model';

/** A small reference table set, independent of data/reference, so each rule's test is self-contained. */
export const REFERENCE = parseReference({
  watchlist: [
    'id,name,category,hs_prefixes,keywords,require_keyword,min_pcs,users,source',
    'aluminium-paste,aluminium paste,ied-component,321290,alumin,yes,,2022|4669,CAR 2020',
    'ammonium-nitrate,ammonium nitrate,explosive-precursor,310230,ammonium nitrate,no,,0111|2012|4669|4773,EU 2019/1148 Annex I',
    'sodium-chlorate,sodium chlorate,explosive-precursor,282911,sodium chlorate,no,,2011|4669,EU 2019/1148 Annex I',
    'mobile-phones,mobile phones in bulk,ied-component,851712,mobile phone,no,50,4741|4652,CAR 2020',
    'motion-control-units,motion-control units,ied-component,853710,motion,yes,,2710|28|4659,CAR 2020',
  ].join('\n'),
  sectorFit: [
    'isic_prefix,hs_prefixes,rationale',
    '*,2710|4011,fuel and tyres: any business',
    '4741,8517|8518,phone shops sell phones and accessories',
    '4669,28|29|31|32|38,chemical wholesale',
    '4690,*,general traders trade anything',
    '0111,31|1001,farms buy fertiliser and seed',
    '1071,1101|1701,bakeries buy flour and sugar',
    '5229,4819,forwarders buy packaging',
    '4773,31|1209,fertiliser and seed shops',
    '2710,85|7408,electrical equipment makers',
    '4652,8517|8541|8542,electronic components wholesale',
    '6419,8471,banks run offices',
    '7911,4911,travel agencies print brochures',
  ].join('\n'),
  sectorKeywords: ['keyword,isic,rationale', 'bakery,1071,', 'mobile phone,4741,', 'bank,6419,', 'leasing,6491,'].join('\n'),
  hs: ['section,hscode,description,parent,level', 'VI,321290,Pigments in non-aqueous media,3212,6', 'VI,3212,Pigments,32,4'].join('\n'),
});

const origin = { file: 'test', line: 1 };

export function company(id: string, fields: Partial<Entity> = {}): Entity {
  return { id, kind: 'company', name: `${id.toUpperCase()} Ltd`, attributes: {}, origin, ...fields };
}
export function person(id: string, fields: Partial<Entity> = {}): Entity {
  return { id, kind: 'person', name: `Person ${id}`, attributes: {}, origin, ...fields };
}
export function tie(source: string, target: string, kind: Relation['kind']): Relation {
  return { source, target, kind, attributes: {}, origin };
}
let n = 0;
export function ship(supplier: string, buyer: string, fields: Partial<Shipment> = {}): Shipment {
  const s: Shipment = { id: fields.id ?? `s${++n}`, supplier, buyer, commodity: 'goods', attributes: {}, origin, ...fields };
  if (s.quantity !== undefined && (s.unit === 'kg' || s.unit === 't') && !('quantityKg' in fields)) s.quantityKg = s.quantity * (s.unit === 't' ? 1000 : 1);
  return s;
}
export function crossing(id: string, lat: number, lon: number): Place {
  return { id, name: `${id} crossing`, kind: 'border_crossing', lat, lon, countries: ['TR', 'SY'], attributes: {}, origin };
}

export function bundleOf(parts: Partial<Bundle>): Bundle {
  return { name: 'test', entities: [], relations: [], shipments: [], places: [], rejected: [], warnings: [], ...parts };
}

/** Analyzes the bundle and evaluates the rules; returns the flags of one rule (or all). */
export function flagsOf(bundle: Bundle, rule?: string, config?: RulesConfig, radiusKm = 50): Flag[] {
  const result = evaluateFlags(bundle, analyze(bundle, { radiusKm }), REFERENCE, config);
  return rule === undefined ? result.flags : result.flags.filter((f) => f.rule === rule);
}

/** Analyzes the bundle and evaluates the rules; returns the whole result (flags and the rules as they ran). */
export function resultOf(bundle: Bundle, config?: RulesConfig, radiusKm = 50): FlagsResult {
  return evaluateFlags(bundle, analyze(bundle, { radiusKm }), REFERENCE, config);
}
