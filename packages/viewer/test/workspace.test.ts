import type { Report } from '@chokepoint/report';
import { pathNetwork, shortestPaths } from '@chokepoint/report/paths';
import { DEFAULT_FILTERS, visibility } from '../src/web/core/filters';
import { canRedo, canUndo, goTo, present, record, redo, replace, startHistory, step, undo } from '../src/web/core/history';
import { buildModel, type ViewModel } from '../src/web/core/model';
import { emphasis, FOCUS, CONTEXT, validState } from '../src/web/core/state';
import { applyTable, columnChoices, csvCell, DEFAULT_TABLE, SHIPMENT_COLUMNS, ENTITY_COLUMNS, tableCsv, tableRows, toggleSort, type TableState } from '../src/web/core/tables';
import { DEFAULT_STATE, hashToState, stateToHash, type ViewState } from '../src/web/core/url';
import {
  buildAdjacency,
  collapse,
  combineMarked,
  EMPTY_WORKSPACE,
  expand,
  focusVisibility,
  hide,
  inBox,
  inLasso,
  keepOnly,
  markedEmphasis,
  neighbourCounts,
  pathEmphasis,
  pin,
  withPath,
  release,
  scopeOf,
  setFocusMode,
  setPathEnd,
  showWholeNetwork,
  startFrom,
  swapPathEnds,
  unhide,
  workingVisibility,
  type Workspace,
} from '../src/web/core/workspace';

/**
 * A chain to follow: p ─owner→ a ─shared_address─ b, a ⇒ b (shipments), c ⇒ a, d ⇒ c, e alone; "__proto__" owns e.
 */
function report(): Report {
  const entity = (id: string, name: string, kind: string, cluster: number, extra: object = {}) => ({
    id, name, kind, lat: null, lon: null, attributes: {}, cluster, group: 0, betweenness: 0, articulation: false, cutOff: 0, loneCutOff: 0, degree: 1, nearestCrossing: null, flags: [] as string[], ...extra,
  });
  const ship = (id: string, supplier: string, buyer: string, commodity: string, shipped?: string, extra: object = {}) => ({ id, supplier, buyer, commodity, shipped, attributes: {}, ...extra });
  return {
    schemaVersion: 2,
    entities: [
      entity('a', 'Örnek Kimya', 'company', 1, { country: 'TR', flags: ['f1'] }),
      entity('b', 'Beta Telefon', 'company', 1, { country: 'TR' }),
      entity('p', 'Ayşe Yılmaz', 'person', 1, { country: 'TR' }),
      entity('c', '=HYPERLINK("http://x")', 'company', 2, { country: 'GB', origin: { file: 'entities.csv', line: 5 } }),
      entity('d', 'Delta', 'organization', 2),
      entity('e', 'Echo', 'company', 3),
      entity('__proto__', 'Proto Holding', 'company', 3),
    ],
    relations: [
      { source: 'p', target: 'a', kind: 'owner', attributes: {} },
      { source: 'a', target: 'b', kind: 'shared_address', attributes: {} },
      { source: '__proto__', target: 'e', kind: 'owner', attributes: {} },
    ],
    shipments: [
      ship('s1', 'c', 'a', 'aluminium paste', '2015-03-09', { quantity: 10, unit: 'kg', quantityKg: 10, value: 5, currency: 'EUR' }),
      ship('s2', 'c', 'a', 'acetone', '2016-01-01', { origin: { file: 'shipments.csv', line: 3 } }),
      ship('s3', 'a', 'b', 'aluminium paste', '2015-03-14', { value: 100, currency: 'USD' }),
      ship('s4', 'd', 'c', 'steel'),
    ],
    places: [],
    clusters: [],
    groups: [],
    controllers: [],
    keyNodes: [{ id: 'a', name: 'Örnek Kimya', rank: 1, score: 1, reasons: ['x'] }],
    chokepoints: null,
    flagRules: [],
    flags: [],
  } as unknown as Report;
}

let model: ViewModel;
beforeEach(() => (model = buildModel(report())));
const ids = (m: ViewModel, mask: Uint8Array | null) => (mask === null ? null : m.nodes.filter((n) => mask[n.index]).map((n) => n.id));

