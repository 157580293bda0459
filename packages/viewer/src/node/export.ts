import { readAssets, type WebAssets } from './assets';
import { basemapForReport } from './basemap';

/** JSON that can sit inside a <script> element: no "<" can close the element or open a comment. */
export function scriptSafeJson(json: string): string {
  return json.replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * One self-contained HTML file: the viewer's script and styles inlined, the report embedded as
 * JSON data (never as markup). It opens offline, from disk, in any current browser. With `caseJson` (a case file's
 * text, already validated), the case travels inside too, read-only: its notes, statuses and saved views are shown, and
 * it can be downloaded from the page. The detailed base map travels inside too, cut to the region of the report's
 * entities and places (`basemapForReport`).
 */
export function exportHtml(reportJson: string, assets: WebAssets = readAssets(), options: { caseJson?: string } = {}): string {
  const embeddedCase = options.caseJson === undefined ? '' : `<script type="application/json" id="chokepoint-case">${scriptSafeJson(options.caseJson)}</script>\n`;
  const js = assets.js.replace(/<\/script/gi, '<\\/script');
  const css = assets.css.replace(/<\/style/gi, '<\\/style');
  const basemap = `<script type="application/json" id="chokepoint-basemap">${scriptSafeJson(basemapForReport(assets.basemap, reportJson))}</script>\n`;
  const title = 'Chokepoint report';
  return assets.html
    .replace('<title>Chokepoint viewer</title>', `<title>${title}</title>`)
    .replace('<link rel="stylesheet" href="styles.css">', () => `<style>\n${css}\n</style>`)
    .replace(
      '<script src="app.js"></script>',
      () => `<script type="application/json" id="chokepoint-report">${scriptSafeJson(reportJson)}</script>\n${embeddedCase}${basemap}<script>\n${js}\n</script>`,
    );
}
