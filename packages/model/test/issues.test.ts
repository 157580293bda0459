import { formatIssue, issueLines, ISSUES_SHOWN, type DataIssue } from '@chokepoint/model';

// A list of problems a person reads at a terminal: every one when they are few; when there are more than
// ISSUES_SHOWN, the first ones and a count of all of them by file and column.

const issue = (file: string, line: number, column: string | undefined, reason = 'bad'): DataIssue => (column === undefined ? { file, line, reason } : { file, line, column, reason });

describe('issueLines', () => {
  it('lists every problem, indented, when there are at most ISSUES_SHOWN', () => {
    const issues = Array.from({ length: ISSUES_SHOWN }, (_x, i) => issue('a.csv', i + 2, 'lat'));
    expect(issueLines(issues)).toEqual(issues.map((i) => `  ${formatIssue(i)}`));
    expect(issueLines([])).toEqual([]);
  });

  it('beyond that, shows the first ones and counts all of them by file and column, the largest group first', () => {
    const issues = [
      ...Array.from({ length: 30 }, (_x, i) => issue('relations.csv', 10 + i, 'share')),
      issue('relations.csv', 5, undefined, 'the row has 3 fields but the header has 4'),
      ...Array.from({ length: 1200 }, (_x, i) => issue('reg.json', 100 + 2 * i, 'percentage')),
      issue('toString', 7, '__proto__'),
    ];
    const lines = issueLines(issues, 20);
    expect(lines.slice(0, 20)).toEqual(issues.slice(0, 20).map((i) => `  ${formatIssue(i)}`));
    expect(lines.slice(20)).toEqual([
      '  … and 1,212 more. All 1,232, by file and column:',
      '    reg.json, column "percentage": 1,200 (lines 100 to 2498)',
      '    relations.csv, column "share": 30 (lines 10 to 39)',
      '    relations.csv, the rows as a whole: 1 (line 5)',
      '    toString, column "__proto__": 1 (line 7)',
    ]);
  });

  it('says how many more files and columns there are when they are many', () => {
    const issues = Array.from({ length: 12 }, (_x, i) => issue(`f${i}.csv`, 2, 'c'));
    const lines = issueLines(issues, 3);
    expect(lines).toHaveLength(3 + 1 + 3 + 1);
    expect(lines[lines.length - 1]).toBe('    … and 9 more files and columns');
  });
});
