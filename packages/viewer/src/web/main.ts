import type { Report } from '@chokepoint/report';
import { REPORT_SCHEMA_VERSION } from '@chokepoint/report/version';
import type { ViewerSettings } from './core/settings';
import { startApp, type ViewerApp } from './views/app';
import { append, el } from './views/dom';
import { startScaled, type ScaledViewer } from './views/scale-view';

declare global {
  interface Window {
    __chokepoint?: ViewerApp & { firstFrameMs: () => number | null };
    __chokepointReady?: Promise<void>;
    /** Set when the report is large and shown piece by piece (views/scale-view.ts). */
    __chokepointScaled?: ScaledViewer;
  }
}

/**
 * The report comes embedded in the page (exported file) or from the server next to it (chokepoint view); a large one
 * is served piece by piece, starting with the overview of its clusters.
 */
async function loadReport(): Promise<{ report: Report; scaled: boolean }> {
  const embedded = document.getElementById('chokepoint-report');
  let scaled = false;
  let text: string;
  if (embedded?.textContent?.trim()) text = embedded.textContent;
  else {
    // A large report answers overview.json; any other answers 404 there and sends report.json whole.
    const overview = await fetch('overview.json');
    scaled = overview.ok;
    const res = scaled || overview.status !== 404 ? overview : await fetch('report.json');
    if (!res.ok) throw new Error(await refusal(res));
    text = await res.text();
  }
  const report = JSON.parse(text) as Report;
  if (report?.schemaVersion !== REPORT_SCHEMA_VERSION) throw new Error(`this viewer reads report schema version ${REPORT_SCHEMA_VERSION}, not ${JSON.stringify(report?.schemaVersion)}`);
  return { report, scaled };
}

/** What the server said when it would not send the report or its overview: its reason (`{"error": …}`), else its text. */
async function refusal(res: Response): Promise<string> {
  const text = await res.text();
  let reason = text.trim();
  try {
    const error = (JSON.parse(text) as { error?: unknown }).error;
    if (typeof error === 'string') reason = error;
  } catch {
    // not JSON: the text as it is
  }
  return `the viewer's server answered ${res.status}${reason === '' ? '' : `: ${reason}`}`;
}

function fail(root: HTMLElement, err: unknown): void {
  root.className = 'failed';
  append(root, el('div', { className: 'error', role: 'alert' }, el('h1', { text: 'The report cannot be shown' }), el('p', { text: err instanceof Error ? err.message : String(err) })));
}

/**
 * Settings given in the page's address: `?drawing=instanced` or `?drawing=vertices` chooses how WebGL is given the
 * network (core/settings.ts DrawingMode), where the choice made for this browser draws wrongly or slowly;
 * `?cpulines=0` draws the dimmed ties with WebGL even in software (to compare).
 */
function settingsFromAddress(): Partial<ViewerSettings> {
  const params = new URLSearchParams(location.search);
  const drawing = params.get('drawing');
  return { ...(drawing === null ? {} : { drawing: drawing as ViewerSettings['drawing'] }), ...(params.get('cpulines') === '0' ? { cpuLines: false } : {}) };
}

const root = document.getElementById('app')!;
window.__chokepointReady = loadReport()
  .then(({ report, scaled }) => {
    const expose = (app: ViewerApp) => (window.__chokepoint = Object.assign(app, { firstFrameMs: () => app.view.firstFrameMs }));
    const overrides = settingsFromAddress();
    if (scaled) window.__chokepointScaled = startScaled(root, report, expose, overrides);
    else expose(startApp(root, report, overrides));
  })
  .catch((err: unknown) => fail(root, err));
