import { statSync } from 'node:fs';
import { readBundle, readFtm } from '@chokepoint/ingest';
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
