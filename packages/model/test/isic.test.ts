import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ISIC_REV4_ROWS, isicEntry, judgeSector, parseField, readIsic, sectorDisagreement, fold, type SectorHint } from '@chokepoint/model';

const ROOT = join(__dirname, '..', '..', '..');

/** RFC 4180 records of a small file (the test's own reader, independent of the generator's). */
function csv(text: string): string[][] {
  const rows: string[][] = [];
  const re = /("([^"]|"")*"|[^,\r\n]*)(,|\r?\n|$)/g;
  let row: string[] = [];
  for (let m = re.exec(text); m !== null && m[0] !== ''; m = re.exec(text)) {
    const f = m[1];
    row.push(f.startsWith('"') ? f.slice(1, -1).replace(/""/g, '"') : f);
    if (m[3] !== ',') {
      if (row.some((x) => x !== '')) rows.push(row);
      row = [];
    }
  }
  return rows;
}

/** The shipped sector keywords, as the ingest package reads them. */
const HINTS: SectorHint[] = csv(readFileSync(join(ROOT, 'data', 'reference', 'sector-keywords.csv'), 'utf8'))
  .slice(1)
  .map(([keyword, isic]) => ({ keyword: fold(keyword), isic }));

describe('the ISIC Rev.4 list', () => {
  it('is the committed CSV, row for row (run packages/model/scripts/gen-isic.mjs after changing it)', () => {
    const [header, ...rows] = csv(readFileSync(join(ROOT, 'data', 'reference', 'isic', 'isic-rev4.csv'), 'utf8').replace(/^\uFEFF/, ''));
    expect(header).toEqual(['code', 'level', 'section', 'parent', 'description']);
    expect(ISIC_REV4_ROWS.map((r) => [...r])).toEqual(rows);
    expect(ISIC_REV4_ROWS.filter((r) => r[1] === 'class')).toHaveLength(419);
  });

  it('knows divisions, groups and classes that exist, and nothing else', () => {
    expect(isicEntry('4741')).toMatchObject({ level: 'class', parent: '474' });
    expect(isicEntry('466')).toMatchObject({ level: 'group' });
    expect(isicEntry('47')).toMatchObject({ level: 'division', section: 'G' });
    expect(isicEntry('G')).toBeUndefined();
    expect(isicEntry('4675')).toBeUndefined();
  });
});

describe('reading ISIC codes', () => {
  it('accepts codes that exist', () => {
    expect(readIsic('4741')).toEqual({ ok: true, value: '4741' });
    expect(readIsic('0111')).toEqual({ ok: true, value: '0111' });
    expect(readIsic('466')).toEqual({ ok: true, value: '466' });
    expect(parseField('isic', '4741')).toEqual({ ok: true, value: '4741' });
  });

  it('repairs a leading zero lost to a spreadsheet, with a note', () => {
    expect(readIsic('111')).toEqual({ ok: true, value: '0111', note: expect.stringContaining('its leading zero was lost') });
    expect(readIsic('810')).toEqual({ ok: true, value: '0810', note: expect.stringContaining('0810 (Quarrying of stone, sand and clay)') });
    expect(readIsic('1')).toMatchObject({ ok: true, value: '01' });
  });

  it('chooses between two readings by the sector text, and notes it either way', () => {
    const cattle = readIsic('141', { sector: 'cattle farm', hints: HINTS });
    expect(cattle).toEqual({ ok: true, value: '0141', note: expect.stringMatching(/group 141 .* or class 0141 .*; read as 0141, which fits the sector "cattle farm"/) });
    const clothes = readIsic('141', { sector: 'clothing manufacturer', hints: HINTS });
    expect(clothes).toEqual({ ok: true, value: '141', note: expect.stringContaining('read as 141, which fits the sector') });
    const unknown = readIsic('141');
    expect(unknown).toEqual({ ok: true, value: '141', note: expect.stringContaining('write 0141 if that is meant') });
  });

  it('refuses an unknown code with the closest codes, preferring those that fit the sector', () => {
    const chem = readIsic('4675', { sector: 'chemical distributor', hints: HINTS });
    expect(chem).toEqual({ ok: false, reason: expect.stringMatching(/^"4675" is not an ISIC Rev\.4 code; did you mean 4669 \(Wholesale of waste and scrap and other products n\.e\.c\.\), 465 /) });
    const pharmacy = readIsic('4775', { sector: 'pharmacy', hints: HINTS });
    expect(pharmacy).toEqual({ ok: false, reason: expect.stringContaining('did you mean 4772 (Retail sale of pharmaceutical') });
    const bare = readIsic('4775');
    expect(bare).toEqual({ ok: false, reason: expect.stringContaining('did you mean 4774 (') });
    expect(readIsic('G4741')).toEqual({ ok: false, reason: expect.stringContaining('without the section letter (4741)') });
    expect(readIsic('47411').ok).toBe(false);
  });
});

