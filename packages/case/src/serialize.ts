import type { CaseFile } from './types';

/** The case's JSON text as written to disk and downloaded: two-space indented, one final line break. */
export function serializeCase(c: CaseFile): string {
  return `${JSON.stringify(c, null, 2)}\n`;
}
