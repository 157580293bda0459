#!/usr/bin/env node
// A realistic synthetic bundle (docs/data-format.md, version 1) for timing the whole `chokepoint analyze`
// pipeline (bench/pipeline.mjs). Seeded (mulberry32), deterministic: the same parameters give byte-identical files.
//
//   node bench/pipeline-bundle.mjs [--entities 100000] [--ties 1000000] [--seed 7] [--out DIR]
//
// It has the shape of bench/bundle.mjs (which stays as it is, for the engine and Neo4j benchmarks): clusters of
// 20-80 entities, regions of 20 clusters, one hub per region; 85 % of ties inside a cluster, 14.5 % between
// clusters of a region, 0.5 % between region hubs; 40 % of ties are relations and 60 % shipments; 80 % of entities
// located around ten centres, four of them near the border crossings of places.csv. Unlike bench/bundle.mjs it
// looks like what investigators hold, so that the red-flag rules find about as much as they do in real cases:
//
// - Companies have a line of business: an ISIC Rev.4 class (data/reference/isic/isic-rev4.csv) for 94 %, given
//   as the `isic` column, as a `sector` phrase of data/reference/sector-keywords.csv, or both; 6 % have none.
//   Roles: wholesalers (4690 general traders, 4669 chemicals, 4652 electronics …), manufacturers, retailers,
//   builders, farms, mines, hauliers and forwarders, services, banks; organizations are public bodies,
//   universities, hospitals and charities; persons own, direct, work for and are related to them.
// - Trade follows the lines of business: a buyer buys goods that fit its class (data/reference/sector-fit.csv),
//   mostly from a small basket of its own, from a supplier that stocks them (a wholesaler whose class fits them,
//   or a manufacturer that makes them). Manufacturers never sell a heading they buy; only wholesalers sell on
//   what they bought, so the rapid-transit rule sees the ordinary trade as ordinary.
// - Watch-listed goods (data/reference/watchlist.csv) are sold, about one shipment in 25, to their documented
//   users (a fertiliser shop buys ammonium nitrate, a phone shop mobile phones in bulk), by users that stock them
//   or by the manufacturers that make them; most state a concentration above the Annex I limit, some a diluted
//   one below it.
// - Company groups are small (one to eight companies with their owners and directors): ownership,
//   directorship, family and shared-address ties stay inside a group; employment, agency and association ties
//   join anyone. Some companies share a phone or an address inside their group. A few records (0.3 % of
//   companies) are the same company written another way, for name resolution to merge.
// - Payers and consignees: 2.5 % of shipments are paid by a bank, 1 % by another company of the buyer's
//   group; 0.1 % are delivered to a group company and 0.04 % to a freight forwarder.
// - Mixed units (kg, t, l, m3, pcs, m, m2, pairs, carats …) and currencies (TRY, USD, EUR, GBP, DKK, AED, CNY,
//   IQD, SYP) by the goods and the supplier's country; 10 % of shipments state no value, 3 % no HS code.
// - A small planted rate of anomalies, each a pattern a rule is meant to find: 0.2 % of shipments are goods that
//   do not fit the buyer, 0.03 % watch-listed goods bought by a buyer with no documented use, 0.03 % quantities
//   out of scale, 0.03 % paid by an outsider, 0.02 % goods shipped on within days by a buyer that is no
//   wholesaler; 0.5 % of companies were founded in late 2013, just before the trade of 2014-2019 begins.
//
// Flags it gives (chokepoint analyze with the default rules, main of 2026-12-03):
//   Version 2 (goods for the firm's own use within sector-fit.csv's max_pcs), 10k entities / 100k ties: 543 flags
//   on 60,000 shipments (0.9 %): volume-anomaly 271, off-profile-purchase 117 (planted: 101), consignee-mismatch 51,
//   unit-price 36, precursor-watchlist 30, third-party-payer 18, forwarder-consignee 12, rapid-transit 5,
//   new-company 2, round-tripping 1. 100k entities / 1M ties: 3,037 flags on 600,000 shipments (0.5 %):
//   off-profile-purchase 946 (planted: 817), volume-anomaly 678, consignee-mismatch 595, precursor-watchlist 238,
//   unit-price 199, third-party-payer 170, forwarder-consignee 133, rapid-transit 44, new-company 31,
//   round-tripping 3. Version 1 bought office goods by the hundred: off-profile-purchase 483 at
//   10k, 4,145 at 100k, most of them false.
//   Version 1, 100k entities / 1M ties, as first measured: 2,706 flags on 600,000 shipments (0.45 %): off-profile-purchase 939,
//   volume-anomaly 681, consignee-mismatch 590, precursor-watchlist 248, third-party-payer 170, rapid-transit 49,
//   new-company 29; name resolution merges 267 records into 266 entities. The report is 98 MB, with 212 MB of
//   records beside it (report.records.jsonl).
//   1M entities / 10M ties: 4,000,000 relations, 6,000,000 shipments, 2,181 name variants; generated in about
//   15 minutes (155 s of CPU, 1.9 GB peak) on a busy 2-core machine.
//   The earlier generator (bench/bundle.mjs) gives buyers no line of business: there the precursor rule alone
//   flags ~300,000 shipments and the report reaches 1.9 GB. Real investigations see well under 1 %.
// (Re-measure and update these figures when the generator version changes.)
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE, clusterLayout, mulberry32 } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const REFERENCE = join(here, '..', 'data', 'reference');

/** Bump when the output changes: cached bundles with another version are generated again. */
export const PIPELINE_BUNDLE_VERSION = 2;

/** Pieces per unit of count, as packages/flags counts them (pieces()). */
const PIECES = { pcs: 1, pairs: 2, dozen: 12, '1000u': 1000 };

/** Named sizes: the shape of today's bench (100k / 1M ties) and the large target (1M / 10M ties). */
export const PIPELINE_SIZES = {
  '10k': { entities: 10_000, ties: 100_000 },
  '100k': { entities: 100_000, ties: 1_000_000 },
  '1m': { entities: 1_000_000, ties: 10_000_000 },
};

export function pipelineBundleParams(entities = 100_000, ties = 1_000_000, seed = 7) {
  return { generator: 'pipeline-bundle', version: PIPELINE_BUNDLE_VERSION, entities, ties, seed };
}

export function pipelineBundleDir(params) {
  return join(CACHE, `pipeline-${params.entities}-${params.ties}-s${params.seed}`);
}

// ------------------------------------------------------------------------------------------ reference data --

/** RFC 4180 rows of a CSV text (quotes, doubled quotes, commas inside quotes). */
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', i = 0, quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') { if (text[i + 1] === '"') { field += '"'; i += 2; continue; } quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"') { quoted = true; i++; continue; }
    if (c === ',') { row.push(field); field = ''; i++; continue; }
    if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = ''; if (row.length > 1 || row[0] !== '') rows.push(row); row = []; i++; continue;
    }
    field += c; i++;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k] ?? ''])));
}

/** As the flags package folds text: lower case, no diacritics, runs of other characters one space. */
export function fold(text) {
  return text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
}

const startsWithAny = (code, prefixes) => prefixes.some((p) => code.startsWith(p));

