#!/usr/bin/env node
// Does the sampled betweenness keep its promise? For each graph and bound ε, many seeded runs of the engine's
// Riondato–Kornaropoulos sampler against the engine's exact Brandes: in how many runs is every value within ±ε
// (the guarantee says: at least 1 − δ of them), and how large is the worst error, as a share of ε.
//
//   pnpm build && node bench/bc-coverage.mjs [--runs 100] [--graphs power,ca-grqc] [--epsilon 0.05,0.02] [--delta 0.1]
//
// Not a timing benchmark: it prints counts, and the same counts on every run (seeds 1..runs).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureGraph, readEdgeList } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const engineDir = join(here, '..', 'packages', 'engine');
const require = createRequire(join(engineDir, 'package.json'));
const engine = require(join(process.env.BENCH_ENGINE_DIST ?? join(engineDir, 'dist'), 'index.js'));

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const runs = Number(opt('runs', 100));
const graphs = opt('graphs', 'power,ca-grqc').split(',');
const epsilons = opt('epsilon', '0.05,0.02').split(',').map(Number);
const delta = Number(opt('delta', 0.1));

console.log(`| graph | nodes | ε | δ | paths per run | runs with every value within ±ε | worst error | mean of the largest error per run |`);
console.log(`|---|---:|---:|---:|---:|---:|---:|---:|`);
for (const name of graphs) {
  const g = ensureGraph(name, { log: (s) => process.stderr.write(`${s}\n`) });
  if (g.missing) {
    console.log(`| ${name} | — | | | | skipped: ${g.missing} | | |`);
    continue;
  }
  const { n, src, dst } = readEdgeList(g.path);
  const csr = engine.csrFromEdgeList(n, src, dst);
  const scale = engine.betweennessScale(n);
  const truth = engine.betweennessCSR(csr).map((x) => x * scale);
  for (const epsilon of epsilons) {
    let within = 0;
    let worst = 0;
    let sum = 0;
    let samples = 0;
    for (let seed = 1; seed <= runs; seed++) {
      const run = await engine.betweennessRunCSR(csr, { threads: 1, epsilon, delta, seed, sampling: 'always' });
      samples = run.samples;
      let err = 0;
      for (let i = 0; i < n; i++) err = Math.max(err, Math.abs(run.values[i] - truth[i]));
      if (err <= run.epsilon) within++;
      worst = Math.max(worst, err / epsilon);
      sum += err / epsilon;
    }
    console.log(`| ${name} | ${n.toLocaleString('en')} | ${epsilon} | ${delta} | ${samples.toLocaleString('en')} | ${within} of ${runs} | ${worst.toFixed(2)} ε | ${(sum / runs).toFixed(2)} ε |`);
  }
}
