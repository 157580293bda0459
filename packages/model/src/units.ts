import { ARABIC_UNITS, arabicKey, hasArabicLetters } from './arabic';
import { closest } from './suggest';
import { UNITS, type Unit } from './types';

/** What a unit measures: only masses give kilograms directly; volumes need the density of the goods. */
export type UnitKind = 'mass' | 'volume' | 'length' | 'area' | 'count';

export const UNIT_KINDS: Readonly<Record<Unit, UnitKind>> = {
  kg: 'mass',
  g: 'mass',
  t: 'mass',
  carats: 'mass',
  l: 'volume',
  m3: 'volume',
  m: 'length',
  m2: 'area',
  pcs: 'count',
  pairs: 'count',
  dozen: 'count',
  '1000u': 'count',
};

/**
 * How customs data and spreadsheets write each unit: the WCO standard units of quantity, their usual English
 * spellings and abbreviations, and the UN/ECE Recommendation 20 codes (KGM, GRM, TNE, CTM, LTR, MTQ, MTR,
 * MTK, NAR, C62, H87, NPR, DZN, MIL). Matched case-insensitively, ignoring dots and spaces ("Kgs.", "sq m",
 * "1000 u"); ² and ³ count as 2 and 3. "ton" is read as the metric tonne, as in customs data. The usual words in
 * French, Spanish, Portuguese, Italian, German, Turkish and Russian too, matched without accents (`pièces`, `Stück`,
 * `adet`, `шт`, `кг`).
 */
export const UNIT_SPELLINGS: Readonly<Record<Unit, readonly string[]>> = {
  kg: ['kg', 'kgs', 'kilo', 'kilos', 'kilogram', 'kilograms', 'kilogramme', 'kilogrammes', 'kilogramo', 'kilogramos', 'kilogramm', 'KGM', 'кг', 'килограмм', 'килограммов', 'кило'],
  g: ['g', 'gr', 'grs', 'gram', 'grams', 'gramme', 'grammes', 'gramo', 'gramos', 'gramm', 'GRM', 'г', 'гр', 'грамм', 'граммов'],
  t: ['t', 'tonne', 'tonnes', 'ton', 'tons', 'mt', 'metric ton', 'metric tons', 'metric tonne', 'metric tonnes', 'tonne métrique', 'tonnes métriques', 'tonelada', 'toneladas', 'tm', 'tn', 'tonelada métrica', 'toneladas métricas', 'tonnellata', 'tonnellate', 'Tonnen', 'TNE', 'т', 'тн', 'тонна', 'тонны', 'тонн', 'т.н.'],
  carats: ['carats', 'carat', 'ct', 'cts', 'CTM'],
  l: ['l', 'lt', 'ltr', 'ltrs', 'litre', 'litres', 'liter', 'liters', 'litro', 'litros', 'litri', 'LTR', 'л', 'литр', 'литров', 'літр'],
  m3: ['m3', 'm³', 'cbm', 'cu m', 'cubic metre', 'cubic metres', 'cubic meter', 'cubic meters', 'mètre cube', 'mètres cubes', 'metro cúbico', 'metros cúbicos', 'Kubikmeter', 'metreküp', 'MTQ', 'м3', 'м³', 'куб м', 'куб. м', 'кубометр', 'кубометров'],
  m: ['m', 'metre', 'metres', 'meter', 'meters', 'mtr', 'mtrs', 'lm', 'linear metre', 'linear metres', 'linear meter', 'linear meters', 'mètre', 'mètres', 'metro', 'metros', 'metri', 'MTR', 'м', 'метр', 'метров', 'пог м'],
  m2: ['m2', 'm²', 'sqm', 'sq m', 'square metre', 'square metres', 'square meter', 'square meters', 'mètre carré', 'mètres carrés', 'metro cuadrado', 'metros cuadrados', 'Quadratmeter', 'metrekare', 'MTK', 'м2', 'м²', 'кв м', 'кв. м'],
  pcs: ['pcs', 'pc', 'pce', 'pces', 'piece', 'pieces', 'u', 'unit', 'units', 'item', 'items', 'ea', 'each', 'nos', 'pièce', 'pièces', 'unité', 'unités', 'pieza', 'piezas', 'pza', 'pzas', 'unidad', 'unidades', 'und', 'unds', 'unid', 'peça', 'peças', 'pezzo', 'pezzi', 'Stück', 'Stk', 'adet', 'NAR', 'C62', 'H87', 'шт', 'штук', 'штука', 'штуки', 'ед', 'единиц', 'единица'],
  pairs: ['pairs', 'pair', 'pr', 'prs', 'paire', 'paires', 'par', 'pares', 'paio', 'paia', 'Paar', 'çift', 'NPR', 'пар', 'пара', 'пары'],
  dozen: ['dozen', 'dozens', 'dz', 'doz', 'dzn', 'douzaine', 'douzaines', 'docena', 'docenas', 'dúzia', 'dozzina', 'Dutzend', 'düzine', 'DZN', 'дюжина', 'дюжин'],
  '1000u': ['1000u', '1000 u', '1000 units', '1000 pcs', '1000 pieces', 'thousand', 'thousand units', 'thousand pieces', 'MIL', 'тыс шт', 'тыс. шт', '1000 шт'],
};