/** What the generator needs from data/reference, with the same matching rules as packages/flags. */
function loadReference() {
  const read = (p) => parseCsv(readFileSync(join(REFERENCE, p), 'utf8'));
  const hsRows = read('hs/harmonized-system.csv');
  const watch = read('watchlist.csv').map((r) => ({
    // (a keyword in Arabic letters folds to nothing here, and no English description holds it: left out)
    id: r.id, name: r.name, hs: r.hs_prefixes.split('|'), keywords: r.keywords.split('|').map(fold).filter((k) => k !== ''),
    requireKeyword: r.require_keyword === 'yes', minPcs: r.min_pcs ? Number(r.min_pcs) : undefined,
    limit: r.concentration_limit ? Number(r.concentration_limit) : undefined, users: r.users.split('|'),
  }));
  const fitRows = read('sector-fit.csv').map((r) => ({ isic: r.isic_prefix, hs: r.hs_prefixes === '*' ? '*' : r.hs_prefixes.split('|'), maxPcs: r.max_pcs ? Number(r.max_pcs) : undefined }));
  const keywords = new Map();
  // (the English phrases: the keywords in other languages, added later, would change the bundles of every version)
  for (const r of read('sector-keywords.csv')) { if (/^(French|Spanish|Turkish|Arabic)\b/.test(r.rationale)) continue; if (!keywords.has(r.isic)) keywords.set(r.isic, []); keywords.get(r.isic).push(r.keyword); }
  const isicTitle = new Map(read('isic/isic-rev4.csv').filter((r) => r.level === 'class').map((r) => [r.code, r.description]));
  const allKeywords = watch.flatMap((w) => w.keywords);
  // Ordinary goods: 6-digit codes that no watch-list entry claims by code, whose words name no watched good.
  const pool = [];
  const described = new Map();
  for (const r of hsRows) {
    if (r.level !== '6') continue;
    const text = commodityText(r.description);
    described.set(r.hscode, text);
    if (watch.some((w) => startsWithAny(r.hscode, w.hs))) continue;
    const folded = ` ${fold(text)} `;
    if (allKeywords.some((k) => folded.includes(k))) continue;
    pool.push(r.hscode);
  }
  const universal = fitRows.filter((r) => r.isic === '*');
  /** Whether goods of `hs` fit ISIC class `isic`, as packages/flags decides (own rows first; '*' rows only with them). */
  const fitCache = new Map();
  const rowsCache = new Map();
  const ownRows = (isic) => {
    let rows = rowsCache.get(isic);
    if (rows === undefined) rowsCache.set(isic, (rows = fitRows.filter((r) => r.isic !== '*' && isic.startsWith(r.isic))));
    return rows;
  };
  const fits = (isic, hs) => {
    const key = `${isic}:${hs}`;
    let v = fitCache.get(key);
    if (v === undefined) {
      const own = ownRows(isic);
      v = own.length > 0 && [...own, ...universal].some((r) => r.hs === '*' || startsWithAny(hs, r.hs));
      fitCache.set(key, v);
    }
    return v;
  };
  const fitsOwn = (isic, hs) => ownRows(isic).some((r) => r.hs === '*' || startsWithAny(hs, r.hs));
  const fitsUniversal = (hs) => universal.some((r) => startsWithAny(hs, r.hs));
  /** The most pieces a business buys of `hs` for its own use, as packages/flags reads sector-fit.csv's max_pcs (no limit: Infinity). */
  const ownUsePieces = (hs) => {
    let most = 0;
    for (const r of universal) if (startsWithAny(hs, r.hs)) most = Math.max(most, r.maxPcs ?? Infinity);
    return most;
  };
  const isUser = (isic, w) => w.users.some((u) => isic.startsWith(u));
  return { pool, described, watch, fits, fitsOwn, fitsUniversal, ownUsePieces, isUser, keywords, isicTitle, hsCodes: hsRows.filter((r) => r.level === '6').map((r) => r.hscode) };
}

/** A shipment's words from an HS description: "Horses; live, pure-bred breeding animals" → "horses, live, pure-bred breeding animals". */
function commodityText(description) {
  let t = description.replace(/\s*n\.e\.c\.\s*in (item|subheading) no\.\s*[0-9.]+/gi, ' n.e.c.').replace(/\([^()]*\)/g, '').replace(/;/g, ',').replace(/\s+/g, ' ').replace(/ ,/g, ',').replace(/[()]/g, '').trim();
  if (t.length > 60) {
    const comma = t.lastIndexOf(',', 60);
    t = comma > 15 ? t.slice(0, comma) : t.slice(0, Math.max(15, t.lastIndexOf(' ', 60)));
  }
  t = t.replace(/[,\s]+$/, '');
  return t.charAt(0).toLowerCase() + t.slice(1);
}

// ------------------------------------------------------------------------------------------- the world --

const CENTRES = [
  { country: 'TR', lat: 37.07, lon: 37.38, cities: [['Gaziantep', 37.066, 37.383], ['Kilis', 36.718, 37.115], ['Nizip', 37.01, 37.794], ['Islahiye', 37.026, 36.631]] },
  { country: 'TR', lat: 36.71, lon: 38.95, cities: [['Sanliurfa', 37.167, 38.796], ['Akcakale', 36.711, 38.948], ['Harran', 36.865, 39.031], ['Suruc', 36.976, 38.425]] },
  { country: 'SY', lat: 36.2, lon: 37.16, cities: [['Aleppo', 36.202, 37.161], ['Azaz', 36.586, 37.046], ['Al-Bab', 36.37, 37.516]] },
  { country: 'IQ', lat: 36.34, lon: 43.13, cities: [['Mosul', 36.335, 43.119], ['Dahuk', 36.867, 42.988], ['Zakho', 37.144, 42.682]] },
  { country: 'DE', lat: 50.11, lon: 8.68, cities: [['Frankfurt am Main', 50.116, 8.684], ['Offenbach am Main', 50.1, 8.766], ['Hanau', 50.133, 8.917]] },
  { country: 'GB', lat: 51.51, lon: -0.13, cities: [['London', 51.507, -0.128], ['Croydon', 51.372, -0.101], ['Watford', 51.655, -0.396]] },
  { country: 'NL', lat: 51.92, lon: 4.48, cities: [['Rotterdam', 51.922, 4.479], ['Schiedam', 51.919, 4.4], ['Delft', 52.012, 4.359]] },
  { country: 'DK', lat: 55.68, lon: 12.57, cities: [['Copenhagen', 55.676, 12.568], ['Roskilde', 55.642, 12.08], ['Koge', 55.458, 12.182]] },
  { country: 'AE', lat: 25.2, lon: 55.27, cities: [['Dubai', 25.205, 55.271], ['Sharjah', 25.338, 55.412], ['Ajman', 25.405, 55.514]] },
  { country: 'CN', lat: 22.54, lon: 114.06, cities: [['Shenzhen', 22.543, 114.058], ['Dongguan', 23.021, 113.752], ['Huizhou', 23.112, 114.416]] },
];
const PLACES = [
  ['bc-oncupinar', 'Oncupinar crossing', 'border_crossing', 36.6425, 37.0853, 'TR|SY'],
  ['bc-akcakale', 'Akcakale crossing', 'border_crossing', 36.6936, 38.9436, 'TR|SY'],
  ['bc-habur', 'Habur crossing', 'border_crossing', 37.1406, 42.5686, 'TR|IQ'],
  ['bc-padborg', 'Padborg crossing', 'border_crossing', 54.8267, 9.3589, 'DK|DE'],
  ['port-rotterdam', 'Rotterdam port', 'port', 51.95, 4.14, 'NL'],
];

