/**
 * The quick check of the report's long lists (issue 14) stands in for Ajv on lists whose every record it accepts, so
 * it must never accept a record that the report schema refuses; and it must accept the records the pipeline makes,
 * or it would save nothing. Ajv, compiled from the same schema, is the judge.
 */
import { join } from 'node:path';
import Ajv from 'ajv';
import { analyze, rankKeyNodesOf } from '@chokepoint/engine';
import { evaluateFlags, loadReference } from '@chokepoint/flags';
import { readBundle } from '@chokepoint/ingest';
import { assertReport, buildReport, reportProblems, reportSchema, type Report } from '@chokepoint/report';
import { recordChecks } from '../src/record-check';
import { rng } from './random';

const SCENARIO = join(__dirname, '..', '..', '..', 'data', 'scenarios', 'border-procurement');

async function scenarioReport(): Promise<Report> {
  const bundle = await readBundle(SCENARIO);
  const analysis = analyze(bundle, { seed: 1 });
  const keyNodes = rankKeyNodesOf(analysis, bundle, { names: new Map(bundle.entities.map((e) => [e.id, e.name])) });
  return buildReport(bundle, analysis, evaluateFlags(bundle, analysis, loadReference()), { toolVersion: '0.0.0-test', lenient: false }, { keyNodes });
}


const schema = reportSchema() as { properties: Record<string, { items: { $ref: string } }>; definitions: Record<string, unknown> };
const checks = recordChecks(schema);
const ajv = new Ajv({ allErrors: true, strict: true });
const judges = new Map([...checks.keys()].map((name) => [name, ajv.compile({ definitions: schema.definitions, type: 'array', items: schema.properties[name].items })]));
const judge = (name: string, record: unknown) => judges.get(name)!([record]);

// Values that sit on the edges of the schema's rules: lengths counted in code points, patterns, enums, signs, types.
const VALUES: unknown[] = [
  '', 'x', 'e1', 'A'.repeat(200), 'A'.repeat(201), '😀'.repeat(200), '😀'.repeat(201), `${'😀'.repeat(199)}\ud800`, '\ud800'.repeat(201),
  'TR', 'tr', 'TRY', 'USD', 'usd', '2019-01-02', '2019-1-2', '٢٠١٩-٠١-٠٢', '2801', '280', '28.01', 'kg', 'KG', 'owner', 'high', 'company',
  0, -0, -1, 1, 1.5, 91, -181, 1e308, NaN, Infinity, -Infinity, null, undefined, true, false, [], ['TR'], ['tr'], [1], {}, { a: 'b' }, { a: 1 },
  { density: 1, source: 's' }, { id: 'p', name: 'P', distanceKm: 3 }, { id: 'p', name: 'P', distanceKm: -3 },
];

function mutate(record: Record<string, unknown>, keys: readonly string[], random: () => number): Record<string, unknown> {
  const out: Record<string, unknown> = JSON.parse(JSON.stringify(record));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  for (let n = 1 + Math.floor(random() * 2); n > 0; n--) {
    const r = random();
    const key = pick([...keys, 'extra', '__proto__', 'toString']);
    if (r < 0.2) delete out[key];
    else if (r < 0.3 && typeof out.attributes === 'object' && out.attributes !== null) {
      Object.defineProperty(out.attributes, pick(['k', '__proto__', '']), { value: pick(VALUES), enumerable: true, writable: true, configurable: true });
    } else Object.defineProperty(out, key, { value: pick(VALUES), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

describe('the quick check of the report’s lists', () => {
  let report: Report;
  beforeAll(async () => {
    report = await scenarioReport();
  });

  it('covers the long lists of the schema, and accepts every record the pipeline writes into them', () => {
    for (const name of ['entities', 'relations', 'shipments', 'flags']) expect(checks.has(name)).toBe(true);
    for (const [name, check] of checks) {
      const list = (report as unknown as Record<string, unknown[]>)[name];
      for (const record of list) {
        expect(judge(name, record)).toBe(true);
        expect(check(record)).toBe(true);
      }
    }
    expect(report.shipments.length).toBeGreaterThan(100);
  });

  it('never accepts a record that Ajv refuses (records mutated at random from real ones)', () => {
    const random = rng(17);
    let refused = 0;
    let agreed = 0;
    let tried = 0;
    for (const [name, check] of checks) {
      const list = (report as unknown as Record<string, Record<string, unknown>[]>)[name];
      if (list.length === 0) continue;
      const keys = Object.keys((schema.definitions[schema.properties[name].items.$ref.split('/').pop()!] as { properties: object }).properties);
      for (let i = 0; i < 1500; i++) {
        const record = mutate(list[Math.floor(random() * list.length)], keys, random);
        tried++;
        const valid = judge(name, record);
        const quick = check(record);
        if (quick && !valid) throw new Error(`${name}: the quick check accepts ${JSON.stringify(record)}, which the schema refuses`);
        if (!valid) refused++;
        if (quick === valid) agreed++;
      }
    }
    // The mutations did reach both sides, and the quick check mostly agrees (else Ajv would do all the work).
    expect(refused).toBeGreaterThan(1000);
    expect(agreed / tried).toBeGreaterThan(0.95);
  });

  it('still refuses a report with a bad record, naming it as Ajv does, and still checks the rest of the report', () => {
    const bad = (change: (r: Record<string, unknown>) => void) => {
      const copy = JSON.parse(JSON.stringify(report)) as Record<string, unknown>;
      change(copy);
      return reportProblems(copy);
    };
    expect(reportProblems(report)).toEqual([]);
    expect(bad((r) => ((r.shipments as Record<string, unknown>[])[3].hsCode = '123'))).toEqual(['/shipments/3/hsCode: must match pattern "^(\\d{2})+$"']);
    expect(bad((r) => ((r.relations as Record<string, unknown>[])[0].kind = 'enemy'))).toEqual(['/relations/0/kind: must be equal to one of the allowed values']);
    expect(bad((r) => ((r.entities as Record<string, unknown>[])[1].extra = 'x'))).toEqual(['/entities/1: must NOT have additional properties (extra)']);
    expect(bad((r) => (r.network = 5))).toEqual(['/network: must be object']);
    expect(() => assertReport({ ...report, shipments: [...report.shipments, { ...report.shipments[0], quantity: -1 }] })).toThrow('not a valid Chokepoint report');
  });

  it('says how many records of the long lists it has checked, of how many, without changing its answer', () => {
    // 70,000 copies of a shipment (ids made distinct).
    const many = { ...report, shipments: Array.from({ length: 70_000 }, (_x, i) => ({ ...report.shipments[i % report.shipments.length], id: `s${i}` })) };
    const calls: [number, number][] = [];
    expect(reportProblems(many, 20, { onProgress: (checked, total) => calls.push([checked, total]) })).toEqual(reportProblems(many));
    const lengths = [...checks.keys()].filter((name) => Array.isArray((many as unknown as Record<string, unknown[]>)[name])).map((name) => (many as unknown as Record<string, unknown[]>)[name].length);
    const total = lengths.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(70_000);
    expect(calls.every(([, t]) => t === total)).toBe(true);
    // Every 65,536 records, counted over the lists (not at the start: 0 checked says nothing).
    expect(calls.map(([c]) => c)).toEqual([65_536]);
  });
});