describe('following a lead', () => {
  it('counts an entity’s neighbours by tie kind before expanding, and how many are already drawn', () => {
    const adj = buildAdjacency(model);
    const all = visibility(model, DEFAULT_FILTERS);
    expect(neighbourCounts(model, adj, 'a', all.nodes)).toEqual([
      { kind: 'shipment', neighbours: 2, shown: 2 },
      { kind: 'owner', neighbours: 1, shown: 1 },
      { kind: 'shared_address', neighbours: 1, shown: 1 },
    ]);
    const scope = scopeOf(model, adj, startFrom(EMPTY_WORKSPACE, ['a']))!;
    expect(neighbourCounts(model, adj, 'a', scope).map((c) => c.shown)).toEqual([0, 0, 0]);
  });

  it('expands step by step, by tie kind and N hops at once, and collapses again', () => {
    const adj = buildAdjacency(model);
    let w = expand(EMPTY_WORKSPACE, ['a'], ['owner']);
    // From the whole network, expanding starts the working view from the entity.
    expect(w.seeds).toEqual(['a']);
    expect(ids(model, scopeOf(model, adj, w))).toEqual(['a', 'p']);
    w = expand(w, ['a'], null);
    expect(ids(model, scopeOf(model, adj, w))).toEqual(['a', 'b', 'p', 'c']);
    w = expand(w, ['a'], null, 2);
    expect(w.expansions).toHaveLength(2);
    expect(ids(model, scopeOf(model, adj, w))).toEqual(['a', 'b', 'p', 'c', 'd']);
    w = collapse(w, ['a']);
    expect(ids(model, scopeOf(model, adj, w))).toEqual(['a']);
    expect(ids(model, scopeOf(model, adj, showWholeNetwork(w)))).toBeNull();
    // Hops are kept within 1..5.
    expect(expand(EMPTY_WORKSPACE, ['a'], null, 99).expansions[0].hops).toBe(5);
  });

  it('keeps only a selection, hides and unhides, with what is drawn counted', () => {
    const adj = buildAdjacency(model);
    const base = visibility(model, DEFAULT_FILTERS);
    let w: Workspace = hide(EMPTY_WORKSPACE, ['b', 'b']);
    expect(w.hidden).toEqual(['b']);
    let v = workingVisibility(model, base, scopeOf(model, adj, w), w.hidden);
    expect(v.counts).toEqual({ entities: 6, ties: 4, shipments: 3, flagged: 1 });
    w = keepOnly(w, ['a', 'b', 'c']);
    expect(w.hidden).toEqual([]);
    v = workingVisibility(model, base, scopeOf(model, adj, w), w.hidden);
    expect(ids(model, v.nodes)).toEqual(['a', 'b', 'c']);
    expect(v.counts).toEqual({ entities: 3, ties: 3, shipments: 3, flagged: 1 });
    w = unhide(hide(w, ['a', 'c']), ['a']);
    expect(w.hidden).toEqual(['c']);
    expect(unhide(w, null).hidden).toEqual([]);
    expect(workingVisibility(model, base, null, [])).toBe(base);
  });

  it('pins an entity where it was put, per layout, and releases it', () => {
    let w = pin(EMPTY_WORKSPACE, 'a', 1, 2, 'force');
    w = pin(w, 'a', 3, 4, 'force');
    w = pin(w, 'a', 5, 6, 'geo');
    expect(w.pinned).toEqual([
      { id: 'a', x: 3, y: 4, layout: 'force' },
      { id: 'a', x: 5, y: 6, layout: 'geo' },
    ]);
    expect(release(w, ['a'], 'force').pinned).toEqual([{ id: 'a', x: 5, y: 6, layout: 'geo' }]);
    expect(release(w, null, 'geo').pinned).toEqual([{ id: 'a', x: 3, y: 4, layout: 'force' }]);
  });

  it('keeps path ends, swaps them, and highlights the paths found with their ties', () => {
    let w = setPathEnd(setPathEnd(EMPTY_WORKSPACE, 'from', 'p'), 'to', 'c');
    w = swapPathEnds(w);
    expect(w.path).toEqual({ from: 'c', to: 'p' });
    const r = shortestPaths(pathNetwork(model.report), 'p', 'c');
    expect(r.paths.map((x) => x.entities)).toEqual([['p', 'a', 'c']]);
    const e = pathEmphasis(model, r.paths)!;
    expect(ids(model, e.nodes)).toEqual(['a', 'p', 'c']);
    expect(e.nodes[model.byId.get('p')!.index]).toBe(FOCUS);
    expect(e.nodes[model.byId.get('a')!.index]).toBe(CONTEXT);
    expect(model.edges.filter((x) => e.edges[x.index]).map((x) => [x.kind, x.source, x.target])).toEqual([
      ['owner', 'p', 'a'],
      ['shipment', 'c', 'a'],
    ]);
    expect(pathEmphasis(model, [])).toBeNull();
    // Found from the adjacency (the ties at the supplier) as from an index of every shipment edge: the same.
    expect(pathEmphasis(model, r.paths, buildAdjacency(model))).toEqual(e);
    expect(pathEmphasis(model, shortestPaths(pathNetwork(model.report), 'c', 'p').paths, buildAdjacency(model))).toEqual(pathEmphasis(model, shortestPaths(pathNetwork(model.report), 'c', 'p').paths));
  });

  it('brings forward a path beside a selection: both, each entity at the stronger level, each tie of either', () => {
    const onPath = pathEmphasis(model, shortestPaths(pathNetwork(model.report), 'p', 'c').paths)!;
    // "Path to here" on the selected end: c is selected; the path's other entities, p and a, beyond its own ties.
    const selected = emphasis(model, { selected: 'c', group: null })!;
    const both = withPath(selected, onPath)!;
    const level = (e: typeof both, id: string) => e.nodes[model.byId.get(id)!.index];
    expect(level(selected, 'p')).toBe(0);
    expect([level(both, 'c'), level(both, 'p'), level(both, 'a')]).toEqual([FOCUS, FOCUS, CONTEXT]);
    for (const e of model.edges) expect([e.index, both.edges[e.index]]).toEqual([e.index, selected.edges[e.index] | onPath.edges[e.index]]);
    expect(model.edges.filter((x) => both.edges[x.index] && !selected.edges[x.index]).map((x) => [x.kind, x.source, x.target])).toEqual([['owner', 'p', 'a']]);
    // Entities marked (a box selection) with the path alike; either alone is itself.
    const marked = markedEmphasis(model, ['d'])!;
    expect(level(withPath(marked, onPath)!, 'd')).toBe(CONTEXT);
    expect(level(withPath(marked, onPath)!, 'p')).toBe(FOCUS);
    expect(withPath(selected, null)).toBe(selected);
    expect(withPath(null, onPath)).toBe(onPath);
    expect(withPath(null, null)).toBeNull();
  });

  it('hides what a selection does not bring forward in the focus mode "hide"', () => {
    const base = visibility(model, DEFAULT_FILTERS);
    const em = emphasis(model, { selected: 'p', group: null });
    const v = focusVisibility(model, base, em);
    expect(ids(model, v.nodes)).toEqual(['a', 'p']);
    expect(v.counts.ties).toBe(1);
    expect(focusVisibility(model, base, null)).toBe(base);
    expect(setFocusMode(EMPTY_WORKSPACE, 'hide').focus).toBe('hide');
  });

  it('selects what a box drawn on the screen holds, adding to or taking from the selection', () => {
    const base = visibility(model, DEFAULT_FILTERS);
    const positions = model.nodes.map((n) => (n.id === 'e' ? null : { x: n.index * 10, y: n.index * 10 }));
    expect(inBox(model, positions, base.nodes, { x0: 35, y0: 45, x1: 5, y1: 5 })).toEqual(['b', 'p', 'c']);
    const hidden = workingVisibility(model, base, null, ['p']);
    expect(inBox(model, positions, hidden.nodes, { x0: 5, y0: 5, x1: 35, y1: 45 })).toEqual(['b', 'c']);
    expect(combineMarked(['a'], ['b', 'a'], 'add')).toEqual(['a', 'b']);
    expect(combineMarked(['a', 'b'], ['a'], 'remove')).toEqual(['b']);
    const m = markedEmphasis(model, ['a', 'b'])!;
    expect(model.edges.filter((x) => m.edges[x.index]).map((x) => x.kind)).toEqual(['shared_address', 'shipment']);
    expect(markedEmphasis(model, [])).toBeNull();
  });
});