// Fictional names: family names built from syllables in the sound of each country (hundreds of thousands
// of them, so that a million entities need not share one), trade words by line of business, legal forms by country.
const PHONOLOGY = {
  TR: { onsets: ['B', 'C', 'D', 'G', 'K', 'M', 'N', 'S', 'T', 'Y', 'Z', 'H', 'Ak', 'Er', 'Oz', 'Ul', 'Ay', 'Ev'], nuclei: ['a', 'e', 'i', 'o', 'u'], codas: ['r', 'l', 'n', 'k', 's', 'z', 'm', 'y', 'ş', 'ç', ''], tails: ['', '', 'oglu', 'er', 'ci', 'han', 'kaya', 'dag', 'tepe', 'soy', 'demir', 'ler'] },
  SY: { prefix: 'Al-', onsets: ['H', 'K', 'S', 'N', 'F', 'Z', 'B', 'M', 'Q', 'T', 'R', 'J', 'D', 'Sh', 'Kh'], nuclei: ['a', 'i', 'u', 'aa', 'ou'], codas: ['r', 'l', 'm', 'n', 'd', 'b', 's', ''], tails: ['i', 'ani', 'awi', 'ali', 'idi', 'ousi', 'iyeh'] },
  IQ: { prefix: 'Al-', onsets: ['D', 'J', 'N', 'Sh', 'T', 'Kh', 'M', 'R', 'S', 'Z', 'H', 'Q', 'B', 'Gh'], nuclei: ['a', 'i', 'u', 'aa', 'ei'], codas: ['l', 'b', 'd', 'r', 'm', 'f', 'n', ''], tails: ['i', 'aimi', 'ouri', 'awi', 'aji', 'ani', 'abi'] },
  DE: { onsets: ['Br', 'H', 'K', 'L', 'St', 'W', 'B', 'F', 'Kr', 'R', 'S', 'Sch', 'G', 'M', 'Tr', 'Pf'], nuclei: ['a', 'e', 'i', 'o', 'u', 'ei', 'au'], codas: ['nn', 'lz', 'ss', 'ng', 'rn', 'ld', 'ck', 'rt', 'nd', 'l', 'r'], tails: ['mann', 'er', 'bach', 'feld', 'hoff', 'stedt', 'ler', 'brink', 'horst', 'meier'] },
  GB: { onsets: ['Ash', 'Br', 'C', 'D', 'F', 'G', 'H', 'K', 'L', 'M', 'P', 'R', 'Th', 'W', 'St', 'B'], nuclei: ['a', 'e', 'i', 'o', 'u', 'ai', 'ea'], codas: ['ck', 'ld', 'ng', 'rd', 'rn', 'll', 'n', 'x', 'sh', 'm'], tails: ['ford', 'ley', 'well', 'wood', 'ton', 'bury', 'field', 'more', 'by', 'dale', 'ham', 'son'] },
  NL: { onsets: ['B', 'D', 'G', 'H', 'K', 'L', 'M', 'R', 'V', 'W', 'Z', 'Br', 'Gr', 'St'], nuclei: ['a', 'e', 'ee', 'i', 'o', 'oo', 'ui', 'ij'], codas: ['k', 'n', 'r', 's', 'l', 'rk', 'nd', 'lt', 't'], tails: ['hout', 'man', 'stra', 'veld', 'kamp', 'huis', 'sma', 'hof', 'burg', 'dam', 'ink'] },
  DK: { onsets: ['B', 'D', 'F', 'H', 'K', 'L', 'M', 'N', 'R', 'S', 'T', 'V', 'Bj', 'Kr', 'Sk', 'St'], nuclei: ['a', 'e', 'i', 'o', 'u', 'ø', 'æ'], codas: ['r', 'l', 'n', 'g', 'k', 'd', 's', 'nd', 'lm'], tails: ['gaard', 'sen', 'berg', 'strup', 'vig', 'holm', 'lund', 'bro', 'dal', 'toft', 'bjerg'] },
  AE: { prefix: 'Al-', onsets: ['M', 'Sh', 'F', 'K', 'N', 'Q', 'R', 'S', 'Th', 'Z', 'H', 'B', 'D', 'J'], nuclei: ['a', 'aa', 'i', 'u', 'ou'], codas: ['r', 'l', 'n', 'm', 'b', 'd', 'z', ''], tails: ['i', 'ouqi', 'asi', 'yani', 'aishi', 'eidi', 'awi', 'ooni'] },
  CN: { onsets: ['H', 'J', 'X', 'D', 'T', 'L', 'F', 'Sh', 'Y', 'G', 'R', 'B', 'Zh', 'Ch', 'W', 'Q', 'M', 'K'], nuclei: ['ua', 'i', 'a', 'o', 'ia', 'e', 'u', 'ao', 'ei', 'ui'], codas: ['ng', 'n', ''], tails: [''] },
};
// Optional second words of company names (a brand, a region, a river).
const BRANDS = {
  TR: ['Anadolu', 'Yildiz', 'Altin', 'Ege', 'Toros', 'Firat', 'Dicle', 'Gunes', 'Kartal', 'Ozgur', 'Mavi', 'Inci', 'Zirve', 'Hilal', 'Birlik', 'Umut'],
  SY: ['Al-Noor', 'Al-Amal', 'Al-Fajr', 'Al-Shahba', 'Al-Furat', 'Al-Salam', 'Al-Wafa', 'Al-Hikma'],
  IQ: ['Al-Rafidain', 'Al-Noor', 'Al-Zawraa', 'Al-Khair', 'Al-Mawsil', 'Al-Ahram', 'Al-Huda', 'Al-Sabah'],
  DE: ['Nord', 'Rhein', 'Main', 'Sued', 'Hessen', 'Alpen', 'Taunus', 'Elbe'],
  GB: ['Northern', 'Albion', 'Thames', 'Pennine', 'Crown', 'Union', 'Meridian', 'Anglia'],
  NL: ['Noord', 'Delta', 'Maas', 'Holland', 'Polder', 'Oranje', 'Zuid', 'Haven'],
  DK: ['Nordisk', 'Sjaelland', 'Kyst', 'Baltic', 'Fjord', 'Oresund', 'Dansk', 'Vest'],
  AE: ['Gulf', 'Emirates', 'Falcon', 'Pearl', 'Desert Rose', 'Oasis', 'Crescent', 'Horizon'],
  CN: ['Pearl River', 'Golden Bridge', 'Orient', 'Southern', 'Bright Star', 'Evergreen', 'Grand Ocean', 'Sunrise'],
};
const FIRST_NAMES = {
  TR: ['Ahmet', 'Mehmet', 'Ayse', 'Fatma', 'Mustafa', 'Emine', 'Ali', 'Hatice', 'Huseyin', 'Zeynep', 'Hasan', 'Elif', 'Ibrahim', 'Meryem', 'Yusuf', 'Sultan', 'Omer', 'Hacer'],
  SY: ['Ahmad', 'Mohammad', 'Fatima', 'Khaled', 'Rania', 'Omar', 'Layla', 'Yasser', 'Hala', 'Samir', 'Nour', 'Bashar', 'Huda'],
  IQ: ['Ali', 'Hussein', 'Zainab', 'Abbas', 'Maryam', 'Haider', 'Noor', 'Mustafa', 'Sara', 'Karrar', 'Zahraa'],
  DE: ['Lukas', 'Anna', 'Jonas', 'Lea', 'Felix', 'Marie', 'Paul', 'Sophie', 'Jan', 'Laura', 'Stefan', 'Katrin'],
  GB: ['Oliver', 'Amelia', 'George', 'Isla', 'Harry', 'Ava', 'Jack', 'Emily', 'Thomas', 'Grace', 'James', 'Lucy'],
  NL: ['Daan', 'Emma', 'Sem', 'Julia', 'Lucas', 'Tess', 'Bram', 'Sanne', 'Thijs', 'Fleur', 'Ruben', 'Lotte'],
  DK: ['William', 'Ida', 'Noah', 'Freja', 'Oscar', 'Clara', 'Emil', 'Alma', 'Magnus', 'Karen', 'Mads', 'Sofie'],
  AE: ['Mohammed', 'Fatima', 'Rashid', 'Mariam', 'Saeed', 'Aisha', 'Hamdan', 'Shamma', 'Khalifa', 'Noora'],
  CN: ['Wei', 'Fang', 'Jun', 'Li', 'Min', 'Jing', 'Lei', 'Yan', 'Tao', 'Hui', 'Qiang', 'Xia'],
};
const LEGAL = {
  TR: ['Ltd. Sti.', 'A.S.', 'San. ve Tic. Ltd. Sti.', 'Tic. Ltd. Sti.'], SY: ['Co.', 'Trading Co.', 'LLC'], IQ: ['Co.', 'LLC', 'Trading Company'],
  DE: ['GmbH', 'AG', 'GmbH & Co. KG'], GB: ['Ltd', 'Limited', 'PLC'], NL: ['B.V.', 'N.V.'], DK: ['ApS', 'A/S'],
  AE: ['FZE', 'LLC', 'FZCO', 'DMCC'], CN: ['Co., Ltd.', 'Trading Co., Ltd.', 'Industrial Co., Ltd.'],
};
const STREETS = {
  TR: ['Ataturk Cd.', 'Cumhuriyet Cd.', 'Sanayi Sk.', 'Istasyon Cd.', 'Gazi Bulvari'], SY: ['Baghdad St.', 'Industrial Zone Rd.', 'Al-Jamiliyeh St.'],
  IQ: ['Nineveh St.', 'Industrial Area Rd.', 'Al-Nabi Younis St.'], DE: ['Hauptstrasse', 'Industriestrasse', 'Hafenweg'], GB: ['High Street', 'Station Road', 'Mill Lane'],
  NL: ['Havenstraat', 'Industrieweg', 'Kade'], DK: ['Havnegade', 'Industrivej', 'Norregade'], AE: ['Sheikh Zayed Rd.', 'Al Quoz Industrial Area', 'Jebel Ali Free Zone'],
  CN: ['Industrial Park Rd.', 'Shennan Blvd.', 'Bao An Ave.'],
};
const PHONE = { TR: '+90 342', SY: '+963 21', IQ: '+964 60', DE: '+49 69', GB: '+44 20', NL: '+31 10', DK: '+45 33', AE: '+971 4', CN: '+86 755' };
const CURRENCIES = {
  TR: [['TRY', 0.45], ['USD', 0.4], ['EUR', 0.15]], SY: [['USD', 0.8], ['SYP', 0.2]], IQ: [['USD', 0.75], ['IQD', 0.25]],
  DE: [['EUR', 0.95], ['USD', 0.05]], GB: [['GBP', 0.9], ['EUR', 0.1]], NL: [['EUR', 1]], DK: [['DKK', 0.6], ['EUR', 0.4]],
  AE: [['AED', 0.5], ['USD', 0.5]], CN: [['USD', 0.6], ['CNY', 0.4]],
};
const PER_USD = { USD: 1, EUR: 0.89, TRY: 4.2, GBP: 0.76, DKK: 6.6, AED: 3.6725, CNY: 6.7, IQD: 1190, SYP: 435 };

