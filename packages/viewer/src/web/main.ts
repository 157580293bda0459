import type { Report } from '@chokepoint/report';
import { REPORT_SCHEMA_VERSION } from '@chokepoint/report/version';
import { startApp, type ViewerApp } from './views/app';
import { append, el } from './views/dom';

declare global {
  interface Window {
    __chokepoint?: ViewerApp & { firstFrameMs: () => number | null };
    __chokepointReady?: Promise<void>;
  }
}

/** The report comes embedded in the page (exported file) or from the server next to it (chokepoint view). */
async function loadReport(): Promise<Report> {
  const embedded = document.getElementById('chokepoint-report');
  const text = embedded?.textContent?.trim() ? embedded.textContent : await (await fetch('report.json')).text();
  const report = JSON.parse(text) as Report;
  if (report?.schemaVersion !== REPORT_SCHEMA_VERSION) throw new Error(`this viewer reads report schema version ${REPORT_SCHEMA_VERSION}, not ${JSON.stringify(report?.schemaVersion)}`);
  return report;
}

function fail(root: HTMLElement, err: unknown): void {
  root.className = 'failed';
  append(root, el('div', { className: 'error', role: 'alert' }, el('h1', { text: 'The report cannot be shown' }), el('p', { text: err instanceof Error ? err.message : String(err) })));
}

const root = document.getElementById('app')!;
window.__chokepointReady = loadReport()
  .then((report) => {
    const app = startApp(root, report);
    window.__chokepoint = Object.assign(app, { firstFrameMs: () => app.view.firstFrameMs });
  })
  .catch((err: unknown) => fail(root, err));
