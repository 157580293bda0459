import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readReport, reportProblems, writeReport, type Report } from '@chokepoint/report';
import { DEMO, removeTempDirs, run, tempDir, TINY } from './run';

/** An investigator's hand-written bundle analysed leniently (`name`: the report's file name): the run and its report. */
async function analyzedLeniently(bundle: string, name: string): Promise<{ r: Awaited<ReturnType<typeof run>>; report: Report }> {
  const out = join(tempDir(), name);
  const r = await run('analyze', bundle, '--lenient', '--out', out, '--quiet');
  expect(r.code).toBe(0);
  return { r, report: JSON.parse(readFileSync(out, 'utf8')) as Report };
}

afterAll(removeTempDirs);

describe('supply chokepoints and the fragility curve', () => {
  let path: string;
  let report: Report;
  beforeAll(async () => {
    path = join(tempDir(), 'demo.json');
    expect((await run('analyze', DEMO, '--out', path, '--quiet')).code).toBe(0);
    report = JSON.parse(readFileSync(path, 'utf8')) as Report;
  });

  it('the report carries the chokepoints of watch-listed flow to the border cluster', () => {
    expect(reportProblems(report)).toEqual([]);
    const cp = report.chokepoints!;
    expect(cp.goods).toBe('watch-listed goods');
    expect(cp.targets).toContain('tr-akc-04');
    expect(cp.sources).toContain('gb-sup-01');
    expect(cp.maxFlow.kg).toBeGreaterThan(100000);
    expect(cp.vertexCut.map((v) => v.id)).toContain('tr-dst-01');
    expect(cp.partialDominators[0].id).toBe('tr-dst-01');
  });

  it('the first removals cut most of the watch-listed flow to the border', () => {
    const steps = report.chokepoints!.disruption;
    expect(steps[0].id).toBe('tr-dst-01');
    expect(steps[0].remainingFlowShare).toBeLessThan(0.5);
    expect(steps[1].remainingFlowShare).toBeLessThan(0.05);
    for (let i = 1; i < steps.length; i++) expect(steps[i].remainingFlowShare!).toBeLessThanOrEqual(steps[i - 1].remainingFlowShare!);
  });

  it('chokepoint disrupt prints the curve, and --json gives the steps in removal order', async () => {
    const text = await run('disrupt', path, '--top', '3');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/1 {2}Velkaron Kimya Dağıtım A\.Ş\. \(tr-dst-01\)\s+33\.4%/);
    const json = JSON.parse((await run('disrupt', path, '--top', '10', '--json')).stdout);
    expect(json.steps[0]).toMatchObject({ id: 'tr-dst-01', name: 'Velkaron Kimya Dağıtım A.Ş.' });
    expect(Object.keys(json.steps[0])).toEqual(['id', 'name', 'remainingFlowShare', 'remainingValueShare', 'largestComponent', 'targetsReached']);
    const given = JSON.parse((await run('disrupt', path, '--remove', 'tr-akc-03,tr-dst-01', '--json')).stdout);
    expect(given.steps.map((s: { id: string }) => s.id)).toEqual(['tr-akc-03', 'tr-dst-01']);
    expect((await run('disrupt', path, '--remove', 'nobody')).code).toBe(2);
    // An id in another case names the entity meant, as path does.
    expect((await run('disrupt', path, '--remove', 'TR-DST-01')).stderr).toBe('error: --remove: unknown entity id TR-DST-01; did you mean "tr-dst-01" (Velkaron Kimya Dağıtım A.Ş.) for "TR-DST-01"?\n(see --help)\n');
  });

  it('disrupt of a report whose records are in a file of their own reads only the flow\'s shipments: the same curves', async () => {
    const apart = join(tempDir(), 'apart.json');
    expect((await writeReport(readReport(path), apart, { companionAbove: 10 })).companion).not.toBeNull();
    for (const args of [['--top', '10', '--json'], ['--remove', 'tr-akc-03,tr-dst-01', '--json'], ['--top', '3'], ['--goods', 'hs:321290', '--targets', 'ids:tr-akc-01', '--json']]) {
      const [inline, table] = [await run('disrupt', path, ...args, '--quiet'), await run('disrupt', apart, ...args, '--quiet')];
      expect([table.code, table.stderr]).toEqual([0, '']);
      expect(table.stdout).toBe(inline.stdout);
    }
    // Its records file changed since: refused, named.
    const records = join(dirname(apart), 'apart.records.jsonl');
    writeFileSync(records, readFileSync(records, 'utf8').replace('"tr-dst-01"', '"tr-akc-01"'));
    const changed = await run('disrupt', apart, '--quiet');
    expect(changed.code).toBe(3);
    expect(changed.stderr).toMatch(/apart\.records\.jsonl is not the records file of apart\.json/);
  });

  it('disrupt chooses other goods, sources or targets in the report, as analyze chooses them in the bundle', async () => {
    // Both ways, the same curve: analyze with the selection, and disrupt of the default report with it.
    for (const args of [['--goods', 'hs:321290', '--sources', 'where:country=TR and employees>100', '--targets', 'ids:tr-akc-01'], ['--targets', 'ids:tr-akc-01,tr-akc-03']]) {
      const out = join(tempDir(), 'chosen.json');
      expect((await run('analyze', DEMO, '--out', out, '--quiet', ...args)).code).toBe(0);
      const analyzed = (JSON.parse(readFileSync(out, 'utf8')) as Report).chokepoints!;
      const d = await run('disrupt', path, '--json', ...args);
      expect(d.code).toBe(0);
      const curve = JSON.parse(d.stdout);
      expect(curve.steps).toEqual(analyzed.disruption);
      expect(curve.maxFlow).toEqual(analyzed.maxFlow);
      expect(curve.reachableTargets).toBe(analyzed.reachableTargets);
    }
    const text = await run('disrupt', path, '--targets', 'ids:tr-akc-01', '--top', '2');
    expect(text.stdout).toContain('Fragility curve for watch-listed goods from the suppliers of watch-listed goods to ids:tr-akc-01');
    // A selection that chooses nobody, or cannot be read: a usage error naming the option.
    const none = await run('disrupt', path, '--targets', 'where:country=ZZ');
    expect([none.code, none.stderr]).toEqual([2, 'error: --targets: no entity is a target: where:country=ZZ\n(see --help)\n']);
    expect((await run('disrupt', path, '--sources', 'where:country')).code).toBe(2);
  });

  it('an unknown id or a misspelt field in a selection is a usage error naming the option (it was taken for a bug, exit 1)', async () => {
    const out = join(tempDir(), 'x.json');
    const id = await run('analyze', DEMO, '--out', out, '--quiet', '--targets', 'ids:nobody');
    expect([id.code, id.stderr]).toEqual([2, 'error: --targets: unknown entity id "nobody"\n(see --help)\n']);
    const field = await run('analyze', DEMO, '--out', out, '--quiet', '--sources', 'where:sektor~chem');
    expect([field.code, field.stderr]).toEqual([2, 'error: --sources: no entity has a value for "sektor"; did you mean "sector"?\n(see --help)\n']);
    const again = await run('disrupt', path, '--targets', 'where:countr=SY');
    expect([again.code, again.stderr]).toEqual([2, 'error: --targets: no entity has a value for "countr"; did you mean "country"?\n(see --help)\n']);
  });

  it('disrupt computes a curve for a report without supply chokepoints once sources and targets are chosen', async () => {
    const out = join(tempDir(), 'notes.json');
    expect((await run('analyze', join(__dirname, 'fixtures', 'notes-sheet'), '--lenient', '--out', out, '--quiet')).code).toBe(0);
    const without = await run('disrupt', out);
    expect([without.code, without.stderr]).toEqual([2, `error: ${out}: the report has no supply-chokepoint sources and targets: choose them (--sources, --targets)\n(see --help)\n`]);
    const chosen = await run('disrupt', out, '--goods', 'all', '--sources', 'K5', '--targets', 'K4', '--json');
    expect(chosen.code).toBe(0);
    const curve = JSON.parse(chosen.stdout);
    // 6 t of aluminium paste and 2 t of potassium chlorate from Germany to the wholesaler (8 t), and on from it more than
    // that to the trader (1,130 kg of hydrogen peroxide, and 20 t of ammonium nitrate through the phone shop, consigned
    // to the trader): 8 t can flow, all of it through the wholesaler.
    expect(curve.maxFlow.kg).toBe(8000);
    expect(curve.steps.map((s: { id: string; remainingFlowShare: number }) => [s.id, s.remainingFlowShare])).toEqual([['K1', 0]]);
  });

  it('sources, targets and goods can be chosen by ids, HS code, commodity or attributes', async () => {
    const out = join(tempDir(), 'r.json');
    const r = await run('analyze', DEMO, '--out', out, '--quiet', '--goods', 'hs:321290', '--sources', 'where:country=TR and employees>100', '--targets', 'ids:tr-akc-01');
    expect(r.code).toBe(0);
    const cp = (JSON.parse(readFileSync(out, 'utf8')) as Report).chokepoints!;
    expect(cp.sources).toContain('tr-dst-01');
    const entities = (JSON.parse(readFileSync(out, 'utf8')) as Report).entities;
    for (const id of cp.sources) expect(entities.find((x) => x.id === id)).toMatchObject({ country: 'TR', employees: expect.any(Number) });
    expect(cp.sources.every((id) => entities.find((x) => x.id === id)!.employees! > 100)).toBe(true);
    expect(cp.targets).toEqual(['tr-akc-01']);
    expect(cp.maxFlow.kg).toBe(6000);
    expect(cp.dominators).toEqual(['tr-dst-01']);
    const bad = await run('analyze', TINY, '--quiet', '--sources', 'country=TR');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--sources: cannot read the selection/);
  });
});