// Lines of business. weight: share within the role; trade words for names (English, and Turkish where it differs).
const ROLES = {
  wholesale: { share: 0.16, buys: 2.0, employees: 25, classes: [['4690', 25, 'General Trading', 'Dis Ticaret'], ['4669', 20, 'Chemicals', 'Kimya'], ['4630', 12, 'Food Trading', 'Gida'], ['4659', 10, 'Machinery', 'Makina'], ['4652', 8, 'Electronics', 'Elektronik'], ['4663', 10, 'Building Materials', 'Yapi Malzemeleri'], ['4649', 8, 'Household Goods', 'Ev Gerecleri'], ['4641', 4, 'Textiles', 'Tekstil'], ['4620', 3, 'Agricultural Produce', 'Tarim Urunleri']] },
  manufacturer: { share: 0.14, buys: 2.0, employees: 80, classes: [['1010', 4, 'Meat Products', 'Et Urunleri'], ['1050', 4, 'Dairy', 'Sut Urunleri'], ['1061', 4, 'Flour Mills', 'Un Sanayi'], ['1071', 6, 'Bakery', 'Unlu Mamuller'], ['1073', 3, 'Confectionery', 'Sekerleme'], ['1079', 4, 'Foods', 'Baharat'], ['1062', 2, 'Starch', 'Nisasta'], ['1392', 4, 'Home Textiles', 'Ev Tekstili'], ['1410', 8, 'Apparel', 'Konfeksiyon'], ['1520', 3, 'Footwear', 'Ayakkabi'], ['2011', 4, 'Basic Chemicals', 'Petrokimya'], ['2012', 3, 'Fertilisers', 'Gubre'], ['2022', 3, 'Paints', 'Boya'], ['2023', 3, 'Detergents', 'Deterjan'], ['2029', 2, 'Chemical Products', 'Kimyasal Urunler'], ['2100', 2, 'Pharmaceuticals', 'Ilac'], ['2220', 5, 'Plastics', 'Plastik'], ['2395', 3, 'Concrete', 'Beton'], ['2410', 2, 'Steel', 'Celik'], ['2420', 2, 'Metals', 'Metal'], ['2511', 4, 'Steel Structures', 'Celik Konstruksiyon'], ['2599', 4, 'Metal Goods', 'Metal Esya'], ['2610', 2, 'Electronic Components', 'Elektronik Parca'], ['2620', 2, 'Computers', 'Bilgisayar'], ['2630', 2, 'Communication Equipment', 'Iletisim Cihazlari'], ['2651', 2, 'Instruments', 'Olcu Aletleri'], ['2710', 3, 'Electric Motors', 'Elektrik Motorlari'], ['2732', 2, 'Cables', 'Kablo'], ['2750', 2, 'Appliances', 'Beyaz Esya'], ['2811', 2, 'Engines', 'Motor'], ['2930', 3, 'Auto Parts', 'Otomotiv Yan Sanayi'], ['3100', 3, 'Furniture', 'Mobilya'], ['3250', 2, 'Medical Supplies', 'Medikal']] },
  retail: { share: 0.22, buys: 1.5, employees: 5, classes: [['4711', 20, 'Market', 'Market'], ['4719', 5, 'Stores', 'Magazacilik'], ['4721', 10, 'Greengrocers', 'Manav'], ['4741', 15, 'Phone Shop', 'Iletisim'], ['4752', 15, 'Hardware', 'Hirdavat'], ['4771', 8, 'Fashion', 'Giyim'], ['4772', 10, 'Pharmacy', 'Eczane'], ['4773', 10, 'Farm Supplies', 'Tarim Market'], ['4530', 7, 'Auto Parts', 'Oto Yedek Parca']] },
  construction: { share: 0.08, buys: 1.2, employees: 30, classes: [['4100', 40, 'Construction', 'Insaat'], ['4210', 15, 'Roads', 'Yol Yapim'], ['4290', 10, 'Civil Engineering', 'Muhendislik'], ['4312', 10, 'Site Preparation', 'Hafriyat'], ['4321', 25, 'Electrical Installation', 'Elektrik Tesisat']] },
  agriculture: { share: 0.07, buys: 1.0, employees: 8, classes: [['0111', 35, 'Farms', 'Ciftligi'], ['0113', 20, 'Vegetables', 'Sebzecilik'], ['0141', 15, 'Cattle', 'Hayvancilik'], ['0150', 15, 'Agriculture', 'Tarim'], ['0161', 15, 'Farm Services', 'Tarim Hizmetleri']] },
  mining: { share: 0.015, buys: 1.5, employees: 60, classes: [['0810', 80, 'Quarries', 'Tas Ocagi'], ['0510', 20, 'Coal', 'Komur']] },
  transport: { share: 0.07, buys: 1.0, employees: 20, classes: [['4923', 60, 'Logistics', 'Nakliyat'], ['5210', 20, 'Warehousing', 'Depoculuk'], ['5229', 20, 'Freight Forwarding', 'Gumruk Musavirligi']] },
  services: { share: 0.18, buys: 0.6, employees: 12, classes: [['5610', 20, 'Restaurants', 'Restoran'], ['5510', 8, 'Hotels', 'Otelcilik'], ['6201', 10, 'Software', 'Yazilim'], ['6910', 6, 'Legal', 'Hukuk'], ['7010', 5, 'Holding Services', 'Yonetim'], ['7020', 6, 'Consulting', 'Danismanlik'], ['7911', 6, 'Travel', 'Turizm'], ['8610', 6, 'Hospital', 'Hastanesi'], ['7120', 5, 'Testing Laboratories', 'Laboratuvar'], ['7210', 3, 'Research', 'Ar-Ge'], ['4520', 15, 'Car Repair', 'Oto Servis'], ['9602', 5, 'Hair Salon', 'Kuafor'], ['6810', 5, 'Real Estate', 'Emlak']] },
  finance: { share: 0.02, buys: 0.2, employees: 200, classes: [['6419', 70, 'Bank', 'Bankasi'], ['6492', 10, 'Finance', 'Finans'], ['6499', 10, 'Factoring', 'Faktoring'], ['6420', 10, 'Holding', 'Holding']] },
  unknown: { share: 0.045, buys: 0.5, employees: 10, classes: [[null, 1, 'Enterprises', 'Isletmeleri']] },
};
const ORG_CLASSES = [['8411', 30, 'Municipality', 'Belediyesi'], ['8530', 20, 'University', 'Universitesi'], ['8610', 20, 'Hospital', 'Hastanesi'], ['9491', 10, 'Foundation', 'Vakfi'], ['9499', 20, 'Association', 'Dernegi']];