describe('the working view in the URL', () => {
  it('carries starts, expansions, hidden and pinned entities, path ends and the focus mode, whatever the ids hold', () => {
    let w = expand(startFrom(EMPTY_WORKSPACE, ['a', 'x,y&z=1']), ['a'], ['owner', 'shipment'], 2);
    w = hide(w, ['__proto__', '#b']);
    w = pin(w, 'toString', 0.1234567891, -2, 'geo');
    w = setFocusMode(setPathEnd(setPathEnd(w, 'from', 'a b'), 'to', 'c;d'), 'hide');
    const state: ViewState = { ...DEFAULT_STATE, work: w };
    const back = hashToState(`#${stateToHash(state)}`);
    expect(back.work).toEqual({ ...w, pinned: [{ id: 'toString', x: 0.123457, y: -2, layout: 'geo' }] });
    expect(stateToHash(DEFAULT_STATE)).toBe('');
    expect(hashToState('').work).toEqual(EMPTY_WORKSPACE);
  });

  it('ignores malformed parts and lets go of entities the report does not have', () => {
    const s = hashToState('#start=[1,"a"&exp=[["a",["owner","bribe"],9],["b"],5]&hide=nope&pin=[["a","x",1],["b",1,2]]&focus=blur');
    expect(s.work).toEqual({ seeds: null, expansions: [{ id: 'a', kinds: ['owner'], hops: 5 }, { id: 'b', kinds: null, hops: 1 }], hidden: [], pinned: [{ id: 'b', x: 1, y: 2, layout: 'force' }], path: { from: null, to: null }, focus: 'dim' });
    const v = validState(model, hashToState(`#${stateToHash({ ...DEFAULT_STATE, work: { ...EMPTY_WORKSPACE, seeds: ['a', 'ghost'], hidden: ['ghost'], path: { from: 'ghost', to: 'a' } } })}`));
    expect(v.work).toMatchObject({ seeds: ['a'], hidden: [], path: { from: null, to: 'a' } });
  });
});