/**
 * A researcher's bundle, written by hand from docs/data-format.md (fixtures/cobalt-chain: a fictional cobalt supply
 * chain from mines to vehicle makers, ids as numbers, shipments dated by year only, no places and no people). With no
 * border crossing the default targets are empty: the summary says how to choose them, and chosen, the figures are the
 * ones worked out by hand from the sixteen companies.
 */
describe('supply chokepoints of a supply chain a researcher wrote', () => {
  const bundle = join(__dirname, 'fixtures', 'cobalt-chain');

  it('without border crossings, the summary says how to choose the goods, sources and targets', async () => {
    const r = await run('analyze', bundle, '--out', join(tempDir(), 'chain.json'), '--quiet');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Supply chokepoints: not computed');
    expect(r.stdout).toContain('To compute the supply chokepoints of your own goods, sources and targets: for example --goods all --sources "where:sector~mining"');
    // The cell makers' cathode material fits their line of business (ISIC 2720): no red flag on ordinary inputs.
    expect(r.stdout).toContain('Red flags: none');
  });

  it('from the mines to the vehicle makers and the storage firm: the cut, the dominators and the curve', async () => {
    const out = join(tempDir(), 'chain-chosen.json');
    const r = await run('analyze', bundle, '--out', out, '--quiet', '--goods', 'all', '--sources', 'where:sector~mining', '--targets', 'where:sector~vehicles or sector~motorcycles or sector~storage');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('To compute the supply chokepoints');
    const cp = (JSON.parse(readFileSync(out, 'utf8')) as Report).chokepoints!;
    // Mines 1, 2 and 4; targets 13, 14, 15 (vehicles, motorcycles) and 16 (storage).
    expect([...cp.sources].sort()).toEqual(['1', '2', '4']);
    expect([...cp.targets].sort()).toEqual(['13', '14', '15', '16']);
    // Ore from 1 and 2 reaches refiner 5 only (through 3 or straight), ore from 4 refiners 6 and 7: {4, 5} cuts it all.
    expect(cp.vertexCut.map((v) => v.id).sort()).toEqual(['4', '5']);
    // Every path to 13, 14 and 15 passes the pack assembler 12; to 16, cell maker 11.
    expect(cp.partialDominators.map((d) => [d.id, d.targets])).toEqual(expect.arrayContaining([['12', 3], ['11', 1]]));
    // Cells are counted in pieces: no mass reaches the targets, and the curve follows value.
    expect(cp.maxFlow.kg).toBe(0);
    expect(cp.disruption.map((s) => s.id)).toEqual(['5', '4']);
    expect(cp.disruption[1].remainingValueShare).toBe(0);
    // Without refiner 5, ore from mine 4 still reaches all four targets through refiners 6 and 7; without 4 too, none.
    expect(cp.reachableTargets).toBe(4);
    expect(cp.disruption.map((s) => s.targetsReached)).toEqual([4, 0]);
    expect(r.stdout).toContain('1. without Harbour Refining Co (5): 32% of value, 4 of 4 targets reached; 12 entities still connected');

    // The pack assembler and a cell maker removed: all the value of the ore still "flows" (to the storage firm, whose
    // cells are worth more than the ore), yet only one of the four targets is reached, then none: the measure that
    // does not add up goods of different tiers says what the researcher asks.
    const d = await run('disrupt', out, '--remove', '12,11', '--json');
    expect(d.code).toBe(0);
    const json = JSON.parse(d.stdout) as { reachableTargets: number; steps: { id: string; remainingValueShare: number; targetsReached: number }[] };
    expect(json.reachableTargets).toBe(4);
    expect(json.steps.map((s) => [s.id, s.remainingValueShare, s.targetsReached])).toEqual([['12', 1, 1], ['11', 0, 0]]);
    const text = await run('disrupt', out, '--remove', '12,11');
    expect(text.stdout).toContain('targets reached (of 4)');
    expect(text.stdout).toMatch(/1 {2}Packsys GmbH \(12\)\s+—\s+100\.0%\s+1\s+12/);
  });

  it('with neither quantities nor values (a list of who supplies whom), the curve follows the shipments and counts the targets reached', async () => {
    // The same chain with only who shipped what to whom.
    const dir = tempDir();
    cpSync(join(bundle, 'entities.csv'), join(dir, 'entities.csv'));
    const rows = readFileSync(join(bundle, 'shipments.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').slice(0, 4).join(','));
    writeFileSync(join(dir, 'shipments.csv'), ['id,supplier,buyer,commodity', ...rows].join('\n') + '\n');
    const out = join(dir, 'report.json');
    const r = await run('analyze', dir, '--out', out, '--quiet', '--goods', 'all', '--sources', 'where:sector~mining', '--targets', 'where:sector~vehicles or sector~motorcycles or sector~storage');
    expect(r.code).toBe(0);
    const cp = (JSON.parse(readFileSync(out, 'utf8')) as Report).chokepoints!;
    expect(cp.noFlow.kg).not.toBeNull();
    expect(cp.noFlow.value).toBe('no shipment of these goods has a value');
    // Removed by the shipments they cut: the pack assembler (three targets), then the cell maker before the fourth.
    expect(cp.disruption.map((s) => [s.id, s.remainingFlowShare, s.remainingValueShare, s.targetsReached])).toEqual([['12', null, null, 1], ['11', null, null, 0]]);
    expect(r.stdout).toContain('fragility curve (greedy removals by the shipments they cut, as nothing could be weighed or valued; targets still reached, largest connected part):');
    expect(r.stdout).toContain('1. without Packsys GmbH (12): 1 of 4 targets reached; 12 entities still connected');
    const d = await run('disrupt', out, '--top', '5');
    expect(d.stdout).toContain('the removals follow the shipments they cut, and the curve counts the targets still reached');
    expect(d.stdout).toContain('Nothing flows any more: the simulation stops.');
    expect(d.stdout).not.toContain('there is nothing to disrupt');
  });
});

