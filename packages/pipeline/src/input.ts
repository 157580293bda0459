import { statSync } from 'node:fs';
import { readBundle, readFtm } from '@chokepoint/ingest';
import type { Bundle } from '@chokepoint/model';

export type ReadOptions = NonNullable<Parameters<typeof readBundle>[1]>;

/** Reads what a command was given: a FollowTheMoney .jsonl file, or else a bundle folder of CSV files. */
export function readInput(path: string, options: ReadOptions = {}): Promise<Bundle> {
  return isFile(path) ? readFtm(path, options) : readBundle(path, options);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
