// Writes the qaratau-relay scenario: fictional companies and people, fictional places. Deterministic (no
// randomness): run `node data/scenarios/qaratau-relay/generate.mjs` to rewrite the CSV files.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const csv = (rows) => rows.map((r) => r.map((v) => (v === undefined || v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(',')).join('\n') + '\n';

// Fictional geography: a border crossing between KZ and RU, the town of Qaratau beside it, and a port.
const places = [
  ['id', 'name', 'kind', 'lat', 'lon', 'countries'],
  ['bc-qaratau', 'Qaratau–Yuzhny border crossing (fictional)', 'border_crossing', 51.20, 61.05, 'KZ|RU'],
  ['bc-aktal', 'Aktal–Stepnoy border crossing (fictional)', 'border_crossing', 52.90, 66.40, 'KZ|RU'],
  ['port-orsk', 'Zhelezny river port (fictional)', 'port', 50.10, 58.30, 'KZ'],
];

const E = [['id', 'kind', 'name', 'country', 'city', 'address', 'lat', 'lon', 'sector', 'isic', 'employees', 'founded', 'phone']];
const person = (id, name, country = 'KZ') => E.push([id, 'person', name, country, 'Qaratau', '', '', '', '', '', '', '', '']);
const co = (id, name, country, city, address, lat, lon, sector, isic, employees, founded, phone = '') => E.push([id, 'company', name, country, city, address, lat, lon, sector, isic, employees, founded, phone]);

// --- The planted cases ---------------------------------------------------------------------------------------
// Makers abroad.
co('de-01', 'Lindenhof Antriebstechnik GmbH', 'DE', 'Bielefeld', 'Werkstrasse 41, Bielefeld', 52.02, 8.53, 'manufacture of electric motors and drives', '2710', 420, '1987-03-02');
co('de-02', 'Kesselbrunn Sprengtechnik GmbH', 'DE', 'Freiberg', 'Am Bergwerk 7, Freiberg', 50.91, 13.34, 'manufacture of explosives', '2029', 160, '1972-06-12');
co('pl-01', 'Wislanka Chemia Sp. z o.o.', 'PL', 'Torun', 'ul. Przemyslowa 12, Torun', 53.01, 18.6, 'manufacture of fertilisers', '2012', 610, '1991-09-30');
co('cz-01', 'Hrebenka Kovy s.r.o.', 'CZ', 'Ostrava', 'Hutni 3, Ostrava', 49.82, 18.26, 'manufacture of basic precious and other non-ferrous metals', '2420', 230, '1994-01-20');
co('it-01', 'Cuscinetti Valbrenta S.p.A.', 'IT', 'Bassano', 'Via delle Industrie 18, Bassano del Grappa', 45.77, 11.73, 'manufacture of bearings', '2814', 380, '1969-04-01');
// The Russian importer that the goods for the CNC controllers are declared for.
co('ru-imp-01', 'OOO Stepnaya Komplektatsiya', 'RU', 'Yuzhny', 'ul. Vokzalnaya 9, Yuzhny', 51.31, 61.12, 'non-specialised wholesale trade (import-export)', '4690', 9, '2022-05-11');
// A trader in Qaratau that pays many times the usual price for bearings.
co('kz-trd-01', 'Qaratau Sauda Invest LLP', 'KZ', 'Qaratau', 'Abai Street 77, Qaratau', 51.16, 61.0, 'non-specialised wholesale trade (import-export)', '4690', 4, '2021-02-14');
// A freight forwarder named as the final destination of detonating cord.
co('kz-fwd-01', 'Zhol Cargo Forwarding LLP', 'KZ', 'Qaratau', 'Station Road 3, Qaratau', 51.18, 61.03, 'freight forwarding', '5229', 6, '2016-08-01');
// A small clothes shop that gathers three unrelated watch-listed commodities.
co('kz-kio-01', 'Aisulu Fashion Boutique', 'KZ', 'Qaratau', 'Bazaar Row 15, Qaratau', 51.17, 61.02, 'retail sale of clothing', '4771', 3, '2019-03-03');
// Six unrelated companies registered at one business-centre office.
const SHELL_ADDRESS = 'Nurly Tower Business Centre, office 1204, Qaratau';
const shells = [
  ['kz-shl-01', 'Altyn Kopir Trade LLP', 'non-specialised wholesale trade', '4690'],
  ['kz-shl-02', 'Zhasyl Dala Consulting LLP', 'management consultancy', '7020'],
  ['kz-shl-03', 'Kokzhiek Travel LLP', 'travel agency', '7911'],
  ['kz-shl-04', 'Baitak Metals LLP', 'wholesale of metals', '4662'],
  ['kz-shl-05', 'Samal Soft LLP', 'computer programming', '6201'],
  ['kz-shl-06', 'Erke Logistics LLP', 'freight transport by road', '4923'],
];
shells.forEach(([id, name, sector, isic], i) => co(id, name, 'KZ', 'Qaratau', SHELL_ADDRESS, 51.171, 61.011, sector, isic, 1 + (i % 3), `2022-0${1 + i}-1${i}`));
// A copper group: a smelter and its trading arm, owned by one person; its copper goes round and comes back.
person('p-001', 'Nurlan Qaztaev');
co('kz-grp-01', 'Qaratau Mys Smelting JSC', 'KZ', 'Qaratau', 'Zavodskaya 1, Qaratau', 51.14, 61.08, 'manufacture of basic precious and other non-ferrous metals', '2420', 850, '2003-05-05');
co('kz-grp-02', 'Mys Trade House LLP', 'KZ', 'Qaratau', 'Zavodskaya 1a, Qaratau', 51.141, 61.081, 'wholesale of metals and metal ores', '4662', 12, '2012-10-10');