/**
 * An investigator's bundle, written by hand from docs/data-format.md with an English spreadsheet's habits
 * (fixtures/drone-parts: drone components and explosive precursors from suppliers in Europe, China and the Gulf, through
 * a trader in the Emirates and a family's companies near a border crossing, to a buyer across it). The findings are the
 * ones worked out by hand from its eighteen rows of entities.
 */
describe('the findings of a bundle an investigator wrote', () => {
  const bundle = join(__dirname, 'fixtures', 'drone-parts');

  it('merges the name variants, places the misspelt town, flags the flight controllers and finds the one chokepoint', async () => {
    const out = join(tempDir(), 'drone.json');
    const r = await run('analyze', bundle, '--out', out, '--quiet');
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    // Al-Sarab Gen. Trading L.L.C. at the same address and phone as Al Sarab General Trading LLC; the family company
    // written once in Turkish letters and once without.
    expect(report.resolution.merges.map((m) => [m.kept, m.merged])).toEqual([['E03', ['E04']], ['E06', ['E18']]]);
    // The phone shop's town, written Gaziantepp: taken for Gaziantep, said to be a guess.
    expect(report.geocoding.geocoded.find((g) => g.id === 'E05')).toMatchObject({ city: 'Gaziantepp', spelledAs: 'Gaziantep' });
    expect(report.geocoding.unknown).toEqual([]);
    expect(r.stdout).toContain('1 of them by the name of a town one letter away from the city written (a typing slip? check it): "Gaziantepp" as Gaziantep (TR).');
    // 400 drone flight controllers (HS 8537.10) to a general trader, then to the family's trading company and across the
    // border: motion-control units bought by buyers with no documented use for them.
    const controllers = report.flags.filter((f) => f.rule === 'precursor-watchlist' && f.shipments.some((s) => ['SH-001', 'SH-003', 'SH-008'].includes(s)));
    expect(controllers.map((f) => [f.shipment, f.entity]).sort()).toEqual([['SH-001', 'E03'], ['SH-003', 'E06'], ['SH-008', 'E09']]);
    // The phone shop's 6 t of aluminium paste: the high flag of the rule.
    expect(report.flags.find((f) => f.id === 'precursor-watchlist/SH-006')).toMatchObject({ severity: 'high', entity: 'E05' });
    // Everything watch-listed that reaches the border area passes the family's trading company.
    const cp = report.chokepoints!;
    expect(cp.vertexCut.map((v) => v.id)).toEqual(['E06']);
    expect(cp.disruption.map((s) => [s.id, s.remainingFlowShare, s.targetsReached])).toEqual([['E06', 0, 0]]);
    expect(report.reviewQueue?.entries[0].id).toBe('E06');
    // The two brothers stand behind both flagged family companies.
    expect(report.controllers.filter((c) => c.companies.length === 2).map((c) => c.id).sort()).toEqual(['E07', 'E08']);
  });
});

