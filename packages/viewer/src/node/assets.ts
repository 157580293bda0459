import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ViewerNotBuiltError } from './errors';

/** Where the bundled web app lives: dist/web, built by `pnpm build` (scripts/build-web.mjs). */
export const WEB_DIR = join(__dirname, '..', '..', 'dist', 'web');

export interface WebAssets {
  html: string;
  js: string;
  css: string;
  /** The detailed base map (scripts/build-basemap.mjs), JSON text; see basemap.ts. */
  basemap: string;
}

export function readAssets(dir: string = WEB_DIR): WebAssets {
  try {
    return {
      html: readFileSync(join(dir, 'index.html'), 'utf8'),
      js: readFileSync(join(dir, 'app.js'), 'utf8'),
      css: readFileSync(join(dir, 'styles.css'), 'utf8'),
      basemap: readFileSync(join(dir, 'basemap.json'), 'utf8'),
    };
  } catch {
    throw new ViewerNotBuiltError(`the viewer's web files are missing in ${dir}: run \`pnpm build\` first`);
  }
}