// --- The ordinary economy -----------------------------------------------------------------------------------
const ordinary = [];
const machineMakers = ['Tobyl', 'Esil', 'Ural', 'Sary', 'Kokshe', 'Ertis', 'Nura', 'Ilek'].map((n, i) => {
  const id = `kz-mch-0${i + 1}`;
  co(id, `${n} Mashzavod LLP`, 'KZ', ['Kostanay', 'Aktobe', 'Oral', 'Petropavl'][i % 4], `${n} Industrial Zone ${10 + i}, ${['Kostanay', 'Aktobe', 'Oral', 'Petropavl'][i % 4]}`, 50 + i * 0.3, 57 + i * 0.9, 'manufacture of agricultural machinery', '2821', 120 + 15 * i, `199${i}-02-01`);
  ordinary.push(id);
  return id;
});
const farms = ['Akbidai', 'Kenkol', 'Zhanatalap', 'Egindi', 'Saryarka', 'Bereke'].map((n, i) => {
  const id = `kz-frm-0${i + 1}`;
  co(id, `${n} Farm LLP`, 'KZ', 'Kostanay region', `${n} village, Kostanay region`, 52.5 + i * 0.2, 63 + i * 0.4, 'growing of cereals', '0111', 40 + 5 * i, `200${i}-03-01`);
  ordinary.push(id);
  return id;
});
co('kz-chm-01', 'Dala Agrokhim LLP', 'KZ', 'Kostanay', 'Baitursynov Street 40, Kostanay', 53.21, 63.62, 'wholesale of fertilisers and agrochemicals', '4669', 90, '2001-07-07');
co('kz-chm-02', 'Aqtobe Khim Supply LLP', 'KZ', 'Aktobe', 'Molodezhny 12, Aktobe', 50.28, 57.2, 'wholesale of chemical products', '4669', 70, '2004-04-04');
co('kz-cbl-01', 'Aqzhol Cable Works LLP', 'KZ', 'Aktobe', 'Cable Street 2, Aktobe', 50.3, 57.15, 'manufacture of wires and cables', '2732', 300, '1998-11-11');
co('kz-min-01', 'Zheltau Mining JSC', 'KZ', 'Zheltau', 'Mine Road 1, Zheltau', 49.9, 62.4, 'mining of copper ores', '0729', 1200, '1996-06-06');
co('kz-min-02', 'Kenkazgan Mining JSC', 'KZ', 'Kenkazgan', 'Pit Road 4, Kenkazgan', 49.5, 63.1, 'mining of other non-ferrous metal ores', '0729', 900, '1999-09-09');
co('ru-mch-01', 'OOO Orenburgselmash', 'RU', 'Orenburg', 'Prospekt Pobedy 150, Orenburg', 51.78, 55.1, 'manufacture of agricultural machinery', '2821', 640, '1995-01-01');
ordinary.push('kz-chm-01', 'kz-chm-02', 'kz-cbl-01', 'kz-min-01', 'kz-min-02', 'ru-mch-01');

