// Bundles the browser app (src/web) into dist/web: app.js, styles.css, index.html, and the base map basemap.json.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'web');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(root, 'src', 'web', 'main.ts')],
  outfile: join(out, 'app.js'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2020'],
  minify: process.env.CHOKEPOINT_WEB_MINIFY !== '0',
  sourcemap: false,
  legalComments: 'eof',
  logLevel: 'warning',
});
for (const file of ['index.html', 'styles.css']) copyFileSync(join(root, 'src', 'web', file), join(out, file));
// The detailed base map (rebuilt only when its script or data packages change).
execFileSync(process.execPath, [join(root, 'scripts', 'build-basemap.mjs')], { stdio: 'inherit' });
console.log(`viewer built in ${out}`);