describe('sector text against ISIC code', () => {
  it.each([
    ['pharmacy', '4772'],
    ['Eczane / pharmacy', '4772'],
    ['mobile phone shop', '4741'],
    ['retail sale of mobile phones and accessories', '4741'],
    ['chemical distributor', '4669'],
    ['chemical distributor', '46'],
    ['travel agency', '7911'],
    ['warehousing and storage', '5210'],
    ['freight transport by road', '4923'],
    ['cattle farm', '0141'],
  ])('%j agrees with %s', (sector, code) => {
    expect(judgeSector(sector, code, HINTS).verdict).toBe('agrees');
    expect(sectorDisagreement(sector, code, HINTS)).toBeUndefined();
  });

  it.each([
    ['pharmacy', '4771', '4772'],
    ['retail pharmacy', '4771', '4772'],
    ['mobile phone shop', '4742', '4741'],
    ['chemical wholesale', '2011', '4669'],
    ['bakery', '1073', '1071'],
    ['travel agency', '5510', '7911'],
  ])('%j disagrees with %s and reads as %s', (sector, code, reading) => {
    expect(judgeSector(sector, code, HINTS)).toMatchObject({ verdict: 'disagrees', readings: [reading] });
    const warning = sectorDisagreement(sector, code, HINTS)!;
    expect(warning).toContain(`the sector ${JSON.stringify(sector)} and ISIC ${code} (`);
    expect(warning).toContain(`reads as ${reading} (`);
  });

  it('reads the ISIC titles without keywords', () => {
    expect(judgeSector('pharmacy', '4772').verdict).toBe('agrees');
    const j = judgeSector('pharmacy', '4771');
    expect(j.verdict).toBe('disagrees');
    expect(j.readings).toContain('4772');
    expect(judgeSector('travel agency', '7911').verdict).toBe('agrees');
  });

  it('claims nothing when the text says too little, or its only reading contradicts its own activity', () => {
    expect(judgeSector('family business', '4669', HINTS).verdict).toBe('unknown');
    expect(judgeSector('holding', '6420', HINTS).verdict).not.toBe('disagrees');
    // "pharmaceutical" alone would read as manufacture (2100), but the text says wholesale: 4649 is not contradicted.
    expect(judgeSector('pharmaceutical wholesale', '4649', HINTS).verdict).not.toBe('disagrees');
  });

  it('agrees on every entity of the demo scenario', () => {
    const [header, ...rows] = csv(readFileSync(join(ROOT, 'data', 'scenarios', 'border-procurement', 'entities.csv'), 'utf8'));
    const [si, ii] = [header.indexOf('sector'), header.indexOf('isic')];
    const checked = rows.filter((r) => r[si] !== '' && r[ii] !== '');
    expect(checked.length).toBeGreaterThan(50);
    for (const r of checked) expect([r[si], r[ii], sectorDisagreement(r[si], r[ii], HINTS)]).toEqual([r[si], r[ii], undefined]);
  });
});