const R = [['source', 'target', 'kind', 'share', 'start', 'end'], ['p-001', 'kz-grp-01', 'owner', 100, '2003-05-05', ''], ['p-001', 'kz-grp-02', 'owner', 100, '2012-10-10', ''], ['kz-grp-01', 'kz-grp-02', 'owner', '', '', '']];

const S = [['id', 'supplier', 'buyer', 'commodity', 'hs_code', 'quantity', 'unit', 'value', 'currency', 'shipped', 'received', 'origin_country', 'destination_country', 'transit_countries', 'consignee', 'payer']];
let n = 0;
const ship = (f) => {
  const id = f.id ?? `qr-${String(++n).padStart(3, '0')}`;
  S.push([id, f.s, f.b, f.c, f.hs, f.q, f.u, f.v, f.cur, f.d, f.r ?? f.d, f.o, f.dest, f.via, f.consignee, f.payer]);
  return id;
};
const day = (base, plus) => new Date(Date.parse(`${base}T00:00:00Z`) + plus * 86400000).toISOString().slice(0, 10);

// Ordinary: bearings from Italy to the machine makers at EUR 7.5–9.5 per kg, every two months.
machineMakers.forEach((m, i) => {
  for (let k = 0; k < 3; k++) ship({ s: 'it-01', b: m, c: 'ball bearings', hs: '848210', q: 800 + 100 * k + 50 * i, u: 'kg', v: Math.round((800 + 100 * k + 50 * i) * (7.5 + ((i + k) % 5) * 0.5)), cur: 'EUR', d: day('2023-01-10', 60 * k + 7 * i), o: 'IT', dest: 'KZ', via: 'PL|RU' });
});
ship({ s: 'it-01', b: 'ru-mch-01', c: 'ball bearings', hs: '848210', q: 2000, u: 'kg', v: 17000, cur: 'EUR', d: '2023-02-02', o: 'IT', dest: 'RU' });
// Ordinary: ammonium nitrate and urea to the farms through the agrochemical wholesaler.
farms.forEach((f, i) => {
  ship({ s: 'kz-chm-01', b: f, c: 'ammonium nitrate fertiliser 34.4% N', hs: '310230', q: 20 + 2 * i, u: 't', v: (20 + 2 * i) * 160000, cur: 'KZT', d: day('2023-03-01', 5 * i), o: 'KZ', dest: 'KZ' });
  ship({ s: 'kz-chm-01', b: f, c: 'urea', hs: '310210', q: 15 + i, u: 't', v: (15 + i) * 150000, cur: 'KZT', d: day('2023-04-01', 5 * i), o: 'KZ', dest: 'KZ' });
});
for (let k = 0; k < 4; k++) ship({ s: 'pl-01', b: 'kz-chm-01', c: 'ammonium nitrate fertiliser 34.4% N', hs: '310230', q: 60, u: 't', v: 21000, cur: 'EUR', d: day('2023-01-05', 45 * k), o: 'PL', dest: 'KZ', via: 'BY|RU' });
// Ordinary: copper cathodes from the smelter to the cable works, and explosives to the mines.
for (let k = 0; k < 5; k++) ship({ s: 'kz-grp-01', b: 'kz-cbl-01', c: 'copper cathodes', hs: '740311', q: 40, u: 't', v: 40 * 4100000, cur: 'KZT', d: day('2023-01-20', 40 * k), o: 'KZ', dest: 'KZ' });
for (const m of ['kz-min-01', 'kz-min-02']) {
  ship({ s: 'de-02', b: m, c: 'detonating cord', hs: '360300', q: 4000, u: 'm', v: 9000, cur: 'EUR', d: '2023-02-15', o: 'DE', dest: 'KZ', via: 'PL|BY|RU' });
  ship({ s: 'kz-chm-02', b: m, c: 'ammonium nitrate, technical grade', hs: '310230', q: 40, u: 't', v: 40 * 170000, cur: 'KZT', d: '2023-03-20', o: 'KZ', dest: 'KZ' });
}
ship({ s: 'pl-01', b: 'kz-chm-02', c: 'ammonium nitrate, technical grade', hs: '310230', q: 100, u: 't', v: 36000, cur: 'EUR', d: '2023-02-01', o: 'PL', dest: 'KZ', via: 'BY|RU' });

