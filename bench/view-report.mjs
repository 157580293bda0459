#!/usr/bin/env node
// How long `chokepoint view` takes to open a report, as a user runs it: starts the command, times the line that gives
// the address, then fetches what the browser asks first (the overview of a large report, or the whole report) and,
// for a large report, an entity's neighbourhood within 2 ties (the first key node) and the first cluster. Peak RSS
// from /proc/<pid>/status (VmHWM) once those are answered. Each run is its own process; the median is printed.
//
//   pnpm build && node bench/view-report.mjs <report.json> [--runs N]
//
// A report of the pipeline bench: `node bench/pipeline.mjs --sizes 100k --runs 1 --no-peer --no-docs --keep-reports`
// leaves it in bench/.cache/pipeline-out/. No peer: no other tool opens this report.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const report = args.find((a) => !a.startsWith('--'));
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
if (report === undefined || !(runs >= 1)) {
  process.stderr.write('usage: node bench/view-report.mjs <report.json> [--runs N]\n');
  process.exit(2);
}
const BIN = join(import.meta.dirname, '..', 'packages', 'cli', 'dist', 'bin.js');

async function timed(url) {
  const t = performance.now();
  const res = await fetch(url);
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${body.slice(0, 200)}`);
  return { seconds: (performance.now() - t) / 1000, bytes: Buffer.byteLength(body), value: JSON.parse(body) };
}

function once() {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, 'view', report, '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let started = false;
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      if (!started) reject(new Error(`view stopped (exit ${code}): ${err}`));
    });
    child.stdout.on('data', async (d) => {
      out += d;
      const m = /Chokepoint viewer: (\S+)/.exec(out);
      if (m === null || started) return;
      started = true;
      const result = { ready: (performance.now() - t0) / 1000 };
      try {
        const url = m[1];
        if (/opens on an overview/.test(out)) {
          const overview = await timed(`${url}overview.json`);
          result.overview = { seconds: overview.seconds, mb: overview.bytes / 1e6 };
          const entity = overview.value.keyNodes[0]?.id;
          if (entity !== undefined) {
            const piece = await timed(`${url}neighbourhood?entity=${encodeURIComponent(entity)}&hops=2`);
            result.entity = { id: entity, seconds: piece.seconds, mb: piece.bytes / 1e6, entities: piece.value.entities.length, ties: piece.value.relations.length + piece.value.shipments.length };
          }
          const cluster = overview.value.scope.clusterNodes[0]?.[1].cluster;
          if (cluster !== undefined) {
            const piece = await timed(`${url}neighbourhood?cluster=${cluster}`);
            result.cluster = { id: cluster, seconds: piece.seconds, mb: piece.bytes / 1e6, entities: piece.value.entities.length, ties: piece.value.relations.length + piece.value.shipments.length };
          }
        } else {
          const whole = await timed(`${url}report.json`);
          result.whole = { seconds: whole.seconds, mb: whole.bytes / 1e6 };
        }
        result.peakRssMB = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) / 1024;
        resolve(result);
      } catch (e) {
        reject(e);
      } finally {
        child.kill('SIGINT');
      }
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const results = [];
for (let i = 0; i < runs; i++) {
  const r = await once();
  results.push(r);
  process.stdout.write(`run ${i + 1}: ${JSON.stringify(r)}\n`);
}
const pick = (f) => results.map(f).filter((x) => x !== undefined);
process.stdout.write(
  `median of ${runs}: address after ${median(pick((r) => r.ready)).toFixed(1)} s, peak RSS ${median(pick((r) => r.peakRssMB)).toFixed(0)} MB` +
    (results[0].overview ? `; overview ${median(pick((r) => r.overview.seconds)).toFixed(2)} s (${results[0].overview.mb.toFixed(1)} MB)` : '') +
    (results[0].entity ? `; entity ${results[0].entity.id} within 2 ties ${median(pick((r) => r.entity.seconds)).toFixed(2)} s (${results[0].entity.entities} entities, ${results[0].entity.ties} ties)` : '') +
    (results[0].cluster ? `; cluster ${results[0].cluster.id} ${median(pick((r) => r.cluster.seconds)).toFixed(2)} s` : '') +
    (results[0].whole ? `; the whole report ${median(pick((r) => r.whole.seconds)).toFixed(2)} s (${results[0].whole.mb.toFixed(1)} MB)` : '') +
    '\n',
);
