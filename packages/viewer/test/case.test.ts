import { EMPTY_WORKSPACE } from '../src/web/core/workspace';
import { addNote, emptyCase, saveView, setFlagStatus } from '@chokepoint/case';
import { describeView, noteTargets, viewHash, viewState } from '../src/web/core/case';
import { caseReportHtml, escapeHtml, targetWords } from '../src/web/core/case-report';
import { DEFAULT_FILTERS } from '../src/web/core/filters';
import { buildModel } from '../src/web/core/model';
import { dateRangeText, legendClusters, pictureScene, sceneToSvg, textWidth, xmlEscape, type PictureInput } from '../src/web/core/picture';
import { stateToHash } from '../src/web/core/url';
import { v2Report } from './fixture';

const EVIL = '<img src=x onerror=alert(1)> & "x"';
const T = '2026-03-02T10:00:00.000Z';

function input(over: Partial<PictureInput> = {}): PictureInput {
  return {
    width: 600,
    height: 400,
    nodes: [],
    edges: [],
    borders: [],
    places: [],
    title: 'A title',
    subtitle: 'Network layout',
    dateRange: 'Shipments dated 2021-01-01 to 2021-12-31 (all dates)',
    disclaimer: 'Findings are indicators for human review, not accusations.',
    credit: 'Chokepoint test',
    legend: { clusters: [{ color: '#1f77b4', label: 'cluster 1 (3)' }], moreClusters: 0, ties: [{ color: '#7b3294', label: 'ownership', arrow: true }], flagged: true, sizes: 'key node (by its score)', places: false },
    ...over,
  };
}

describe('pictures (core/picture)', () => {
  it('lays out title, dates, legend and disclaimer around the graph area', () => {
    const scene = pictureScene(input());
    const texts = scene.items.filter((i) => i.t === 'text').map((i) => (i as { text: string }).text);
    expect(texts).toEqual(expect.arrayContaining(['A title', 'Shipments dated 2021-01-01 to 2021-12-31 (all dates)', 'Colour: cluster', 'cluster 1 (3)', 'Ties', 'ownership', 'red ring: red flags', 'Findings are indicators for human review, not accusations.']));
    expect(scene.width).toBeGreaterThan(600);
    expect(scene.height).toBeGreaterThan(400);
  });

  it('places labels most important first and never over each other; drops what lies outside the area', () => {
    // Ten nodes on top of each other: one label fits; the selected one (priority 4) gets it.
    const nodes = Array.from({ length: 10 }, (_, i) => ({ x: 100, y: 100 + i, size: 4, color: '#777777', border: null, label: `Entity ${i}`, priority: i === 7 ? 4 : 1 }));
    nodes.push({ x: 900, y: 100, size: 4, color: '#777777', border: null, label: 'Outside', priority: 4 });
    const scene = pictureScene(input({ nodes }));
    const labels = scene.items.filter((i) => i.t === 'text' && (i as { text: string }).text.startsWith('Entity') && (i as { color: string }).color === '#1a1a1a') as { x: number; y: number; text: string }[];
    expect(labels.map((l) => l.text)).toEqual(['Entity 7']);
    expect(scene.items.some((i) => i.t === 'text' && (i as { text: string }).text === 'Outside')).toBe(false);
    // Spread out, all get labels, and no two label boxes overlap.
    const spread = Array.from({ length: 30 }, (_, i) => ({ x: 20 + (i % 5) * 110, y: 20 + Math.floor(i / 5) * 22, size: 3, color: '#777777', border: null, label: `Name ${i}`, priority: 1 }));
    const placed = pictureScene(input({ nodes: spread })).items.filter((i) => i.t === 'text' && (i as { text: string }).text.startsWith('Name') && (i as { color: string }).color === '#1a1a1a') as { x: number; y: number; text: string; size: number }[];
    expect(placed).toHaveLength(30);
    for (const a of placed)
      for (const b of placed) {
        if (a === b) continue;
        const overlap = a.x < b.x + textWidth(b.text, b.size) && b.x < a.x + textWidth(a.text, a.size) && Math.abs(a.y - b.y) < 14;
        expect(overlap).toBe(false);
      }
  });

  it('draws arrow heads that stop at the target, and cuts edges at the frame', () => {
    const scene = pictureScene(input({ edges: [{ x1: 10, y1: 100, x2: 210, y2: 100, color: '#7b3294', width: 1.5, arrow: true, targetSize: 6 }, { x1: -100, y1: 50, x2: 100, y2: 50, color: '#999999', width: 1, arrow: false, targetSize: 3 }] }));
    const head = scene.items.find((i) => i.t === 'polygon' && (i as { fill: string }).fill === '#7b3294') as { points: [number, number][] };
    expect(head.points[0][0]).toBeCloseTo(204);
    const cut = scene.items.find((i) => i.t === 'line' && (i as { stroke: string }).stroke === '#999999') as { x1: number };
    expect(cut.x1).toBe(0);
  });

  it('writes SVG with every text escaped (names are data, not markup)', () => {
    const svg = sceneToSvg(pictureScene(input({ title: EVIL, nodes: [{ x: 50, y: 50, size: 4, color: '#777777', border: '#c00000', label: EVIL, priority: 1 }] })), { title: EVIL });
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;x&quot;');
    expect(xmlEscape('a\u0001b\uFFFEc')).toBe('abc');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });

  it('says which dates are in view, and lists the clusters drawn most first', () => {
    expect(dateRangeText(['2021-01-04', '2021-11-30'], DEFAULT_FILTERS)).toBe('Shipments dated 2021-01-04 to 2021-11-30 (all dates)');
    expect(dateRangeText(['2021-01-04', '2021-11-30'], { dateFrom: '2021-03-01', dateTo: null })).toBe('Shipments dated 2021-03-01 to 2021-11-30 (date filter)');
    expect(dateRangeText(null, DEFAULT_FILTERS)).toBe('No shipment dates in the data');
    const l = legendClusters([3, 1, 3, 2, 3, 1], (c) => `#${c}`, (c) => c === 3, 2);
    expect(l).toEqual({ clusters: [{ color: '#3', label: 'cluster 3 (3), near a border' }, { color: '#1', label: 'cluster 1 (2)' }], moreClusters: 1 });
  });
});

