import { statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { BundleNotFoundError, jsonLines, listCsvLines, readBundle, readFtm } from '@chokepoint/ingest';
import { readList, type ScreeningList } from '@chokepoint/screening';
import type { Bundle } from '@chokepoint/model';
import { checkMemory } from './memory';

export type ReadOptions = NonNullable<Parameters<typeof readBundle>[1]>;

/**
 * Reads what a command was given: a FollowTheMoney .jsonl file, or else a bundle folder of CSV files. First checks
 * that the input can be analysed in the memory this process may use (InputTooLargeError otherwise, before anything is
 * read, rather than running out of memory part way).
 */
export async function readInput(path: string, options: ReadOptions = {}): Promise<Bundle> {
  if (!isFile(path)) {
    checkMemory(path);
    return readBundle(path, options);
  }
  const name = basename(path);
  if (BUNDLE_FILE_NAME.test(name)) {
    // `analyze case/entities.csv`: a file of a bundle given for the bundle. Its folder is read, and said so.
    const folder = dirname(path);
    checkMemory(folder);
    const bundle = await readBundle(folder, options);
    // (the folder by its name only: a report does not depend on where the bundle lies on a machine)
    return { ...bundle, warnings: [{ file: name, line: 1, reason: `given alone: a bundle is the folder of its files, so its folder ${JSON.stringify(basename(resolve(folder)))} was read, with the bundle files beside it` }, ...bundle.warnings] };
  }
  if (TEXT_TABLE.test(name)) {
    throw new BundleNotFoundError(`${path} is a table, not a bundle: a bundle is a folder holding entities.csv (and relations.csv, shipments.csv, places.csv; docs/data-format.md); put the file in a folder under the name of what it holds, and give the folder. A single file is read only as FollowTheMoney JSON lines`);
  }
  checkMemory(path);
  return readFtm(path, options);
}

/** The name of a file of a bundle (`entities.csv`, or a text table of that name: `Entities.txt`, `shipments.tsv`). */
const BUNDLE_FILE_NAME = /^(entities|relations|shipments|places)\.(csv|tsv|tab|txt|psv)$/i;
/** A text table of any other name (`suppliers.csv`): not a bundle, nor FollowTheMoney. */
const TEXT_TABLE = /\.(csv|tsv|tab|psv)$/i;

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Reads a list of listed parties for screening: FollowTheMoney JSON lines, as OpenSanctions publishes them, or a table
 * (`.csv`, `.tsv`, `.txt`: OpenSanctions' targets.simple.csv, or a spreadsheet with a name column; listCsvLines).
 * Throws InvalidListError (of @chokepoint/screening) naming file, line, property and reason; `lenient` skips bad
 * records.
 */
export function readScreeningList(path: string, options: { lenient?: boolean; onProgress?: (file: string, bytes: number, total: number) => void } = {}): Promise<ScreeningList> {
  const file = basename(path);
  const progress = options.onProgress;
  const lines = /\.(csv|tsv|txt)$/i.test(path) ? listCsvLines(path) : jsonLines(path, progress === undefined ? undefined : (bytes, total) => progress(file, bytes, total));
  return readList(lines, { file, lenient: options.lenient });
}
