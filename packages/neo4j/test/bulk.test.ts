/**
 * The files of the bulk path, without a server: every value neo4j-admin will read from them is the value the MERGE path
 * stores (the same property, the same Cypher type), whatever the text holds. The database equality itself is tested
 * against a real server in packages/cli/test/neo4j.test.ts.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import type { Bundle, Entity, Place, Relation, Shipment } from '@chokepoint/model';
import { generatedBundle } from '@chokepoint/neo4j/testing';
import { ARRAY_DELIMITER, writeBulkFiles, type BulkFiles } from '../src/bulk';
import { toLocation, toProperties, type PropertyValue } from '../src/convert';
import { Neo4jConfigError, Neo4jDataError } from '../src/errors';
import { BULK_STATUS, bundleProperties, contentHash } from '../src/import';
import { ENTITY_FIELDS, ENTITY_KIND_LABELS, PLACE_FIELDS, PLACE_KIND_LABELS, RELATION_FIELDS, RELATION_TYPES, SHIPMENT_FIELDS, SHIPMENT_TYPES } from '../src/schema';

const dirs: string[] = [];
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chokepoint-bulk-test-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Text that breaks naive CSV, Cypher and JavaScript objects. */
const HOSTILE = [
  'a,b',
  'say "hi"',
  '"',
  '""',
  'line1\nline2',
  'cr\rlf',
  'crlf\r\nend',
  ' lead',
  'trail ',
  '\\"',
  'x\\',
  'tab\there',
  '',
  '__proto__',
  'toString',
  '=1+2',
  '@SUM(A1)',
  'ünï 😀',
  ';',
  '|',
  "x'}) DETACH DELETE n //",
  '}]->() WITH 1 AS x MATCH (n) DETACH DELETE n //',
  ':Company:Admin',
];

/** The generated bundle plus records whose every text field, id included, is hostile. */
function hostileBundle(): Bundle {
  const bundle = generatedBundle({ entities: 60, relations: 90, shipments: 40, places: 3 }, 5, 'hostile "bulk", bundle\nname');
  const origin = (file: string, line: number) => ({ file, line });
  HOSTILE.forEach((text, i) => {
    const id = `${text}#${i}`;
    const e: Entity = {
      id,
      kind: i % 2 === 0 ? 'company' : 'person',
      name: text === '' ? 'empty' : text,
      country: 'TR',
      city: text,
      address: text,
      ...(i % 3 === 0 ? { lat: i % 2 === 0 ? 1e-7 : -0, lon: 38.123456789012 } : {}),
      ...(i % 4 === 0 ? { employees: 2 ** 40 + i, founded: '1999-12-31' } : {}),
      attributes: i % 2 === 0 ? { [text === '' ? 'blank' : text]: text, phone: '+90 "1"\n2' } : {},
      origin: origin(`entities ${text}.csv`, i + 2),
    } as Entity;
    bundle.entities.push(e);
    bundle.relations.push({ source: id, target: 'e1', kind: 'owner', share: i === 0 ? -0 : 1.7976931348623157e308, start: '2015-03-01', attributes: { note: text }, origin: origin('relations.csv', i + 2) } as Relation);
    bundle.shipments.push({
      id: `${text}#s${i}`,
      supplier: 'e2',
      buyer: id,
      commodity: text === '' ? 'x' : text,
      quantity: 5e-324,
      // (every other shipment counted in pieces and weighed by a declared mass: its kgBasis stored as JSON text)
      ...(i % 2 === 0 ? { unit: 'kg' } : { unit: 'pcs', kgBasis: { source: `the mass declared in the column ${JSON.stringify(text)}` } }),
      quantityKg: 5e-324,
      ...(i % 2 === 0 ? { consignee: id, payer: `${HOSTILE[(i + 1) % HOSTILE.length]}#${(i + 1) % HOSTILE.length}` } : {}),
      attributes: {},
      origin: origin('shipments.csv', i + 2),
    } as Shipment);
    bundle.places.push({
      id: `${text}#p${i}`,
      name: text,
      kind: (['border_crossing', 'port', 'airport'] as const)[i % 3],
      lat: 36 + i / 10,
      lon: 38,
      countries: ['TR', text === '' ? 'SY' : text],
      attributes: {},
      origin: origin('places.csv', i + 2),
    } as Place);
  });
  return bundle;
}

