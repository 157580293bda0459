import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { parse as parseCsv } from 'csv-parse/sync';
import { DEFAULT_REFERENCE_DIR, loadReference } from '@chokepoint/flags';
import { readBundle, readFtm } from '@chokepoint/ingest';
import { withShipmentTies, type Bundle } from '@chokepoint/model';
import { loadMeasuresData, runAnalysis } from '@chokepoint/pipeline';
import { reportProblems, type Report } from '@chokepoint/report';
import { controllerRows, csvCell, exportTables, groupRows, toCsv, toFtm, toGexf, toGraphml, xmlText, type Scalar } from '@chokepoint/exports';
import { all, parseXmlStrict, type XmlElement } from './xml';

const TINY = join(__dirname, '..', '..', 'cli', 'test', 'fixtures', 'tiny');
let report: Report;

/** The report `chokepoint analyze` would write (names kept as they are: no merging of name variants). */
async function reportOf(bundle: Bundle): Promise<Report> {
  const options = { reference: loadReference(), measures: loadMeasuresData(DEFAULT_REFERENCE_DIR), toolVersion: 'test', threads: 1, resolve: false, geocode: false };
  return (await runAnalysis(bundle, options)).report;
}

beforeAll(async () => {
  const bundle = await readBundle(TINY);
  bundle.entities[1].name = '=HYPERLINK("http://x","<b>&\u0001")';
  report = await reportOf(bundle);
});

/** The export tables as a graphology graph, to compare with what graphology's readers give back. */
function tableGraph(r: Report): MultiDirectedGraph {
  const { nodes, edges } = exportTables(r);
  const g = new MultiDirectedGraph();
  for (const n of nodes) g.addNode(n.id, Object.fromEntries(n.attributes));
  for (const e of edges) g.addDirectedEdgeWithKey(e.id, e.source, e.target, Object.fromEntries(e.attributes));
  return g;
}

function sameGraph(a: MultiDirectedGraph, b: MultiDirectedGraph, attributes: string[]): void {
  expect(b.order).toBe(a.order);
  expect(b.size).toBe(a.size);
  a.forEachNode((node, attrs) => {
    expect(b.hasNode(node)).toBe(true);
    for (const k of attributes) if (k in attrs) expect([node, k, b.getNodeAttribute(node, k)]).toEqual([node, k, attrs[k]]);
  });
}

