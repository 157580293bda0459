import type { Shipment } from '@chokepoint/model';
import { showHs, showQuantity } from '../text';
import type { FlagContext } from '../types';

/** "retail sale of mobile phones and accessories, ISIC 4741" or "line of business unknown". */
export function lineWords(ctx: FlagContext, id: string): string {
  const lob = ctx.lineOfBusiness(id);
  if (lob.isic === undefined) return lob.sector ?? 'line of business unknown';
  return lob.sector === undefined ? `ISIC ${lob.isic}` : `${lob.sector}, ISIC ${lob.isic}`;
}

/** "6,000 kg of aluminium paste (HS 3212.90)". */
export function goodsWords(s: Shipment): string {
  return `${showQuantity(s.quantity, s.unit, s.quantityKg)} of ${s.commodity}${s.hsCode === undefined ? '' : ` (HS ${showHs(s.hsCode)})`}`;
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
  return { isic: lob.isic ?? null, isicFrom: lob.from ?? null, sectorKeyword: lob.keyword ?? null, sector: lob.sector ?? null };
}