describe('undo and redo', () => {
  it('records each change, undoes and redoes it, and lets the redo go after a new change', () => {
    let h = startHistory('a');
    h = record(h, 'b');
    h = record(h, 'b');
    expect(h.entries).toEqual(['a', 'b']);
    h = record(h, 'c');
    h = undo(undo(h));
    expect(present(h)).toBe('a');
    expect(canUndo(h)).toBe(false);
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect(present(h)).toBe('b');
    h = record(h, 'd');
    expect(h.entries).toEqual(['a', 'b', 'd']);
    expect(canRedo(h)).toBe(false);
    expect(present(replace(h, 'e'))).toBe('e');
  });

  it('keeps step numbers (what the browser history carries) when old steps are let go', () => {
    let h = startHistory(0);
    for (let i = 1; i <= 5; i++) h = record(h, i, Object.is, 3);
    expect(h.entries).toEqual([3, 4, 5]);
    expect(step(h)).toBe(5);
    expect(present(goTo(h, 4)!)).toBe(4);
    expect(goTo(h, 1)).toBeNull();
    expect(goTo(h, 6)).toBeNull();
  });
});

describe('the tables', () => {
  const table = (change: Partial<TableState>): TableState => ({ ...DEFAULT_TABLE, ...change });

  it('list what is drawn, filtered and sorted, linked to the entities of each row', () => {
    const base = visibility(model, { ...DEFAULT_FILTERS, entityKinds: ['company'] });
    const rows = tableRows(model, 'entities', base);
    expect(rows.map((r) => r.key)).toEqual(['a', 'b', 'c', 'e', '__proto__']);
    expect(applyTable(rows, table({ values: { country: 'TR' } }), new Set()).map((r) => r.key)).toEqual(['a', 'b']);
    expect(applyTable(rows, table({ onlyFlagged: true }), new Set()).map((r) => r.key)).toEqual(['a']);
    expect(applyTable(rows, table({ text: 'PROTO' }), new Set()).map((r) => r.key)).toEqual(['__proto__']);
    expect(applyTable(rows, table({ scope: 'selection' }), new Set(['c'])).map((r) => r.key)).toEqual(['c']);
    const byCountry = toggleSort(DEFAULT_TABLE, 'country');
    // Empty cells last in either direction; equal cells keep the report's order.
    expect(applyTable(rows, byCountry, new Set()).map((r) => r.key)).toEqual(['c', 'a', 'b', 'e', '__proto__']);
    expect(applyTable(rows, toggleSort(byCountry, 'country'), new Set()).map((r) => r.key)).toEqual(['a', 'b', 'c', 'e', '__proto__']);
    expect(toggleSort(toggleSort(byCountry, 'country'), 'country').sort).toBeNull();
    expect(columnChoices(rows, ENTITY_COLUMNS, 'country')).toEqual([{ value: 'TR', rows: 2 }, { value: 'GB', rows: 1 }]);
  });

  it('list the drawn shipments with dates, and sort numbers as numbers', () => {
    const base = visibility(model, { ...DEFAULT_FILTERS, commodity: 'aluminium paste' });
    const rows = tableRows(model, 'shipments', base);
    expect(rows.map((r) => [r.key, r.entities])).toEqual([
      ['s1', ['c', 'a']],
      ['s3', ['a', 'b']],
    ]);
    expect(tableRows(model, 'shipments', null)).toHaveLength(4);
    const all = tableRows(model, 'shipments', null);
    const t = table({ kind: 'shipments', sort: { key: 'value', desc: true } });
    expect(applyTable(all, t, new Set()).map((r) => r.key)).toEqual(['s3', 's1', 's2', 's4']);
    expect(applyTable(all, { ...t, dateFrom: '2015-03-10', dateTo: '2015-12-31' }, new Set()).map((r) => r.key)).toEqual(['s3']);
    expect(applyTable(all, { ...t, values: { commodity: 'steel' } }, new Set()).map((r) => r.key)).toEqual(['s4']);
  });

  it('write exactly the rows shown as CSV, with no cell a spreadsheet would run as a formula', () => {
    const rows = applyTable(tableRows(model, 'entities', null), table({ values: { cluster: '2' } }), new Set());
    const csv = tableCsv(ENTITY_COLUMNS, rows);
    expect(csv.split('\r\n')).toEqual(['Name,Id,Kind,Country,Cluster,Group,Flags,Key node,Ties,Input line', `"'=HYPERLINK(""http://x"")",c,company,GB,2,,0,,2,5`, 'Delta,d,organization,,2,,0,,1,', '']);
    // The shipments' table says the line of shipments.csv each was read from, and sorts by it as a number.
    const byLine = applyTable(tableRows(model, 'shipments', null), table({ kind: 'shipments', sort: { key: 'line', desc: false } }), new Set());
    expect(byLine.map((r) => [r.key, r.cells[SHIPMENT_COLUMNS.findIndex((c) => c.key === 'line')]])).toEqual([['s2', 3], ['s1', null], ['s3', null], ['s4', null]]);
    for (const bad of ['=1+1', '+1', '-1', '@SUM(A1)', ' =1', '\t=1', '＝1']) expect(csvCell(bad).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell('\ud800x')).toBe('\ufffdx');
    expect(tableCsv(SHIPMENT_COLUMNS, []).split(',')[0]).toBe('Id');
  });

  it('selects what a lasso drawn on the screen holds (even-odd), the same as a brute-force count of crossings', () => {
    const base = visibility(model, DEFAULT_FILTERS);
    // A "C" open to the right: a point in its mouth is outside, points in its arms inside.
    const c = [
      { x: 0, y: 0 },
      { x: 100, y: 0 },
      { x: 100, y: 30 },
      { x: 30, y: 30 },
      { x: 30, y: 70 },
      { x: 100, y: 70 },
      { x: 100, y: 100 },
      { x: 0, y: 100 },
    ];
    const at: Record<string, { x: number; y: number } | null> = { p: { x: 15, y: 50 }, a: { x: 60, y: 50 }, b: { x: 80, y: 15 }, c: { x: 80, y: 85 }, d: { x: 150, y: 50 }, e: null };
    const positions = model.nodes.map((n) => at[n.id] ?? null);
    expect(inLasso(model, positions, base.nodes, c).sort()).toEqual(['b', 'c', 'p']);
    const hidden = workingVisibility(model, base, null, ['p']);
    expect(inLasso(model, positions, hidden.nodes, c).sort()).toEqual(['b', 'c']);
    expect(inLasso(model, positions, base.nodes, c.slice(0, 2))).toEqual([]);

    // Brute force: a ray from the point straight down (+y) instead of across, every segment tried.
    const bruteInside = (pt: { x: number; y: number }, poly: { x: number; y: number }[]) => {
      let crossings = 0;
      for (let i = 0; i < poly.length; i++) {
        const [a, b] = [poly[i], poly[(i + 1) % poly.length]];
        if (a.x > pt.x === b.x > pt.x) continue;
        const yAt = a.y + ((pt.x - a.x) / (b.x - a.x)) * (b.y - a.y);
        if (yAt > pt.y) crossings++;
      }
      return crossings % 2 === 1;
    };
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 200;
    let inside = 0;
    for (let trial = 0; trial < 2000; trial++) {
      // Random outlines of 3 to 14 points: most cross themselves.
      const poly = Array.from({ length: 3 + (trial % 12) }, () => ({ x: random(), y: random() }));
      const pts = model.nodes.map(() => ({ x: random(), y: random() }));
      const got = inLasso(model, pts, base.nodes, poly).sort();
      const want = model.nodes.filter((n) => base.nodes[n.index] && bruteInside(pts[n.index], poly)).map((n) => n.id).sort();
      expect(got).toEqual(want);
      inside += got.length;
    }
    // The comparison meant something: many points fell inside, many outside.
    expect(inside).toBeGreaterThan(1000);
    expect(inside).toBeLessThan(2000 * model.nodes.length - 1000);
  });
});