/**
 * A second investigator's bundle (fixtures/notes-sheet: an English spreadsheet of notes on a family's companies near
 * the Syrian border, their suppliers in Germany and the Emirates, Windows line ends): what it holds that cannot be read
 * is said row by row, what can is read with a warning, and its findings are those worked out by hand.
 */
describe('the findings of a spreadsheet of notes', () => {
  const bundle = join(__dirname, 'fixtures', 'notes-sheet');

  it('refuses the three cells that cannot be read, saying what to write, and reads the rest with warnings', async () => {
    const strict = await run('validate', bundle);
    expect(strict.code).toBe(3);
    expect(strict.stderr).toContain('entities.csv line 2, column "employees": "10-49" is a range (10 to 49), not a number: write one number');
    expect(strict.stderr).toContain('relations.csv line 2, column "kind": "Owner, Director" names 2 kinds of tie (owner, director): write one row for each');
    expect(strict.stderr).toContain('relations.csv line 6, column "share": "50/50" gives two shares');
    expect(strict.stderr).toContain('the bundle has 3 problems');
  });

  it('flags the phone shop and the trader across the border, not the chemical wholesaler, and ranks the phone shop first', async () => {
    const { r, report } = await analyzedLeniently(bundle, 'notes.json');
    // The header's "Company / Person name" is the name; "Invoice No" the shipment's id; every date written with the
    // month's name read; the HS code after its name and the 12-digit GTIP line read.
    expect(report.entities.find((e) => e.id === 'K2')?.name).toBe('Sarpolek Mobile & Electronics');
    expect(report.entities.find((e) => e.id === 'K1')?.founded).toBe('2009-06-15');
    expect(report.shipments.map((s) => [s.id, s.hsCode, s.shipped])).toEqual([
      ['INV-001', '321290', '2016-03-12'],
      ['INV-002', '321290', '2016-04-02'],
      ['INV-003', '310230000000', '2016-04-10'],
      ['INV-004', '282919', '2016-03-03'],
      ['INV-005', '851713', '2016-04-20'],
      ['INV-006', '852692', '2016-05-02'],
      ['INV-007', '284700', '2016-05-10'],
    ]);
    expect(report.input.rejected.map((p) => `${p.file}:${p.line}`)).toEqual(['relations.csv:2']);
    // The wholesaler of agricultural chemicals (no ISIC code) buys chemicals in its trade: no flag. The mobile-phone
    // shop that bought 6 t of aluminium paste and 20 t of ammonium nitrate is first for review; the trader across the
    // border that received the nitrate, second.
    expect(report.flags.filter((f) => f.entities.includes('K1'))).toEqual([]);
    expect(report.flags.find((f) => f.id === 'precursor-watchlist/INV-002')).toMatchObject({ severity: 'high', entity: 'K2' });
    expect(report.flags.find((f) => f.rule === 'consignee-mismatch')?.entities).toEqual(['K2', 'K4']);
    expect(report.reviewQueue?.entries.map((e) => e.id)).toEqual(['K2', 'K4']);
    // The flags' words write the GTIP line in pairs.
    expect(r.stdout).toContain('Ammonium nitrate 34% (HS 3102.30.00.00.00)');
  });
});

/**
 * A third investigator's bundle (fixtures/sahel-notes: a French-speaking investigator's sheet saved by Excel as "CSV
 * (séparateur: point-virgule)" in Windows-1252, Windows line ends, kinds, dates, units and lines of business in French,
 * values with spaces between thousands and in CFA francs): it reads with warnings (the CFA francs as the one the
 * shipments' countries use), and its findings are those worked out by hand.
 */
