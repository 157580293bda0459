/**
 * A quick check of the report's long lists of records (entities, relations, shipments), compiled from the report's
 * own JSON Schema: the same definitions that Ajv checks, so the two cannot drift apart.
 *
 * Why: checking a million records with Ajv took seconds (every identifier's length counted character by character,
 * every pattern a Unicode regular expression, on records of many shapes). This check accepts a record only when Ajv
 * would (it is never more lenient; it may be stricter, and then Ajv decides); a list whose every record it accepts
 * need not be checked again, and Ajv checks the rest of the report. Any keyword it does not know makes it give up
 * on that list, which Ajv then checks whole as before.
 */

type Check = (value: unknown) => boolean;
type Schema = Record<string, unknown>;

/** Keywords that only describe. */
const ANNOTATIONS = new Set(['description', 'title', '$comment', 'examples']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Code points of a string, as Ajv counts a string's length. */
function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    n++;
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return n;
}

/** Thrown while compiling a schema with a keyword (or a form of one) this compiler does not know. */
class Unsupported extends Error {}

/**
 * Compiles schemas into plain JavaScript functions, as Ajv does (straight-line code, one function per list): a check
 * made of closures calling closures took longer than Ajv itself. Names and patterns never enter the code as text:
 * property names are written with JSON.stringify, and patterns, sets and sub-checks are passed in as constants.
 */
class Compiler {
  readonly constants: unknown[] = [];
  private names = 0;
  private readonly expanding = new Set<string>();

  constructor(private readonly definitions: Record<string, unknown>) {}

  private constant(value: unknown): string {
    this.constants.push(value);
    return `k[${this.constants.length - 1}]`;
  }

  private name(): string {
    return `v${++this.names}`;
  }

  /** A function that checks its argument against `schema`. */
  fn(schema: unknown): Check {
    const body = this.code(schema, 'x');
    const factory = new Function('k', 'codePoints', `return function check(x) {\n${body}\nreturn true;\n};`) as (k: unknown[], cp: typeof codePoints) => Check;
    return factory(this.constants, codePoints);
  }