// What manufacturers make (HS prefixes): their ordinary outputs are these goods minus every heading they buy.
const OUTPUTS = {
  '1010': ['0201', '0202', '0203', '0207', '1601', '1602'], '1050': ['0401', '0402', '0403', '0405', '0406'], '1061': ['1101', '1102', '1103'],
  '1071': ['1905'], '1073': ['1704', '1806'], '1079': ['2103', '2104', '0902', '2008'], '1062': ['1108', '1702'], '1392': ['6302', '6303', '6304'],
  '1410': ['6103', '6104', '6105', '6106', '6203', '6204', '6205', '6206'], '1520': ['6401', '6402', '6403', '6404'],
  '2011': ['2801', '2804', '2811', '2827', '2833', '2901', '2902', '2915'], '2012': ['3102', '3103', '3104', '3105'], '2022': ['3208', '3209', '3210', '3212'],
  '2023': ['3303', '3304', '3305', '3307', '3401', '3402'], '2029': ['3506', '3605', '3707', '3604'], '2100': ['3003', '3004'], '2220': ['3917', '3920', '3923', '3924', '3926'],
  '2395': ['6810'], '2410': ['7208', '7209', '7210', '7213', '7214'], '2420': ['7601', '7604', '7606', '8104'], '2511': ['7308'], '2599': ['7318', '7326', '8302'],
  '2610': ['8532', '8533', '8534', '8541', '8542'], '2620': ['8471', '8473'], '2630': ['8517', '8525'], '2651': ['9025', '9026', '9028', '9031'],
  '2710': ['8501', '8504'], '2732': ['8544'], '2750': ['8418', '8450', '8516'], '2811': ['8407', '8408', '8409'], '2930': ['8708', '4011'],
  '3100': ['9401', '9403'], '3250': ['9018', '9019', '9021'],
};
// Watch-listed goods manufacturers make (watchlist.csv ids); they never buy watch-listed goods themselves.
const WATCH_OUTPUTS = {
  '2011': ['nitric-acid', 'hydrogen-peroxide', 'sulphuric-acid', 'nitromethane', 'potassium-chlorate', 'perchlorates', 'sodium-chlorate', 'hexamine', 'acetone'],
  '2012': ['calcium-ammonium-nitrate', 'ammonium-nitrate', 'sodium-nitrate', 'potassium-nitrate', 'calcium-nitrate', 'magnesium-nitrate'],
  '2029': ['detonators', 'commercial-explosives'], '2022': ['aluminium-paste'], '2420': ['aluminium-powder', 'magnesium-powder'], '1062': ['sorbitol'],
  '2630': ['mobile-phones', 'radio-remote-control'], '2710': ['drive-modules'], '2651': ['motion-control-units'],
};
// Share of a documented user's purchases that are watch-listed goods, by ISIC prefix (first match; default 0.12).
const WATCH_APPETITE = [['4669', 0.3], ['4652', 0.35], ['4659', 0.2], ['4741', 0.25], ['4773', 0.35], ['01', 0.2], ['0810', 0.3], ['8610', 0.1], ['8530', 0.1], ['4290', 0.15], ['4312', 0.15]];
// Typical grades of watch-listed goods with a concentration limit (percent w/w; ammonium nitrate as nitrogen).
const GRADES = { 'nitric-acid': [53, 60, 68], 'hydrogen-peroxide': [35, 50, 60], 'sulphuric-acid': [93, 96, 98], nitromethane: [96, 98, 99], 'potassium-chlorate': [99, 99.5], perchlorates: [98, 99], 'sodium-chlorate': [99, 99.5], 'ammonium-nitrate': [33.5, 34.4, 34] };
const DILUTE = { 'hydrogen-peroxide': [3, 6, 8], 'nitric-acid': [1, 2], 'sulphuric-acid': [10, 12] };

// Goods by chapter: price (USD per kg), scale of a shipment, and the units customs records use for them.
function goodsProfile(hs) {
  const ch = hs.slice(0, 2);
  const n = Number(ch);
  if (['22', '27', '15'].includes(ch) || ['2807', '2808', '2847', '2914', '3402'].includes(hs.slice(0, 4))) return { price: n === 27 ? 0.8 : 2, scale: n === 27 ? 8 : 1.5, units: [['kg', 0.35], ['l', 0.45], ['t', 0.1], ['m3', 0.1]], liquid: true };
  if (['84', '85', '87', '90', '94', '95', '91', '92', '93'].includes(ch)) return { price: n === 85 ? 40 : 15, scale: 0.4, units: [['pcs', 0.6], ['kg', 0.4]], each: n === 87 ? 900 : n === 84 ? 25 : 1.5 };
  if (n >= 61 && n <= 64) return { price: 12, scale: 0.3, units: [['pcs', 0.45], ['kg', 0.35], ['pairs', n === 64 ? 0.15 : 0], ['dozen', n === 64 ? 0 : 0.05]], each: 0.5 };
  if (n >= 50 && n <= 60) return { price: 6, scale: 0.6, units: [['kg', 0.5], ['m', 0.3], ['m2', 0.2]], perM: 0.3 };
  if (ch === '71') return { price: 3000, scale: 0.001, units: [['carats', 0.5], ['g', 0.5]] };
  if (ch === '44') return { price: 0.6, scale: 3, units: [['m3', 0.4], ['kg', 0.3], ['t', 0.3]], density: 600 };
  if (['25', '26', '31', '72', '10', '23', '68'].includes(ch)) return { price: 0.4, scale: 10, units: [['t', 0.55], ['kg', 0.45]] };
  if (['30', '33'].includes(ch)) return { price: 40, scale: 0.1, units: [['kg', 0.7], ['pcs', 0.3]], each: 0.2 };
  return { price: 3, scale: 1, units: [['kg', 0.7], ['t', 0.2], ['g', 0.1]] };
}

// ---------------------------------------------------------------------------------------------- generator --

