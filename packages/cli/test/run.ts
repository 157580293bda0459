import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '@chokepoint/cli';

export const REPO = join(__dirname, '..', '..', '..');
export const TINY = join(__dirname, 'fixtures', 'tiny');
export const DEMO = join(REPO, 'data', 'scenarios', 'border-procurement');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, as the binary would, capturing its output. */
export async function run(...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const made: string[] = [];
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chokepoint-cli-'));
  made.push(dir);
  return dir;
}
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
