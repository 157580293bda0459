#!/usr/bin/env node
// The report's JSON Schema, generated from its TypeScript types (packages/report/src/types.ts and the types it
// uses): one source of truth. `node scripts/report-schema.mjs` writes docs/report.schema.json; `--check` exits 1
// when the file differs from what the types give (a test runs it, so the two cannot drift).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { root, schemaFromTypes, writeOrCheck } from './schema-from-types.mjs';

export function generateReportSchema() {
  return schemaFromTypes({
    path: 'packages/report/src/types.ts',
    type: 'Report',
    versionField: 'schemaVersion',
    head: (version) => ({
      $id: `https://chokepoint.invalid/schemas/report-${version}.json`,
      title: `Chokepoint analysis report, schema version ${version}`,
      description:
        'What `chokepoint analyze` writes. Findings are indicators for human review, not accusations. See docs/report.md. ' +
        'Generated from the TypeScript types by scripts/report-schema.mjs: do not edit by hand.',
    }),
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) writeOrCheck(join(root, 'docs', 'report.schema.json'), generateReportSchema, 'report');