// Planted 1, unit-price: bearings to the Qaratau trader at EUR 85 per kg (ten times the usual price).
ship({ id: 'qr-p01', s: 'it-01', b: 'kz-trd-01', c: 'ball bearings', hs: '848210', q: 600, u: 'kg', v: 51000, cur: 'EUR', d: '2023-05-14', o: 'IT', dest: 'KZ', via: 'PL|RU' });
// Planted 2, transshipment-hub: CNC controllers declared for Russia, routed through Kazakhstan.
ship({ id: 'qr-p02', s: 'de-01', b: 'ru-imp-01', c: 'CNC controllers for machine tools', hs: '853710', q: 24, u: 'pcs', v: 96000, cur: 'EUR', d: '2023-06-02', r: '2023-06-20', o: 'DE', dest: 'RU', via: 'PL|LT|KZ' });
ship({ id: 'qr-p03', s: 'de-01', b: 'ru-imp-01', c: 'servo drives, motor drive modules', hs: '850440', q: 40, u: 'pcs', v: 52000, cur: 'EUR', d: '2023-07-11', r: '2023-07-30', o: 'DE', dest: 'RU', via: 'PL|KZ', payer: 'kz-shl-01' });
// Planted 3, address-hub: the six companies of the business centre; one of them buys aluminium powder.
ship({ id: 'qr-p04', s: 'cz-01', b: 'kz-shl-04', c: 'aluminium powder', hs: '760310', q: 2, u: 't', v: 14000, cur: 'EUR', d: '2023-04-18', o: 'CZ', dest: 'KZ', via: 'PL|BY|RU' });
// Planted 4, round-tripping: copper cathodes from the smelter go through two companies of the business centre and
// come back to the smelter's trading arm within 80 days.
ship({ id: 'qr-p05', s: 'kz-grp-01', b: 'kz-shl-01', c: 'copper cathodes', hs: '740311', q: 30, u: 't', v: 30 * 4000000, cur: 'KZT', d: '2023-08-01', o: 'KZ', dest: 'KZ' });
ship({ id: 'qr-p06', s: 'kz-shl-01', b: 'kz-shl-04', c: 'copper cathodes', hs: '740311', q: 30, u: 't', v: 30 * 4300000, cur: 'KZT', d: '2023-09-05', o: 'KZ', dest: 'KZ' });
ship({ id: 'qr-p07', s: 'kz-shl-04', b: 'kz-grp-02', c: 'copper cathodes', hs: '740311', q: 30, u: 't', v: 30 * 4600000, cur: 'KZT', d: '2023-10-20', o: 'KZ', dest: 'KZ' });
// Planted 5, forwarder-consignee: detonating cord whose final destination is a freight forwarder.
ship({ id: 'qr-p08', s: 'de-02', b: 'kz-fwd-01', c: 'detonating cord', hs: '360300', q: 6000, u: 'm', v: 13500, cur: 'EUR', d: '2023-05-02', o: 'DE', dest: 'KZ', via: 'PL|BY|RU' });
// Planted 6, many-commodities: a three-person clothes shop buys ammonium nitrate, aluminium powder and detonators.
ship({ id: 'qr-p09', s: 'kz-chm-01', b: 'kz-kio-01', c: 'ammonium nitrate', hs: '310230', q: 5, u: 't', v: 5 * 165000, cur: 'KZT', d: '2023-06-10', o: 'KZ', dest: 'KZ' });
ship({ id: 'qr-p10', s: 'cz-01', b: 'kz-kio-01', c: 'aluminium powder', hs: '760310', q: 500, u: 'kg', v: 3600, cur: 'EUR', d: '2023-06-22', o: 'CZ', dest: 'KZ', via: 'PL|BY|RU' });
ship({ id: 'qr-p11', s: 'de-02', b: 'kz-kio-01', c: 'electric detonators', hs: '360300', q: 300, u: 'pcs', v: 2400, cur: 'EUR', d: '2023-07-03', o: 'DE', dest: 'KZ', via: 'PL|BY|RU' });

writeFileSync(join(here, 'entities.csv'), csv(E));
writeFileSync(join(here, 'relations.csv'), csv(R));
writeFileSync(join(here, 'shipments.csv'), csv(S));
writeFileSync(join(here, 'places.csv'), csv(places));
console.log(`wrote ${E.length - 1} entities, ${R.length - 1} relations, ${S.length - 1} shipments, ${places.length - 1} places; ordinary: ${ordinary.join(' ')}`);
