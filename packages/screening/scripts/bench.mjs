#!/usr/bin/env node
// Screening speed: a generated list of fictional parties against generated fictional entities (seeded, so every run
// screens the same names). `node packages/screening/scripts/bench.mjs [entities] [parties]` after `pnpm build`;
// defaults 100,000 entities and 50,000 parties. Prints the time to index, to screen (wall clock, and the CPU time of
// both, which a loaded machine does not inflate), and the pairs scored.
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { ListIndex, screenEntities } = require('../dist/index.js');

const entities = Number(process.argv[2] ?? 100_000);
const partiesCount = Number(process.argv[3] ?? 50_000);

// mulberry32: a small seeded generator (integer arithmetic only).
let seed = 42;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (list) => list[Math.floor(random() * list.length)];
const onsets = ['b', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'sh', 'kh', 'tr', 'br', 'st'];
const nuclei = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou'];
const codas = ['', '', 'n', 'r', 'l', 'k', 'z'];
const syllables = onsets.flatMap((o) => nuclei.flatMap((n) => codas.map((c) => o + n + c)));
const word = (n) => { let w = ''; for (let i = 0; i < n; i++) w += pick(syllables); return w[0].toUpperCase() + w.slice(1); };
const given = ['Mohammed', 'Ali', 'Ahmad', 'Elena', 'Sergey', 'Wei', 'Ayse', 'Mehmet', 'Olga', 'Hassan', 'Ivan', 'Fatima', 'Li', 'Omar', 'Yusuf', 'Anna'];
const forms = ['LLC', 'Ltd', 'GmbH', 'Ltd. Şti.', 'A.Ş.', 'OOO', 'Co., Ltd.', 'S.A.', 'FZE', ''];
const trades = ['Trading', 'Logistics', 'Chemicals', 'Electronics', 'Machinery', 'General Trading', 'Industries', 'Shipping', ''];
const countries = ['TR', 'AE', 'RU', 'CN', 'IR', 'SY', 'DE', 'GB', 'KZ', 'HK'];
const name = (person) => (person ? `${pick(given)} ${word(2)} ${word(2)}` : `${word(2)} ${random() < 0.5 ? `${word(2)} ` : ''}${pick(trades)} ${pick(forms)}`.replace(/\s+/g, ' ').trim());

const parties = [];
for (let i = 0; i < partiesCount; i++) {
  const person = random() < 0.5;
  parties.push({ id: `p${i}`, schema: person ? 'Person' : 'Company', kind: person ? 'person' : 'company', name: '', names: [name(person), ...(random() < 0.3 ? [name(person)] : [])], countries: [pick(countries)], birthDates: person && random() < 0.7 ? [`19${50 + Math.floor(random() * 50)}`] : [], identifiers: [], addresses: [], phones: [], topics: ['sanction'], programs: [], authorities: [], datasets: [], sourceUrls: [], line: i + 1 });
  parties[i].name = parties[i].names[0];
}
const origin = { file: 'bench', line: 1 };
const list = [];
const planted = new Map();
for (let i = 0; i < entities; i++) {
  // One entity in a hundred is a listed party under its listed name.
  if (i % 100 === 0) {
    const p = parties[Math.floor(random() * parties.length)];
    planted.set(`e${i}`, p.id);
    list.push({ id: `e${i}`, kind: p.kind, name: p.names[0], country: p.countries[0], attributes: {}, origin });
  } else {
    const person = random() < 0.4;
    list.push({ id: `e${i}`, kind: person ? 'person' : 'company', name: name(person), country: pick(countries), attributes: {}, origin });
  }
}
const lists = [{ name: 'bench', file: 'bench.jsonl', date: null, parties, otherRecords: [], skipped: [], warnings: [] }];
const cpu0 = process.cpuUsage();
let t = performance.now();
const index = new ListIndex(lists);
const indexMs = performance.now() - t;
t = performance.now();
const r = screenEntities(list, index);
const screenMs = performance.now() - t;
const cpu = process.cpuUsage(cpu0);
if (process.env.SHOW) for (const m of r.matches.slice(0, 12)) console.log(m.entityName, "~", m.listedName, m.score, m.evidence[0]);
console.log(JSON.stringify({ entities, parties: partiesCount, indexSeconds: +(indexMs / 1000).toFixed(1), screenSeconds: +(screenMs / 1000).toFixed(1), cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(1), compared: r.compared, allPairs: entities * partiesCount, matches: r.matches.length, candidates: r.candidates.length, planted: planted.size, plantedFound: [...planted].filter(([e, p]) => r.matches.some((m) => m.entity === e && m.listedId === p)).length }));
