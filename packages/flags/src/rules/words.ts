import type { Shipment } from '@chokepoint/model';
import { showHs, showMoney, showQuantity } from '../text';
import type { Fact, FlagContext } from '../types';

const lineCache = new WeakMap<FlagContext, Map<string, string>>();

/** "retail sale of mobile phones and accessories, ISIC 4741" or "line of business unknown" (one string per entity and run). */
export function lineWords(ctx: FlagContext, id: string): string {
  let cache = lineCache.get(ctx);
  if (cache === undefined) lineCache.set(ctx, (cache = new Map()));
  let text = cache.get(id);
  if (text === undefined) {
    const lob = ctx.lineOfBusiness(id);
    text = lob.isic === undefined ? (lob.sector ?? 'line of business unknown') : lob.sector === undefined ? `ISIC ${lob.isic}` : `${lob.sector}, ISIC ${lob.isic}`;
    if (lob.sectorReadings !== undefined) text += `, though the sector text reads as ISIC ${lob.sectorReadings.join(' or ')}`;
    cache.set(id, text);
  }
  return text;
}

/**
 * "6,000 kg of aluminium paste (HS 3212.90)"; goods counted in another unit and weighed by the mass their row
 * declared keep their count first: "12,000 pcs (46 kg declared) of integrated circuits (HS 8542.31)".
 */
export function goodsWords(s: Shipment): string {
  const amount = massDeclared(s) && s.quantity !== undefined ? `${showQuantity(s.quantity, s.unit, undefined)} (${showQuantity(undefined, undefined, s.quantityKg)} declared)` : showQuantity(s.quantity, s.unit, s.quantityKg);
  return `${amount} of ${s.commodity}${s.hsCode === undefined ? '' : ` (HS ${showHs(s.hsCode)})`}`;
}

/** Whether a shipment's kilograms are the mass its row declared beside a count, a volume or a length (no density). */
export function massDeclared(s: Shipment): boolean {
  return s.kgBasis !== undefined && s.kgBasis.density === undefined && s.quantityKg !== undefined;
}

/** " on 2015-03-09" or "". */
export function dateWords(s: Shipment): string {
  const d = s.shipped ?? s.received;
  return d === undefined ? '' : ` on ${d}`;
}

/** The facts of a shipment, for evidence. */
export function shipmentFacts(s: Shipment): Record<string, unknown> {
  return {
    shipment: s.id,
    supplier: s.supplier,
    buyer: s.buyer,
    commodity: s.commodity,
    hsCode: s.hsCode ?? null,
    quantity: s.quantity ?? null,
    unit: s.unit ?? null,
    quantityKg: s.quantityKg ?? null,
    value: s.value ?? null,
    currency: s.currency ?? null,
    shipped: s.shipped ?? null,
    received: s.received ?? null,
  };
}

/** The facts of an entity's line of business, for evidence. */
export function lineFacts(ctx: FlagContext, id: string): Record<string, unknown> {
  const lob = ctx.lineOfBusiness(id);
  return {
    isic: lob.isic ?? null,
    isicFrom: lob.from ?? null,
    sectorKeyword: lob.keyword ?? null,
    sector: lob.sector ?? null,
    ...(lob.sectorReadings === undefined ? {} : { sectorReadings: lob.sectorReadings }),
  };
}

/** Text cut at a word boundary near `max` characters, with an ellipsis. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(' ', max);
  return `${text.slice(0, cut > max / 2 ? cut : max).replace(/[;,.]$/, '')} …`;
}

/** "aluminium paste, HS 3212.90 (Pigments in non-aqueous media)". */
export function goodsLabel(ctx: FlagContext, s: Shipment): string {
  if (s.hsCode === undefined) return `${s.commodity} (no HS code)`;
  const description = ctx.describeHs(s.hsCode);
  return `${s.commodity}, HS ${showHs(s.hsCode)}${description === undefined ? '' : ` (${shorten(description, 60)})`}`;
}

/**
 * "6,000 kg", with how a volume was weighed: "2,000 l (2,900 kg at 1.45 kg/l, density from …)", or where the mass of
 * counted goods came from: "240 pcs (6,000 kg, the mass declared in the column "Net Weight (kg)")".
 */
export function quantityLabel(s: Shipment): string {
  if (s.kgBasis !== undefined && s.quantity !== undefined && s.quantityKg !== undefined) {
    const density = s.kgBasis.density === undefined ? '' : ` at ${s.kgBasis.density} kg/l`;
    return `${showQuantity(s.quantity, s.unit, undefined)} (${showQuantity(undefined, undefined, s.quantityKg)}${density}, ${s.kgBasis.source})`;
  }
  return showQuantity(s.quantity, s.unit, s.quantityKg);
}

/** "s-0286, shipped 2016-03-02, received 2016-03-05". */
export function shipmentLabel(s: Shipment): string {
  return [s.id, ...(s.shipped === undefined ? [] : [`shipped ${s.shipped}`]), ...(s.received === undefined ? [] : [`received ${s.received}`])].join(', ');
}

/** The table rows of one shipment: the shipment, goods, quantity, value (with its currency) and parties. */
export function shipmentTable(ctx: FlagContext, s: Shipment, parties: { supplier?: boolean; buyer?: boolean } = { supplier: true, buyer: true }): Fact[] {
  return [
    { label: 'Shipment', value: shipmentLabel(s) },
    { label: 'Goods', value: goodsLabel(ctx, s) },
    { label: 'Quantity', value: quantityLabel(s) },
    ...(s.value === undefined ? [] : [{ label: 'Value', value: showMoney(s.value, s.currency) }]),
    ...(parties.supplier === false ? [] : [{ label: 'Supplier', value: `${ctx.label(s.supplier)}, ${lineWords(ctx, s.supplier)}` }]),
    ...(parties.buyer === false ? [] : [{ label: 'Buyer', value: `${ctx.label(s.buyer)}, ${lineWords(ctx, s.buyer)}` }]),
  ];
}

/** "Shipment s-0286 (shipped 2016-03-02) records DIST (dist) selling 6,000 kg of aluminium paste (HS 3212.90) to SHOP (shop)". */
export function recordWords(ctx: FlagContext, s: Shipment): string {
  const d = s.shipped ?? s.received;
  const when = d === undefined ? '' : ` (${s.shipped !== undefined ? 'shipped' : 'received'} ${d})`;
  const value = s.value === undefined ? '' : `, value ${showMoney(s.value, s.currency)}`;
  return `Shipment ${s.id}${when} records ${ctx.label(s.buyer)} buying ${goodsWords(s)} from ${ctx.label(s.supplier)}${value}`;
}

/** "X and Y belong to one company group: X owns Y; …" (the path that links them). */
export function groupWords(ctx: FlagContext, a: string, b: string, path: readonly string[]): string {
  return `${ctx.label(a)} and ${ctx.label(b)} belong to one company group (${linkWords(path)})`;
}

/** "HS 3212.90" or "no HS code". */
export function hsWords(s: Shipment): string {
  return s.hsCode === undefined ? 'no HS code' : `HS ${showHs(s.hsCode)}`;
}

/** The ties that link two entities, for sentences: all of them up to 6, else the first and last 3 around a count. */
export function linkWords(link: readonly string[]): string {
  if (link.length <= 6) return link.join('; ');
  return `${link.slice(0, 3).join('; ')}; … ${link.length - 6} more ties …; ${link.slice(-3).join('; ')}`;
}
