#!/usr/bin/env node
// The report's JSON Schema, generated from its TypeScript types (packages/report/src/types.ts and the types it
// uses): one source of truth. `node scripts/report-schema.mjs` writes docs/report.schema.json; `--check` exits 1
// when the file differs from what the types give (a test runs it, so the two cannot drift).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'docs', 'report.schema.json');

export function generateReportSchema() {
  const generator = createGenerator({
    path: join(root, 'packages/report/src/types.ts'),
    tsconfig: join(root, 'tsconfig.check.json'),
    type: 'Report',
    expose: 'export',
    topRef: false,
    jsDoc: 'extended',
    additionalProperties: false,
    skipTypeCheck: true,
    sortProps: false,
    strictTuples: true,
  });
  const schema = generator.createSchema('Report');
  const version = schema.properties.schemaVersion.const;
  const { $schema, ...rest } = schema;
  const ordered = {
    $schema,
    $id: `https://chokepoint.invalid/schemas/report-${version}.json`,
    title: `Chokepoint analysis report, schema version ${version}`,
    description:
      'What `chokepoint analyze` writes. Findings are indicators for human review, not accusations. See docs/report.md. ' +
      'Generated from the TypeScript types by scripts/report-schema.mjs: do not edit by hand.',
    ...rest,
  };
  if (ordered.definitions) ordered.definitions = Object.fromEntries(Object.entries(ordered.definitions).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = generateReportSchema();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(out, 'utf8');
    } catch {
      // missing: differs
    }
    if (current !== text) {
      process.stderr.write('docs/report.schema.json differs from the report types: run `pnpm schema` and commit the result\n');
      process.exit(1);
    }
  } else {
    writeFileSync(out, text);
    process.stderr.write(`wrote ${out}\n`);
  }
}
