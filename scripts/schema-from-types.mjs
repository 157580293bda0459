// A JSON Schema generated from TypeScript types: one source of truth for a file format. Used by report-schema.mjs
// and case-schema.mjs; each writes its schema, or with `--check` exits 1 when the committed file differs from what
// the types give (a test runs it, so the two cannot drift).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The schema of `type` in `path` (relative to the repository), with `$id`, `title` and `description` first and the
 * definitions sorted by name, as text. `head(version)` gives those three from the version the schema's `versionField`
 * holds as a constant.
 */
export function schemaFromTypes({ path, type, versionField, head }) {
  const generator = createGenerator({
    path: join(root, path),
    tsconfig: join(root, 'tsconfig.check.json'),
    type,
    expose: 'export',
    topRef: false,
    jsDoc: 'extended',
    additionalProperties: false,
    skipTypeCheck: true,
    sortProps: false,
    strictTuples: true,
  });
  const schema = generator.createSchema(type);
  const { $schema, ...rest } = schema;
  const ordered = { $schema, ...head(schema.properties[versionField].const), ...rest };
  if (ordered.definitions) ordered.definitions = Object.fromEntries(Object.entries(ordered.definitions).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** Writes `out` from `generate()`, or with `--check` in argv exits 1 when it differs, naming `what` changed. */
export function writeOrCheck(out, generate, what) {
  const text = generate();
  const name = relative(root, out);
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(out, 'utf8');
    } catch {
      // missing: differs
    }
    if (current !== text) {
      process.stderr.write(`${name} differs from the ${what} types: run \`pnpm schema\` and commit the result\n`);
      process.exit(1);
    }
  } else {
    writeFileSync(out, text);
    process.stderr.write(`wrote ${out}\n`);
  }
}