describe("the findings of a French-speaking investigator's sheet", () => {
  const bundle = join(__dirname, 'fixtures', 'sahel-notes');

  it('reads the sheet without a problem: its CFA francs as the West African one, which the shipments\' countries use', async () => {
    const strict = await run('validate', bundle);
    expect(strict.code).toBe(0);
    // (a supplier in Nigeria, which uses neither CFA franc, and buyers in Niger, which uses XOF)
    expect(strict.stdout).toContain('shipments.csv line 4, column "currency": "FCFA" read as XOF: of the currencies it can name (XOF, XAF), only XOF is used in the shipment\'s countries ("NG, NE"); write the ISO 4217 code to be sure (cells written alike on line 7)');
  });

  it('flags the phone shop, the telecom shop and the hardware traders, not the fertiliser wholesaler or the cooperative, and ranks the phone shop first', async () => {
    const { report } = await analyzedLeniently(bundle, 'sahel.json');
    // Windows-1252 read as such (€ is 0x80), spaces between thousands, decimal commas, French dates and units.
    expect(report.shipments.map((s) => [s.id, s.shipped, s.quantity, s.unit, s.value, s.currency])).toEqual([
      ['S-001', '2018-06-15', 20000, 'kg', 7400, 'EUR'],
      ['S-002', '2018-07-03', 6, 't', 2450000, 'XOF'],
      ['S-003', '2018-07-22', 4.5, 't', 1850000, 'XOF'],
      ['S-004', '2018-08-15', 250, 'kg', 3200000, 'XOF'],
      ['S-005', '2018-09-02', 10, 't', undefined, undefined],
      ['S-006', '2018-09-10', 3, 't', 1200000, 'XOF'],
      ['S-007', '2018-10-01', 2000, 'kg', 1100000, 'XOF'],
      ['S-008', '2018-10-17', 30, 't', 9000000, 'XOF'],
      ['S-009', '2018-10-25', 50, 'pcs', 2500000, 'XOF'],
      ['S-010', '2018-11-13', 200, 'pcs', undefined, undefined],
    ]);
    expect(report.entities.map((e) => e.kind).join(' ')).toBe('company company company person person company company company person company organization company');
    expect(report.relations.filter((x) => x.source === 'E04').map((x) => x.kind)).toEqual(['owner', 'director', 'family', 'associate']);
    expect(report.places.map((p) => p.kind)).toEqual(['border_crossing', 'border_crossing', 'port']);
    // The wholesaler of fertiliser (commerce de gros d'engrais: ISIC 4669) buys ammonium nitrate in its trade, and the
    // farmers' cooperative urea: no flag, and no routing flag for a transit list that names the origin. The phone shop
    // (vente de téléphones portables: ISIC 4741) that bought 250 kg of aluminium powder is first for review.
    expect(report.flags.filter((f) => f.entities.includes('E01') || f.entities.includes('E11'))).toEqual([]);
    expect(report.flags.find((f) => f.id === 'precursor-watchlist/S-004')).toMatchObject({ severity: 'high', entity: 'E10' });
    expect(report.flags.find((f) => f.id === 'precursor-watchlist/S-006')).toMatchObject({ severity: 'high', entity: 'E03' });
    expect(report.reviewQueue?.entries.map((e) => e.id)).toEqual(['E10', 'E03', 'E02', 'E07', 'E12']);
    // The telecom shop's sector in French beside its code raises no doubt ("mobile" is no mobile food service).
    expect(report.input.warnings.filter((w) => w.column === 'isic')).toEqual([]);
    // The phone shop and the telecom shop were founded, the sheet says, after their first purchases: not judged by
    // the rule on new companies, and said so.
    expect(report.flagRules.find((x) => x.id === 'new-company')?.coverage?.notJudged).toContainEqual({ reason: 'founded after its first watch-listed purchase (one of the dates is wrong: check them)', count: 2 });
  });
});

/**
 * A fourth investigator's bundle (fixtures/andes-notes: a Spanish-speaking investigator's sheets, saved by Excel set
 * for Spanish as "CSV UTF-8": a byte-order mark, semicolons, Windows line ends; numbers with dots between thousands
 * and decimal commas; kinds, ties and places in Spanish; a customs export's own column names; tax numbers as ids, one
 * of them turned by Excel into scientific notation). The quantities are read as written (12.500 kg is twelve and a
 * half tonnes, not twelve kilograms), and the findings are those worked out by hand.
 */
describe("the findings of a Spanish-speaking investigator's sheets", () => {
  const bundle = join(__dirname, 'fixtures', 'andes-notes');

  it('refuses only what cannot be read, saying how to mend it', async () => {
    const strict = await run('validate', bundle);
    expect(strict.code).toBe(3);
    expect(strict.stderr).toContain('the bundle has 3 problems');
    expect(strict.stderr).toContain('relations.csv line 9, column "kind": unknown value "Misma persona?"');
    expect(strict.stderr).toContain('two rows that are one entity are not a tie: give the entity one row (one id) in entities.csv');
    expect(strict.stderr).toContain('shipments.csv line 14, column "buyer": unknown entity id "2,09990E+10" (not in entities.csv): it looks like a long number a spreadsheet wrote in scientific notation');
    expect(strict.stderr).toContain('shipments.csv line 16: "TOTAL": a totals row');
  });

  it('reads dots between thousands as such, and flags the hardware shop, the grocery and the trader across the border, not the mine or the fertiliser wholesaler', async () => {
    const { r, report } = await analyzedLeniently(bundle, 'andes.json');
    const shipment = (id: string) => report.shipments.find((s) => s.id === id);
    // `12.500` KG (with `7,5` TM and `US$ 48.750,00` in the file): 12,500 kg; `25` TM: 25 t; `Bs 38.500`: BOB 38,500
    // (Bs names the boliviano or the bolívar: the shipment from Peru to Bolivia says which).
    expect(shipment('GR-001-000451')).toMatchObject({ quantity: 12500, unit: 'kg', value: 48750, currency: 'USD' });
    expect(shipment('GR-001-000513')).toMatchObject({ quantity: 25, unit: 't', value: 61250, currency: 'PEN' });
    expect(shipment('GR-001-000701')).toMatchObject({ quantity: 2000, unit: 'pcs', value: 980, currency: 'USD' });
    expect(shipment('DUA 262-2020-40-001234')).toMatchObject({ quantity: 1150, unit: 'kg', value: 38500, currency: 'BOB' });
    expect(shipment('DUA 262-2020-40-001301')).toMatchObject({ quantity: 7.5, unit: 't', value: 9000, currency: 'USD' });
    expect(shipment('DUA 118-2020-10-004455')).toMatchObject({ quantity: 200000, unit: 'pcs' });
    expect(report.input.warnings).toContainEqual(expect.objectContaining({ file: 'shipments.csv', column: 'quantity', reason: '11 numbers written with dots between thousands (such as "12.500", read as 12500), as the file\'s numbers write their decimals with a comma (such as "US$ 48.750,00")' }));
    // (no doubt left about a dot read as a decimal point: there is none)
    expect(report.input.warnings.filter((w) => /read as a decimal point|with the dot as a decimal point/.test(w.reason))).toEqual([]);
    // (`Persona jurídica`, `Persona natural con negocio`, `Empresa`: companies; `Persona natural`: persons)
    expect(report.entities.filter((e) => e.kind === 'person').map((e) => e.id)).toEqual(['CI 9900001', 'DNI 99000001', 'DNI 99000002', 'DNI 99000003']);
    expect(report.entities.filter((e) => e.kind === 'company').length).toBe(9);
    // (`Titular gerente`, `Gerente general`, `Socio`, `Socia`, `Cónyuge`, `Representante legal`, `Mismo domicilio`, by line)
    expect([...report.relations].sort((a, b) => (a.origin?.line ?? 0) - (b.origin?.line ?? 0)).map((x) => x.kind)).toEqual(['owner', 'director', 'associate', 'associate', 'family', 'owner', 'director', 'shared_address']);
    expect(report.places.map((p) => [p.id, p.kind])).toEqual([['CALLAO', 'port'], ['DES', 'border_crossing'], ['KAS', 'border_crossing']]);
    // The licensed gold mine (0729) and the fertiliser wholesaler (4669) buy in their trade: no flag. The hardware shop
    // that bought explosives, detonators and safety fuse, its sister shop, the grocery that bought detonators and the
    // general trader across the border that bought them all are, in that order, first for review.
    expect(report.flags.filter((f) => f.entities.includes('20999000055') || f.entities.includes('20999000066'))).toEqual([]);
    expect(report.reviewQueue?.entries.map((e) => e.id)).toEqual(['20999000022', '20999000033', '10999000077', '9990000088']);
    expect(report.flags.find((f) => f.id === 'forwarder-consignee/DUA 262-2020-40-001301')).toMatchObject({ entity: '9990000088' });
    // The cluster near the Desaguadero crossing is a haulier and its owner, who buy none of the goods: the supply
    // chokepoints say so, rather than only that no chain of shipments reaches them.
    expect(report.chokepoints?.noFlow.kg).toBe('none of the 2 targets buys or receives any of these goods, from anyone');
    // Aimed at the trader across the border instead, the summary says which of the shops carries the most.
    const aimed = await run('analyze', bundle, '--lenient', '--targets', 'ids:9990000088', '--out', join(tempDir(), 'aimed.json'), '--quiet');
    expect(aimed.code).toBe(0);
    expect(aimed.stdout).toContain('at most 8,650 kg can flow');
    expect(aimed.stdout).toContain('lost without each alone (share of the kg that can flow): COMERCIAL TITICACA S.A.C. (20999000033) 87%, FERRETERIA EL MINERO E.I.R.L. (20999000022) 13%');
    // A register's month and year (`05/2018`) is kept, not read as a day; the lines of business in Spanish raise no doubt.
    expect(report.entities.find((e) => e.id === '20999000033')?.attributes.founded).toBe('05/2018');
    expect(report.input.warnings.filter((w) => w.column === 'isic')).toEqual([]);
    // The director of the trader in El Alto has the full name of the hardware shop's owner in Juliaca, on the other
    // side of the border: not merged (a name alone never merges), but listed for review, and named in the summary.
    expect(report.resolution.merges).toEqual([]);
    expect(report.resolution.possible).toEqual([expect.objectContaining({ a: 'CI 9900001', b: 'DNI 99000001', evidence: expect.arrayContaining([expect.stringMatching(/^the same full name, word for word, in two countries/)]) })]);
    expect(r.stdout).toContain('possibly the same (0.6): Juan Carlos Quispe Mamani (CI 9900001) / QUISPE MAMANI, Juan Carlos (DNI 99000001); the same full name, word for word, in two countries');
  });
});


