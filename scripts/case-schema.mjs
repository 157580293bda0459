#!/usr/bin/env node
// The case file's JSON Schema, generated from its TypeScript types (packages/case/src/types.ts): one source of truth.
// `node scripts/case-schema.mjs` writes docs/case.schema.json; `--check` exits 1 when the file differs from what the
// types give (a test runs it, so the two cannot drift).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { root, schemaFromTypes, writeOrCheck } from './schema-from-types.mjs';

export function generateCaseSchema() {
  return schemaFromTypes({
    path: 'packages/case/src/types.ts',
    type: 'CaseFile',
    versionField: 'version',
    head: (version) => ({
      $id: `https://chokepoint.invalid/schemas/case-${version}.json`,
      title: `Chokepoint case file, version ${version}`,
      description:
        'What the viewer keeps with `chokepoint view report.json --case case.json`: notes, review statuses of red flags, saved views. See docs/guide.md. ' +
        'Generated from the TypeScript types by scripts/case-schema.mjs: do not edit by hand.',
    }),
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) writeOrCheck(join(root, 'docs', 'case.schema.json'), generateCaseSchema, 'case');