/** Units that are not WCO units of quantity but turn up in data, with what to do instead. */
const OTHER_UNITS: Readonly<Record<string, string>> = {
  lb: 'pounds are not a WCO unit of quantity: convert to kg (1 lb = 0.45359237 kg)',
  lbs: 'pounds are not a WCO unit of quantity: convert to kg (1 lb = 0.45359237 kg)',
  pound: 'pounds are not a WCO unit of quantity: convert to kg (1 lb = 0.45359237 kg)',
  pounds: 'pounds are not a WCO unit of quantity: convert to kg (1 lb = 0.45359237 kg)',
  oz: 'ounces are not a WCO unit of quantity: convert to g (1 oz = 28.349523125 g)',
  ozt: 'troy ounces are not a WCO unit of quantity: convert to g (1 oz t = 31.1034768 g)',
  gal: 'gallons are not a WCO unit of quantity: convert to l (1 US gallon = 3.785411784 l, 1 imperial gallon = 4.54609 l)',
  gallon: 'gallons are not a WCO unit of quantity: convert to l (1 US gallon = 3.785411784 l, 1 imperial gallon = 4.54609 l)',
  gallons: 'gallons are not a WCO unit of quantity: convert to l (1 US gallon = 3.785411784 l, 1 imperial gallon = 4.54609 l)',
  bbl: 'barrels are not a WCO unit of quantity: convert to l (1 oil barrel = 158.987294928 l)',
  ft: 'feet are not a WCO unit of quantity: convert to m (1 ft = 0.3048 m)',
  feet: 'feet are not a WCO unit of quantity: convert to m (1 ft = 0.3048 m)',
  sqft: 'square feet are not a WCO unit of quantity: convert to m2 (1 sq ft = 0.09290304 m²)',
  cm: 'centimetres are not a WCO unit of quantity: convert to m (100 cm = 1 m)',
  mm: 'millimetres are not a WCO unit of quantity: convert to m (1000 mm = 1 m)',
  ml: 'millilitres are not a WCO unit of quantity: convert to l (1000 ml = 1 l)',
  mg: 'milligrams are not a WCO unit of quantity: convert to g (1000 mg = 1 g)',
};

/**
 * Packages that customs records and ledgers count goods in (`240 drums`, `50 bags`, `12 cartons`): not WCO units of
 * quantity, but counts all the same. Read as pieces (`pcs`), with a note saying so: the count is of packages, and a
 * `weight_kg` column beside it gives the goods' mass. (`ct` stays carats; `bbl` is refused as a volume.)
 */