/**
 * A fifth investigator's bundle (fixtures/tigris-notes: an Arabic-speaking investigator's sheets from Iraq, saved by
 * Excel as "CSV UTF-8"; the shipments sheet under its own Arabic column names; kinds, ties, places, units, currencies,
 * cities, lines of business and goods in Arabic; numbers and dates typed with Arabic-Indic digits; months of Iraq and
 * the Levant; direction marks from text copied off Arabic pages). Before, it had 42 problems, the phone shop's
 * aluminium paste was not watch-listed, every line of business read as unknown and six of its cities had no place.
 */
describe("the findings of an Arabic-speaking investigator's sheets", () => {
  const bundle = join(__dirname, 'fixtures', 'tigris-notes');

  it('refuses only what cannot be read, saying how to mend it', async () => {
    const strict = await run('validate', bundle);
    expect(strict.code).toBe(3);
    expect(strict.stderr).toContain('the bundle has 4 problems');
    expect(strict.stderr).toContain('relations.csv line 11, column "kind": unknown value "same company?"');
    expect(strict.stderr).toContain('shipments.csv line 4, column "currency": currency "$" is ambiguous');
    expect(strict.stderr).toContain('shipments.csv line 7, column "currency": currency "دولار" is ambiguous: it can be the US dollar (USD)');
    expect(strict.stderr).toContain('shipments.csv line 13, column "supplier": unknown entity id "E٠٨" (not in entities.csv; did you mean "E08"? the two write their digits differently (Arabic-Indic and Western)');
  });

  it('reads the Arabic as written, places the towns written in Arabic, and flags the phone shop that bought aluminium paste, not the paint factory or the farmers', async () => {
    const { r, report } = await analyzedLeniently(bundle, 'tigris.json');
    const shipment = (id: string) => report.shipments.find((s) => s.id === id);
    // `٦` طن; `٢٠` طن at `9,800` USD, shipped `٢٠١٧/٠٣/١٥`; `١٢٬٧٥٠` دولار (refused: which dollar?); `٢٢٬٥٠٠٫٠٠`
    // دولار أمريكي; `7500000` د.ع shipped `١ أيار ٢٠١٧`; a date after a right-to-left mark.
    expect(shipment('IQ-2017-001')).toMatchObject({ quantity: 6, unit: 't', value: 18000, currency: 'USD', shipped: '2017-03-02' });
    expect(shipment('IQ-2017-002')).toMatchObject({ quantity: 20, unit: 't', value: 9800, currency: 'USD', shipped: '2017-03-15' });
    expect(shipment('IQ-2017-003')).toMatchObject({ quantity: 12, unit: 't', shipped: '2017-03-15' });
    expect(shipment('IQ-2017-004')).toMatchObject({ quantity: 2000, unit: 'pcs', shipped: '2017-04-10' });
    expect(shipment('IQ-2017-006')?.value).toBeUndefined();
    expect(shipment('IQ-2017-007')).toMatchObject({ quantity: 3000, unit: 'kg', value: 22500, currency: 'USD' });
    expect(shipment('IQ-2017-008')).toMatchObject({ quantity: 10, unit: 't', value: 7500000, currency: 'IQD', shipped: '2017-05-01' });
    expect(report.entities.map((e) => e.kind).join(' ')).toBe('company company company company company company company company person person person company company company organization person');
    expect(report.entities.find((e) => e.id === 'E06')).toMatchObject({ employees: 3, founded: '2016-09-20', attributes: expect.objectContaining({ phone: '07701234567' }) });
    expect(report.relations.filter((x) => x.source === 'E09').map((x) => [x.target, x.kind, x.share])).toEqual([
      ['E06', 'owner', 100],
      ['E08', 'associate', 40],
      ['E10', 'family', undefined],
    ]);
    expect(report.places.map((p) => [p.kind, p.lat])).toEqual([
      ['border_crossing', 36.807],
      ['border_crossing', 37.108],
      ['port', 30.034],
    ]);
    // Mosul, Tal Afar, Qamishli and Hasakah, written in Arabic, placed by their consonants, and said to be a guess.
    expect(report.geocoding.geocoded.filter((g) => g.readAs !== undefined).map((g) => [g.id, g.readAs])).toEqual([
      ['E06', 'Mosul'],
      ['E09', 'Mosul'],
      ['E10', 'Tall ‘Afar'],
      ['E11', 'Tall ‘Afar'],
      ['E12', 'Al Qāmishlī'],
      ['E13', 'Al Ḩasakah'],
    ]);
    expect(report.geocoding.unknown).toEqual([]);
    expect(r.stdout).toContain('6 of them read from the Arabic script by their consonants (check it): "الموصل" as Mosul (IQ)');
    // The phone shop (بيع الهواتف النقالة: 4741) that bought aluminium paste (عجينة الألمنيوم, 321290, which needs its
    // name to be watch-listed) and ammonium nitrate is first for review; the paint factory's aluminium paste and the
    // farmers' association's ammonium nitrate are in their trade; the farm-supply shop's ammonium nitrate too (only its
    // payer, an exchange office across the border, is flagged).
    expect(report.flags.find((f) => f.id === 'precursor-watchlist/IQ-2017-001')).toMatchObject({ severity: 'high', entity: 'E06' });
    expect(report.flags.find((f) => f.id === 'off-profile-purchase/IQ-2017-001')).toMatchObject({ entity: 'E06' });
    expect(report.flags.filter((f) => f.entities.includes('E15'))).toEqual([]);
    expect(report.flags.filter((f) => f.entities.includes('E14')).map((f) => f.id)).toEqual(['off-profile-purchase/IQ-2017-011']);
    expect(report.flags.filter((f) => f.entities.includes('E07')).map((f) => f.id)).toEqual(['third-party-payer/IQ-2017-003']);
    expect(report.reviewQueue?.entries.map((e) => e.id).slice(0, 4)).toEqual(['E06', 'E08', 'E07', 'E13']);
    // Every line of business in Arabic read as a code (none left unknown).
    expect(report.flagRules.find((x) => x.id === 'off-profile-purchase')?.coverage?.notJudged ?? []).not.toContainEqual(expect.objectContaining({ reason: expect.stringMatching(/^buyer’s line of business unknown/) }));
    // Ahmed Khalil al-Hamdani, named in Arabic as the shop's owner and in Latin letters as the trading company's
    // director: listed for review, not merged.
    expect(report.resolution.merges).toEqual([]);
    expect(report.resolution.possible).toEqual([expect.objectContaining({ a: 'E09', b: 'E16', evidence: expect.arrayContaining([expect.stringMatching(/^the same name in Arabic and in Latin letters/)]) })]);
    expect(r.stdout).toContain('possibly the same (0.358): أحمد خليل الحمداني (E09) / Ahmed Khalil Al-Hamdani (E16); the same name in Arabic and in Latin letters');
    // Entities named in Arabic are found by their names (which folded to nothing before).
    const saved = join(tempDir(), 'tigris-path.json');
    writeFileSync(saved, JSON.stringify(report));
    const path = await run('path', saved, 'مكتب الرافدين للهواتف النقالة', 'مؤسسة البادية التجارية');
    expect(path.code).toBe(0);
    expect(path.stderr).toContain('"مكتب الرافدين للهواتف النقالة" is the name of E06, not an id');
    expect(path.stdout).toContain('The shortest path from مكتب الرافدين للهواتف النقالة (E06) to مؤسسة البادية التجارية (E13): 1 tie');
  });
});

