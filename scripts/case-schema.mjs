#!/usr/bin/env node
// The case file's JSON Schema, generated from its TypeScript types (packages/case/src/types.ts): one source of truth.
// `node scripts/case-schema.mjs` writes docs/case.schema.json; `--check` exits 1 when the file differs from what the
// types give (a test runs it, so the two cannot drift).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'docs', 'case.schema.json');

export function generateCaseSchema() {
  const generator = createGenerator({
    path: join(root, 'packages/case/src/types.ts'),
    tsconfig: join(root, 'tsconfig.check.json'),
    type: 'CaseFile',
    expose: 'export',
    topRef: false,
    jsDoc: 'extended',
    additionalProperties: false,
    skipTypeCheck: true,
    sortProps: false,
    strictTuples: true,
  });
  const schema = generator.createSchema('CaseFile');
  const version = schema.properties.version.const;
  const { $schema, ...rest } = schema;
  const ordered = {
    $schema,
    $id: `https://chokepoint.invalid/schemas/case-${version}.json`,
    title: `Chokepoint case file, version ${version}`,
    description:
      'What the viewer keeps with `chokepoint view report.json --case case.json`: notes, review statuses of red flags, saved views. See docs/guide.md. ' +
      'Generated from the TypeScript types by scripts/case-schema.mjs: do not edit by hand.',
    ...rest,
  };
  if (ordered.definitions) ordered.definitions = Object.fromEntries(Object.entries(ordered.definitions).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = generateCaseSchema();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(out, 'utf8');
    } catch {
      // missing: differs
    }
    if (current !== text) {
      process.stderr.write('docs/case.schema.json differs from the case types: run `pnpm schema` and commit the result\n');
      process.exit(1);
    }
  } else {
    writeFileSync(out, text);
    process.stderr.write(`wrote ${out}\n`);
  }
}
