#!/usr/bin/env node
// The fuzzer of packages/cli/test/fuzz.test.ts, for longer runs than the test suite's:
//   pnpm fuzz [--runs N] [--seed S] [--class a,b] [--exact]
// --runs: mutants of each class (the suite runs 6); --seed: the run's seed (the suite uses 13); --class: only these
// classes; --exact: with --class and --seed, replay the one mutant whose seed a failure printed ("[seed …]").
// Needs `pnpm build` (the binary is run for a sample).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
// Every mutant twice (the reports must be the same bytes), and the classes the suite marks pending run as any other,
// so that what they still break is shown.
const env = { ...process.env, CHOKEPOINT_FUZZ_REPEAT: 'all', CHOKEPOINT_FUZZ_PENDING: 'show' };
const usage = () => {
  console.error('usage: pnpm fuzz [--runs N] [--seed S] [--class a,b] [--exact]');
  process.exit(2);
};
for (let i = 0; i < args.length; i++) {
  const value = () => args[++i] ?? usage();
  switch (args[i]) {
    case '--runs': {
      const n = value();
      if (!/^\d+$/.test(n) || Number(n) < 1) usage();
      env.CHOKEPOINT_FUZZ_RUNS = n;
      break;
    }
    case '--seed': {
      const s = value();
      if (!/^\d+$/.test(s)) usage();
      env.CHOKEPOINT_FUZZ_SEED = s;
      break;
    }
    case '--class':
      env.CHOKEPOINT_FUZZ_CLASS = value();
      break;
    case '--exact':
      env.CHOKEPOINT_FUZZ_EXACT = '1';
      break;
    case '--':
      break;
    default:
      usage();
  }
}
if (!existsSync(join(root, 'packages', 'cli', 'dist', 'bin.js'))) {
  console.error('packages/cli/dist/bin.js is missing: run pnpm build first');
  process.exit(2);
}
const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const r = spawnSync(process.execPath, [jest, 'packages/cli/test/fuzz.test.ts', '--testTimeout', '0'], { cwd: root, env, stdio: 'inherit' });
process.exit(r.status ?? 1);