/**
 * A sixth investigator's bundle (fixtures/tian-shan-notes: a Russian-speaking investigator's sheets on integrated
 * circuits reaching a Russian buyer through Kyrgyzstan, saved by Excel set for Russian as "CSV": Windows-1251,
 * semicolons, Russian headers, kinds, units, currencies, months and country names). Before, its first header stopped
 * it ("the text is not valid UTF-8"); then, read, no line of business in Russian named a trade.
 */
describe("the findings of a Russian-speaking investigator's sheets", () => {
  const bundle = join(__dirname, 'fixtures', 'tian-shan-notes');

  it('refuses only what cannot be read, saying how to mend it', async () => {
    const strict = await run('validate', bundle);
    expect(strict.code).toBe(3);
    expect(strict.stderr).toContain('the bundle has 2 problems');
    expect(strict.stderr).toContain('shipments.csv line 6, column "currency": currency "$" is ambiguous');
    expect(strict.stderr).toContain('shipments.csv line 9, column "unit": unknown unit "усл."');
  });

  it('reads the sheets as written and flags the clothing shop that bought integrated circuits paid for from Dubai, not the wholesaler or the instrument maker', async () => {
    const { r, report } = await analyzedLeniently(bundle, 'tian-shan.json');
    expect(report.input.warnings).toContainEqual(expect.objectContaining({ file: 'entities.csv', line: 1, reason: expect.stringContaining('read as Windows-1251 (Cyrillic)') }));
    expect(report.entities.map((e) => [e.id, e.kind, e.country])).toEqual([
      ['ae-01', 'company', 'AE'],
      ['am-01', 'company', 'AM'],
      ['hk-01', 'company', 'HK'],
      ['kg-01', 'company', 'KG'],
      ['kg-02', 'company', 'KG'],
      ['p-01', 'person', 'RU'],
      ['p-02', 'person', 'KG'],
      ['ru-01', 'company', 'RU'],
      ['ru-02', 'company', 'RU'],
      ['ru-03', 'company', 'RU'],
    ]);
    expect(report.entities.find((e) => e.id === 'kg-01')?.name).toBe('ОсОО «Альфа Трейд Бишкек»');
    const shipment = (id: string) => report.shipments.find((s) => s.id === id);
    expect(shipment('10702070/150522/0012345')).toMatchObject({ quantity: 12000, unit: 'pcs', value: 1250000, currency: 'USD', payer: 'ae-01' });
    expect(shipment('10702070/200622/0013555')).toMatchObject({ value: 118000000, currency: 'RUB', shipped: '2022-06-20' });
    expect(shipment('10702070/050822/0015010')).toMatchObject({ currency: 'RUB', shipped: '2022-08-05' });
    // `0,12 т` in the column of net kilograms: 120 kg, kept beside the count of 5,000 pieces.
    expect(shipment('10702070/100822/0015100')).toMatchObject({ quantity: 5000, unit: 'pcs', attributes: { 'вес нетто, кг': '120' } });
    // The clothing shop (Розничная торговля одеждой: 4771) bought 20,000 integrated circuits, paid for by a Dubai
    // trader outside its group; the wholesaler of electronic components and the instrument maker bought in their
    // trade; the flower shop's roses are in hers.
    const flagged = (id: string) => report.flags.filter((f) => f.entities.includes(id)).map((f) => f.id).sort();
    expect(flagged('kg-01')).toEqual([
      'off-profile-purchase/10702070/020622/0013001',
      'off-profile-purchase/10702070/150522/0012345',
      'third-party-payer/10702070/020622/0013001',
      'third-party-payer/10702070/150522/0012345',
    ]);
    for (const id of ['ru-01', 'ru-02', 'ru-03']) expect(flagged(id)).toEqual([]);
    expect(report.flagRules.find((x) => x.id === 'off-profile-purchase')?.coverage?.notJudged ?? []).not.toContainEqual(expect.objectContaining({ reason: expect.stringMatching(/^buyer’s line of business unknown/) }));
    expect(report.reviewQueue?.entries[0]?.id).toBe('kg-01');
    // The two Bishkek companies at one address (ул. Токтогула, 100) and one phone are one company group with their owner.
    const group = (id: string) => report.entities.find((e) => e.id === id)!.group;
    expect(group('kg-01')).toBe(group('kg-02'));
    expect(group('kg-01')).toBe(group('p-02'));
    // Entities named in Cyrillic are found by their names.
    const saved = join(tempDir(), 'tian-shan-path.json');
    writeFileSync(saved, JSON.stringify(report));
    const path = await run('path', saved, 'ООО «Вектор»', 'Bright Ocean Components Ltd');
    expect(path.code).toBe(0);
    expect(path.stderr).toContain('"ООО «Вектор»" is the name of ru-02, not an id');
    expect(r.stdout).toContain('ОсОО «Альфа Трейд Бишкек» (kg-01)');
    // The chips are on the Common High Priority List, which the shipped watch list does not follow: the summary says how.
    expect(r.stdout).toContain('5 shipments carry goods of the Common High Priority List (electronic integrated circuits; wireless data transceivers and satellite-navigation receivers), which the shipped watch list does not follow');
    expect(r.stdout).toMatch(/analyze again with --rules \S*data\/rules\/common-high-priority-list\.yaml\n/);
  });

  it('with the shipped rules file of the Common High Priority List, flags the clothing shop as no user of the chips and as a new company, and the routes through Kyrgyzstan and Armenia', async () => {
    const out = join(tempDir(), 'tian-shan-chpl.json');
    const rules = join(__dirname, '..', '..', '..', 'data', 'rules', 'common-high-priority-list.yaml');
    const r = await run('analyze', bundle, '--lenient', '--rules', rules, '--out', out, '--quiet');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('carry goods of the Common High Priority List');
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    const flagged = (id: string, rule: string) => report.flags.filter((f) => f.entities.includes(id) && f.rule === rule).map((f) => [f.id, f.severity]);
    // 12,000 and 8,000 integrated circuits (HS 8542.31, 8542.39) for a clothing shop: not a user of them, and off its trade.
    expect(flagged('kg-01', 'precursor-watchlist')).toEqual([
      ['precursor-watchlist/10702070/020622/0013001', 'high'],
      ['precursor-watchlist/10702070/150522/0012345', 'high'],
    ]);
    const chips = report.flags.find((f) => f.id === 'precursor-watchlist/10702070/150522/0012345')!;
    expect(chips.explanation.sentences).toContain('Electronic integrated circuits is on the watch list as dual-use goods.');
    expect(chips.summary).toContain('watch-listed as electronic integrated circuits (dual use)');
    // Counted in pieces, weighed by the net mass beside them: the count first, the declared mass beside it.
    expect(chips.explanation.sentences[0]).toContain('buying 12,000 pcs (46 kg declared) of Микросхемы интегральные электронные, процессоры (HS 8542.31.00.00)');
    expect(chips.explanation.facts).toContainEqual({ label: 'Quantity', value: '12,000 pcs (46 kg, the mass declared in the column "Вес нетто, кг")' });
    expect(flagged('kg-01', 'new-company')).toHaveLength(1);
    // The wholesaler of electronic components (4652) and the instrument maker (2651) are users of them.
    expect(flagged('ru-02', 'precursor-watchlist')).toEqual([]);
    expect(flagged('ru-01', 'precursor-watchlist')).toEqual([]);
    // Chips bound for Russia through Kyrgyzstan and Armenia, both transshipment hubs of the FinCEN–BIS alert.
    expect(report.flags.filter((f) => f.rule === 'transshipment-hub').length).toBeGreaterThan(0);
    expect(report.reviewQueue?.entries[0]).toMatchObject({ id: 'kg-01' });
  });
});