  /** Statements that `return false` unless the value in variable `v` is valid against `schema`. */
  code(schema: unknown, v: string): string {
    if (!isObject(schema)) throw new Unsupported();
    const keys = Object.keys(schema).filter((k) => !ANNOTATIONS.has(k));
    if (keys.includes('$ref')) {
      const ref = schema.$ref;
      if (keys.length !== 1 || typeof ref !== 'string' || !ref.startsWith('#/definitions/')) throw new Unsupported();
      const name = ref.slice('#/definitions/'.length);
      if (this.expanding.has(name) || !Object.hasOwn(this.definitions, name)) throw new Unsupported(); // recursive, or missing
      this.expanding.add(name);
      try {
        return this.code(this.definitions[name], v);
      } finally {
        this.expanding.delete(name);
      }
    }
    const out: string[] = [];
    const objectChecks: string[] = [];
    for (const k of keys) {
      const x = schema[k];
      switch (k) {
        case 'type': {
          const types = Array.isArray(x) ? x : [x];
          if (types.length === 0) throw new Unsupported();
          const conditions = types.map((t) => {
            if (t === 'string') return `typeof ${v} === "string"`;
            if (t === 'number') return `(typeof ${v} === "number" && Number.isFinite(${v}))`;
            if (t === 'integer') return `Number.isInteger(${v})`;
            if (t === 'boolean') return `typeof ${v} === "boolean"`;
            if (t === 'null') return `${v} === null`;
            if (t === 'object') return `(typeof ${v} === "object" && ${v} !== null && !Array.isArray(${v}))`;
            if (t === 'array') return `Array.isArray(${v})`;
            throw new Unsupported();
          });
          out.push(`if (!(${conditions.join(' || ')})) return false;`);
          break;
        }
        case 'minLength':
          if (typeof x !== 'number') throw new Unsupported();
          // A string of n UTF-16 units has between n/2 and n code points: count them only when that is not enough.
          out.push(`if (typeof ${v} === "string" && !(((${v}.length + 1) >> 1) >= ${x} || codePoints(${v}) >= ${x})) return false;`);
          break;
        case 'maxLength':
          if (typeof x !== 'number') throw new Unsupported();
          out.push(`if (typeof ${v} === "string" && !(${v}.length <= ${x} || codePoints(${v}) <= ${x})) return false;`);
          break;
        case 'pattern':
          if (typeof x !== 'string') throw new Unsupported();
          out.push(`if (typeof ${v} === "string" && !${this.constant(new RegExp(x, 'u'))}.test(${v})) return false;`); // as Ajv makes it
          break;
        case 'enum':
          if (!Array.isArray(x) || x.length === 0 || !x.every((e) => typeof e === 'string')) throw new Unsupported();
          out.push(`if (!(typeof ${v} === "string" && (${x.map((e) => `${v} === ${JSON.stringify(e)}`).join(' || ')}))) return false;`);
          break;
        case 'minimum':
        case 'maximum':
        case 'exclusiveMinimum':
        case 'exclusiveMaximum': {
          if (typeof x !== 'number' || !Number.isFinite(x)) throw new Unsupported();
          const op = k === 'minimum' ? '>=' : k === 'maximum' ? '<=' : k === 'exclusiveMinimum' ? '>' : '<';
          out.push(`if (typeof ${v} === "number" && !(${v} ${op} ${x})) return false;`);
          break;
        }
        case 'anyOf': {
          if (!Array.isArray(x) || x.length === 0) throw new Unsupported();
          const alternatives = x.map((sub) => this.constant(this.sub(sub)));
          out.push(`if (!(${alternatives.map((c) => `${c}(${v})`).join(' || ')})) return false;`);
          break;
        }
        case 'items': {
          const i = this.name();
          const item = this.name();
          out.push(`if (Array.isArray(${v})) for (let ${i} = 0; ${i} < ${v}.length; ${i}++) {\nconst ${item} = ${v}[${i}];\n${this.code(x, item)}\n}`);
          break;
        }
        case 'required':
          if (!Array.isArray(x) || !x.every((e) => typeof e === 'string')) throw new Unsupported();
          for (const name of x) objectChecks.push(`if (${v}[${JSON.stringify(name)}] === undefined) return false;`);
          break;
        case 'properties': {
          if (!isObject(x)) throw new Unsupported();
          // Each property as Ajv reads it: v.name, checked when it is not undefined.
          for (const [name, sub] of Object.entries(x)) {
            const p = this.name();
            objectChecks.push(`{\nconst ${p} = ${v}[${JSON.stringify(name)}];\nif (${p} !== undefined) {\n${this.code(sub, p)}\n}\n}`);
          }
          break;
        }
        case 'additionalProperties': {
          const known = Object.keys(isObject(schema.properties) ? schema.properties : {});
          if (x === true) break;
          const key = this.name();
          const isKnown = known.length === 0 ? 'false' : known.map((n) => `${key} === ${JSON.stringify(n)}`).join(' || ');
          // Every enumerable key, inherited ones too, as Ajv walks them.
          if (x === false) objectChecks.push(`for (const ${key} in ${v}) if (!(${isKnown})) return false;`);
          else {
            const a = this.name();
            objectChecks.push(`for (const ${key} in ${v}) if (!(${isKnown})) {\nconst ${a} = ${v}[${key}];\n${this.code(x, a)}\n}`);
          }
          break;
        }
        default:
          throw new Unsupported();
      }
    }
    if (objectChecks.length > 0) out.push(`if (typeof ${v} === "object" && ${v} !== null && !Array.isArray(${v})) {\n${objectChecks.join('\n')}\n}`);
    return out.join('\n');
  }

  /** A separate function for a sub-schema (the alternatives of anyOf), sharing the constants. */
  private sub(schema: unknown): Check {
    const inner = new Compiler(this.definitions);
    for (const name of this.expanding) inner.expanding.add(name);
    return inner.fn(schema);
  }
}

/** The check of a schema, or undefined when it uses a keyword (or a form of one) this compiler does not know. */
function compile(schema: unknown, definitions: Record<string, unknown>): Check | undefined {
  try {
    return new Compiler(definitions).fn(schema);
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
}

/**
 * For each top-level list of the report schema whose items are a definition this compiler knows (`{ type: 'array',
 * items: { $ref } }` and nothing else): a check of one item that accepts only what the schema accepts.
 */
export function recordChecks(schema: unknown): Map<string, Check> {
  const out = new Map<string, Check>();
  if (!isObject(schema) || !isObject(schema.properties) || !isObject(schema.definitions)) return out;
  const definitions = schema.definitions;
  for (const [name, sub] of Object.entries(schema.properties)) {
    if (!isObject(sub) || sub.type !== 'array' || !isObject(sub.items) || Object.keys(sub).some((k) => k !== 'type' && k !== 'items' && !ANNOTATIONS.has(k))) continue;
    if (typeof sub.items.$ref !== 'string') continue;
    const check = compile(sub.items, definitions);
    if (check !== undefined) out.set(name, check);
  }
  return out;
}
