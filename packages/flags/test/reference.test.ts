import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DEFAULT_REFERENCE_DIR, isSection, loadReference, ownFitRows, parseReference } from '@chokepoint/flags';

/** The shipped reference tables, read as plain CSV (independent of the parser under test). */
function csv(file: string): Record<string, string>[] {
  return parse(readFileSync(join(DEFAULT_REFERENCE_DIR, file), 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
}

const isic = csv(join('isic', 'isic-rev4.csv'));
const classes = isic.filter((r) => r.level === 'class').map((r) => r.code);
const isicCodes = new Set(isic.filter((r) => r.level !== 'section').map((r) => r.code));
const sections = new Set(isic.filter((r) => r.level === 'section').map((r) => r.code));
const hsCodes = new Set(csv(join('hs', 'harmonized-system.csv')).map((r) => r.hscode));
/** HS 2017 codes kept beside their HS 2022 successors (see data/reference/README.md, "HS editions"). */
const HS_2017 = new Set(['8803', '851712']);
const reference = loadReference();

describe('sector-fit.csv covers ISIC Rev.4', () => {
  it('has rows for every one of the 419 ISIC Rev.4 classes (a travel agency, 7911, included)', () => {
    expect(classes).toHaveLength(419);
    const prefixes = reference.sectorFit.filter((r) => r.isicPrefix !== '*').map((r) => r.isicPrefix);
    // Rows of the class's own division, group or class: the rows for a whole section (plant upkeep and the like)
    // do not describe a class's trade, so they do not count here.
    const uncovered = classes.filter((c) => !prefixes.some((p) => !isSection(p) && c.startsWith(p)));
    expect(uncovered).toEqual([]);
    expect(prefixes.some((p) => '7911'.startsWith(p))).toBe(true);
  });

  it('uses real ISIC codes and HS codes, with a rationale on every row', () => {
    const bad: string[] = [];
    for (const row of reference.sectorFit) {
      if (row.isicPrefix !== '*' && !isicCodes.has(row.isicPrefix) && !(isSection(row.isicPrefix) && sections.has(row.isicPrefix))) bad.push(`ISIC ${row.isicPrefix}`);
      for (const hs of row.hsPrefixes) if (hs !== '*' && !hsCodes.has(hs) && !HS_2017.has(hs)) bad.push(`HS ${hs} (ISIC ${row.isicPrefix})`);
      if (row.rationale.trim().length < 10) bad.push(`rationale of ISIC ${row.isicPrefix}`);
    }
    expect(bad).toEqual([]);
  });

  it('lets only non-specialised wholesale and trade agents fit any goods', () => {
    expect(reference.sectorFit.filter((r) => r.hsPrefixes.includes('*')).map((r) => r.isicPrefix).sort()).toEqual(['4610', '4690']);
  });
});

describe('watchlist.csv', () => {
  it('carries the limit values of Regulation (EU) 2019/1148, Annex I, column 2', () => {
    const limits = Object.fromEntries(reference.watchlist.filter((w) => w.concentrationLimit !== undefined).map((w) => [w.id, `${w.concentrationLimit} ${w.concentrationBasis}`]));
    expect(limits).toEqual({
      'nitric-acid': '3 w/w',
      'hydrogen-peroxide': '12 w/w',
      'sulphuric-acid': '15 w/w',
      nitromethane: '16 w/w',
      'potassium-chlorate': '40 w/w',
      perchlorates: '40 w/w',
      'sodium-chlorate': '40 w/w',
      'ammonium-nitrate': '16 nitrogen w/w',
    });
  });

  it('names real ISIC codes as documented users, with a source for each users list, and every user can buy the item', () => {
    const bad: string[] = [];
    const fitsSomeClass = (prefix: string, hs: string[]) =>
      classes
        .filter((c) => c.startsWith(prefix))
        .every((c) => {
          const own = ownFitRows(reference.sectorFit, c);
          return own.some((r) => r.hsPrefixes.some((p) => p === '*' || hs.some((h) => h.startsWith(p) || p.startsWith(h))));
        });
    for (const w of reference.watchlist) {
      if (w.usersSource.trim() === '' || w.usersSource === w.source) bad.push(`${w.id}: no source for its users list`);
      for (const u of w.users) {
        if (!isicCodes.has(u)) bad.push(`${w.id}: user ${u} is not an ISIC code`);
        else if (!fitsSomeClass(u, w.hsPrefixes)) bad.push(`${w.id}: documented user ${u} does not fit the item in sector-fit.csv`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('counts a pharmacy as a documented user of hydrogen peroxide', () => {
    expect(reference.watchlist.find((w) => w.id === 'hydrogen-peroxide')!.users).toContain('4772');
  });
});

describe('sector-fit rows for a whole ISIC section, and piece limits', () => {
  const parse = (rows: string[]) =>
    parseReference({ watchlist: 'id,name,category,hs_prefixes,keywords,require_keyword,min_pcs,users,source', sectorFit: ['isic_prefix,hs_prefixes,rationale,max_pcs', ...rows].join('\n'), sectorKeywords: 'keyword,isic' });

  it('reads a section letter as every class of the section, and a piece limit', () => {
    const ref = parse(['C,8482,plant upkeep,', '1071,1101,flour,', '*,851762,office network,100']);
    expect(ownFitRows(ref.sectorFit, '1071').map((r) => r.hsPrefixes[0])).toEqual(['8482', '1101']);
    expect(ownFitRows(ref.sectorFit, '4520')).toEqual([]);
    expect(ref.sectorFit[2]).toMatchObject({ isicPrefix: '*', maxPcs: 100 });
  });

  it('names the line of a letter that is no ISIC section, and of a bad piece limit', () => {
    expect(() => parse(['Z,8482,x,'])).toThrow(/sector-fit\.csv line 2, column "isic_prefix": "Z" is not a code of digits or '\*' or an ISIC section letter/);
    expect(() => parse(['C,8482,x,many'])).toThrow(/sector-fit\.csv line 2, column "max_pcs": "many" is not a whole number above 0/);
  });

  it('uses section rows only for upkeep that every class of the section shares, with the letters A to U', () => {
    const letters = reference.sectorFit.filter((r) => isSection(r.isicPrefix)).map((r) => r.isicPrefix);
    expect(letters.every((l) => sections.has(l))).toBe(true);
    expect(letters.sort()).toEqual(['A', 'B', 'C', 'E', 'F']);
  });
});
