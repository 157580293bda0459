// Seeded bundles for the Neo4j benchmark (bench-import.mjs), written as CSV files once and reused.
//
// `10k` = 10,000 entities and 100,000 ties, `100k` = 100,000 entities and 1,000,000 ties, `1m` = 1,000,000 entities and
// 10,000,000 ties (ties: 70 % relations, 30 % shipments; entities in clusters of about 50, most ties inside a
// cluster; one shipment in ten is of watch-listed goods). A size always gives the same files.
import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const GENERATED = {
  '10k': { entities: 10_000, ties: 100_000 },
  '100k': { entities: 100_000, ties: 1_000_000 },
  '1m': { entities: 1_000_000, ties: 10_000_000 },
};

/** Lines to a file, in chunks, waiting when the stream is full (10 million lines do not fit in one string). */
async function writeLines(path, header, count, line) {
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  const write = (text) => (out.write(text) ? undefined : new Promise((resolve) => out.once('drain', resolve)));
  await write(`${header}\n`);
  let chunk = [];
  for (let i = 0; i < count; i++) {
    chunk.push(line(i));
    if (chunk.length === 10_000) {
      await write(`${chunk.join('\n')}\n`);
      chunk = [];
    }
  }
  if (chunk.length > 0) await write(`${chunk.join('\n')}\n`);
  await new Promise((resolve, reject) => out.end((err) => (err ? reject(err) : resolve())));
  renameSync(partial, path);
}

/** Writes the generated bundle of a size as CSV (once; reused when the files are there) and returns its folder. */
export async function generate(name, seededRandom) {
  const size = GENERATED[name];
  if (size === undefined) throw new Error(`unknown size ${name} (sizes: demo, ${Object.keys(GENERATED).join(', ')})`);
  const { entities: n, ties } = size;
  const dir = join(tmpdir(), 'chokepoint-bench-neo4j', name);
  if (existsSync(join(dir, 'places.csv'))) return dir;
  mkdirSync(dir, { recursive: true });
  const rnd = seededRandom(n);
  const cluster = 50;
  const kinds = ['owner', 'director', 'family', 'employee', 'shared_address', 'associate', 'agent'];
  // Mostly everyday goods that fit any business (packaging, fuel); one shipment in ten is watch-listed.
  const goods = [
    ...Array.from({ length: 9 }, (_, i) => (i % 2 === 0 ? ['plastic packaging', '392330'] : ['diesel fuel', '271019'])),
    ['aluminium paste', '321290'],
  ];
  const countries = ['TR', 'SY', 'GB', 'DK', 'DE'];
  await writeLines(join(dir, 'entities.csv'), 'id,kind,name,country,city,lat,lon,sector,isic,employees,founded', n, (i) => {
    const kind = i % 10 === 0 ? 'person' : i % 37 === 0 ? 'organization' : 'company';
    const c = Math.floor(i / cluster);
    const lat = (36 + (c % 40) / 20 + rnd() / 50).toFixed(4);
    const lon = (36 + (Math.floor(c / 40) % 40) / 20 + rnd() / 50).toFixed(4);
    const located = i % 5 !== 0;
    const company = kind === 'company';
    return [
      `e${i}`,
      kind,
      `Entity ${i}`,
      countries[c % countries.length],
      `City ${c % 300}`,
      located ? lat : '',
      located ? lon : '',
      company ? 'wholesale of chemical products' : '',
      company ? '4669' : '',
      company ? String(Math.floor(rnd() * 500)) : '',
      company ? `20${String(10 + (i % 10))}-0${1 + (i % 9)}-1${i % 10}` : '',
    ].join(',');
  });
  const pick = () => {
    const a = Math.floor(rnd() * n);
    let b;
    if (rnd() < 0.85) {
      const base = a - (a % cluster);
      b = base + Math.floor(rnd() * Math.min(cluster, n - base));
    } else {
      b = Math.floor(rnd() * n);
    }
    if (b === a) b = (a + 1) % n;
    return [a, b];
  };
  const relations = Math.round(ties * 0.7);
  await writeLines(join(dir, 'relations.csv'), 'source,target,kind,share,start,end', relations, (i) => {
    const [a, b] = pick();
    const kind = kinds[i % kinds.length];
    return `e${a},e${b},${kind},${kind === 'owner' ? (1 + Math.floor(rnd() * 100)).toString() : ''},${i % 4 === 0 ? '2015-03-01' : ''},`;
  });
  await writeLines(
    join(dir, 'shipments.csv'),
    'id,supplier,buyer,commodity,hs_code,quantity,unit,value,currency,shipped,received,origin_country,destination_country,consignee,payer',
    ties - relations,
    (i) => {
      const [a, b] = pick();
      const [commodity, hs] = goods[i % goods.length];
      const unit = ['kg', 't', 'l', 'pcs'][i % 4];
      return [
        `s${i}`,
        `e${a}`,
        `e${b}`,
        commodity,
        hs,
        (1 + Math.floor(rnd() * 1000)).toString(),
        unit,
        String(Math.floor(rnd() * 100000)),
        'EUR',
        '2016-03-02',
        '2016-03-05',
        'TR',
        'TR',
        i % 29 === 0 ? `e${(b + 1) % n}` : '',
        i % 31 === 0 ? `e${(b + 2) % n}` : '',
      ].join(',');
    },
  );
  await writeLines(join(dir, 'places.csv'), 'id,name,kind,lat,lon,countries', 12, (i) => `p${i},Crossing ${i},border_crossing,${(36 + i / 6).toFixed(4)},${(36 + i / 5).toFixed(4)},TR|SY`);
  return dir;
}
