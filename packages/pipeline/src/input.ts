import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { jsonLines, readBundle, readFtm } from '@chokepoint/ingest';
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
  checkMemory(path);
  return isFile(path) ? readFtm(path, options) : readBundle(path, options);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Reads a list of listed parties (FollowTheMoney JSON lines, as OpenSanctions publishes them) for screening. Throws
 * InvalidListError (of @chokepoint/screening) naming file, line, property and reason; `lenient` skips bad records.
 */
export function readScreeningList(path: string, options: { lenient?: boolean; onProgress?: (file: string, bytes: number, total: number) => void } = {}): Promise<ScreeningList> {
  const file = basename(path);
  const progress = options.onProgress;
  return readList(jsonLines(path, progress === undefined ? undefined : (bytes, total) => progress(file, bytes, total)), { file, lenient: options.lenient });
}