describe('exports, read back with the same libraries', () => {
  it('GEXF round-trips nodes, edges and result attributes, with map positions', () => {
    const text = toGexf(report);
    const back = parseGexf(MultiDirectedGraph, text);
    sameGraph(tableGraph(report), back as MultiDirectedGraph, ['cluster', 'betweenness', 'articulation', 'keyScore', 'flagCount', 'kind', 'country']);
    expect(back.getNodeAttribute('hat', 'label')).toBe('=HYPERLINK("http://x","<b>&\uFFFD")');
    expect(back.getNodeAttribute('kimya', 'x')).toBeCloseTo(37.383, 6);
    expect(text).toContain('<viz:color');
  });

  it('GraphML round-trips with typed keys, and escapes text', () => {
    const text = toGraphml(report);
    expect(text).toContain('attr.name="betweenness" attr.type="double"');
    expect(text).toContain('attr.name="articulation" attr.type="boolean"');
    expect(text).not.toContain('\u0001');
    const back = parseGraphml(MultiDirectedGraph, text);
    sameGraph(tableGraph(report), back as MultiDirectedGraph, ['cluster', 'betweenness', 'articulation', 'keyScore', 'flagCount', 'kind']);
    // The control character XML cannot hold becomes U+FFFD, the replacement character.
    expect(back.getNodeAttribute('hat', 'label')).toBe('=HYPERLINK("http://x","<b>&\uFFFD")');
  });

  it('CSV tables round-trip and never hand a formula to a spreadsheet', () => {
    const { nodes, edges } = toCsv(report);
    const rows = parseCsv(nodes, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(report.entities.length);
    const hat = rows.find((r) => r.Id === 'hat')!;
    expect(hat.label.startsWith("'=HYPERLINK")).toBe(true);
    expect(Number(rows.find((r) => r.Id === 'kimya')!.betweenness)).toBeCloseTo(report.entities.find((e) => e.id === 'kimya')!.betweenness, 12);
    const e = parseCsv(edges, { columns: true }) as Record<string, string>[];
    expect(Object.keys(e[0]).slice(0, 3)).toEqual(['Id', 'Source', 'Target']);
    expect(e.length).toBe(tableGraph(report).size);
    for (const v of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '\nx', '\u0000x', ' =1+1', '\u00a0@x', '\uff1d1+1']) expect(csvCell(v).replace(/^"/, '')[0]).toBe("'");
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell('x = 1')).toBe('x = 1');
  });
});

/**
 * Text no export may choke on: every control character, code points XML 1.0 forbids, unpaired surrogates,
 * markup, line breaks of every kind, formulas, bidirectional overrides, names of JavaScript object members.
 */
const NASTY = [
  `C0 ${Array.from({ length: 32 }, (_v, i) => String.fromCharCode(i)).join('')} end`,
  'tab\tLF\nCR\rCRLF\r\n end',
  'unpaired high \ud800 and low \udc00, a pair \ud83d\ude00 and U+FFFE \ufffe U+FFFF \uffff',
  'DEL \u007f C1 \u0080\u0085\u009f NBSP\u00a0 LS\u2028PS\u2029 RLO\u202e BOM\ufeff',
  `markup <a href="x">&amp;</a> 'single' "double" ]]> <![CDATA[x]]> <!-- c --> &#1; &lt;`,
  '=HYPERLINK("http://example.test","click")',
  '@SUM(1+1)*cmd|\' /C calc\'!A0',
  ' -2+3',
  '__proto__',
  'toString',
];

/** What a strict XML reader gives back for `text`: the code points XML 1.0 forbids are U+FFFD, the rest unchanged. */
const xmlBack = (text: string) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\uFFFD');

describe('exports whatever the names hold', () => {
  let nasty: Report;
  let tables: ReturnType<typeof exportTables>;

  beforeAll(async () => {
    const bundle = await readBundle(TINY);
    const rename = new Map<string, string>();
    bundle.entities.forEach((e, i) => {
      e.name = NASTY[i % NASTY.length];
      e.attributes = Object.fromEntries([
        ['note', NASTY[(i + 3) % NASTY.length]],
        [NASTY[(i + 5) % NASTY.length], 'value of an oddly named column'],
        ['__proto__', `own property ${i}`],
        ['toString', 'a column named toString'],
        ['cluster', 'an input column that a result already names'],
        ['label', 'another'],
      ]);
      // Ids: the contract forbids control characters in them, anything else goes.
      const id = [`<${e.id}> & "q"`, '__proto__', 'toString', `${e.id}\u2028\ud800`, `=${e.id}`, 'constructor'][i % 6] + (i >= 6 ? `-${i}` : '');
      rename.set(e.id, id);
      e.id = id;
    });
    for (const r of bundle.relations) (r.source = rename.get(r.source)!), (r.target = rename.get(r.target)!);
    for (const s of bundle.shipments) {
      s.supplier = rename.get(s.supplier)!;
      s.buyer = rename.get(s.buyer)!;
      if (s.payer !== undefined) s.payer = rename.get(s.payer)!;
      if (s.consignee !== undefined) s.consignee = rename.get(s.consignee)!;
      s.commodity = `${s.commodity} ${NASTY[4]}`;
    }
    nasty = await reportOf(bundle);
    expect(reportProblems(JSON.parse(JSON.stringify(nasty)))).toEqual([]);
    tables = exportTables(nasty);
    // The analysis puts entities in the order of their ids: find the first one read.
    const first = tables.nodes.find((n) => n.id === bundle.entities[0].id)!;
    expect(first.attributes.get('__proto__')).toBe('own property 0');
    expect(first.attributes.get('input.cluster')).toBe('an input column that a result already names');
    expect(first.attributes.get('input.label')).toBe('another');
  });

  /** Node or edge element → attribute title → value, through the declared attribute ids (GEXF) or keys (GraphML). */
  function valuesOf(element: XmlElement, titles: Map<string, string>, child: string, ref: string, value: (e: XmlElement) => string): Map<string, string> {
    return new Map(all(element, child).map((v) => [titles.get(v.attributes.get(ref)!)!, value(v)]));
  }

  const expectAttributes = (got: Map<string, string>, want: Map<string, Scalar>, skip: string[] = []) => {
    const expected = new Map([...want].filter(([k]) => !skip.includes(k)).map(([k, v]) => [xmlBack(k), xmlBack(String(v))]));
    expect(got).toEqual(expected);
  };

  it('GEXF is well-formed XML 1.0 that keeps every name, id and attribute (forbidden code points as U+FFFD)', () => {
    const root = parseXmlStrict(toGexf(nasty));
    const titles = (cls: string) => new Map(all(root, 'attributes').filter((a) => a.attributes.get('class') === cls).flatMap((a) => all(a, 'attribute')).map((a) => [a.attributes.get('id')!, a.attributes.get('title')!]));
    const nodeTitles = titles('node');
    const nodes = all(root, 'node');
    expect(nodes.map((n) => n.attributes.get('id'))).toEqual(tables.nodes.map((n) => xmlBack(n.id)));
    nodes.forEach((node, i) => {
      expect(node.attributes.get('label')).toBe(xmlBack(nasty.entities[i].name));
      expectAttributes(valuesOf(node, nodeTitles, 'attvalue', 'for', (v) => v.attributes.get('value')!), tables.nodes[i].attributes, ['label']);
    });
    const edges = all(root, 'edge');
    expect(edges.map((e) => [e.attributes.get('source'), e.attributes.get('target')])).toEqual(tables.edges.map((e) => [xmlBack(e.source), xmlBack(e.target)]));
    edges.forEach((edge, i) => expectAttributes(valuesOf(edge, titles('edge'), 'attvalue', 'for', (v) => v.attributes.get('value')!), tables.edges[i].attributes));
  });

  it('GraphML is well-formed XML 1.0 that keeps every name, id and attribute (forbidden code points as U+FFFD)', () => {
    const root = parseXmlStrict(toGraphml(nasty));
    const keys = new Map(all(root, 'key').map((k) => [k.attributes.get('id')!, k.attributes.get('attr.name')!]));
    const nodes = all(root, 'node');
    expect(nodes.map((n) => n.attributes.get('id'))).toEqual(tables.nodes.map((n) => xmlBack(n.id)));
    nodes.forEach((node, i) => expectAttributes(valuesOf(node, keys, 'data', 'key', (v) => v.text), tables.nodes[i].attributes));
    const edges = all(root, 'edge');
    expect(edges.map((e) => [e.attributes.get('source'), e.attributes.get('target')])).toEqual(tables.edges.map((e) => [xmlBack(e.source), xmlBack(e.target)]));
    edges.forEach((edge, i) => expectAttributes(valuesOf(edge, keys, 'data', 'key', (v) => v.text), tables.edges[i].attributes));
  });

  it('CSV parses strictly, keeps every cell, and no text cell starts a formula (nodes, edges, groups, controllers)', () => {
    const { nodes, edges, groups, controllers } = toCsv(nasty);
    // The tiny bundle has a company group and a controller of flagged companies, named like the rest.
    expect(groupRows(nasty).length).toBeGreaterThan(0);
    expect(controllerRows(nasty).length).toBeGreaterThan(0);
    for (const [text, rows] of [[nodes, tables.nodes], [edges, tables.edges], [groups, groupRows(nasty)], [controllers, controllerRows(nasty)]] as const) {
      const parsed = parseCsv(text, { relax_quotes: false, relax_column_count: false, bom: false }) as string[][];
      const [header, ...body] = parsed;
      expect(body).toHaveLength(rows.length);
      const unformula = (cell: string) => (cell.startsWith("'") ? cell.slice(1) : cell);
      const wellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\uFFFD');
      body.forEach((cells, i) => {
        const got = new Map(header.map((h, c) => [unformula(h), cells[c]]));
        expect(unformula(got.get('Id')!)).toBe(wellFormed(rows[i].id));
        for (const [k, v] of rows[i].attributes) {
          const title = ['Id', 'Source', 'Target'].includes(k) ? `input.${k}` : k;
          const cell = got.get(wellFormed(title))!;
          if (typeof v === 'string') expect(unformula(cell)).toBe(wellFormed(v));
          else expect(cell).toBe(String(v));
        }
      });
      for (const row of parsed) {
        for (const cell of row) if (Number.isNaN(Number(cell))) expect(cell).not.toMatch(/^(?:[\s\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|[\t\r\n\u0000])/);
      }
    }
  });

  it('FollowTheMoney lines are each valid JSON and read back with the names, ids and ties', async () => {
    const text = toFtm(nasty);
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const dir = mkdtempSync(join(tmpdir(), 'chokepoint-ftm-'));
    try {
      writeFileSync(join(dir, 'r.ftm.jsonl'), text);
      const back = await readFtm(join(dir, 'r.ftm.jsonl'), { lenient: true });
      // The FtM reader trims values (a leading space, a trailing byte order mark): the rest comes back unchanged.
      expect(back.entities.map((e) => [e.id, e.name])).toEqual(nasty.entities.map((e) => [e.id, e.name.trim()]));
      // The ties shipments imply (paid_for, consigned_to) travel with the shipments' payer and consignee, and come back.
      expect(withShipmentTies(back).relations.map((r) => [r.kind, r.source, r.target, r.viaShipments])).toEqual(nasty.relations.map((r) => [r.kind, r.source, r.target, r.viaShipments]));
      expect(back.shipments.map((s) => [s.id, s.supplier, s.buyer, s.commodity])).toEqual(nasty.shipments.map((s) => [s.id, s.supplier, s.buyer, s.commodity]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('xmlText escapes markup and keeps line breaks as character references', () => {
    expect(xmlText('a<b>&"\'\t\n\r\u0001\ud800')).toBe('a&lt;b&gt;&amp;&quot;&apos;&#9;&#10;&#13;\uFFFD\uFFFD');
  });
});

describe('FollowTheMoney export', () => {
  it('writes entities, ties, shipments and findings as FtM, and reads back into the same network', async () => {
    const text = toFtm(report);
    const lines = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.schema === 'Note').length).toBeGreaterThanOrEqual(report.flags.length);
    expect(lines.find((l) => l.schema === 'Ownership')).toMatchObject({ properties: { owner: ['aile'], asset: ['hat'], percentage: ['100'] } });
    const dir = mkdtempSync(join(tmpdir(), 'chokepoint-ftm-'));
    try {
      writeFileSync(join(dir, 'r.ftm.jsonl'), text);
      const back = await readFtm(join(dir, 'r.ftm.jsonl'));
      expect(back.entities.map((e) => [e.id, e.kind, e.name])).toEqual(report.entities.map((e) => [e.id, e.kind, e.name]));
      expect(withShipmentTies(back).relations.map((r) => [r.kind, r.source, r.target, r.viaShipments])).toEqual(report.relations.map((r) => [r.kind, r.source, r.target, r.viaShipments]));
      // Quantities come back in their unit; volumes are weighed again (with the densities) when the file is analysed.
      const fields = (s: Bundle['shipments'][number] | Report['shipments'][number]) => [s.id, s.supplier, s.buyer, s.quantity, s.unit, s.kgBasis === undefined ? s.quantityKg : undefined, s.value, s.currency, s.hsCode];
      expect(back.shipments.map((s) => fields(s))).toEqual(report.shipments.map((s) => fields(s)));
      expect(back.rejected.every((r) => r.reason.includes('schema Note is not read'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a controller of more flagged companies than the report names', () => {
  it('gives the count of all of them (FtM note, GEXF/GraphML/CSV node attribute) and names those the report names', () => {
    expect(report.controllers.length).toBeGreaterThan(0);
    // As the report names a controller of 75 flagged companies: the most flagged listed, companyCount all of them.
    const c = report.controllers[0];
    const capped: Report = { ...report, controllers: [{ ...c, companyCount: c.companies.length + 73 }, ...report.controllers.slice(1)] };
    const note = toFtm(capped).trim().split('\n').map((l) => JSON.parse(l)).find((l) => l.id === `chokepoint-controller-${c.id}`);
    expect(note.properties.name).toEqual([`Behind ${c.companies.length + 73} flagged companies`]);
    expect(note.properties.description[0]).toContain(`; and 73 more (the ${c.companies.length} most flagged named). Flags on them:`);
    const node = exportTables(capped).nodes.find((n) => n.id === c.id)!;
    expect(node.attributes.get('controlsFlaggedCompanies')).toBe(c.companies.length + 73);
    expect(node.attributes.get('controls')).toBe(c.companies.map((x) => x.id).join(';'));
    // A report written before the count was added: the companies it names are all of them.
    const before = exportTables(report).nodes.find((n) => n.id === c.id)!;
    expect(before.attributes.get('controlsFlaggedCompanies')).toBe(c.companies.length);
  });
});
