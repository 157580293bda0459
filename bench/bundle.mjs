#!/usr/bin/env node
// A large synthetic bundle (docs/data-format.md, version 1) for timing the whole
// `chokepoint analyze` pipeline. Seeded (mulberry32), deterministic.
//
//   node bench/bundle.mjs [--entities 100000] [--ties 1000000] [--out bench/.cache/bundle-100k]
//
// entities.csv  id,kind,name,country,lat,lon          (80 % located, around a few centres)
// relations.csv source,target,kind                     (40 % of the ties)
// shipments.csv id,supplier,buyer,commodity,hs_code,quantity,unit,shipped   (60 % of the ties)
// places.csv    a handful of border crossings, so the geographic part of the analysis runs too.
// Ties are clustered like bench/generate.mjs: clusters of 20-80 entities, 85 % of ties inside a
// cluster, the rest between clusters of the same region, a few hubs linking regions.
import { existsSync, mkdirSync, readFileSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clusterLayout, mulberry32, CACHE } from './generate.mjs';

const BUNDLE_VERSION = 1;
const CENTRES = [
  ['TR', 37.07, 37.38], ['TR', 36.71, 38.95], ['SY', 36.2, 37.16], ['IQ', 36.34, 43.13], ['DE', 50.11, 8.68],
  ['GB', 51.51, -0.13], ['NL', 51.92, 4.48], ['DK', 55.68, 12.57], ['AE', 25.2, 55.27], ['CN', 22.54, 114.06],
];
const PLACES = [
  ['bc-oncupinar', 'Oncupinar crossing', 'border_crossing', 36.6425, 37.0853, 'TR|SY'],
  ['bc-akcakale', 'Akcakale crossing', 'border_crossing', 36.6936, 38.9436, 'TR|SY'],
  ['bc-habur', 'Habur crossing', 'border_crossing', 37.1406, 42.5686, 'TR|IQ'],
  ['bc-padborg', 'Padborg crossing', 'border_crossing', 54.8267, 9.3589, 'DK|DE'],
  ['port-rotterdam', 'Rotterdam port', 'port', 51.95, 4.14, 'NL'],
];
const TIE_KINDS = ['owner', 'director', 'family', 'employee', 'shared_address', 'associate', 'agent'];
const GOODS = [['aluminium paste', '321290'], ['sorbitol', '290544'], ['mobile phones', '851712'], ['vehicle parts', '870899'],
  ['fertiliser', '310230'], ['steel tubes', '730439'], ['electronic modules', '854231'], ['cotton fabric', '520812']];
const UNITS = ['kg', 't', 'pcs', 'l'];

export function bundleParams(entities = 100_000, ties = 1_000_000, seed = 7) {
  return { version: BUNDLE_VERSION, entities, ties, seed };
}

export function ensureBundle(dir, params, log = () => {}) {
  const stamp = join(dir, 'bench-params.json');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === JSON.stringify(params)) return dir;
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const rand = mulberry32(params.seed);
  const int = (a, b) => a + Math.floor(rand() * (b - a + 1));
  const pick = (arr) => arr[Math.floor(rand() * arr.length)];
  const n = params.entities;

  // Clusters, regions (groups of ~20 clusters), one hub per region.
  const { start, clusters, clusterOf, regionOf, regions } = clusterLayout(n, int);
  const member = (c) => start[c] + Math.floor(rand() * (Math.min(n, start[c + 1]) - start[c]));

  const writer = (file, header) => {
    const fd = openSync(join(dir, file), 'w');
    let buf = [header];
    return {
      line(s) { buf.push(s); if (buf.length >= 50_000) { writeSync(fd, buf.join('\n') + '\n'); buf = []; } },
      close() { if (buf.length) writeSync(fd, buf.join('\n') + '\n'); closeSync(fd); },
    };
  };

  const ent = writer('entities.csv', 'id,kind,name,country,lat,lon');
  for (let i = 0; i < n; i++) {
    const c = clusterOf[i];
    const [country, lat, lon] = CENTRES[regionOf(c) % CENTRES.length];
    const kind = rand() < 0.75 ? 'company' : rand() < 0.9 ? 'person' : 'organization';
    const located = rand() < 0.8;
    const la = located ? (lat + (rand() - 0.5) * 0.6).toFixed(4) : '';
    const lo = located ? (lon + (rand() - 0.5) * 0.6).toFixed(4) : '';
    ent.line(`e${i},${kind},${kind === 'person' ? 'Person' : 'Entity'} ${i},${country},${la},${lo}`);
  }
  ent.close();

  const rel = writer('relations.csv', 'source,target,kind');
  const shp = writer('shipments.csv', 'id,supplier,buyer,commodity,hs_code,quantity,unit,shipped');
  let shipments = 0, relations = 0;
  for (let k = 0; k < params.ties; k++) {
    let a, b;
    const r = rand();
    if (r < 0.85) { const c = Math.floor(rand() * clusters); a = member(c); b = member(c); }
    else if (r < 0.995) {
      const reg = Math.floor(rand() * regions);
      const c0 = reg * 20, c1 = Math.min(clusters, c0 + 20);
      a = member(c0 + Math.floor(rand() * (c1 - c0))); b = member(c0 + Math.floor(rand() * (c1 - c0)));
    } else { a = start[Math.floor(rand() * regions) * 20]; b = start[Math.floor(rand() * regions) * 20]; } // region hubs
    if (a === b) { b = a + 1 < n ? a + 1 : a - 1; }
    if (rand() < 0.4) {
      rel.line(`e${a},e${b},${pick(TIE_KINDS)}`);
      relations++;
    } else {
      const [commodity, hs] = pick(GOODS);
      const month = String(int(1, 12)).padStart(2, '0');
      const day = String(int(1, 28)).padStart(2, '0');
      shp.line(`s${k},e${a},e${b},${commodity},${hs},${int(1, 500)},${pick(UNITS)},${int(2014, 2019)}-${month}-${day}`);
      shipments++;
    }
  }
  rel.close();
  shp.close();
  writeFileSync(join(dir, 'places.csv'), ['id,name,kind,lat,lon,countries', ...PLACES.map((p) => p.join(','))].join('\n') + '\n');
  writeFileSync(stamp, JSON.stringify(params));
  log(`generated bundle ${dir}: ${n} entities, ${relations} relations, ${shipments} shipments in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return dir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const get = (name, dflt) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : dflt; };
  const entities = Number(get('entities', 100_000));
  const ties = Number(get('ties', 1_000_000));
  const out = get('out', join(CACHE, `bundle-${entities}-${ties}`));
  ensureBundle(out, bundleParams(entities, ties), (s) => console.error(s));
  console.log(out);
}