/** Makes sure `dir` holds the bundle of `params` (regenerated when the stamp differs); returns the counts. */
export function ensurePipelineBundle(dir, params, log = () => {}) {
  const stamp = join(dir, 'bench-params.json');
  if (existsSync(stamp)) {
    const saved = JSON.parse(readFileSync(stamp, 'utf8'));
    if (JSON.stringify(saved.params) === JSON.stringify(params)) return saved.counts;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const counts = generate(dir, params, log);
  writeFileSync(stamp, JSON.stringify({ params, counts }, null, 1) + '\n');
  log(`generated ${dir}: ${counts.entities.toLocaleString('en')} entities, ${counts.relations.toLocaleString('en')} relations, ${counts.shipments.toLocaleString('en')} shipments in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return counts;
}

function generate(dir, params, log) {
  const ref = loadReference();
  const rand = mulberry32(params.seed);
  const int = (a, b) => a + Math.floor(rand() * (b - a + 1));
  const pick = (arr) => arr[Math.floor(rand() * arr.length)];
  const weighted = (pairs) => { let r = rand() * pairs.reduce((s, p) => s + p[1], 0); for (const p of pairs) { r -= p[1]; if (r < 0) return p[0]; } return pairs[pairs.length - 1][0]; };
  const normal = () => { let u = 0; while (u === 0) u = rand(); return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand()); };
  const n = params.entities;
  const shipmentBudget = Math.round(params.ties * 0.6);
  const relationBudget = params.ties - shipmentBudget;

  // ---- goods: ordinary candidates per class (own rows, and the '*' rows every business buys) --------------
  const pool = ref.pool;
  const watchCodes = new Map(ref.watch.map((w) => [w, ref.hsCodes.filter((h) => startsWithAny(h, w.hs))]));
  const watchCode = (w) => watchCodes.get(w);
  const classCache = new Map();
  const outputsOf = (isic) => {
    const prefixes = OUTPUTS[isic];
    if (!prefixes) return [];
    return pool.filter((h) => startsWithAny(h, prefixes) && !ref.fits(isic, h));
  };
  /** Per class: what it buys (own, universal), what it sells (stock or outputs), its watch-list entries as a user and as a maker. */
  const classInfo = (isic) => {
    let info = classCache.get(isic);
    if (info) return info;
    if (isic === null) {
      info = { own: pool.filter((_, i) => i % 7 === 0), universal: pool.filter((h) => ref.fitsUniversal(h)), sells: null, userOf: [], makes: [], appetite: 0 };
    } else {
      const outputs = outputsOf(isic);
      const makes = (WATCH_OUTPUTS[isic] ?? []).map((id) => ref.watch.find((w) => w.id === id));
      // Headings it sells (ordinary or watch-listed) it never buys: only wholesalers sell on what they bought.
      const outHeadings = new Set([...outputs, ...makes.flatMap((w) => watchCode(w))].map((h) => h.slice(0, 4)));
      const own = pool.filter((h) => ref.fitsOwn(isic, h) && !outHeadings.has(h.slice(0, 4)));
      const universal = pool.filter((h) => !ref.fitsOwn(isic, h) && ref.fitsUniversal(h) && !outHeadings.has(h.slice(0, 4)));
      let sells = null;
      if (isic === '4690') sells = 'all';
      else if (isic.startsWith('46')) sells = new Set(own);
      else if (outputs.length > 0) sells = new Set(outputs);
      const userOf = ref.watch.filter((w) => ref.isUser(isic, w)).map((w) => ({ w, codes: ref.hsCodes.filter((h) => startsWithAny(h, w.hs) && ref.fits(isic, h)) })).filter((x) => x.codes.length > 0);
      const appetite = userOf.length === 0 || makes.length > 0 ? 0 : (WATCH_APPETITE.find(([p]) => isic.startsWith(p))?.[1] ?? 0.12);
      info = { own, universal, sells, outputs, userOf, makes, appetite };
    }
    classCache.set(isic, info);
    return info;
  };
  const sellsCode = (isic, h) => { const s = classInfo(isic).sells; return s === 'all' || (s !== null && s.has(h)); };
  // Watch-listed goods: users that stock them (wholesalers of a user class that fits the code), or their makers.
  const sellsWatch = (isic, w, h) => {
    if (isic === null) return false;
    const info = classInfo(isic);
    if (info.makes.includes(w)) return true;
    return isic.startsWith('46') && isic !== '4690' && ref.isUser(isic, w) && ref.fits(isic, h);
  };

  // ---- clusters, regions, hubs -------------------------------------------------------------------------
  const { start, clusters, clusterOf, regionOf, regions } = clusterLayout(n, int);
  const hubOf = (r) => start[r * 20];

  // ---- entities -----------------------------------------------------------------------------------------
  const kind = new Uint8Array(n); // 0 company, 1 person, 2 organization
  const isicOf = new Array(n).fill(null);
  const roleOf = new Array(n).fill(null);
  const employees = new Float64Array(n);
  const group = new Int32Array(n).fill(-1);
  const countryOf = new Array(n);
  const addressOf = new Array(n).fill('');
  const phoneOf = new Array(n).fill('');
  const sellersOf = Array.from({ length: clusters }, () => []);
  const buyersOf = Array.from({ length: clusters }, () => ({ ids: [], cum: [] }));
  const banksOf = Array.from({ length: regions }, () => []);
  const forwardersOf = Array.from({ length: regions }, () => []);
  const groupMembers = []; // group id -> company ids
  const groupPersons = [];
  // Company names one slip apart in one country (Karsoy / Karsay Kimya) would be merged by name resolution: each
  // name's neighbourhood (the folded first word and its one-letter deletions, with the other words) is kept as
  // 32-bit hashes, and a name whose neighbourhood is taken is drawn again.
  const usedNames = new Set();
  let nameClashes = 0;
  const hash = (text) => { let h = 0x811c9dc5; for (let k = 0; k < text.length; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193); return h >>> 0; };
  const neighbourhood = (country, first, rest) => {
    const w = fold(first).replace(/ /g, '').replace(/(.)\1+/g, '$1');
    const keys = [hash(`${country}|${rest}|${w}`)];
    for (let k = 0; k < w.length; k++) keys.push(hash(`${country}|${rest}|${w.slice(0, k)}_${w.slice(k + 1)}`), hash(`${country}|${rest}|${w.slice(0, k)}${w.slice(k + 1)}`));
    return keys;
  };
  const companyName = (country, trade, city) => {
    for (let tries = 0; ; tries++) {
      const first = surname(country, tries);
      const brand = rand() < 0.4 ? pick(BRANDS[country]) : '';
      const place = tries >= 30 ? city : '';
      const rest = fold(place); // the first word alone: two firms of one family name (Karsoy Kimya, Karsoy Yildiz Kimya) could merge
      const keys = neighbourhood(country, first, rest);
      if (tries < 60 && keys.some((x) => usedNames.has(x))) continue;
      if (tries >= 60) nameClashes++;
      for (const x of keys) usedNames.add(x);
      return [first, brand, place, trade].filter(Boolean).join(' ');
    }
  };
  const roleList = Object.entries(ROLES).map(([name, r]) => [name, r.share]);

  const ent = writer(dir, 'entities.csv', 'id,kind,name,country,city,address,lat,lon,sector,isic,employees,founded,phone');
  const DAY = 86_400_000;
  const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
  const dateBetween = (from, to) => iso(from + Math.floor(rand() * Math.round((to - from) / DAY)) * DAY);
  const dateIn = (y0, y1) => dateBetween(Date.UTC(y0, 0, 1), Date.UTC(y1 + 1, 0, 1));
  const syllable = (p, first) => (first ? pick(p.onsets) : pick(p.onsets).toLowerCase()) + pick(p.nuclei) + pick(p.codas);
  // Short names first (one syllable and an ending: Kartepe, Holzmann); longer ones when those are taken.
  const surname = (country, tries = 0) => {
    const p = PHONOLOGY[country];
    const tails = p.tails.filter(Boolean);
    const syllables = country === 'CN' ? 2 : tries < 8 ? 1 : tries < 24 ? 2 : 3;
    let word = syllable(p, true);
    for (let k = 1; k < syllables; k++) word += syllable(p, false);
    if (tails.length && (syllables === 1 || rand() < 0.5)) word += pick(tails);
    return (p.prefix ?? '') + word;
  };
  let lastCompany = -1, lastName = '';
  let variants = 0;
  for (let c = 0; c < clusters; c++) {
    const centre = CENTRES[regionOf(c) % CENTRES.length];
    const country = centre.country;
    let openGroup = -1, groupLeft = 0;
    const buyers = buyersOf[c];
    for (let i = start[c]; i < Math.min(n, start[c + 1]); i++) {
      const pos = i - start[c];
      const hub = pos === 0 && c % 20 === 0;
      countryOf[i] = country;
      let k = pos < 2 ? 0 : rand() < 0.75 ? 0 : rand() < 0.88 ? 1 : 2;
      kind[i] = k;
      let role = null, isic = null, trade = null;
      let variantOf = -1;
      if (k === 0) {
        if (pos === 0) { role = 'wholesale'; [isic, trade] = ['4690', pick(['General Trading', 'Import Export'])]; }
        else if (pos === 1) { role = 'wholesale'; [isic, trade] = ['4669', 'Chemicals']; }
        else if (lastCompany >= start[c] && rand() < 0.003) { variantOf = lastCompany; role = roleOf[lastCompany]; isic = isicOf[lastCompany]; }
        else {
          role = weighted(roleList);
          const cls = weighted(ROLES[role].classes.map((x) => [x, x[1]]));
          isic = cls[0];
          trade = country === 'TR' ? cls[3] : cls[2];
        }
      } else if (k === 2) {
        role = 'organization';
        const cls = weighted(ORG_CLASSES.map((x) => [x, x[1]]));
        isic = cls[0]; trade = country === 'TR' ? cls[3] : cls[2];
      }
      roleOf[i] = role;
      isicOf[i] = isic;
      // Name, place, contact.
      const [city, clat, clon] = pick(centre.cities);
      const located = rand() < 0.8;
      const lat = located ? (clat + (rand() - 0.5) * 0.3).toFixed(4) : '';
      const lon = located ? (clon + (rand() - 0.5) * 0.3).toFixed(4) : '';
      const cityText = located || rand() < 0.5 ? city : '';
      let name;
      if (k === 1) name = `${pick(FIRST_NAMES[country])} ${surname(country)}`;
      else if (variantOf >= 0) { name = variantName(lastName, country); variants++; }
      else {
        const base = companyName(country, trade, city);
        name = k === 2 ? base : `${base} ${pick(LEGAL[country])}`;
      }
      // Company groups: runs of 1-8 companies of the cluster with their owners and directors (persons that follow them).
      if (k === 0 && variantOf < 0 && groupLeft <= 0) {
        openGroup = groupMembers.length;
        groupMembers.push([]); groupPersons.push([]);
        groupLeft = weighted([[1, 0.55], [2, 0.22], [3, 0.12], [4, 0.05], [5, 0.03], [8, 0.03]]);
      }
      if (variantOf >= 0) group[i] = group[variantOf];
      else if (k === 0) { group[i] = openGroup; groupMembers[openGroup].push(i); groupLeft--; }
      else if (k === 1 && openGroup >= 0 && rand() < 0.7) { group[i] = openGroup; groupPersons[openGroup].push(i); }
      if (k !== 1) {
        const groupFirst = group[i] >= 0 ? groupMembers[group[i]][0] : -1;
        if (variantOf >= 0) { addressOf[i] = addressOf[variantOf]; phoneOf[i] = phoneOf[variantOf]; }
        else {
          if (rand() < 0.6) addressOf[i] = groupFirst >= 0 && groupFirst !== i && rand() < 0.3 ? addressOf[groupFirst] : `${pick(STREETS[country])} No. ${1 + (i % 300)}, block ${Math.floor(i / 300)}`;
          if (k === 0 && rand() < 0.35) phoneOf[i] = groupFirst >= 0 && groupFirst !== i && rand() < 0.3 && phoneOf[groupFirst] ? phoneOf[groupFirst] : `${PHONE[country]} ${String(1_000_000 + i).slice(-7)}`;
        }
        const r = ROLES[role] ?? { employees: 40, buys: 0.6 };
        employees[i] = Math.max(1, Math.round(r.employees * Math.exp(0.9 * normal())));
        if (hub) employees[i] = Math.round(600 * Math.exp(0.3 * normal())); // region hubs: large import-export houses
        // Larger firms buy more often (and more per shipment): the number of purchases grows as √employees.
        const buys = r.buys * Math.sqrt(employees[i] / r.employees);
        buyers.ids.push(i);
        buyers.cum.push((buyers.cum.length ? buyers.cum[buyers.cum.length - 1] : 0) + buys);
        if (isic !== null && classInfo(isic).sells !== null) sellersOf[c].push(i);
        if (isic === '6419') banksOf[regionOf(c)].push(i);
        if (isic === '5229') forwardersOf[regionOf(c)].push(i);
      }
      // Line of business as written: ISIC code, sector phrase, or both; 6 % of companies (the 'unknown' role) neither.
      let sectorText = '', isicText = '';
      if (isic !== null) {
        const phrases = ref.keywords.get(isic) ?? [];
        const r = rand();
        if (phrases.length > 0 && r < 0.25) sectorText = pick(phrases);
        else if (phrases.length > 0 && r < 0.3) { sectorText = pick(phrases); isic = null; }
        if (isic !== null) isicText = isic;
      }
      // Founding dates: mostly long before the trade of 2014-2019; 0.5 % of companies in its last half-year before.
      let founded = '';
      if (k !== 1) {
        if (k === 0 && rand() < 0.005) founded = dateBetween(Date.UTC(2013, 6, 1), Date.UTC(2014, 0, 1));
        else if (rand() < 0.7) founded = dateIn(1975, 2012);
      }
      const emp = k === 1 || (!hub && rand() < 0.25) ? '' : String(employees[i]);
      if (k === 0) { lastCompany = i; lastName = name; }
      ent.line([`e${i}`, ['company', 'person', 'organization'][k], name, country, cityText, addressOf[i], lat, lon, sectorText, isicText, emp, founded, phoneOf[i]].map(csv).join(','));
    }
  }
  ent.close();

  // Baskets: each trading entity buys mostly the same few goods (indices into its class's own list).
  const basket = new Int32Array(n * 6).fill(-1);
  const basketSize = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (kind[i] === 1) continue;
    const info = classInfo(isicOf[i]);
    const own = info.own.length ? info.own : info.universal;
    if (!own.length) continue;
    const size = (basketSize[i] = int(3, 6));
    for (let k = 0; k < size; k++) basket[i * 6 + k] = Math.floor(rand() * own.length);
  }

  // ---- relations: company groups first, then ties across the cluster and region --------------------------
  const rel = writer(dir, 'relations.csv', 'source,target,kind,share,start,end');
  let relations = 0;
  const relation = (a, b, k, share = '') => {
    const dated = rand() < 0.3;
    const s = dated ? dateIn(1995, 2018) : '';
    const e = dated && rand() < 0.2 ? dateIn(Number(s.slice(0, 4)) + 1, 2020) : '';
    rel.line(`e${a},e${b},${k},${share},${s},${e}`);
    relations++;
  };
  for (let g = 0; g < groupMembers.length && relations < relationBudget; g++) {
    const companies = groupMembers[g], persons = groupPersons[g];
    const parent = companies[0];
    for (let k = 1; k < companies.length; k++) {
      relation(parent, companies[k], 'owner', String(int(51, 100)));
      if (addressOf[companies[k]] && addressOf[companies[k]] === addressOf[parent]) relation(parent, companies[k], 'shared_address');
    }
    for (let k = 0; k < persons.length; k++) {
      const p = persons[k];
      relation(p, pick(companies), k === 0 ? 'owner' : rand() < 0.5 ? 'director' : 'owner', k === 0 ? String(int(25, 100)) : '');
      if (rand() < 0.5) relation(p, pick(companies), 'director');
      if (k > 0 && rand() < 0.6) relation(persons[0], p, 'family');
    }
  }
  // The clusters of a tie, chosen in proportion to their size (so that an entity's ties do not depend on it).
  const endpoint = () => {
    const r = rand();
    const c = clusterOf[Math.floor(rand() * n)];
    if (r < 0.85) return [c, c];
    if (r < 0.995) { const reg = regionOf(c); const lo = start[reg * 20], hi = Math.min(n, start[Math.min(clusters, reg * 20 + 20)]); return [c, clusterOf[lo + Math.floor(rand() * (hi - lo))]]; }
    return [-1, -1]; // between region hubs
  };
  const member = (c) => start[c] + Math.floor(rand() * (Math.min(n, start[c + 1]) - start[c]));
  while (relations < relationBudget) {
    const [c1, c2] = endpoint();
    let a, b;
    if (c1 < 0) { a = hubOf(Math.floor(rand() * regions)); b = hubOf(Math.floor(rand() * regions)); }
    else { a = member(c1); b = member(c2); }
    if (a === b) continue;
    const ka = kind[a], kb = kind[b];
    const sameGroup = group[a] >= 0 && group[a] === group[b];
    let k;
    if (ka === 1 && kb === 1) k = sameGroup ? 'family' : 'associate';
    else if (ka === 1 || kb === 1) {
      if (kb === 1) [a, b] = [b, a];
      k = sameGroup ? (rand() < 0.5 ? 'director' : 'owner') : weighted([['employee', 0.7], ['agent', 0.1], ['associate', 0.2]]);
    } else k = sameGroup ? 'shared_address' : weighted([['associate', 0.55], ['agent', 0.45]]);
    relation(a, b, k, k === 'owner' ? String(int(5, 100)) : '');
  }
  rel.close();

  // ---- shipments ------------------------------------------------------------------------------------------
  const shp = writer(dir, 'shipments.csv', 'id,supplier,buyer,commodity,hs_code,quantity,unit,concentration,value,currency,shipped,received,origin_country,destination_country,consignee,payer');
  let shipments = 0;
  const tradeStart = Date.UTC(2014, 0, 1), tradeDays = Math.round((Date.UTC(2020, 0, 1) - tradeStart) / DAY);
  const pickBuyer = (c) => {
    const { ids, cum } = buyersOf[c];
    const x = rand() * cum[cum.length - 1];
    let lo = 0, hi = cum.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cum[mid] > x) hi = mid; else lo = mid + 1; }
    return ids[lo];
  };
  const findSeller = (clusterList, test, buyer) => {
    for (const c of clusterList) {
      const s = sellersOf[c];
      if (!s.length) continue;
      const off = Math.floor(rand() * s.length);
      for (let k = 0; k < s.length; k++) { const e = s[(off + k) % s.length]; if (e !== buyer && test(isicOf[e])) return e; }
    }
    return -1;
  };
  const regionClusters = (c) => { const reg = regionOf(c); const c0 = reg * 20, c1 = Math.min(clusters, c0 + 20); const out = []; for (let k = 0; k < 4; k++) out.push(c0 + Math.floor(rand() * (c1 - c0))); return out; };
  const emit = (supplier, buyer, hs, commodity, { concentration = '', scale = 1, day, consignee = '', payer = '', noHs = false, ownUse = false } = {}) => {
    const prof = goodsProfile(hs);
    let kg = 120 * Math.pow(employees[buyer], 0.4) * prof.scale * Math.exp(0.45 * normal()) * scale;
    const unit = weighted(prof.units);
    let q;
    if (unit === 'kg') q = kg;
    else if (unit === 't') q = kg / 1000;
    else if (unit === 'g') q = kg * 1000;
    else if (unit === 'carats') q = kg * 5000;
    else if (unit === 'l') q = kg / 1.1;
    else if (unit === 'm3') q = kg / (prof.density ?? 900);
    else if (unit === 'm' || unit === 'm2') q = kg / (prof.perM ?? 0.3);
    else if (unit === 'pairs') q = kg / 0.8;
    else if (unit === 'dozen') q = kg / 6;
    else q = kg / (prof.each ?? 1);
    q = q >= 100 ? Math.round(q) : Math.max(0.01, Number(q.toPrecision(3)));
    if (unit === 'pcs' || unit === 'pairs' || unit === 'dozen') q = Math.max(1, Math.round(q));
    // Goods any business buys for its own use (office IT, alarms, a standby generator) come in the numbers an office
    // needs: within sector-fit.csv's max_pcs, as the off-profile rule reads it (version 2; version 1 ignored it).
    const perUnit = PIECES[unit];
    if (ownUse && perUnit !== undefined && q * perUnit > ref.ownUsePieces(hs)) {
      const target = int(1, Math.max(1, Math.floor(ref.ownUsePieces(hs) / perUnit)));
      kg *= target / q;
      q = target;
    }
    const cur = weighted(CURRENCIES[countryOf[supplier]]);
    const value = rand() < 0.1 ? '' : String(Math.round(kg * prof.price * PER_USD[cur] * Math.exp(0.3 * normal())) || 1);
    const d = day ?? Math.floor(rand() * tradeDays);
    const shipped = iso(tradeStart + d * DAY);
    const cross = countryOf[supplier] !== countryOf[buyer];
    const arrived = rand() < 0.6 ? d + (cross ? int(4, 30) : int(1, 6)) : d;
    const received = arrived > d ? iso(tradeStart + arrived * DAY) : '';
    const code = noHs ? '' : rand() < 0.1 ? `${hs.slice(0, 4)}.${hs.slice(4)}` : hs;
    shp.line([`s${shipments}`, `e${supplier}`, `e${buyer}`, csv(commodity), code, q, unit, concentration, value, value ? cur : '', shipped, received, countryOf[supplier], countryOf[buyer], consignee === '' ? '' : `e${consignee}`, payer === '' ? '' : `e${payer}`].join(','));
    shipments++;
    return arrived;
  };
  const ordinaryFor = (buyer) => {
    const info = classInfo(isicOf[buyer]);
    const own = info.own.length ? info.own : info.universal;
    if (rand() < 0.8 && own.length) {
      const b = basket[buyer * 6 + Math.floor(rand() * basketSize[buyer])];
      return rand() < 0.85 && b >= 0 ? own[b] : pick(own);
    }
    return info.universal.length ? pick(info.universal) : pick(own);
  };
  const otherGroupCompany = (buyer) => {
    const g = group[buyer];
    if (g < 0) return -1;
    const m = groupMembers[g].filter((x) => x !== buyer);
    return m.length ? pick(m) : -1;
  };
  const planted = { offProfile: 0, precursor: 0, volume: 0, outsiderPayer: 0, onward: 0 };
  while (shipments < shipmentBudget) {
    const [c1, c2] = endpoint();
    // Between region hubs: general traders trading with each other.
    if (c1 < 0) {
      const a = hubOf(Math.floor(rand() * regions)), b = hubOf(Math.floor(rand() * regions));
      if (a === b) continue;
      const hs = pick(pool);
      emit(a, b, hs, ref.described.get(hs));
      continue;
    }
    const buyer = pickBuyer(c1);
    const scope = c1 === c2 ? [c1] : [c2, c1];
    const info = classInfo(isicOf[buyer]);
    const r = rand();
    // Planted: goods that do not fit the buyer's line of business (sold by the cluster's general trader).
    if (r < 0.002 && isicOf[buyer] !== null && !isicOf[buyer].startsWith('46')) {
      let hs;
      do hs = pick(pool); while (ref.fits(isicOf[buyer], hs));
      const seller = sellersOf[c1][0];
      if (seller === undefined || seller === buyer) continue;
      emit(seller, buyer, hs, ref.described.get(hs));
      planted.offProfile++;
      continue;
    }
    // Planted: watch-listed goods for a buyer that is no documented user (the CAR pattern: a phone shop buying aluminium paste).
    if (r < 0.0023 && isicOf[buyer] !== null && info.userOf.length === 0 && info.makes.length === 0) {
      const w = pick(ref.watch);
      const hs = pick(watchCode(w));
      const seller = findSeller([c1, ...regionClusters(c1)], (isic) => sellsWatch(isic, w, hs), buyer);
      if (seller < 0) continue;
      emit(seller, buyer, hs, w.name, { concentration: w.limit === undefined ? '' : String(pick(GRADES[w.id] ?? [w.limit + 20])) });
      planted.precursor++;
      continue;
    }
    // Watch-listed goods for a documented user.
    if (info.appetite > 0 && rand() < info.appetite) {
      const { w, codes } = pick(info.userOf);
      const hs = pick(codes);
      const seller = findSeller([...scope, ...regionClusters(c1)], (isic) => sellsWatch(isic, w, hs), buyer);
      if (seller >= 0) {
        let concentration = '';
        if (w.limit !== undefined) { const x = rand(); concentration = x < 0.6 ? String(pick(GRADES[w.id] ?? [Math.min(100, w.limit * 2)])) : x < 0.7 && DILUTE[w.id] ? String(pick(DILUTE[w.id])) : ''; }
        const text = w.keywords.some((k) => ` ${fold(w.name)} `.includes(k)) ? w.name : w.keywords[0];
        emit(seller, buyer, hs, text, { concentration });
        continue;
      }
    }
    // Ordinary goods from a supplier that stocks or makes them; the cluster's general trader when none does.
    const hs = ordinaryFor(buyer);
    let seller = findSeller(scope, (isic) => sellsCode(isic, hs), buyer);
    if (seller < 0) seller = sellersOf[c1][0] !== buyer ? sellersOf[c1][0] : sellersOf[c1][1];
    if (seller === undefined || seller < 0) continue;
    const isSeller = info.sells !== null;
    const options = { noHs: !isSeller && rand() < 0.03, ownUse: isicOf[buyer] !== null && !ref.fitsOwn(isicOf[buyer], hs) && ref.fitsUniversal(hs) };
    const x = rand();
    if (x < 0.025 && banksOf[regionOf(c1)].length) options.payer = pick(banksOf[regionOf(c1)]);
    else if (x < 0.035) { const o = otherGroupCompany(buyer); if (o >= 0 && o !== seller) options.payer = o; }
    else if (x < 0.0353) {
      let o; do o = pickBuyer(Math.floor(rand() * clusters)); while (o === buyer || o === seller || (group[o] >= 0 && group[o] === group[buyer]));
      options.payer = o; planted.outsiderPayer++;
    } else if (x < 0.0363) { const o = otherGroupCompany(buyer); if (o >= 0 && o !== seller) options.consignee = o; }
    else if (x < 0.0367 && forwardersOf[regionOf(c1)].length) { const f = pick(forwardersOf[regionOf(c1)]); if (f !== buyer && f !== seller) options.consignee = f; }
    if (rand() < 0.0003) { options.scale = 40; planted.volume++; }
    const arrived = emit(seller, buyer, hs, ref.described.get(hs), options);
    // Planted: a buyer that is no wholesaler ships the same goods on within days.
    if (rand() < 0.0002 && !(isicOf[buyer] ?? '').startsWith('46') && shipments < shipmentBudget) {
      const next = pickBuyer(c1);
      if (next !== buyer && next !== seller) { emit(buyer, next, hs, ref.described.get(hs), { day: arrived + int(1, 5) }); planted.onward++; }
    }
  }
  shp.close();
  writeFileSync(join(dir, 'places.csv'), ['id,name,kind,lat,lon,countries', ...PLACES.map((p) => p.join(','))].join('\n') + '\n');
  log(`  ${clusters} clusters in ${regions} regions, ${groupMembers.length} company groups, ${variants} name variants, ${nameClashes} names drawn without a free neighbourhood; planted: ${JSON.stringify(planted)}`);
  return { entities: n, relations, shipments, places: PLACES.length, clusters, regions, companyGroups: groupMembers.length, nameVariants: variants, planted };
}
/** The same company written as another source writes it: upper case, no punctuation, the legal form spelt out or cut. */
function variantName(name, country) {
  const spelled = { 'Ltd. Sti.': 'Limited Sirketi', 'A.S.': 'Anonim Sirketi', Ltd: 'Limited', Limited: 'Ltd', 'B.V.': 'BV', 'Co., Ltd.': 'Company Limited', GmbH: 'G.m.b.H.', ApS: 'APS', FZE: 'F.Z.E.', 'Co.': 'Company' };
  for (const [a, b] of Object.entries(spelled)) if (name.endsWith(` ${a}`)) return `${name.slice(0, -a.length)}${b}`.toUpperCase();
  return name.toUpperCase().replace(/[.,]/g, '');
}

function csv(value) {
  const s = String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Buffered line writer to DIR/FILE; the file is written under a temporary name and renamed when complete. */
function writer(dir, file, header) {
  const tmp = join(dir, `${file}.tmp`);
  const fd = openSync(tmp, 'w');
  let buf = [header];
  return {
    line(s) { buf.push(s); if (buf.length >= 20_000) { writeSync(fd, buf.join('\n') + '\n'); buf = []; } },
    close() { if (buf.length) writeSync(fd, buf.join('\n') + '\n'); closeSync(fd); renameSync(tmp, join(dir, file)); },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const get = (name, dflt) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : dflt; };
  if (args.includes('--help')) { console.log('node bench/pipeline-bundle.mjs [--entities 100000] [--ties 1000000] [--seed 7] [--out DIR]'); process.exit(0); }
  const params = pipelineBundleParams(Number(get('entities', 100_000)), Number(get('ties', 1_000_000)), Number(get('seed', 7)));
  const out = get('out', pipelineBundleDir(params));
  ensurePipelineBundle(out, params, (s) => console.error(s));
  console.log(out);
}