// ---- reading the files back as neo4j-admin does (RFC 4180; quotes doubled; line breaks inside quotes) --------------

/** Fields of a CSV text; `null` for an empty unquoted field (which neo4j-admin reads as absent). */
function parseCsv(text: string): (string | null)[][] {
  const rows: (string | null)[][] = [];
  let row: (string | null)[] = [];
  let i = 0;
  while (i < text.length) {
    let value: string | null;
    if (text[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            v += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (i >= text.length) throw new Error('unterminated quote');
        v += text[i++];
      }
      value = v;
    } else {
      let end = i;
      while (end < text.length && text[end] !== ',' && text[end] !== '\n') end++;
      const raw = text.slice(i, end);
      if (/["\r]/.test(raw)) throw new Error(`unquoted field with a quote or a carriage return: ${JSON.stringify(raw)}`);
      value = raw === '' ? null : raw;
      i = end;
    }
    row.push(value);
    if (text[i] === ',') {
      i++;
    } else if (text[i] === '\n' || i >= text.length) {
      rows.push(row);
      row = [];
      i++;
    } else {
      throw new Error(`garbage after a quoted field at ${i}: ${JSON.stringify(text.slice(i, i + 10))}`);
    }
  }
  return rows;
}

/** A value as the MERGE path stores it, as comparable text with its Cypher type. */
function show(v: PropertyValue | undefined): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (neo4j.isInt(v)) return `INTEGER ${String(v)}`;
  if (typeof v === 'object' && neo4j.isDate(v as object)) return `DATE ${String(v)}`;
  if (typeof v === 'object' && neo4j.isPoint(v as object)) {
    const p = v as InstanceType<typeof neo4j.types.Point>;
    return `POINT ${String(p.srid)} ${Object.is(p.x, -0) ? '-0' : p.x} ${Object.is(p.y, -0) ? '-0' : p.y}`;
  }
  if (Array.isArray(v)) return `LIST ${JSON.stringify(v)}`;
  if (typeof v === 'number') return `FLOAT ${Object.is(v, -0) ? '-0' : v}`;
  return `STRING ${JSON.stringify(v)}`;
}

/** A CSV cell read under its header type, as neo4j-admin would store it (Java's Double.parseDouble, Long.parseLong). */
function fromCell(type: string, cell: string | null): string | undefined {
  if (cell === null) return undefined;
  switch (type) {
    case '':
      return `STRING ${JSON.stringify(cell)}`;
    case 'double': {
      expect(cell).toMatch(/^-?(\d+(\.\d+)?(e[+-]?\d+)?|Infinity|NaN)$/);
      const x = Number(cell);
      return `FLOAT ${Object.is(x, -0) ? '-0' : x}`;
    }
    case 'long':
      expect(cell).toMatch(/^-?\d+$/);
      return `INTEGER ${BigInt(cell).toString()}`;
    case 'date':
      expect(cell).toMatch(/^\d{4}-\d\d-\d\d$/);
      return `DATE ${cell}`;
    case 'string[]':
      return `LIST ${JSON.stringify(cell.split(ARRAY_DELIMITER))}`;
    case 'point{crs:WGS-84}': {
      const m = /^\{longitude: (\S+), latitude: (\S+)\}$/.exec(cell);
      expect(m).not.toBeNull();
      const [x, y] = [Number(m![1]), Number(m![2])];
      return `POINT 4326 ${Object.is(x, -0) ? '-0' : x} ${Object.is(y, -0) ? '-0' : y}`;
    }
    default:
      throw new Error(`unexpected header type ${type}`);
  }
}

interface Read {
  /** By file name: rows of { property → typed value }, plus the ID, START_ID, END_ID and TYPE columns. */
  [file: string]: { props: Record<string, string>; id?: string; start?: string; end?: string; type?: string }[];
}

function readFiles(files: BulkFiles): Read {
  const out: Read = {};
  for (const f of files.files) {
    const [header, ...rows] = parseCsv(readFileSync(f.path, 'utf8'));
    const name = f.path.split('/').pop()!;
    out[name] = rows.map((row) => {
      expect(row).toHaveLength(header.length);
      const entry: Read[string][number] = { props: {} };
      header.forEach((h, i) => {
        const cell = row[i];
        const [key, type = ''] = h!.split(/:(.*)/s);
        if (/^ID\(/.test(type)) {
          entry.id = cell!;
          entry.props[key] = fromCell('', cell)!;
        } else if (/^START_ID\(/.test(type)) entry.start = cell!;
        else if (/^END_ID\(/.test(type)) entry.end = cell!;
        else if (type === 'TYPE') entry.type = cell!;
        else {
          const v = fromCell(type, cell);
          if (v !== undefined) entry.props[key] = v;
        }
      });
      return entry;
    });
  }
  return out;
}

/** What the MERGE path sets on a record's node or relationship (import.ts), without the absent ones. */
function stored(props: Record<string, PropertyValue>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(props)) {
    const shown = show(v);
    if (shown !== undefined) out[k] = shown;
  }
  return out;
}

describe('bulk import files', () => {
  it('hold every record with the properties and Cypher types the MERGE path stores, whatever the text', () => {
    const bundle = hostileBundle();
    const files = writeBulkFiles(bundle, folder());
    expect(files.rows).toBe(files.total);
    const read = readFiles(files);

    // Entities, one file per kind: the label comes from the fixed map, the properties from toProperties.
    const entities = new Map<string, Read[string][number]>();
    for (const [label, kind] of Object.entries(ENTITY_KIND_LABELS).map(([k, l]) => [l, k])) {
      for (const row of read[`entities-${label.toLowerCase()}.csv`] ?? []) {
        expect(bundle.entities.find((e) => e.id === row.id)!.kind).toBe(kind);
        entities.set(row.id!, row);
      }
    }
    expect(entities.size).toBe(bundle.entities.length);
    bundle.entities.forEach((e, seq) => {
      const props = toProperties(e as never, ENTITY_FIELDS, seq);
      props.location = toLocation(e.lat, e.lon);
      expect(entities.get(e.id)!.props).toStrictEqual(stored(props));
    });

    // Relations: the type from the fixed map, the ends by id.
    expect(read['relations.csv']).toHaveLength(bundle.relations.length);
    bundle.relations.forEach((r, seq) => {
      const row = read['relations.csv'][seq];
      expect([row.start, row.end, row.type]).toEqual([r.source, r.target, RELATION_TYPES[r.kind]]);
      expect(row.props).toStrictEqual(stored(toProperties(r as never, RELATION_FIELDS, seq)));
    });

    // Shipments and their parties.
    bundle.shipments.forEach((s, seq) => {
      expect(read['shipments.csv'][seq].props).toStrictEqual(stored(toProperties(s as never, SHIPMENT_FIELDS, seq)));
    });
    const pairs = (file: string) => (read[file] ?? []).map((r) => [r.start, r.end]);
    expect(pairs('supplied.csv')).toEqual(bundle.shipments.map((s) => [s.supplier, s.id]));
    expect(pairs('bought-by.csv')).toEqual(bundle.shipments.map((s) => [s.id, s.buyer]));
    expect(pairs('consigned-to.csv')).toEqual(bundle.shipments.filter((s) => s.consignee !== undefined).map((s) => [s.id, s.consignee]));
    expect(pairs('paid-by.csv')).toEqual(bundle.shipments.filter((s) => s.payer !== undefined).map((s) => [s.id, s.payer]));

    // Places, one file per kind.
    const places = new Map<string, Read[string][number]>();
    for (const label of Object.values(PLACE_KIND_LABELS)) for (const row of read[`places-${label.toLowerCase()}.csv`] ?? []) places.set(row.id!, row);
    bundle.places.forEach((p, seq) => {
      const props = toProperties(p as never, PLACE_FIELDS, seq);
      props.location = toLocation(p.lat, p.lon);
      expect(places.get(p.id)!.props).toStrictEqual(stored(props));
    });

    // The :Bundle node: the MERGE path's properties, with the bulk status and checkpoint.
    const [bundleRow] = read['bundle.csv'];
    expect(bundleRow.props).toStrictEqual(stored({ name: bundle.name, ...bundleProperties(bundle, contentHash(bundle), BULK_STATUS, files.total) }));

    // Arguments: the labels and types from the fixed maps, multi-line values declared, quoting as RFC 4180.
    expect(files.arguments).toEqual(
      expect.arrayContaining([
        `--nodes=Entity:Company=${join(files.dir, 'entities-company.csv')}`,
        `--nodes=Shipment=${join(files.dir, 'shipments.csv')}`,
        `--relationships=${join(files.dir, 'relations.csv')}`,
        `--relationships=${SHIPMENT_TYPES.supplier}=${join(files.dir, 'supplied.csv')}`,
        '--array-delimiter=U+001E',
        '--legacy-style-quoting=false',
        '--multiline-fields=true',
        '--bad-tolerance=0',
      ]),
    );
    expect(files.files.find((f) => f.path.endsWith('relations.csv'))!.multiline).toBe(true); // ids with line breaks
    expect(files.files.find((f) => f.path.endsWith('places-airport.csv'))!.multiline).toBe(true);
  });

  it('declare multi-line values only when a value has a line break, and size the read buffer for the longest value', () => {
    const plain = writeBulkFiles(generatedBundle({ entities: 30, relations: 40, shipments: 20 }), folder());
    expect(plain.arguments).not.toContain('--multiline-fields=true');
    expect(plain.files.filter((f) => f.multiline)).toEqual([]);
    expect(plain.arguments).toContain(`--read-buffer-size=${4 << 20}`);
    const big = generatedBundle({ entities: 3, relations: 0, shipments: 0, places: 0 });
    big.entities[1] = { ...big.entities[1], address: 'x'.repeat(1_000_000) };
    expect(writeBulkFiles(big, folder()).arguments).toContain(`--read-buffer-size=${6_000_000 + 1024}`);
  });

  it('leave a place whose countries a CSV list cannot hold, and every place after it, to the finishing import', () => {
    for (const countries of [[], ['TR', ''], [`TR${ARRAY_DELIMITER}SY`]]) {
      const bundle = generatedBundle({ entities: 10, relations: 5, shipments: 4, places: 5 });
      bundle.places[2] = { ...bundle.places[2], countries };
      const files = writeBulkFiles(bundle, folder());
      const before = bundle.entities.length + bundle.relations.length + bundle.shipments.length;
      expect(files.rows).toBe(before + 2);
      expect(files.total).toBe(before + 5);
      const read = readFiles(files);
      const placeRows = Object.entries(read).filter(([name]) => name.startsWith('places-')).flatMap(([, rows]) => rows);
      expect(placeRows.map((r) => r.id).sort()).toEqual(['p0', 'p1']);
      expect(read['bundle.csv'][0].props.importedRows).toBe(`INTEGER ${before + 2}`);
      expect(read['bundle.csv'][0].props.status).toBe('STRING "bulk"');
    }
  });

  it('refuse, before writing anything, what neo4j-admin would stumble on: a repeated id, an unknown end, an unknown kind', () => {
    const twice = generatedBundle({ entities: 5, relations: 2, shipments: 2 });
    twice.entities[3] = { ...twice.entities[3], id: 'e1' };
    const dir = folder();
    expect(() => writeBulkFiles(twice, join(dir, 'a'))).toThrow(new Neo4jDataError('cannot import bundle "generated" in bulk: entity id "e1" is used twice (entities rows 2 and 4)'));
    const ghost = generatedBundle({ entities: 5, relations: 2, shipments: 2 });
    ghost.shipments[1] = { ...ghost.shipments[1], payer: '__proto__' };
    expect(() => writeBulkFiles(ghost, join(dir, 'b'))).toThrow(new Neo4jDataError('cannot import bundle "generated": shipment 2 names payer "__proto__", which is not one of its entities'));
    const forged = generatedBundle({ entities: 5, relations: 2, shipments: 2 });
    (forged.relations[0] as { kind: string }).kind = 'owner]->() DETACH DELETE n //';
    expect(() => writeBulkFiles(forged, join(dir, 'c'))).toThrow(/unknown relation kind/);
    expect(readdirSync(dir)).toEqual([]);
    expect(() => writeBulkFiles(generatedBundle({ entities: 2, relations: 0, shipments: 0 }), join(dir, 'x,y'))).toThrow(Neo4jConfigError);
  });
});