const PACKAGE_SPELLINGS: readonly string[] = [
  'drum', 'drums', 'bag', 'bags', 'sack', 'sacks', 'carton', 'cartons', 'ctn', 'ctns', 'box', 'boxes', 'case', 'cases',
  'crate', 'crates', 'pallet', 'pallets', 'bale', 'bales', 'roll', 'rolls', 'package', 'packages', 'pkg', 'pkgs',
  'packet', 'packets', 'bundle', 'bundles', 'can', 'cans', 'canister', 'canisters', 'jerrycan', 'jerrycans', 'cylinder',
  'cylinders', 'bottle', 'bottles', 'coil', 'coils', 'ibc', 'ibcs', 'tote', 'totes',
  'fût', 'fûts', 'sac', 'sacs', 'colis', 'caisse', 'caisses', 'palette', 'palettes', 'bidon', 'bidons',
  'tambor', 'tambores', 'saco', 'sacos', 'caja', 'cajas', 'bulto', 'bultos', 'Fass', 'Fässer', 'Säcke', 'Karton', 'Kartons', 'Kiste', 'Kisten', 'Paletten',
  'varil', 'variller', 'çuval', 'çuvallar', 'koli', 'koliler', 'kutu', 'kutular', 'palet', 'paletler',
  'бочка', 'бочки', 'бочек', 'мешок', 'мешка', 'мешков', 'коробка', 'коробки', 'коробок', 'ящик', 'ящика', 'ящиков', 'поддон', 'поддона', 'поддонов', 'упаковка', 'упаковки', 'упаковок', 'упак', 'место', 'места', 'мест',
];

/** Lower case, without dots, spaces, hyphens, underscores, ^ or accents; ² and ³ become 2 and 3. */
function squash(raw: string): string {
  return raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[.\s^_-]+/g, '')
    .replace(/ı/g, 'i')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}

const BY_SPELLING: ReadonlyMap<string, Unit> = new Map(
  UNITS.flatMap((unit) => UNIT_SPELLINGS[unit].map((s) => [squash(s), unit] as const)),
);

/** PACKAGE_SPELLINGS, squashed. */
const PACKAGES: ReadonlySet<string> = new Set(PACKAGE_SPELLINGS.map(squash));

/** ARABIC_UNITS by arabicKey (`كغم`, `طن`, `قطعة`). */
const BY_ARABIC: ReadonlyMap<string, Unit> = new Map(Object.entries(ARABIC_UNITS).map(([w, unit]) => [arabicKey(w), unit as Unit]));

/** The canonical unit for a spelling (`Kgs.` → `kg`, `MTQ` → `m3`, `1000 u` → `1000u`, `كغم` → `kg`), or undefined. */
export function unitOf(raw: string): Unit | undefined {
  return BY_SPELLING.get(squash(raw)) ?? (hasArabicLetters(raw) ? BY_ARABIC.get(arabicKey(raw)) : undefined);
}

/** Reads a unit of quantity, or says why it is not one (with a "did you mean" and the list of units). */
export function readUnit(raw: string): { ok: true; value: Unit; note?: string } | { ok: false; reason: string } {
  const unit = unitOf(raw);
  if (unit !== undefined) return { ok: true, value: unit };
  const shown = JSON.stringify(raw.length > 30 ? `${raw.slice(0, 27)}...` : raw);
  if (PACKAGES.has(squash(raw))) {
    return { ok: true, value: 'pcs', note: `${shown} read as pcs: a count of packages, not a WCO unit; a weight_kg column beside it gives the goods' mass` };
  }
  const other = OTHER_UNITS[squash(raw)];
  if (other !== undefined) return { ok: false, reason: `unit ${shown}: ${other}` };
  const near = closest(squash(raw), BY_SPELLING.keys(), 5).map((s) => BY_SPELLING.get(s)!);
  const guesses = [...new Set(near)];
  const hint = guesses.length > 0 ? ` (did you mean ${guesses.join(' or ')}?)` : '';
  return { ok: false, reason: `unknown unit ${shown}${hint}; the units are ${UNITS.join(', ')}, or their usual spellings (see docs/data-format.md)` };
}