describe('the case in the viewer (core/case, core/case-report)', () => {
  const model = buildModel({ ...v2Report(), tool: { name: 'chokepoint', version: '0.0.0-test' } });

  it('saves a view as its link and describes it in words', () => {
    const hash = stateToHash({ filters: { ...DEFAULT_FILTERS, onlyFlagged: true, commodity: 'aluminium powder', dateFrom: '2021-01-01' }, selected: 'c1', group: null, layout: 'geo', camera: { x: 0.4, y: 0.5, ratio: 0.3, angle: 0 }, work: EMPTY_WORKSPACE });
    const s = viewState(hash);
    expect(viewHash(s)).toBe(hash);
    expect(describeView(model, s)).toBe('geographic layout · selected: Transit Konni SARL · flagged only · commodity: aluminium powder · shipments 2021-01-01 to …');
    expect(viewHash({ version: 2, hash })).toBeNull();
    expect(describeView(model, { version: 2 })).toMatch(/newer viewer/);
  });

  it('offers the entity and each of its ties (trade included) as what a note is about', () => {
    const targets = noteTargets(model, 'c1');
    expect(targets[0]).toEqual({ target: { kind: 'entity', id: 'c1' }, label: 'this entity' });
    expect(targets).toContainEqual({ target: { kind: 'tie', source: 'h', target: 'c1', tieKind: 'owner' }, label: 'ownership ← Kabarawa Holding SA' });
    expect(targets.filter((t) => t.target.kind === 'tie').length).toBe(model.edges.filter((e) => e.source === 'c1' || e.target === 'c1').length);
    expect(targetWords(model, { kind: 'tie', source: 'h', target: 'c1', tieKind: 'owner' })).toMatch(/^ownership tie: .* \(h\) → Transit Konni SARL \(c1\)$/);
    expect(targetWords(model, { kind: 'entity', id: 'gone' })).toBe('gone (not in this report)');
  });

  it('prints the case: disclaimer, statuses confirmed first with who and when, evidence, notes escaped, unreviewed flags counted', () => {
    let c = emptyCase({ bundle: 'hand', now: T, title: `Case ${EVIL}` });
    c = setFlagStatus(c, 'f2', 'dismissed', 'Jon', T);
    c = setFlagStatus(c, 'f4', 'confirmed', 'Ana', '2026-03-03T10:00:00.000Z');
    c = addNote(c, { kind: 'entity', id: 'c1' }, EVIL, 'Ana', T);
    c = addNote(c, { kind: 'flag', id: 'f4' }, 'Payer abroad confirmed by bank records.', 'Ana', T);
    c = addNote(c, { kind: 'flag', id: 'gone-flag' }, 'From an older run.', 'Ana', T);
    c = saveView(c, 'Overview', viewState(''), 'Ana', T);
    const html = caseReportHtml({ model, case: c, pictures: [{ view: c.views[0], svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>', description: 'network layout' }], generated: T, by: 'Ana' });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain(escapeHtml(EVIL));
    // An Arabic note keeps the number after its Arabic words in its place when printed.
    expect(escapeHtml('منفذ ربيعة <الحدودي>, 105 km')).toBe('\u2068منفذ ربيعة &lt;الحدودي\u2069&gt;, 105 km');
    expect(html).toContain('Indicators for review, not accusations.');
    expect(html).toContain('Findings are indicators for human review.');
    const confirmed = html.indexOf('data-flag="f4"');
    const dismissed = html.indexOf('data-flag="f2"');
    expect(confirmed).toBeGreaterThan(0);
    expect(dismissed).toBeGreaterThan(confirmed);
    expect(html).toContain('<span class="status confirmed">Confirmed</span> <span class="meta">by Ana, 2026-03-03 10:00 UTC</span>');
    expect(html).toContain('<td>Time before shipping on</td><td>3 days<span class="threshold">rule: ≤ 14 days</span></td>');
    expect(html).toContain('Red flags not yet reviewed (2)');
    expect(html).toContain('Kept in the case, not in this report');
    expect(html).toContain('From an older run.');
    expect(html).toContain('<h3>Overview</h3>');
    expect(html).toContain('@page');
  });
});

describe('picture labels and places', () => {
  it('names the selected entity before the border crossing at the same spot, then the other entities where room is left', () => {
    const scene = pictureScene(
      input({
        nodes: [
          { x: 100, y: 100, size: 4, color: '#777777', border: null, label: 'Selected Ltd', priority: 4 },
          { x: 100, y: 100, size: 4, color: '#777777', border: null, label: 'Other Ltd', priority: 2 },
        ],
        places: [{ x: 95, y: 100, name: 'Akçakale border crossing', crossing: true }],
      }),
    );
    const texts = scene.items.filter((i) => i.t === 'text' && (i as { color: string }).color !== '#ffffff').map((i) => (i as { text: string }).text);
    expect(texts).toContain('Selected Ltd');
    expect(texts).not.toContain('Akçakale border crossing');
    expect(texts).not.toContain('Other Ltd');
  });
});
