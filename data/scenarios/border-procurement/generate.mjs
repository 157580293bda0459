#!/usr/bin/env node
// Chokepoint demo scenario "border-procurement" — deterministic generator.
//
// Illustrative data modelled on public reporting (Conflict Armament Research,
// "Islamic State procurement ...", December 2020). Every company and person
// name below is FICTIONAL. Any resemblance to a real business is coincidental.
//
// Usage: node data/scenarios/border-procurement/generate.mjs
// Writes entities.csv, relations.csv, shipments.csv and places.csv next to
// this file (data contract version 1). No dependencies, Node.js >= 20.
// The output is byte-identical on every run (seeded PRNG, no clock access).

import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT_DIR = dirname(fileURLToPath(import.meta.url));
const SEED = 20201201;

// ---------------------------------------------------------------- PRNG ----
function mulberry32(a) {
  return function () {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED);
const ri = (a, b) => a + Math.floor(rand() * (b - a + 1));
const pick = (arr) => arr[Math.floor(rand() * arr.length)];
const pad2 = (n) => String(n).padStart(2, '0');

// --------------------------------------------------------------- dates ----
const DAY_MS = 86400000;
const d2n = (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / DAY_MS;
const n2d = (n) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const START = d2n('2014-01-01');
const END = d2n('2017-12-31');
const randDate = (from, to) => n2d(ri(d2n(from), d2n(to)));

// --------------------------------------------------------- coordinates ----
const r4 = (x) => Math.round(x * 10000) / 10000;
function jitter(lat, lon, maxKm, minKm = 0) {
  const r = minKm + (maxKm - minKm) * Math.sqrt(rand());
  const th = 2 * Math.PI * rand();
  const dlat = (r * Math.cos(th)) / 111.2;
  const dlon = (r * Math.sin(th)) / (111.2 * Math.cos((lat * Math.PI) / 180));
  return [r4(lat + dlat), r4(lon + dlon)];
}

// ------------------------------------------------------------- places -----
// Coordinates are approximate (best public knowledge, ~1 km).
const PLACES = [
  ['bc-cilvegozu', 'Cilvegözü border crossing (Reyhanlı)', 'border_crossing', 36.2236, 36.6603, 'TR|SY'],
  ['bc-yayladagi', 'Yayladağı border crossing', 'border_crossing', 35.9086, 36.0369, 'TR|SY'],
  ['bc-oncupinar', 'Öncüpınar border crossing (Kilis)', 'border_crossing', 36.6425, 37.0853, 'TR|SY'],
  ['bc-cobanbey', 'Çobanbey border crossing', 'border_crossing', 36.6792, 37.2319, 'TR|SY'],
  ['bc-karkamis', 'Karkamış border crossing', 'border_crossing', 36.8306, 38.0072, 'TR|SY'],
  ['bc-mursitpinar', 'Mürşitpınar border crossing (Suruç)', 'border_crossing', 36.887, 38.356, 'TR|SY'],
  ['bc-akcakale', 'Akçakale border crossing', 'border_crossing', 36.6975, 38.9525, 'TR|SY'],
  ['bc-ceylanpinar', 'Ceylanpınar border crossing', 'border_crossing', 36.84, 40.056, 'TR|SY'],
  ['bc-nusaybin', 'Nusaybin border crossing', 'border_crossing', 37.066, 41.218, 'TR|SY'],
  ['port-mersin', 'Port of Mersin', 'port', 36.795, 34.633, 'TR'],
  ['port-iskenderun', 'Port of İskenderun', 'port', 36.592, 36.175, 'TR'],
  ['apt-gaziantep', 'Gaziantep Oğuzeli Airport (GZT)', 'airport', 36.9472, 37.4787, 'TR'],
  ['apt-sanliurfa', 'Şanlıurfa GAP Airport (GNY)', 'airport', 37.4453, 38.8956, 'TR'],
  ['apt-adana', 'Adana Şakirpaşa Airport (ADA)', 'airport', 36.9822, 35.2804, 'TR'],
  ['apt-hatay', 'Hatay Airport (HTY)', 'airport', 36.3628, 36.2822, 'TR'],
];

// -------------------------------------------------------- commodities -----
// price: approximate USD per unit; watch: on the precursor / dual-use list.
const C = {
  al_paste: { name: 'aluminium paste', hs: '321290', unit: 't', price: 4500, watch: true },
  al_powder: { name: 'aluminium powder', hs: '760310', unit: 't', price: 3200, watch: true },
  al_flakes: { name: 'aluminium flakes', hs: '760320', unit: 't', price: 3600, watch: true },
  an: { name: 'ammonium nitrate', hs: '310230', unit: 't', price: 280, watch: true },
  kno3: { name: 'potassium nitrate', hs: '283421', unit: 't', price: 900, watch: true },
  nano3: { name: 'sodium nitrate', hs: '310250', unit: 't', price: 420, watch: true },
  h2o2: { name: 'hydrogen peroxide', hs: '284700', unit: 'l', price: 0.6, watch: true },
  hno3: { name: 'nitric acid', hs: '280800', unit: 'l', price: 0.45, watch: true },
  naclo3: { name: 'sodium chlorate', hs: '282911', unit: 't', price: 800, watch: true },
  mg_powder: { name: 'magnesium powder', hs: '810430', unit: 'kg', price: 6, watch: true },
  acetone: { name: 'acetone', hs: '291411', unit: 'l', price: 1.1, watch: true },
  nitromethane: { name: 'nitromethane', hs: '290420', unit: 'l', price: 4.5, watch: true },
  sorbitol: { name: 'sorbitol', hs: '290544', unit: 't', price: 650, watch: true },
  det_cord: { name: 'detonating cord (500 m reels)', hs: '360300', unit: 'pcs', price: 260, watch: true },
  phones: { name: 'mobile phones', hs: '851712', unit: 'pcs', price: 60, watch: true },
  motion: { name: 'motion-control units', hs: '853710', unit: 'pcs', price: 420, watch: true },
  inverter: { name: 'electronic motor-drive modules', hs: '850440', unit: 'pcs', price: 180, watch: true },
  // ordinary goods
  flour: { name: 'wheat flour', hs: '110100', unit: 't', price: 330 },
  wheat: { name: 'wheat', hs: '100199', unit: 't', price: 210 },
  raw_cotton: { name: 'raw cotton', hs: '520100', unit: 't', price: 1600 },
  cotton_yarn: { name: 'cotton yarn', hs: '520511', unit: 't', price: 2600 },
  greige: { name: 'unbleached cotton fabric', hs: '520812', unit: 't', price: 4200 },
  dyed_fabric: { name: 'dyed cotton fabric', hs: '520832', unit: 't', price: 5600 },
  garments: { name: "women's cotton garments", hs: '620462', unit: 'pcs', price: 9 },
  cement: { name: 'portland cement', hs: '252329', unit: 't', price: 75 },
  crushed_stone: { name: 'crushed stone', hs: '251710', unit: 't', price: 12 },
  steel_bars: { name: 'steel reinforcing bars', hs: '721420', unit: 't', price: 520 },
  olive_oil: { name: 'olive oil', hs: '150910', unit: 'l', price: 4.2 },
  sugar: { name: 'cane sugar', hs: '170199', unit: 't', price: 420 },
  tomatoes: { name: 'tomatoes', hs: '070200', unit: 't', price: 300 },
  tomato_paste: { name: 'tomato paste', hs: '200290', unit: 't', price: 900 },
  citrus: { name: 'oranges', hs: '080510', unit: 't', price: 450 },
  pistachios: { name: 'pistachios in shell', hs: '080251', unit: 't', price: 9000 },
  bread: { name: 'bread and bakery products', hs: '190590', unit: 't', price: 800 },
  confectionery: { name: 'sugar confectionery', hs: '170490', unit: 't', price: 2500 },
  urea: { name: 'urea fertiliser', hs: '310210', unit: 't', price: 310 },
  amm_sulphate: { name: 'ammonium sulphate fertiliser', hs: '310221', unit: 't', price: 180 },
  dap: { name: 'diammonium phosphate fertiliser', hs: '310530', unit: 't', price: 450 },
  tyres: { name: 'car tyres', hs: '401110', unit: 'pcs', price: 55 },
  auto_parts: { name: 'auto parts', hs: '870899', unit: 'pcs', price: 35 },
  caustic: { name: 'caustic soda', hs: '281511', unit: 't', price: 380 },
  soda_ash: { name: 'soda ash', hs: '283620', unit: 't', price: 250 },
  bicarb: { name: 'sodium bicarbonate (baking soda)', hs: '283630', unit: 'kg', price: 0.3 },
  citric: { name: 'citric acid', hs: '291814', unit: 't', price: 900 },
  tio2: { name: 'titanium dioxide pigment', hs: '320611', unit: 't', price: 2800 },
  antifreeze: { name: 'antifreeze', hs: '382000', unit: 'l', price: 1.6 },
  cal_hypo: { name: 'calcium hypochlorite (pool chlorine)', hs: '282810', unit: 'kg', price: 2.2 },
  polyethylene: { name: 'polyethylene granules', hs: '390110', unit: 't', price: 1300 },
  plastic_bags: { name: 'plastic carrier bags', hs: '392321', unit: 'kg', price: 2 },
  paint: { name: 'paints and varnishes', hs: '320890', unit: 't', price: 3000 },
  detergents: { name: 'detergents', hs: '340220', unit: 'kg', price: 1.3 },
  diesel: { name: 'diesel fuel', hs: '271019', unit: 'l', price: 0.9 },
  tv: { name: 'television sets', hs: '852872', unit: 'pcs', price: 250 },
};

// ------------------------------------------------------------- sectors ----
const SECTOR = {
  '0111': 'growing of cereals',
  '0113': 'growing of vegetables',
  '0116': 'growing of fibre crops (cotton)',
  '0123': 'growing of citrus fruits',
  '0144': 'raising of sheep and goats',
  '0163': 'post-harvest crop activities (cotton ginning)',
  '0810': 'quarrying of stone, sand and clay',
  '1030': 'processing and preserving of fruit and vegetables',
  '1040': 'manufacture of vegetable oils (olive oil)',
  '1061': 'manufacture of grain mill products (flour milling)',
  '1062': 'manufacture of starches and starch products',
  '1071': 'manufacture of bakery products',
  '1072': 'manufacture of sugar',
  '1073': 'manufacture of sugar confectionery',
  '1079': 'manufacture of other food products (nut processing)',
  '1311': 'spinning of textile fibres',
  '1312': 'weaving of textiles',
  '1313': 'finishing of textiles',
  '1393': 'manufacture of carpets and rugs',
  '1410': 'manufacture of wearing apparel',
  '2011': 'manufacture of basic chemicals',
  '2012': 'manufacture of fertilisers and nitrogen compounds',
  '2022': 'manufacture of paints, varnishes and pigments',
  '2023': 'manufacture of soap, detergents and cleaning preparations',
  '2029': 'manufacture of other chemical products (commercial explosives)',
  '2211': 'manufacture of rubber tyres',
  '2220': 'manufacture of plastics products',
  '2394': 'manufacture of cement',
  '2410': 'manufacture of basic iron and steel',
  '2420': 'manufacture of non-ferrous metal powders',
  '2630': 'manufacture of communication equipment',
  '2710': 'manufacture of electric motors and motion-control apparatus',
  '2829': 'manufacture of special-purpose machinery',
  '2930': 'manufacture of parts for motor vehicles',
  '4100': 'construction of buildings',
  '4520': 'maintenance and repair of motor vehicles',
  '4530': 'sale of motor vehicle parts and tyres',
  '4610': 'trade agency and import representation',
  '4620': 'wholesale of agricultural raw materials (grain)',
  '4630': 'wholesale of food',
  '4649': 'wholesale of household goods and cleaning products',
  '4652': 'wholesale of electronic and telecommunications equipment',
  '4659': 'wholesale of industrial automation equipment',
  '4661': 'wholesale of liquid fuels',
  '4663': 'wholesale of construction materials',
  '4669': 'wholesale of chemical products',
  '4690': 'non-specialised wholesale trade (import-export)',
  '4711': 'retail sale in supermarkets',
  '4730': 'retail sale of automotive fuel',
  '4741': 'retail sale of mobile phones and accessories',
  '4752': 'retail sale of hardware, paints and building materials',
  '4773': 'retail sale of seeds and fertilisers',
  '4923': 'freight transport by road',
  '5210': 'warehousing and storage',
  '5229': 'customs brokerage and freight forwarding',
  '7710': 'renting of motor vehicles',
};

// ------------------------------------------------------------ entities ----
const entities = [];
const byId = new Map();
function addEntity(e) {
  if (byId.has(e.id)) throw new Error(`duplicate id ${e.id}`);
  if (e.isic && !e.sector) e.sector = SECTOR[e.isic];
  entities.push(e);
  byId.set(e.id, e);
  return e;
}
function person(id, name, city, country = 'TR') {
  return addEntity({ id, kind: 'person', name, country, city });
}

const TR_CITY = {
  akcakale: { city: 'Akçakale', province: 'Şanlıurfa', lat: 36.711, lon: 38.948, code: '414' },
  siverek: { city: 'Siverek', province: 'Şanlıurfa', lat: 37.755, lon: 39.317, code: '414' },
  urfa: { city: 'Şanlıurfa', province: 'Şanlıurfa', lat: 37.205, lon: 38.86, code: '414', districts: ['Haliliye', 'Eyyübiye', 'Karaköprü'] },
  gaz: { city: 'Gaziantep', province: 'Gaziantep', lat: 37.135, lon: 37.42, code: '342', districts: ['Şahinbey', 'Şehitkamil'] },
  kny: { city: 'Konya', province: 'Konya', lat: 37.8746, lon: 32.4932, code: '332', districts: ['Selçuklu', 'Meram', 'Karatay'] },
  kay: { city: 'Kayseri', province: 'Kayseri', lat: 38.7205, lon: 35.4826, code: '352', districts: ['Melikgazi', 'Kocasinan', 'Talas'] },
  ist: { city: 'İstanbul', province: 'İstanbul', lat: 41.0082, lon: 28.9784, code: '212', districts: ['Bağcılar', 'Esenyurt', 'Küçükçekmece', 'Zeytinburnu', 'Başakşehir'] },
  bur: { city: 'Bursa', province: 'Bursa', lat: 40.1885, lon: 29.061, code: '224', districts: ['Nilüfer', 'Osmangazi', 'Yıldırım'] },
  ada: { city: 'Adana', province: 'Adana', lat: 37.0, lon: 35.3213, code: '322', districts: ['Seyhan', 'Yüreğir', 'Çukurova', 'Sarıçam'] },
  mer: { city: 'Mersin', province: 'Mersin', lat: 36.8121, lon: 34.6415, code: '324', districts: ['Akdeniz', 'Yenişehir', 'Toroslar', 'Mezitli'] },
  dyb: { city: 'Diyarbakır', province: 'Diyarbakır', lat: 37.9144, lon: 40.2306, code: '412', districts: ['Bağlar', 'Kayapınar', 'Yenişehir', 'Sur'] },
};
const STREETS = ['Atatürk Cd.', 'İstasyon Cd.', 'Cumhuriyet Cd.', 'Fevzi Çakmak Cd.', 'Organize Sanayi Bölgesi 4. Cd.',
  'Küçük Sanayi Sitesi 2. Blok', 'Gazi Bulvarı', 'Hal Yolu Cd.', 'Menderes Cd.', 'Yeni Sanayi 7. Sk.', 'Kışla Cd.', 'Çarşı Sk.'];
const usedPhones = new Set();
function phoneFor(code) {
  for (;;) {
    const p = `+90 ${code} ${ri(210, 989)} ${pad2(ri(10, 99))} ${pad2(ri(10, 99))}`;
    if (!usedPhones.has(p)) { usedPhones.add(p); return p; }
  }
}
function trAddress(cityKey) {
  const c = TR_CITY[cityKey];
  const district = c.districts ? pick(c.districts) : c.city;
  return `${pick(STREETS)} No:${ri(1, 180)}, ${district}/${c.province}`;
}
const CROSSINGS = PLACES.filter((p) => p[2] === 'border_crossing');
function haversineKm(lat1, lon1, lat2, lon2) {
  const rad = Math.PI / 180;
  const h = Math.sin(((lat2 - lat1) * rad) / 2) ** 2
    + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}
const nearestCrossingKm = (lat, lon) => Math.min(...CROSSINGS.map((p) => haversineKm(lat, lon, p[3], p[4])));
// Businesses outside the two family groups are placed at least this far from every crossing, so
// that a cluster "near the border" in this scenario is always one of the planted groups.
const MIN_CROSSING_KM = 53;
function trCompany(id, name, cityKey, isic, employees, founded, extra = {}) {
  const c = TR_CITY[cityKey];
  let lat, lon;
  for (let tries = 0; ; tries++) {
    [lat, lon] = jitter(c.lat, c.lon, extra.radiusKm ?? 6);
    if (nearestCrossingKm(lat, lon) >= MIN_CROSSING_KM) break;
    if (tries > 10000) throw new Error(`cannot place ${id} away from the border`);
  }
  return addEntity({
    id, kind: 'company', name, country: 'TR', city: c.city, address: extra.address ?? trAddress(cityKey),
    lat, lon, isic, employees, founded, phone: extra.phone ?? phoneFor(c.code), ...extra.fields,
  });
}

// ---- Group A: the Harbelioğlu family group, Akçakale --------------------
const PH_A1 = '+90 414 431 27 64'; // shared by tr-akc-01 / tr-akc-02
const PH_A2 = '+90 414 431 58 10'; // shared by tr-akc-03 / tr-akc-04
const PH_A3 = '+90 414 431 90 22'; // shared by tr-akc-07 / tr-akc-08
[PH_A1, PH_A2, PH_A3].forEach((p) => usedPhones.add(p));
const ADDR_A1 = 'Cumhuriyet Mh. Gümrük Cd. No:14, Akçakale/Şanlıurfa';
const ADDR_A2 = 'Sınır Kapısı Yolu Antrepo Sk. No:3, Akçakale/Şanlıurfa';
const ADDR_A3 = 'Atatürk Mh. Ceylanpınar Cd. No:41, Akçakale/Şanlıurfa';
const [a1lat, a1lon] = jitter(36.711, 38.948, 0.6);
const [a2lat, a2lon] = jitter(36.6995, 38.9515, 0.4);
const [a3lat, a3lon] = jitter(36.716, 38.942, 0.6);
const A = (id, name, isic, employees, founded, lat, lon, address, phone) =>
  addEntity({ id, kind: 'company', name, country: 'TR', city: 'Akçakale', address, lat, lon, isic, employees, founded, phone });
const aLoc = () => jitter(36.711, 38.948, 5);
A('tr-akc-01', 'Harbeli GSM İletişim', '4741', 3, '2011-04-12', a1lat, a1lon, ADDR_A1, PH_A1);
A('tr-akc-02', 'Harbelioğlu Dış Ticaret Ltd. Şti.', '4690', 7, '2009-08-03', a1lat, a1lon, ADDR_A1, PH_A1);
A('tr-akc-03', 'Sınırkapı Depoculuk ve Lojistik Ltd. Şti.', '5210', 5, '2012-02-20', a2lat, a2lon, ADDR_A2, PH_A2);
A('tr-akc-04', 'Harbeli Nakliyat ve Ticaret', '4923', 6, '2010-06-07', a2lat, a2lon, ADDR_A2, PH_A2);
A('tr-akc-05', 'Akçakale Yapı Market', '4752', 4, '2008-03-25', ...aLoc(), 'Yeni Mh. Harran Cd. No:57, Akçakale/Şanlıurfa', phoneFor('414'));
A('tr-akc-06', 'Tandırcı Ekmek ve Pide Fırını', '1071', 5, '2007-11-14', ...aLoc(), 'Cumhuriyet Mh. Fırın Sk. No:6, Akçakale/Şanlıurfa', phoneFor('414'));
A('tr-akc-07', 'Bereketli Toprak Tohum ve Gübre', '4773', 2, '2012-09-10', a3lat, a3lon, ADDR_A3, PH_A3);
A('tr-akc-08', 'Yeniyol Yapı Kimyasalları Ltd. Şti.', '4663', 2, '2015-05-18', a3lat, a3lon, ADDR_A3, PH_A3);
A('tr-akc-09', 'Harbeli Petrol Ürünleri', '4730', 8, '2005-07-01', ...jitter(36.711, 38.948, 8, 4), 'Şanlıurfa Yolu 3. Km, Akçakale/Şanlıurfa', phoneFor('414'));
const GROUP_A = ['tr-akc-01', 'tr-akc-02', 'tr-akc-03', 'tr-akc-04', 'tr-akc-05', 'tr-akc-06', 'tr-akc-07', 'tr-akc-08', 'tr-akc-09'];
person('p-001', 'Halil Harbelioğlu', 'Akçakale');
person('p-002', 'Mustafa Harbelioğlu', 'Akçakale');
person('p-003', 'İbrahim Harbelioğlu', 'Akçakale');
person('p-004', 'Hatice Harbelioğlu', 'Akçakale');
person('p-005', 'Yusuf Kaplankaya', 'Akçakale');
const PERSONS_A = ['p-001', 'p-002', 'p-003', 'p-004', 'p-005'];

// ---- Group B: the Tektaşlı family group, Siverek ------------------------
const PH_B1 = '+90 414 552 31 08'; // shared by tr-svr-02 / tr-svr-03
usedPhones.add(PH_B1);
const ADDR_B1 = 'Sanayi Sitesi 4. Blok No:22, Siverek/Şanlıurfa';
const ADDR_B2 = 'Diyarbakır Yolu 5. Km No:2, Siverek/Şanlıurfa';
const [b1lat, b1lon] = jitter(37.755, 39.317, 2);
const [b2lat, b2lon] = jitter(37.79, 39.345, 0.8);
const B = (id, name, isic, employees, founded, lat, lon, address, phone) =>
  addEntity({ id, kind: 'company', name, country: 'TR', city: 'Siverek', address, lat, lon, isic, employees, founded, phone });
const bLoc = () => jitter(37.755, 39.317, 5);
B('tr-svr-01', 'Karacadağ Tarım Ürünleri Ltd. Şti.', '0111', 14, '2006-02-13', ...bLoc(), 'Hilvan Yolu Çiftlik Mevkii No:1, Siverek/Şanlıurfa', phoneFor('414'));
B('tr-svr-02', 'Tektaşlı Kimya ve Temizlik Ürünleri', '4649', 4, '2011-10-03', b1lat, b1lon, ADDR_B1, PH_B1);
B('tr-svr-03', 'Tektaşlı Nakliyat', '4923', 8, '2009-05-21', b1lat, b1lon, ADDR_B1, PH_B1);
B('tr-svr-04', 'Siverek Yapı İnşaat Taahhüt', '4100', 11, '2004-08-30', ...bLoc(), 'Cumhuriyet Mh. Adliye Cd. No:18, Siverek/Şanlıurfa', phoneFor('414'));
B('tr-svr-05', 'Tektaşlı Petrol', '4730', 6, '2003-04-11', b2lat, b2lon, ADDR_B2, phoneFor('414'));
B('tr-svr-06', 'Fırat Yem ve Hayvancılık', '0144', 5, '2010-01-19', b2lat, b2lon, ADDR_B2, phoneFor('414'));
const GROUP_B = ['tr-svr-01', 'tr-svr-02', 'tr-svr-03', 'tr-svr-04', 'tr-svr-05', 'tr-svr-06'];
person('p-006', 'Abdullah Tektaşlı', 'Siverek');
person('p-007', 'Mehmet Tektaşlı', 'Siverek');
person('p-008', 'Zeynep Tektaşlı', 'Siverek');
const PERSONS_B = ['p-006', 'p-007', 'p-008'];

// ---- unrelated third parties -------------------------------------------
A('tr-car-01', 'Güneyyıldız Oto Kiralama', '7710', 4, '2008-05-06', ...jitter(36.711, 38.948, 3, 1), 'Atatürk Mh. Otogar Cd. No:9, Akçakale/Şanlıurfa', phoneFor('414'));
person('p-009', 'Serkan Bayındırlı', 'Şanlıurfa');
trCompany('tr-dyb-01', 'Amidköy Dış Ticaret Ltd. Şti.', 'dyb', '4620', 6, '2001-09-17', { radiusKm: 4 });
person('p-010', 'Cemil Özerdemli', 'Diyarbakır');

// ---- the large chemical distributor (Mersin) -----------------------------
trCompany('tr-dst-01', 'Velkaron Kimya Dağıtım A.Ş.', 'mer', '4669', 340, '1996-04-02', {
  address: 'Mersin-Tarsus Organize Sanayi Bölgesi 7. Cd. No:12, Akdeniz/Mersin', radiusKm: 3,
});
person('p-011', 'Kemal Velioğulları', 'Mersin');
person('p-012', 'Nurten Saraçbaşı', 'Mersin');
person('p-013', 'Orhan Tekinalp', 'Gaziantep');

// ---- foreign suppliers ---------------------------------------------------
// [id, name, country, city, lat, lon, isic, employees]
const FOREIGN = [
  ['gb-sup-01', 'Penhallow Motion Systems Ltd', 'GB', 'Leicester', 52.6369, -1.1398, '2710', 85],
  ['gb-sup-02', 'Ashcombe Speciality Chemicals Ltd', 'GB', 'Runcorn', 53.342, -2.729, '2011', 140],
  ['gb-sup-03', 'Brackley & Todd Pigments Ltd', 'GB', 'Birmingham', 52.4862, -1.8904, '2022', 60],
  ['gb-sup-04', 'Hollins Moor Agrochemicals Ltd', 'GB', 'Hull', 53.7676, -0.3274, '4669', 35],
  ['dk-sup-01', 'Nørrevang Kemi A/S', 'DK', 'Esbjerg', 55.4765, 8.4594, '2011', 90],
  ['dk-sup-02', 'Skovlund Industrisalt ApS', 'DK', 'Fredericia', 55.5657, 9.7526, '4669', 20],
  ['dk-sup-03', 'Hvidbjerg Elektronik ApS', 'DK', 'Aarhus', 56.1629, 10.2039, '2710', 45],
  ['es-sup-01', 'Química del Segura S.L.', 'ES', 'Murcia', 37.9922, -1.1307, '2011', 70],
  ['es-sup-02', 'Aluminios Pintados Berceo S.A.', 'ES', 'Logroño', 42.4627, -2.445, '2420', 120],
  ['es-sup-03', 'Aceites Campiña Alta S.L.', 'ES', 'Jaén', 37.7796, -3.7849, '1040', 40],
  ['es-sup-04', 'Voladuras Peñamayor S.A.', 'ES', 'Oviedo', 43.3614, -5.8494, '2029', 150],
  ['de-sup-01', 'Rheinauer Feinchemie GmbH', 'DE', 'Ludwigshafen', 49.4774, 8.4452, '2011', 260],
  ['de-sup-02', 'Lindewerk Metallpulver GmbH', 'DE', 'Fürth', 49.4771, 10.9887, '2420', 75],
  ['de-sup-03', 'Brenneisen Fahrzeugteile GmbH', 'DE', 'Stuttgart', 48.7758, 9.1829, '2930', 210],
  ['de-sup-04', 'Köhlbrand Düngemittelhandel GmbH', 'DE', 'Hamburg', 53.5511, 9.9937, '4669', 30],
  ['nl-sup-01', 'Oosterdiep Chemicals B.V.', 'NL', 'Rotterdam', 51.9244, 4.4777, '4669', 55],
  ['nl-sup-02', 'Zuidmeer Polyolen B.V.', 'NL', 'Delfzijl', 53.3317, 6.9195, '2011', 110],
  ['nl-sup-03', 'Brinkhorst Agri Trading B.V.', 'NL', 'Venlo', 51.3704, 6.1724, '4669', 25],
  ['be-sup-01', 'Schelderode Chemie NV', 'BE', 'Antwerpen', 51.2194, 4.4025, '2011', 180],
  ['be-sup-02', 'Meulebeke Agro NV', 'BE', 'Gent', 51.0543, 3.7174, '2012', 65],
  ['fr-sup-01', 'Chimie Durance SAS', 'FR', 'Marseille', 43.2965, 5.3698, '2011', 130],
  ['fr-sup-02', "Solvants de l'Étang SARL", 'FR', 'Lyon', 45.764, 4.8357, '4669', 40],
  ['it-sup-01', 'Chimica Valtrebbia S.r.l.', 'IT', 'Piacenza', 45.0526, 9.693, '2011', 95],
  ['it-sup-02', 'Polveri Metalliche Alpina S.p.A.', 'IT', 'Bergamo', 45.6983, 9.6773, '2420', 140],
  ['it-sup-03', 'Filati Serravalle S.r.l.', 'IT', 'Biella', 45.5629, 8.0583, '1311', 80],
  ['pl-sup-01', 'Nawozy Wisłoka Sp. z o.o.', 'PL', 'Tarnów', 50.0121, 20.9858, '2012', 160],
  ['pl-sup-02', 'Elmotion Gliwice Sp. z o.o.', 'PL', 'Gliwice', 50.2945, 18.6714, '2710', 70],
  ['cz-sup-01', 'Labechem Ústí s.r.o.', 'CZ', 'Ústí nad Labem', 50.6607, 14.0323, '2011', 120],
  ['cz-sup-02', 'Moravolt Elektro s.r.o.', 'CZ', 'Brno', 49.1951, 16.6068, '2710', 60],
  ['ro-sup-01', 'Chimsalin Trade S.R.L.', 'RO', 'Ploiești', 44.9462, 26.0254, '4669', 30],
  ['bg-sup-01', 'Dunavhim EOOD', 'BG', 'Ruse', 43.8356, 25.9657, '4669', 25],
  ['bg-sup-02', 'Trakia Agrohim OOD', 'BG', 'Plovdiv', 42.1354, 24.7453, '2012', 45],
  ['gr-sup-01', 'Thermaikos Chemicals S.A.', 'GR', 'Thessaloniki', 40.6401, 22.9444, '2011', 85],
  ['cn-sup-01', 'Jiangyin Huarong Metal Powder Co., Ltd', 'CN', 'Jiangyin', 31.9108, 120.2853, '2420', 230],
  ['cn-sup-02', 'Shenzhen Lianxin Mobile Technology Co., Ltd', 'CN', 'Shenzhen', 22.5431, 114.0579, '2630', 900],
  ['cn-sup-03', 'Qingdao Haibo Chemical Import & Export Co., Ltd', 'CN', 'Qingdao', 36.0671, 120.3826, '4669', 60],
  ['cn-sup-04', 'Ningbo Kaiyue Electric Drive Co., Ltd', 'CN', 'Ningbo', 29.8683, 121.544, '2710', 320],
  ['cn-sup-05', 'Dongying Jiahe Tyre Co., Ltd', 'CN', 'Dongying', 37.4341, 118.6747, '2211', 1400],
  ['in-sup-01', 'Vadodara Nitrochem Pvt Ltd', 'IN', 'Vadodara', 22.3072, 73.1812, '2012', 210],
  ['in-sup-02', 'Sri Lakshmi Venkata Spinners Pvt Ltd', 'IN', 'Coimbatore', 11.0168, 76.9558, '1311', 450],
  ['in-sup-03', 'Ankleshwar Solvex Industries Pvt Ltd', 'IN', 'Ankleshwar', 21.6264, 73.0152, '2011', 150],
  ['us-sup-01', 'Bayou Ridge Chemical Co.', 'US', 'Baton Rouge', 30.4515, -91.1871, '2011', 380],
  ['us-sup-02', 'Cascade Motion Controls Inc.', 'US', 'Portland', 45.5152, -122.6784, '2710', 120],
  ['br-sup-01', 'Amidos do Paranapanema Ltda', 'BR', 'Ponta Grossa', -25.0945, -50.1633, '1062', 260],
  ['br-sup-02', 'Usina Ribeirão Claro Açúcar S.A.', 'BR', 'Ribeirão Preto', -21.1775, -47.8103, '1072', 700],
  ['ru-sup-01', 'Kamskaya Khimtorg LLC', 'RU', 'Nizhnekamsk', 55.6366, 51.8245, '4669', 90],
  ['ru-sup-02', 'Donskoy Zernovoy Export LLC', 'RU', 'Rostov-on-Don', 47.2357, 39.7015, '4620', 70],
  ['ua-sup-01', 'Dniprokhimtrade LLC', 'UA', 'Dnipro', 48.4647, 35.0462, '4669', 40],
  ['ua-sup-02', 'Pivdenny Agroexport LLC', 'UA', 'Odesa', 46.4825, 30.7233, '4620', 55],
  ['ir-sup-01', 'Tabriz Pars Shimi Co.', 'IR', 'Tabriz', 38.0962, 46.2738, '2012', 140],
  ['ae-sup-01', 'Al Qusais Gulf Trading FZE', 'AE', 'Dubai', 25.2048, 55.2708, '4652', 18],
  ['ae-sup-02', 'Jebel Crescent Chemicals FZCO', 'AE', 'Dubai', 25.0119, 55.1211, '4669', 22],
  ['jo-sup-01', 'Zarqa Levant Chemicals Co.', 'JO', 'Zarqa', 32.0728, 36.088, '2012', 110],
  ['lb-sup-01', 'Cedar Coast Trading SARL', 'LB', 'Beirut', 33.8938, 35.5018, '4669', 15],
  ['se-sup-01', 'Gävleborg Kemi AB', 'SE', 'Gävle', 60.6749, 17.1413, '2011', 95],
  ['at-sup-01', 'Traunsee Feinchemikalien GmbH', 'AT', 'Linz', 48.3069, 14.2858, '2011', 130],
  ['hu-sup-01', 'Zagyva Kemikália Kft.', 'HU', 'Szolnok', 47.1621, 20.1825, '2011', 75],
  ['sk-sup-01', 'Považie Chemika s.r.o.', 'SK', 'Žilina', 49.2231, 18.7394, '2011', 60],
  ['kr-sup-01', 'Hanbit Motion Co., Ltd', 'KR', 'Changwon', 35.2281, 128.6811, '2710', 260],
  ['pt-sup-01', 'Química Ribatejana Lda', 'PT', 'Santarém', 39.2362, -8.6859, '2011', 50],
  ['eg-sup-01', 'Nile Delta Agro-Chem Co.', 'EG', 'Tanta', 30.7865, 31.0004, '2012', 190],
];
for (const [id, name, country, city, lat, lon, isic, employees] of FOREIGN) {
  const [jl, jo] = jitter(lat, lon, 4);
  addEntity({
    id, kind: 'company', name, country, city, lat: jl, lon: jo, isic, employees,
    founded: `${ri(1952, 2006)}-${pad2(ri(1, 12))}-${pad2(ri(1, 28))}`,
  });
}

// ---- ordinary Turkish businesses ---------------------------------------
// [id, name, cityKey, isic, employees, foundedYear, sector (default: from isic)]
const ORDINARY = [
  ['tr-kny-01', 'Selçukbey Un Sanayi A.Ş.', 'kny', '1061', 85, 1988],
  ['tr-kny-02', 'Meram Taş Fırın', 'kny', '1071', 14, 1996],
  ['tr-kny-03', 'Karatay Ekmek Fabrikası', 'kny', '1071', 25, 1991],
  ['tr-kny-04', 'Sille Unlu Mamulleri', 'kny', '1071', 9, 2003],
  ['tr-kny-05', 'Zafer Pide ve Ekmek Fırını', 'kny', '1071', 6, 1999],
  ['tr-kny-06', 'Mevlanakapı Gıda Toptan', 'kny', '4630', 22, 1994],
  ['tr-kny-07', 'Kuleli Süpermarket', 'kny', '4711', 45, 2001],
  ['tr-kny-08', 'Çumra Ova Tarım İşletmesi', 'kny', '0111', 9, 1985],
  ['tr-kny-09', 'Ovalı Tohum ve Gübre', 'kny', '4773', 4, 1998],
  ['tr-kny-10', 'Konyalı Kardeşler Yapı İnşaat', 'kny', '4100', 60, 1993],
  ['tr-kny-11', 'Bozkırlı Çimento Sanayi A.Ş.', 'kny', '2394', 240, 1979],
  ['tr-kny-12', 'Ustalar Oto Servis', 'kny', '4520', 8, 2002],
  ['tr-kny-13', 'Karaaslanlar Oto Yedek Parça', 'kny', '4530', 18, 1997],
  ['tr-kny-14', 'Ereğlili Hububat Çiftliği', 'kny', '0111', 6, 1990],
  ['tr-kny-15', 'Hızırlı Oto Tamir', 'kny', '4520', 5, 2006],
  ['tr-kay-01', 'Erciyesli İplik Sanayi A.Ş.', 'kay', '1311', 180, 1986],
  ['tr-kay-02', 'Talaslı Dokuma San. ve Tic.', 'kay', '1312', 95, 1992],
  ['tr-kay-03', 'Kocasinan Boya Apre Tesisleri', 'kay', '1313', 70, 1995],
  ['tr-kay-04', 'Hunatlı Konfeksiyon', 'kay', '1410', 40, 2000],
  ['tr-kay-05', 'Melikgazi Tekstil Konfeksiyon', 'kay', '1410', 55, 1998],
  ['tr-kay-07', 'Erciyes Vadisi Market Zinciri', 'kay', '4711', 120, 1990],
  ['tr-kay-08', 'Yıldırımlı Ekmek Fırını', 'kay', '1071', 12, 1984],
  ['tr-kay-09', 'Sarıoğlanlı Tarım Market', 'kay', '4773', 3, 2004],
  ['tr-kay-10', 'Kayserili Kent Yapı A.Ş.', 'kay', '4100', 75, 1989],
  ['tr-kay-11', 'Kızılırmaklı Çelik Hadde A.Ş.', 'kay', '2410', 300, 1981],
  ['tr-kay-12', 'Yahyalılar Taş Ocakları', 'kay', '0810', 28, 1987],
  ['tr-kay-13', 'Bünyanlı Tarım İşletmesi', 'kay', '0111', 7, 1993],
  ['tr-ist-01', 'Boğazkent Elektronik Dağıtım A.Ş.', 'ist', '4652', 65, 1999],
  ['tr-ist-02', 'Kadıköylü GSM', 'ist', '4741', 3, 2008],
  ['tr-ist-03', 'Bağcılar Telekom Dünyası', 'ist', '4741', 5, 2010],
  ['tr-ist-04', 'Fatihli Cep Market', 'ist', '4741', 2, 2006],
  ['tr-ist-05', 'Marmaralı Gıda Toptan A.Ş.', 'ist', '4630', 50, 1990],
  ['tr-ist-06', 'Halkalılar Süpermarket', 'ist', '4711', 85, 1997],
  ['tr-ist-07', 'Yenibosna Market Zinciri', 'ist', '4711', 140, 1994],
  ['tr-ist-08', 'Halkalı Otomasyon Sistemleri Ltd. Şti.', 'ist', '4659', 30, 2003],
  ['tr-ist-09', 'Haliçli Boya Sanayi A.Ş.', 'ist', '2022', 90, 1983],
  ['tr-ist-10', 'Tatlıcanlar Şekerleme A.Ş.', 'ist', '1073', 110, 1978],
  ['tr-ist-11', 'Pırılsu Temizlik Kimyasalları', 'ist', '2023', 45, 1996],
  ['tr-ist-12', 'Galataport Dış Ticaret Temsilcilik', 'ist', '4610', 6, 2002],
  ['tr-bur-01', 'Uludağlı Makine Sanayi A.Ş.', 'bur', '2829', 150, 1985],
  ['tr-bur-02', 'Nilüferli Oto Parça Sanayi', 'bur', '2930', 200, 1991],
  ['tr-bur-03', 'Gemlikli Dokuma A.Ş.', 'bur', '1312', 75, 1988],
  ['tr-ada-01', 'Ceyhanlı Pamuk Çiftliği', 'ada', '0116', 15, 1980],
  ['tr-ada-02', 'Çukurovalı Tohumculuk ve Gübre', 'ada', '4773', 5, 1995],
  ['tr-ada-03', 'Yüreğirli Narenciye Bahçeleri', 'ada', '0123', 20, 1986],
  ['tr-ada-04', 'Seyhanlı Salça Gıda Sanayi', 'ada', '1030', 80, 1992],
  ['tr-ada-05', 'Karataşlı Sebzecilik', 'ada', '0113', 10, 1999],
  ['tr-ada-06', 'Adana Kuzeyli Yapı', 'ada', '4100', 50, 1997],
  ['tr-ada-07', 'Seyhan Kıyısı Hipermarket', 'ada', '4711', 95, 2000],
  ['tr-ada-08', 'Çukurova Usta Oto Bakım', 'ada', '4520', 7, 2004],
  ['tr-ada-09', 'Kozanlı Lastik ve Yedek Parça', 'ada', '4530', 12, 1998],
  ['tr-mer-01', 'Limanlı Gümrük Müşavirlik', 'mer', '5229', 14, 1993],
  ['tr-mer-02', 'Akdeniz Sahilkent İnşaat', 'mer', '4100', 40, 1999],
  ['tr-mer-03', 'Gülnarlı Çimento ve Agrega A.Ş.', 'mer', '2394', 180, 1977],
  ['tr-mer-04', 'Mavikent Havuz Kimyasalları', 'mer', '4773', 3, 2007, 'retail sale of swimming-pool chemicals'],
  ['tr-mer-05', 'Pozcu Nalbur ve Boya', 'mer', '4752', 4, 2001],
  ['tr-mer-06', 'Tarsuslu Sabun İmalathanesi', 'mer', '2023', 8, 1974],
  ['tr-mer-07', 'Erdemlili Narenciye Paketleme', 'mer', '1030', 60, 1990],
  ['tr-gaz-01', 'Ayıntaplı Fıstık İşleme', 'gaz', '1079', 40, 1987],
  ['tr-gaz-02', 'Şahinbeyli Halı Dokuma A.Ş.', 'gaz', '1393', 140, 1989],
  ['tr-gaz-03', 'Nizipli İplik Sanayi', 'gaz', '1311', 90, 1994],
  ['tr-gaz-04', 'Başpınarlı Plastik Ambalaj', 'gaz', '2220', 55, 2000],
  ['tr-gaz-05', 'Beyzade Baklava ve Tatlı', 'gaz', '1071', 30, 1982],
  ['tr-gaz-06', 'Antepkent Süpermarket', 'gaz', '4711', 60, 1998],
  ['tr-gaz-07', 'Oğuzelili Un Sanayi A.Ş.', 'gaz', '1061', 70, 1984],
  ['tr-gaz-08', 'Gazikent GSM', 'gaz', '4741', 3, 2009],
  ['tr-gaz-09', 'Şehitkamilli Oto Servis', 'gaz', '4520', 6, 2003],
  ['tr-gaz-10', 'Islahiyeli Zeytinyağı Fabrikası', 'gaz', '1040', 25, 1979],
  ['tr-urf-01', 'Balıklıgöllü Ekmek Fırını', 'urfa', '1071', 9, 1992],
  ['tr-urf-02', 'Eyyübiyeli Ekmek Fabrikası', 'urfa', '1071', 16, 1997],
  ['tr-urf-03', 'Harranova Pamuk Çiftliği', 'urfa', '0116', 18, 1986],
  ['tr-urf-04', 'Urfalı Çırçır Fabrikası', 'urfa', '0163', 45, 1983],
  ['tr-urf-05', 'Göbekli Market', 'urfa', '4711', 35, 2002],
  ['tr-urf-06', 'Haliliyeli Tarım Market', 'urfa', '4773', 4, 2001],
  ['tr-urf-07', 'Karaköprülü Yapı İnşaat', 'urfa', '4100', 30, 1998],
  ['tr-urf-08', 'Urfalı Oto Elektrik ve Tamir', 'urfa', '4520', 4, 2005],
  ['tr-urf-09', 'Urfalı Akaryakıt Dağıtım A.Ş.', 'urfa', '4661', 40, 1991],
  ['tr-dyb-02', 'Surlu Yapı Malzemeleri', 'dyb', '4663', 20, 1996],
  ['tr-dyb-03', 'Dicleli Konut İnşaat', 'dyb', '4100', 45, 1999],
  ['tr-dyb-04', 'Kayapınarlı Çimento Sanayi A.Ş.', 'dyb', '2394', 150, 1976],
  ['tr-dyb-05', 'Bağlarlı Süpermarket', 'dyb', '4711', 40, 2003],
  ['tr-dyb-06', 'Yenişehirli Tarım Market', 'dyb', '4773', 3, 2000],
  ['tr-dyb-07', 'Çınarlı Hububat Çiftliği', 'dyb', '0111', 8, 1988],
  ['tr-dyb-08', 'Dicle Akaryakıt Dağıtım A.Ş.', 'dyb', '4661', 35, 1993],
];
for (const [id, name, cityKey, isic, employees, year, sector] of ORDINARY) {
  trCompany(id, name, cityKey, isic, employees, `${year}-${pad2(ri(1, 12))}-${pad2(ri(1, 28))}`,
    { radiusKm: cityKey === 'dyb' ? 4 : 6, fields: sector ? { sector } : {} });
}

// ---- owners and managers of ordinary businesses -----------------------
const FIRST = ['Ahmet', 'Ali', 'Hasan', 'Hüseyin', 'Murat', 'Osman', 'Ramazan', 'Recep', 'Sinan', 'Tuncay', 'Volkan', 'Erdal',
  'Kadir', 'Levent', 'Gökhan', 'Cengiz', 'Ayşe', 'Emine', 'Fatma', 'Gülsüm', 'Sevgi', 'Nermin', 'Derya', 'Selma'];
const LAST = ['Akpınarlı', 'Yazıcıoğulları', 'Demirbilek', 'Kozanoğlu', 'Sarıhan', 'Tokgözlü', 'Ertunçlu', 'Karabacaklı',
  'Gürsoylu', 'Esenkaya', 'Ilıcalı', 'Bağrıaçık', 'Çetinsoylu', 'Dumanlı', 'Köroğulları', 'Alpaslanlı', 'Tepebaşlı',
  'Ulusoylu', 'Yeşilyurtlu', 'Zorlutuna'];
const ORD_OWNED = ['tr-kny-01', 'tr-kny-02', 'tr-kny-03', 'tr-kny-10', 'tr-kay-01', 'tr-kay-02', 'tr-kay-04', 'tr-ist-01',
  'tr-ist-05', 'tr-ist-08', 'tr-ist-09', 'tr-ada-01', 'tr-ada-04', 'tr-gaz-01', 'tr-gaz-05', 'tr-gaz-07', 'tr-urf-01',
  'tr-urf-04', 'tr-dyb-02', 'tr-dyb-04', 'tr-mer-03', 'tr-bur-01'];
const ordOwner = new Map();
{
  const usedNames = new Set();
  let n = 14;
  ORD_OWNED.forEach((cid, i) => {
    let name;
    do { name = `${pick(FIRST)} ${LAST[i % LAST.length]}`; } while (usedNames.has(name));
    usedNames.add(name);
    const pid = `p-${String(n++).padStart(3, '0')}`;
    person(pid, name, byId.get(cid).city);
    ordOwner.set(cid, pid);
  });
}

// ----------------------------------------------------------- relations ----
const relations = [];
const rel = (source, target, kind, o = {}) => {
  for (const id of [source, target]) if (!byId.has(id)) throw new Error(`relation to unknown id ${id}`);
  relations.push({ source, target, kind, share: o.share ?? '', start: o.start ?? '', end: o.end ?? '' });
};
// Group A — family
rel('p-001', 'p-002', 'family'); rel('p-001', 'p-003', 'family'); rel('p-002', 'p-003', 'family');
rel('p-001', 'p-004', 'family'); rel('p-004', 'p-005', 'family'); rel('p-003', 'p-005', 'family');
// Group A — ownership
rel('p-001', 'tr-akc-02', 'owner', { share: 60 }); rel('p-002', 'tr-akc-02', 'owner', { share: 40 });
rel('p-002', 'tr-akc-01', 'owner', { share: 100 });
rel('p-001', 'tr-akc-03', 'owner', { share: 50 }); rel('p-003', 'tr-akc-03', 'owner', { share: 50 });
rel('p-003', 'tr-akc-04', 'owner', { share: 100 });
rel('tr-akc-02', 'tr-akc-05', 'owner', { share: 80 }); rel('p-002', 'tr-akc-05', 'owner', { share: 20 });
rel('p-004', 'tr-akc-06', 'owner', { share: 100 });
rel('p-005', 'tr-akc-07', 'owner', { share: 100 });
rel('p-005', 'tr-akc-08', 'owner', { share: 70, start: '2015-05-18' }); rel('p-003', 'tr-akc-08', 'owner', { share: 30, start: '2015-05-18' });
rel('p-001', 'tr-akc-09', 'owner', { share: 100 });
// Group A — directors
rel('p-002', 'tr-akc-01', 'director'); rel('p-002', 'tr-akc-02', 'director'); rel('p-003', 'tr-akc-03', 'director');
rel('p-003', 'tr-akc-04', 'director'); rel('p-002', 'tr-akc-05', 'director'); rel('p-005', 'tr-akc-08', 'director', { start: '2015-05-18' });
rel('p-001', 'tr-akc-09', 'director'); rel('p-004', 'tr-akc-06', 'director');
// Group A — shared addresses (and phones)
rel('tr-akc-01', 'tr-akc-02', 'shared_address'); rel('tr-akc-03', 'tr-akc-04', 'shared_address');
rel('tr-akc-07', 'tr-akc-08', 'shared_address');
// Group B
rel('p-006', 'p-007', 'family'); rel('p-006', 'p-008', 'family'); rel('p-007', 'p-008', 'family');
rel('p-006', 'tr-svr-01', 'owner', { share: 70 }); rel('p-007', 'tr-svr-01', 'owner', { share: 30 });
rel('p-007', 'tr-svr-02', 'owner', { share: 100 }); rel('p-007', 'tr-svr-03', 'owner', { share: 100 });
rel('p-006', 'tr-svr-04', 'owner', { share: 100 }); rel('p-008', 'tr-svr-05', 'owner', { share: 100 });
rel('p-008', 'tr-svr-06', 'owner', { share: 50 }); rel('p-006', 'tr-svr-06', 'owner', { share: 50 });
rel('p-006', 'tr-svr-01', 'director'); rel('p-007', 'tr-svr-02', 'director'); rel('p-007', 'tr-svr-03', 'director');
rel('p-006', 'tr-svr-04', 'director'); rel('p-008', 'tr-svr-05', 'director');
rel('tr-svr-02', 'tr-svr-03', 'shared_address'); rel('tr-svr-05', 'tr-svr-06', 'shared_address');
// the one personal link between the two groups
rel('p-002', 'p-007', 'associate', { start: '2014-06-01' });
// unrelated third parties
rel('p-009', 'tr-car-01', 'owner', { share: 100 }); rel('p-009', 'tr-car-01', 'director');
rel('p-010', 'tr-dyb-01', 'owner', { share: 100 }); rel('p-010', 'tr-dyb-01', 'director');
// distributor
rel('p-011', 'tr-dst-01', 'owner', { share: 65 }); rel('p-012', 'tr-dst-01', 'director');
rel('p-013', 'tr-dst-01', 'agent', { start: '2013-03-01' });
rel('tr-mer-01', 'tr-dst-01', 'agent');
rel('tr-ist-12', 'gb-sup-01', 'agent'); rel('tr-ist-12', 'dk-sup-03', 'agent');
// ordinary businesses
for (const [cid, pid] of ordOwner) {
  rel(pid, cid, 'owner', { share: pick([51, 60, 75, 100, 100]) });
  if (rand() < 0.5) rel(pid, cid, 'director');
}
rel(ordOwner.get('tr-kny-02'), ordOwner.get('tr-kny-03'), 'family');
rel(ordOwner.get('tr-gaz-01'), ordOwner.get('tr-gaz-05'), 'family');
rel(ordOwner.get('tr-kay-01'), ordOwner.get('tr-kay-02'), 'associate');
rel(ordOwner.get('tr-urf-01'), 'tr-urf-02', 'employee', { start: '2009-01-05', end: '2012-12-31' });

// ----------------------------------------------------------- shipments ----
const EUR_C = new Set(['DE', 'NL', 'BE', 'FR', 'IT', 'ES', 'AT', 'SK', 'PT', 'GR', 'DK', 'PL', 'CZ', 'RO', 'BG', 'HU', 'SE']);
const RATE = {
  EUR: { 2014: 0.754, 2015: 0.902, 2016: 0.904, 2017: 0.887 },
  GBP: { 2014: 0.607, 2015: 0.654, 2016: 0.741, 2017: 0.777 },
  TRY: { 2014: 2.19, 2015: 2.72, 2016: 3.02, 2017: 3.65 },
  USD: { 2014: 1, 2015: 1, 2016: 1, 2017: 1 },
};
const currencyOf = (country) => (country === 'TR' ? 'TRY' : country === 'GB' ? 'GBP' : EUR_C.has(country) ? 'EUR' : 'USD');
function transitDays(origin) {
  if (origin === 'TR') return ri(1, 3);
  if (['BG', 'GR', 'RO'].includes(origin)) return ri(3, 6);
  if (['IR', 'JO', 'LB'].includes(origin)) return ri(4, 9);
  if (['RU', 'UA', 'EG'].includes(origin)) return ri(6, 12);
  if (['CN', 'IN', 'BR', 'US', 'KR'].includes(origin)) return ri(26, 44);
  if (origin === 'AE') return ri(10, 18);
  return ri(6, 12); // rest of Europe by road / short sea
}

let shipments = [];
/** Add a shipment. shipped: ISO date or day number. */
function ship(supplier, buyer, ck, quantity, shipped, o = {}) {
  for (const id of [supplier, buyer, o.consignee, o.payer]) if (id && !byId.has(id)) throw new Error(`unknown id ${id}`);
  if (!C[ck]) throw new Error(`unknown commodity ${ck}`);
  const origin = byId.get(supplier).country;
  const sd = typeof shipped === 'number' ? shipped : d2n(shipped);
  const transit = o.transit ?? transitDays(origin);
  const s = {
    supplier, buyer, ck, quantity, shipped: sd, received: sd + transit, transit,
    consignee: o.consignee ?? '', payer: o.payer ?? '', fixed: !!o.fixed, priceJitter: 0.9 + rand() * 0.2,
  };
  shipments.push(s);
  return s;
}
const qty = (min, max, step = 1) => Math.round((min + rand() * (max - min)) / step) * step;
/** n ordinary shipments at random dates within the period. */
function recurring(supplier, buyer, ck, n, qmin, qmax, o = {}) {
  const step = o.step ?? (qmax - qmin >= 50 ? 10 : qmax - qmin >= 5 ? 1 : 0.5);
  for (let i = 0; i < n; i++) {
    let d;
    if (o.months) { // seasonal goods
      const y = ri(2014, 2017);
      const m = pick(o.months);
      d = d2n(`${y}-${pad2(m)}-01`) + ri(0, 27);
    } else d = ri(START + 3, END - 60);
    ship(supplier, buyer, ck, qty(qmin, qmax, step), d, o);
  }
}

// ==== PLANTED: group A and group B procurement (fixed dates) =============
const F = { fixed: true };
const T1 = { fixed: true, transit: 1 };
const T0 = { fixed: true, transit: 0 };
// (1) off-profile + rapid transit: phone shop buys 6 t aluminium paste, forwards it to the border warehouse
ship('tr-dst-01', 'tr-akc-01', 'al_paste', 6, '2015-03-09', { fixed: true, transit: 2 });
ship('tr-akc-01', 'tr-akc-03', 'al_paste', 3.5, '2015-03-14', T0);
ship('tr-akc-01', 'tr-akc-03', 'al_paste', 2.5, '2015-03-18', T0);
ship('tr-akc-03', 'tr-akc-04', 'al_paste', 6, '2015-03-20', T0);
// (2) motion-control units: buyer tr-akc-02, consignee = phone shop, payer = unrelated car-hire firm
ship('gb-sup-01', 'tr-akc-02', 'motion', 24, '2015-10-05', { fixed: true, transit: 7, consignee: 'tr-akc-01', payer: 'tr-car-01' });
ship('tr-akc-01', 'tr-akc-03', 'motion', 24, '2015-10-15', T0);
ship('tr-akc-03', 'tr-akc-04', 'motion', 24, '2015-10-19', T0);
ship('gb-sup-01', 'tr-akc-02', 'motion', 36, '2016-01-11', { fixed: true, transit: 8, consignee: 'tr-akc-01', payer: 'tr-car-01' });
ship('gb-sup-01', 'tr-akc-02', 'motion', 30, '2016-06-06', { fixed: true, transit: 8, consignee: 'tr-akc-01', payer: 'tr-car-01' });
ship('cn-sup-04', 'tr-akc-02', 'inverter', 60, '2016-03-01', { fixed: true, transit: 36, consignee: 'tr-akc-01' });
// (3) volume anomaly: 2-employee fertiliser shop buys ammonium nitrate / urea in bulk
ship('tr-dst-01', 'tr-akc-07', 'an', 45, '2015-04-20', { fixed: true, transit: 2 });
ship('tr-dst-01', 'tr-akc-07', 'an', 60, '2015-08-17', { fixed: true, transit: 2 });
ship('tr-dst-01', 'tr-akc-07', 'urea', 90, '2015-10-05', { fixed: true, transit: 2 });
ship('tr-dst-01', 'tr-akc-07', 'an', 55, '2016-04-11', { fixed: true, transit: 2 });
ship('tr-akc-07', 'tr-akc-03', 'an', 55, '2016-04-15', T0);
ship('tr-akc-03', 'tr-akc-04', 'an', 55, '2016-04-18', T0);
ship('tr-dst-01', 'tr-akc-07', 'urea', 80, '2016-09-12', { fixed: true, transit: 2 });
// (4) bakery buys potassium nitrate
ship('tr-dst-01', 'tr-akc-06', 'kno3', 4, '2015-06-22', { fixed: true, transit: 2 });
ship('tr-akc-06', 'tr-akc-03', 'kno3', 4, '2015-06-27', T0);
ship('tr-akc-03', 'tr-akc-04', 'kno3', 4, '2015-06-30', T0);
ship('tr-dst-01', 'tr-akc-06', 'kno3', 3, '2016-02-15', { fixed: true, transit: 2 });
// (5) hardware shop: nitric acid and hydrogen peroxide
ship('tr-dst-01', 'tr-akc-05', 'hno3', 6000, '2015-07-13', { fixed: true, transit: 2 });
ship('tr-dst-01', 'tr-akc-05', 'h2o2', 6000, '2015-12-07', { fixed: true, transit: 2 });
ship('tr-dst-01', 'tr-akc-05', 'hno3', 8000, '2016-05-02', { fixed: true, transit: 2 });
ship('tr-akc-05', 'tr-akc-03', 'hno3', 8000, '2016-05-06', T0);
ship('tr-akc-03', 'tr-akc-04', 'hno3', 8000, '2016-05-09', T0);
// (6) new company (founded 2015-05-18): first purchase is watch-listed, 3.5 months later
ship('tr-dst-01', 'tr-akc-08', 'al_powder', 5, '2015-09-01', { fixed: true, transit: 2 });
ship('tr-akc-08', 'tr-akc-03', 'al_powder', 5, '2015-09-05', T0);
ship('tr-akc-03', 'tr-akc-04', 'al_powder', 5, '2015-09-08', T0);
ship('tr-dst-01', 'tr-akc-08', 'acetone', 4000, '2015-11-16', { fixed: true, transit: 2 });
ship('tr-dst-01', 'tr-akc-08', 'al_powder', 4, '2016-03-14', { fixed: true, transit: 2 });
// (7) consignee mismatch: trading company buys, border warehouse receives
ship('tr-dst-01', 'tr-akc-02', 'naclo3', 12, '2015-05-11', { fixed: true, transit: 2, consignee: 'tr-akc-03' });
ship('tr-akc-03', 'tr-akc-04', 'naclo3', 12, '2015-05-15', T0);
ship('tr-dst-01', 'tr-akc-02', 'mg_powder', 800, '2016-08-08', { fixed: true, transit: 2, consignee: 'tr-akc-03' });
ship('tr-akc-03', 'tr-akc-04', 'mg_powder', 800, '2016-08-12', T0);
// (8) border junction: direct foreign deliveries to the warehouse near the crossing
ship('ir-sup-01', 'tr-akc-03', 'nano3', 20, '2015-12-14', { fixed: true, transit: 5 });
ship('tr-akc-03', 'tr-akc-04', 'nano3', 20, '2015-12-22', T0);
ship('bg-sup-01', 'tr-akc-03', 'an', 40, '2016-02-10', { fixed: true, transit: 5 });
ship('tr-akc-03', 'tr-akc-04', 'an', 40, '2016-02-18', T0);
ship('cn-sup-01', 'tr-akc-03', 'al_powder', 8, '2016-07-04', { fixed: true, transit: 35 });
ship('tr-akc-03', 'tr-akc-04', 'al_powder', 8, '2016-08-11', T0);
// (9) group B: sorbitol paid for by an unrelated Diyarbakır trader; part forwarded to Akçakale
ship('tr-dst-01', 'tr-svr-01', 'sorbitol', 78, '2015-07-06', { fixed: true, transit: 3, payer: 'tr-dyb-01' });
ship('tr-svr-01', 'tr-akc-03', 'sorbitol', 40, '2015-07-13', T1);
ship('tr-akc-03', 'tr-akc-04', 'sorbitol', 40, '2015-07-16', T0);
ship('tr-dst-01', 'tr-svr-01', 'nano3', 12, '2016-06-13', { fixed: true, transit: 3 });
ship('tr-dst-01', 'tr-svr-02', 'acetone', 6000, '2015-11-03', { fixed: true, transit: 2 });
ship('tr-svr-02', 'tr-akc-03', 'acetone', 6000, '2015-11-08', T1);
ship('tr-akc-03', 'tr-akc-04', 'acetone', 6000, '2015-11-12', T0);
ship('tr-dst-01', 'tr-svr-02', 'h2o2', 5000, '2016-03-21', { fixed: true, transit: 2 });
ship('tr-dst-01', 'tr-svr-02', 'acetone', 5000, '2016-10-10', { fixed: true, transit: 2 });
ship('tr-dst-01', 'tr-svr-06', 'kno3', 6, '2016-01-18', { fixed: true, transit: 3 });
ship('es-sup-04', 'tr-svr-04', 'det_cord', 40, '2015-09-14', { fixed: true, transit: 9 });
ship('tr-dst-01', 'tr-svr-04', 'al_powder', 3, '2016-05-23', { fixed: true, transit: 3 });

// ==== group companies' ordinary purchases (plausible cover trade) ========
recurring('tr-ist-01', 'tr-akc-01', 'phones', 4, 30, 60);
ship('ae-sup-01', 'tr-akc-01', 'phones', 120, '2014-11-03', F);
recurring('tr-gaz-07', 'tr-akc-06', 'flour', 5, 8, 15);
recurring('tr-urf-09', 'tr-akc-09', 'diesel', 6, 20000, 40000, { step: 1000 });
recurring('tr-dyb-02', 'tr-svr-04', 'cement', 5, 50, 200);
recurring('tr-dyb-06', 'tr-svr-01', 'urea', 3, 5, 15);
recurring('tr-dyb-08', 'tr-svr-05', 'diesel', 6, 20000, 40000, { step: 1000 });

// ==== distributor inbound from foreign suppliers ========================
const DST_IN = {
  'gb-sup-02': ['h2o2', 'acetone'], 'gb-sup-03': ['al_paste'], 'gb-sup-04': ['kno3', 'amm_sulphate'],
  'dk-sup-01': ['h2o2', 'caustic'], 'dk-sup-02': ['naclo3', 'soda_ash'],
  'es-sup-01': ['hno3', 'caustic'], 'es-sup-02': ['al_paste', 'al_powder', 'al_flakes'],
  'de-sup-01': ['acetone', 'citric', 'nitromethane'], 'de-sup-02': ['mg_powder', 'al_powder'], 'de-sup-04': ['urea', 'an'],
  'nl-sup-01': ['caustic', 'h2o2', 'hno3'], 'nl-sup-02': ['sorbitol'], 'nl-sup-03': ['kno3', 'dap'],
  'be-sup-01': ['acetone', 'nitromethane', 'soda_ash'], 'be-sup-02': ['kno3', 'nano3'],
  'fr-sup-01': ['h2o2', 'cal_hypo'], 'fr-sup-02': ['acetone', 'antifreeze'],
  'it-sup-01': ['hno3', 'citric'], 'it-sup-02': ['al_powder', 'mg_powder', 'al_paste'],
  'pl-sup-01': ['an', 'urea'], 'cz-sup-01': ['hno3', 'caustic'], 'ro-sup-01': ['soda_ash', 'caustic', 'an'],
  'bg-sup-01': ['an', 'urea'], 'bg-sup-02': ['kno3', 'amm_sulphate'], 'gr-sup-01': ['h2o2', 'tio2'],
  'cn-sup-01': ['al_powder', 'al_paste', 'al_flakes'], 'cn-sup-03': ['naclo3', 'nitromethane', 'tio2'],
  'in-sup-01': ['kno3', 'nano3'], 'in-sup-03': ['acetone', 'citric'], 'us-sup-01': ['nitromethane', 'caustic'],
  'br-sup-01': ['sorbitol'], 'ru-sup-01': ['an', 'urea'], 'ua-sup-01': ['an', 'hno3'], 'ir-sup-01': ['nano3', 'urea'],
  'ae-sup-02': ['h2o2', 'naclo3'], 'jo-sup-01': ['kno3', 'dap'], 'lb-sup-01': ['citric', 'bicarb'],
  'se-sup-01': ['h2o2', 'naclo3'], 'at-sup-01': ['hno3', 'an'], 'hu-sup-01': ['bicarb', 'caustic'],
  'sk-sup-01': ['acetone', 'tio2'], 'pt-sup-01': ['bicarb', 'citric'], 'eg-sup-01': ['urea', 'amm_sulphate'],
  'es-sup-04': [], // explosives maker: sells only to licensed quarries (below) and once to tr-svr-04
};
const BULK = {
  al_paste: [10, 30], al_powder: [10, 40], al_flakes: [5, 20], an: [150, 450], kno3: [20, 80], nano3: [20, 60],
  h2o2: [20000, 60000], hno3: [20000, 50000], naclo3: [20, 60], mg_powder: [2000, 8000], acetone: [20000, 60000],
  nitromethane: [2000, 8000], sorbitol: [80, 200], caustic: [50, 200], soda_ash: [100, 300], bicarb: [40000, 120000],
  citric: [20, 60], tio2: [20, 60], cal_hypo: [5000, 20000], antifreeze: [10000, 40000], urea: [200, 800],
  amm_sulphate: [100, 400], dap: [100, 300],
};
for (const [sup, cks] of Object.entries(DST_IN)) {
  if (!cks.length) continue;
  const n = ri(4, 6);
  for (let i = 0; i < n; i++) {
    const ck = cks[i % cks.length];
    const [a, b] = BULK[ck];
    const step = b >= 10000 ? 1000 : b >= 1000 ? 100 : b >= 100 ? 10 : 1;
    ship(sup, 'tr-dst-01', ck, qty(a, b, step), ri(START + 2, END - 90));
  }
}
// stock for the planted 2015 sales arrives in time
ship('nl-sup-02', 'tr-dst-01', 'sorbitol', 160, '2015-05-18', { fixed: true, transit: 9 });
ship('gb-sup-03', 'tr-dst-01', 'al_paste', 24, '2015-01-19', { fixed: true, transit: 10 });

// suppliers that deliver straight to the border junction also have ordinary Turkish customers
recurring('bg-sup-01', 'tr-ada-02', 'urea', 3, 10, 20);
recurring('bg-sup-01', 'tr-kny-09', 'urea', 2, 10, 20);
recurring('ir-sup-01', 'tr-ada-02', 'urea', 2, 10, 20);
recurring('ir-sup-01', 'tr-urf-06', 'urea', 3, 10, 20);
recurring('cn-sup-01', 'tr-ist-09', 'al_paste', 3, 2, 5, { step: 0.5 });

// ==== distributor outbound to ordinary Turkish customers =================
const DIST = (buyer, ck, n, a, b, o) => recurring('tr-dst-01', buyer, ck, n, a, b, o);
DIST('tr-kny-02', 'bicarb', 3, 300, 800, { step: 50 });
DIST('tr-kny-04', 'bicarb', 2, 200, 600, { step: 50 });
DIST('tr-kny-09', 'urea', 4, 10, 25); DIST('tr-kny-09', 'amm_sulphate', 2, 5, 15); DIST('tr-kny-09', 'dap', 2, 5, 15);
DIST('tr-kny-13', 'antifreeze', 3, 2000, 5000, { step: 100 });
DIST('tr-kay-03', 'h2o2', 4, 8000, 20000, { step: 500 }); DIST('tr-kay-03', 'caustic', 4, 10, 30);
DIST('tr-kay-09', 'urea', 4, 8, 20); DIST('tr-kay-09', 'an', 2, 4, 8);
DIST('tr-ist-09', 'tio2', 4, 10, 30); DIST('tr-ist-09', 'acetone', 3, 3000, 8000, { step: 500 });
DIST('tr-ist-10', 'citric', 3, 2, 6);
DIST('tr-ist-11', 'caustic', 4, 10, 30); DIST('tr-ist-11', 'soda_ash', 3, 20, 50);
DIST('tr-ada-02', 'urea', 4, 10, 25); DIST('tr-ada-02', 'amm_sulphate', 3, 5, 15); DIST('tr-ada-02', 'dap', 3, 5, 15);
DIST('tr-ada-02', 'an', 2, 3, 8);
DIST('tr-ada-04', 'citric', 2, 1, 3);
DIST('tr-mer-04', 'cal_hypo', 4, 200, 1000, { step: 50 });
DIST('tr-mer-05', 'antifreeze', 3, 500, 2000, { step: 100 });
DIST('tr-mer-06', 'caustic', 4, 1, 4);
DIST('tr-gaz-04', 'polyethylene', 4, 10, 30);
DIST('tr-urf-06', 'urea', 4, 8, 20); DIST('tr-urf-06', 'dap', 3, 5, 12);
DIST('tr-dyb-06', 'urea', 4, 8, 20); DIST('tr-dyb-06', 'amm_sulphate', 2, 5, 12);

// ==== ordinary trade among ordinary businesses ===========================
// Konya: grain, flour and bread
recurring('ru-sup-02', 'tr-kny-01', 'wheat', 5, 3000, 6000, { step: 100 });
recurring('ua-sup-02', 'tr-kny-01', 'wheat', 5, 3000, 6000, { step: 100 });
recurring('tr-kny-08', 'tr-kny-01', 'wheat', 4, 200, 600, { months: [7, 8] });
recurring('tr-kny-14', 'tr-kny-01', 'wheat', 3, 150, 400, { months: [7, 8] });
for (const b of ['tr-kny-02', 'tr-kny-03', 'tr-kny-04', 'tr-kny-05']) recurring('tr-kny-01', b, 'flour', 6, 10, 30);
recurring('tr-kny-01', 'tr-kay-08', 'flour', 4, 10, 25);
recurring('tr-kny-01', 'tr-kny-07', 'flour', 3, 5, 15);
recurring('tr-gaz-10', 'tr-kny-06', 'olive_oil', 4, 2000, 6000, { step: 100 });
recurring('tr-ist-05', 'tr-kny-06', 'sugar', 4, 10, 30);
recurring('tr-kny-06', 'tr-kny-07', 'olive_oil', 4, 500, 1500, { step: 50 });
for (const b of ['tr-kny-02', 'tr-kny-03', 'tr-kny-04', 'tr-kny-05', 'tr-kny-07']) recurring('tr-kny-06', b, 'sugar', 2, 1, 3);
recurring('tr-kny-02', 'tr-kny-07', 'bread', 4, 2, 5);
recurring('tr-kny-03', 'tr-kny-07', 'bread', 4, 2, 5);
recurring('tr-kny-09', 'tr-kny-08', 'urea', 4, 3, 8, { months: [2, 3, 10] });
recurring('tr-kny-09', 'tr-kny-14', 'dap', 3, 2, 6, { months: [2, 3, 10] });
recurring('tr-kny-11', 'tr-kny-10', 'cement', 6, 200, 600);
recurring('tr-kny-11', 'tr-kay-10', 'cement', 3, 200, 500);
recurring('tr-kay-11', 'tr-kny-10', 'steel_bars', 4, 50, 150);
recurring('de-sup-03', 'tr-kny-13', 'auto_parts', 5, 2000, 6000, { step: 100 });
recurring('cn-sup-05', 'tr-kny-13', 'tyres', 5, 800, 2000, { step: 50 });
recurring('tr-bur-02', 'tr-kny-13', 'auto_parts', 3, 1000, 3000, { step: 100 });
for (const b of ['tr-kny-12', 'tr-kny-15']) {
  recurring('tr-kny-13', b, 'auto_parts', 5, 50, 200, { step: 10 });
  recurring('tr-kny-13', b, 'tyres', 3, 20, 60, { step: 4 });
  recurring('tr-kny-13', b, 'antifreeze', 2, 100, 400, { step: 20 });
}
// Kayseri: cotton, yarn, fabric, garments; steel and construction
recurring('tr-urf-04', 'tr-kay-01', 'raw_cotton', 5, 100, 300, { months: [10, 11, 12] });
recurring('tr-ada-01', 'tr-kay-01', 'raw_cotton', 4, 100, 300, { months: [9, 10, 11] });
recurring('tr-kay-01', 'tr-kay-02', 'cotton_yarn', 6, 20, 60);
recurring('tr-kay-01', 'tr-gaz-02', 'cotton_yarn', 3, 20, 50);
recurring('tr-kay-01', 'tr-bur-03', 'cotton_yarn', 3, 20, 50);
recurring('it-sup-03', 'tr-kay-02', 'cotton_yarn', 3, 10, 30);
recurring('in-sup-02', 'tr-kay-02', 'cotton_yarn', 3, 40, 100);
recurring('in-sup-02', 'tr-bur-03', 'cotton_yarn', 3, 40, 100);
recurring('in-sup-02', 'tr-gaz-02', 'cotton_yarn', 2, 40, 100);
recurring('tr-kay-02', 'tr-kay-03', 'greige', 6, 20, 50);
recurring('tr-kay-03', 'tr-kay-04', 'dyed_fabric', 5, 10, 25);
recurring('tr-kay-03', 'tr-kay-05', 'dyed_fabric', 5, 10, 25);
recurring('tr-bur-03', 'tr-kay-05', 'greige', 3, 10, 25);
for (const s of ['tr-kay-04', 'tr-kay-05']) {
  recurring(s, 'tr-kay-07', 'garments', 4, 2000, 8000, { step: 100 });
  recurring(s, 'tr-ist-06', 'garments', 3, 2000, 8000, { step: 100 });
  recurring(s, 'tr-ist-07', 'garments', 2, 2000, 8000, { step: 100 });
}
recurring('tr-kay-08', 'tr-kay-07', 'bread', 4, 2, 5);
recurring('tr-kay-09', 'tr-kay-13', 'urea', 4, 3, 8, { months: [2, 3, 10] });
recurring('tr-kay-11', 'tr-kay-10', 'steel_bars', 5, 50, 200);
recurring('tr-kay-12', 'tr-kay-10', 'crushed_stone', 4, 500, 1500, { step: 50 });
recurring('es-sup-04', 'tr-kay-12', 'det_cord', 5, 100, 300, { step: 10 });
for (const b of ['tr-ada-06', 'tr-mer-02', 'tr-urf-07']) recurring('tr-kay-11', b, 'steel_bars', 3, 40, 150);
recurring('tr-kay-11', 'tr-bur-01', 'steel_bars', 2, 20, 60);
recurring('tr-kay-11', 'tr-bur-02', 'steel_bars', 3, 50, 150);
// İstanbul: phones, food, automation, paint, confectionery, cleaning products
recurring('cn-sup-02', 'tr-ist-01', 'phones', 6, 3000, 8000, { step: 100 });
recurring('ae-sup-01', 'tr-ist-01', 'phones', 4, 1000, 3000, { step: 100 });
for (const b of ['tr-ist-02', 'tr-ist-03', 'tr-ist-04']) recurring('tr-ist-01', b, 'phones', 5, 30, 100, { step: 5 });
recurring('tr-ist-01', 'tr-gaz-08', 'phones', 4, 30, 80, { step: 5 });
for (const b of ['tr-ist-06', 'tr-ist-07', 'tr-kay-07', 'tr-ada-07']) recurring('tr-ist-01', b, 'tv', 3, 100, 400, { step: 10 });
recurring('es-sup-03', 'tr-ist-05', 'olive_oil', 4, 15000, 30000, { step: 1000 });
recurring('tr-gaz-10', 'tr-ist-05', 'olive_oil', 4, 5000, 15000, { step: 500 });
recurring('br-sup-02', 'tr-ist-05', 'sugar', 4, 500, 1500, { step: 50 });
recurring('tr-ada-04', 'tr-ist-05', 'tomato_paste', 5, 20, 60);
recurring('tr-mer-07', 'tr-ist-05', 'citrus', 4, 50, 150, { months: [12, 1, 2] });
recurring('tr-gaz-01', 'tr-ist-05', 'pistachios', 3, 5, 20);
for (const b of ['tr-ist-06', 'tr-ist-07', 'tr-kay-07', 'tr-ada-07', 'tr-dyb-05', 'tr-gaz-06']) {
  recurring('tr-ist-05', b, 'olive_oil', 3, 1000, 4000, { step: 100 });
  recurring('tr-ist-05', b, 'sugar', 2, 5, 20);
}
recurring('tr-ist-05', 'tr-ist-06', 'tomato_paste', 3, 2, 8);
recurring('tr-ist-05', 'tr-ist-07', 'tomato_paste', 3, 2, 8);
recurring('tr-ist-05', 'tr-gaz-05', 'sugar', 3, 5, 15);
for (const s of ['gb-sup-01', 'us-sup-02', 'kr-sup-01', 'pl-sup-02']) recurring(s, 'tr-ist-08', 'motion', 4, 20, 80, { step: 2 });
for (const s of ['cz-sup-02', 'dk-sup-03', 'cn-sup-04']) recurring(s, 'tr-ist-08', 'inverter', 4, 50, 200, { step: 10 });
recurring('tr-ist-08', 'tr-bur-01', 'motion', 5, 10, 30, { step: 2 });
recurring('tr-ist-08', 'tr-bur-01', 'inverter', 4, 20, 60, { step: 5 });
recurring('tr-ist-08', 'tr-bur-02', 'inverter', 3, 20, 60, { step: 5 });
recurring('gb-sup-01', 'tr-bur-01', 'motion', 3, 10, 40, { step: 2 });
recurring('kr-sup-01', 'tr-bur-01', 'motion', 2, 10, 40, { step: 2 });
recurring('cz-sup-02', 'tr-bur-01', 'inverter', 2, 20, 80, { step: 5 });
recurring('dk-sup-03', 'tr-bur-01', 'inverter', 2, 20, 80, { step: 5 });
recurring('gb-sup-03', 'tr-ist-09', 'al_paste', 3, 2, 5, { step: 0.5 });
recurring('tr-ist-09', 'tr-mer-05', 'paint', 4, 2, 6, { step: 0.5 });
recurring('tr-ist-09', 'tr-kny-10', 'paint', 3, 5, 15);
recurring('nl-sup-02', 'tr-ist-10', 'sorbitol', 4, 5, 12);
recurring('br-sup-02', 'tr-ist-10', 'sugar', 4, 100, 300, { step: 10 });
recurring('tr-ist-10', 'tr-ist-06', 'confectionery', 3, 5, 15);
recurring('tr-ist-10', 'tr-ist-07', 'confectionery', 3, 5, 15);
for (const b of ['tr-ist-06', 'tr-ist-07', 'tr-kay-07', 'tr-ada-07', 'tr-urf-05', 'tr-dyb-05']) {
  recurring('tr-ist-11', b, 'detergents', 3, 5000, 20000, { step: 500 });
}
// Bursa
recurring('tr-bur-02', 'tr-ada-09', 'auto_parts', 3, 1000, 3000, { step: 100 });
// Adana / Mersin: agriculture, food, construction, car parts
recurring('tr-ada-02', 'tr-ada-01', 'urea', 4, 3, 10, { months: [2, 3, 4] });
recurring('tr-ada-02', 'tr-ada-03', 'amm_sulphate', 3, 2, 8, { months: [2, 3, 10] });
recurring('tr-ada-02', 'tr-ada-05', 'dap', 3, 2, 6, { months: [2, 3, 10] });
recurring('tr-ada-01', 'tr-gaz-03', 'raw_cotton', 2, 80, 200, { months: [9, 10, 11] });
recurring('tr-ada-05', 'tr-ada-04', 'tomatoes', 6, 50, 200, { months: [7, 8, 9] });
recurring('tr-ada-05', 'tr-ada-07', 'tomatoes', 4, 5, 20, { months: [6, 7, 8, 9] });
recurring('tr-ada-03', 'tr-mer-07', 'citrus', 4, 60, 200, { months: [11, 12] });
recurring('tr-mer-03', 'tr-ada-06', 'cement', 4, 150, 400);
recurring('tr-mer-03', 'tr-mer-02', 'cement', 5, 150, 400);
recurring('tr-mer-03', 'tr-urf-07', 'cement', 4, 100, 300);
recurring('cn-sup-05', 'tr-ada-09', 'tyres', 4, 600, 1500, { step: 50 });
recurring('tr-ada-09', 'tr-car-01', 'tyres', 3, 12, 32, { step: 4 });
recurring('tr-ada-09', 'tr-car-01', 'auto_parts', 2, 20, 60, { step: 5 });
recurring('de-sup-03', 'tr-ada-09', 'auto_parts', 3, 1000, 4000, { step: 100 });
for (const b of ['tr-ada-08', 'tr-gaz-09', 'tr-urf-08']) {
  recurring('tr-ada-09', b, 'auto_parts', 4, 40, 150, { step: 10 });
  recurring('tr-ada-09', b, 'tyres', 3, 16, 48, { step: 4 });
}
// Gaziantep / Şanlıurfa: pistachio, textiles, flour, bread, cotton
recurring('tr-gaz-01', 'tr-gaz-05', 'pistachios', 4, 1, 4, { step: 0.5 });
recurring('tr-gaz-03', 'tr-gaz-02', 'cotton_yarn', 5, 20, 60);
recurring('tr-urf-04', 'tr-gaz-03', 'raw_cotton', 4, 100, 300, { months: [10, 11, 12] });
recurring('tr-urf-03', 'tr-urf-04', 'raw_cotton', 4, 200, 500, { months: [9, 10] });
recurring('tr-gaz-04', 'tr-gaz-06', 'plastic_bags', 4, 1000, 5000, { step: 100 });
recurring('tr-gaz-04', 'tr-gaz-05', 'plastic_bags', 3, 500, 2000, { step: 100 });
recurring('tr-gaz-04', 'tr-urf-05', 'plastic_bags', 3, 500, 3000, { step: 100 });
recurring('tr-gaz-04', 'tr-urf-01', 'plastic_bags', 2, 200, 800, { step: 50 });
recurring('ru-sup-02', 'tr-gaz-07', 'wheat', 4, 2000, 5000, { step: 100 });
recurring('ua-sup-02', 'tr-gaz-07', 'wheat', 4, 2000, 5000, { step: 100 });
for (const b of ['tr-gaz-05', 'tr-urf-01', 'tr-urf-02']) recurring('tr-gaz-07', b, 'flour', 5, 8, 25);
recurring('tr-gaz-07', 'tr-gaz-06', 'flour', 3, 5, 15);
recurring('tr-gaz-10', 'tr-gaz-06', 'olive_oil', 4, 1000, 3000, { step: 100 });
recurring('tr-urf-01', 'tr-urf-05', 'bread', 4, 2, 5);
recurring('tr-urf-02', 'tr-urf-05', 'bread', 3, 2, 5);
recurring('tr-urf-06', 'tr-urf-03', 'urea', 4, 5, 15, { months: [3, 4, 5] });
for (const b of ['tr-urf-07', 'tr-urf-03', 'tr-urf-05', 'tr-urf-04', 'tr-urf-02']) recurring('tr-urf-09', b, 'diesel', 3, 5000, 20000, { step: 500 });
// Diyarbakır: cement, building, farming, fuel
recurring('tr-dyb-04', 'tr-dyb-02', 'cement', 6, 300, 800);
recurring('tr-dyb-02', 'tr-dyb-03', 'cement', 5, 80, 250);
recurring('tr-dyb-06', 'tr-dyb-07', 'urea', 4, 3, 10, { months: [2, 3, 10] });
recurring('tr-dyb-07', 'tr-dyb-01', 'wheat', 3, 100, 300, { months: [7, 8] });
recurring('tr-dyb-01', 'tr-gaz-07', 'wheat', 3, 200, 600, { months: [9, 10, 11] });
recurring('tr-dyb-08', 'tr-dyb-03', 'diesel', 3, 5000, 20000, { step: 500 });
recurring('tr-dyb-08', 'tr-dyb-07', 'diesel', 3, 3000, 10000, { step: 500 });

// ==== keep ordinary businesses clear of "rapid transit" ===================
// Nobody outside the two family groups re-ships a commodity within 15 days of
// receiving the same commodity: shift the unplanted shipment, never a planted one.
const GROUP_IDS = new Set([...GROUP_A, ...GROUP_B]);
const MIN_HOLD = 15;
for (let pass = 0; pass < 60; pass++) {
  let changed = false;
  const inbound = new Map();
  for (const s of shipments) {
    const k = `${s.consignee || s.buyer}|${C[s.ck].hs}`;
    if (!inbound.has(k)) inbound.set(k, []);
    inbound.get(k).push(s);
  }
  for (const s of shipments) {
    if (GROUP_IDS.has(s.supplier)) continue;
    const list = inbound.get(`${s.supplier}|${C[s.ck].hs}`);
    if (!list) continue;
    for (const r of list) {
      if (r.received <= s.shipped && s.shipped - r.received < MIN_HOLD) {
        if (!s.fixed) {
          s.shipped = r.received + MIN_HOLD + ri(0, 12);
          s.received = s.shipped + s.transit;
        } else if (!r.fixed) {
          r.shipped = s.shipped - MIN_HOLD - r.transit - ri(0, 12);
          r.received = r.shipped + r.transit;
        } else throw new Error('two planted shipments conflict');
        changed = true;
        break;
      }
    }
  }
  if (!changed) break;
}
// drop unplanted shipments pushed outside the period or still in conflict
{
  const inbound = new Map();
  for (const s of shipments) {
    const k = `${s.consignee || s.buyer}|${C[s.ck].hs}`;
    if (!inbound.has(k)) inbound.set(k, []);
    inbound.get(k).push(s);
  }
  shipments = shipments.filter((s) => {
    if (s.fixed) return true;
    if (s.shipped < START || s.received > END) return false;
    if (GROUP_IDS.has(s.supplier)) return true;
    const list = inbound.get(`${s.supplier}|${C[s.ck].hs}`) || [];
    return !list.some((r) => r.received <= s.shipped && s.shipped - r.received < MIN_HOLD);
  });
}

shipments.sort((a, b) => a.shipped - b.shipped || a.received - b.received || a.supplier.localeCompare(b.supplier)
  || a.buyer.localeCompare(b.buyer) || C[a.ck].hs.localeCompare(C[b.ck].hs) || a.quantity - b.quantity);

function money(s) {
  const year = n2d(s.shipped).slice(0, 4);
  const cur = currencyOf(byId.get(s.supplier).country);
  const v = C[s.ck].price * s.quantity * s.priceJitter * RATE[cur][year];
  return [String(Math.round(v)), cur];
}

// ------------------------------------------------------------------ CSV ----
function csvField(v) {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
function writeCsv(file, columns, rows) {
  const lines = [columns.join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvField(r[c])).join(','));
  writeFileSync(join(OUT_DIR, file), lines.join('\n') + '\n', 'utf8');
}
const num = (x) => (x === undefined || x === '' ? '' : String(x));

writeCsv('entities.csv',
  ['id', 'kind', 'name', 'country', 'city', 'address', 'lat', 'lon', 'sector', 'isic', 'employees', 'founded', 'phone'],
  entities.map((e) => ({ ...e, lat: num(e.lat), lon: num(e.lon), employees: num(e.employees) })));
writeCsv('relations.csv', ['source', 'target', 'kind', 'share', 'start', 'end'], relations);
writeCsv('shipments.csv',
  ['id', 'supplier', 'buyer', 'commodity', 'hs_code', 'quantity', 'unit', 'value', 'currency', 'shipped', 'received',
    'origin_country', 'destination_country', 'consignee', 'payer'],
  shipments.map((s, i) => {
    const [value, currency] = money(s);
    return {
      id: `s-${String(i + 1).padStart(4, '0')}`, supplier: s.supplier, buyer: s.buyer, commodity: C[s.ck].name,
      hs_code: C[s.ck].hs, quantity: String(s.quantity), unit: C[s.ck].unit, value, currency,
      shipped: n2d(s.shipped), received: n2d(s.received), origin_country: byId.get(s.supplier).country,
      destination_country: byId.get(s.consignee || s.buyer).country, consignee: s.consignee, payer: s.payer,
    };
  }));
writeCsv('places.csv', ['id', 'name', 'kind', 'lat', 'lon', 'countries'],
  PLACES.map(([id, name, kind, lat, lon, countries]) => ({ id, name, kind, lat, lon, countries })));

console.log(`border-procurement: ${entities.length} entities, ${relations.length} relations, `
  + `${shipments.length} shipments, ${PLACES.length} places -> ${OUT_DIR}`);
