import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { checkMemory, estimateMemory, estimateReportMemory, HEAP_PER_INPUT_BYTE, HEAP_PER_REPORT_BYTE, InputTooLargeError, readInput } from '@chokepoint/pipeline';

describe('memory check before reading', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chokepoint-memory-'));
    writeFileSync(join(dir, 'entities.csv'), 'id,kind,name\ne1,company,Fictional One\n');
    writeFileSync(join(dir, 'relations.csv'), 'source,target,kind\n');
    writeFileSync(join(dir, 'notes.txt'), 'x'.repeat(1000));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sizes a bundle by its CSV files, an FtM file by itself, against the heap limit of this process', () => {
    const e = estimateMemory(dir);
    expect(e.kind).toBe('bundle');
    expect(e.inputBytes).toBe(Buffer.byteLength('id,kind,name\ne1,company,Fictional One\n') + Buffer.byteLength('source,target,kind\n'));
    expect(e.neededBytes).toBe(e.inputBytes * HEAP_PER_INPUT_BYTE.bundle);
    expect(e.heapLimitBytes).toBe(getHeapStatistics().heap_size_limit);
    const ftm = estimateMemory(join(dir, 'notes.txt'));
    expect(ftm).toMatchObject({ kind: 'ftm', inputBytes: 1000, neededBytes: 1000 * HEAP_PER_INPUT_BYTE.ftm });
  });

  it('refuses an input that needs more than the heap may hold, naming the sizes, and lets a smaller one through', async () => {
    const tooLarge = () => ({ inputBytes: 2e9, kind: 'bundle' as const, neededBytes: 80e9, heapLimitBytes: 4.3e9, totalMemoryBytes: 16e9 });
    expect(() => checkMemory(dir, tooLarge)).toThrow(InputTooLargeError);
    expect(() => checkMemory(dir, tooLarge)).toThrow(
      'the input is too large for the memory available: the bundle’s CSV files hold 2.0 GB, and analysing it takes at least about 80.0 GB of memory, but this process may use at most 4.3 GB (the machine has 16.0 GB in all)',
    );
    expect(checkMemory(dir).inputBytes).toBeGreaterThan(0);
    await expect(readInput(dir)).resolves.toMatchObject({ entities: [{ id: 'e1' }] });
  });

  it('sizes a report by its file and, when its records are read, by the records file beside it', () => {
    const report = join(dir, 'report.json');
    writeFileSync(report, 'x'.repeat(300));
    expect(estimateReportMemory(report)).toMatchObject({ kind: 'report', inputBytes: 300, neededBytes: 300 * HEAP_PER_REPORT_BYTE.report });
    writeFileSync(join(dir, 'report.records.jsonl'), 'y'.repeat(2000));
    expect(estimateReportMemory(report)).toMatchObject({ kind: 'reportRecords', inputBytes: 2300, neededBytes: 300 * HEAP_PER_REPORT_BYTE.report + 2000 * HEAP_PER_REPORT_BYTE.records });
    expect(estimateReportMemory(report, { records: false })).toMatchObject({ kind: 'report', inputBytes: 300 });
    // A report that is not there weighs nothing: the reader names it.
    expect(estimateReportMemory(join(dir, 'missing.json'))).toMatchObject({ inputBytes: 0, neededBytes: 0 });
    expect(new InputTooLargeError({ inputBytes: 3.3e9, kind: 'reportRecords', neededBytes: 5e9, heapLimitBytes: 4.3e9, totalMemoryBytes: 8e9 }).message).toBe(
      'the input is too large for the memory available: the report and its records file hold 3.3 GB, and reading it takes at least about 5.0 GB of memory, but this process may use at most 4.3 GB (the machine has 8.0 GB in all)',
    );
  });
});
