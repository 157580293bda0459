import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The CLI package's version, which is the version of the tool written into every report. */
export const VERSION: string = (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
