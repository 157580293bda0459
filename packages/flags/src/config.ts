import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { RulesFileError, type RulesProblem } from './errors';
import { CONCENTRATION_BASES, isSection, isWatchCategory, WATCH_CATEGORIES, type ReferenceData, type SectorFit, type SectorKeyword, type WatchItem } from './reference';
import { RULES } from './rules';
import { fold } from './text';
import { SEVERITIES, type EffectiveRule, type ParamSpec, type ParamValue, type Rule, type Severity } from './types';

/** What a rules file can change for one rule. */
export interface RuleOverride {
  enabled?: boolean;
  severity?: Severity;
  parameters?: Record<string, ParamValue | null>;
}

/** A validated rules file. */
export interface RulesConfig {
  rules: Record<string, RuleOverride>;
  watchlist: WatchItem[];
  sectorFit: SectorFit[];
  sectorKeywords: SectorKeyword[];
}

export const EMPTY_CONFIG: RulesConfig = { rules: {}, watchlist: [], sectorFit: [], sectorKeywords: [] };

const TOP_LEVEL = ['rules', 'watchlist', 'sectorFit', 'sectorKeywords'];

/** Parameters that were renamed, by rule: the new name, and why (rules files that use the old name get told). */
const RENAMED = new Map<string, Map<string, { name: string; why: string }>>([
  ['rapid-transit', new Map([['exemptWholesale', { name: 'exemptResellers', why: 'it now covers retailers and the sellers of vehicles and parts too, not only wholesalers' }]])],
]);

/** Edit distance, for "did you mean" hints. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_r, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}
function suggest(word: string, options: string[]): string {
  const best = options.map((o) => ({ o, d: distance(word, o) })).sort((x, y) => x.d - y.d)[0];
  return best && best.d <= Math.max(2, Math.floor(word.length / 3)) ? ` (did you mean "${best.o}"?)` : '';
}

const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping' : `${typeof v} ${JSON.stringify(v)}`);

/** Checks one parameter value against its declaration; returns the value or a reason. */
export function checkParam(spec: ParamSpec, value: unknown): { ok: true; value: ParamValue | null } | { ok: false; reason: string } {
  switch (spec.type) {
    case 'number':
    case 'integer': {
      if (value === null && spec.default === null) return { ok: true, value: null };
      if (typeof value !== 'number' || !Number.isFinite(value)) return { ok: false, reason: `expected a number, got ${typeOf(value)}` };
      if (spec.type === 'integer' && !Number.isInteger(value)) return { ok: false, reason: `expected a whole number, got ${value}` };
      if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
        return { ok: false, reason: `${value} is out of range (${spec.min ?? '−∞'} to ${spec.max ?? '∞'})` };
      }
      return { ok: true, value };
    }
    case 'boolean':
      return typeof value === 'boolean' ? { ok: true, value } : { ok: false, reason: `expected true or false, got ${typeOf(value)}` };
    case 'severity':
      return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value)
        ? { ok: true, value }
        : { ok: false, reason: `expected one of ${SEVERITIES.join(', ')}, got ${typeOf(value)}` };
    case 'countries':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && /^[A-Z]{2}$/.test(v))
        ? { ok: true, value: value as string[] }
        : { ok: false, reason: `expected a list of ISO 3166-1 alpha-2 country codes in capitals (such as ["AE", "GE"]), got ${typeOf(value)}` };
    case 'codes':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && /^\d+$/.test(v))
        ? { ok: true, value: value as string[] }
        : { ok: false, reason: `expected a list of digit codes as strings (such as ["5229"]), got ${typeOf(value)}` };
  }
}

/**
 * Validates a parsed rules file. `lineOf(path)` gives the line of a setting for messages.
 * Every problem is collected; RulesFileError lists them all.
 */
export function validateRules(value: unknown, file: string, lineOf: (path: (string | number)[]) => number | undefined = () => undefined): RulesConfig {
  const problems: RulesProblem[] = [];
  const problem = (path: (string | number)[], reason: string) => problems.push({ file, line: lineOf(path), path: path.join('.'), reason });
  const config: RulesConfig = { rules: {}, watchlist: [], sectorFit: [], sectorKeywords: [] };
  if (value === null || value === undefined) return config;
  if (typeof value !== 'object' || Array.isArray(value)) {
    problem([], `expected a mapping with ${TOP_LEVEL.join(', ')}, got ${typeOf(value)}`);
    throw new RulesFileError(problems);
  }
  const top = value as Record<string, unknown>;
  for (const key of Object.keys(top)) if (!TOP_LEVEL.includes(key)) problem([key], `unknown setting${suggest(key, TOP_LEVEL)}; expected ${TOP_LEVEL.join(', ')}`);

  const rules = top.rules;
  if (rules !== undefined && (typeof rules !== 'object' || rules === null || Array.isArray(rules))) problem(['rules'], `expected a mapping of rule ids, got ${typeOf(rules)}`);
  else if (rules) {
    const ids = RULES.map((r) => r.id);
    for (const [id, setting] of Object.entries(rules as Record<string, unknown>)) {
      const rule = RULES.find((r) => r.id === id);
      if (!rule) {
        problem(['rules', id], `unknown rule${suggest(id, ids)}; rules are ${ids.join(', ')}`);
        continue;
      }
      if (typeof setting === 'boolean') {
        config.rules[id] = { enabled: setting };
        continue;
      }
      if (typeof setting !== 'object' || setting === null || Array.isArray(setting)) {
        problem(['rules', id], `expected true, false or a mapping (enabled, severity, parameters), got ${typeOf(setting)}`);
        continue;
      }
      const override: RuleOverride = {};
      for (const [key, v] of Object.entries(setting as Record<string, unknown>)) {
        if (key === 'enabled') {
          if (typeof v === 'boolean') override.enabled = v;
          else problem(['rules', id, key], `expected true or false, got ${typeOf(v)}`);
        } else if (key === 'severity') {
          if (typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v)) override.severity = v as Severity;
          else problem(['rules', id, key], `expected one of ${SEVERITIES.join(', ')}, got ${typeOf(v)}`);
        } else if (key === 'parameters') {
          if (typeof v !== 'object' || v === null || Array.isArray(v)) {
            problem(['rules', id, key], `expected a mapping of parameters, got ${typeOf(v)}`);
            continue;
          }
          override.parameters = {};
          for (const [name, pv] of Object.entries(v as Record<string, unknown>)) {
            const spec = rule.parameters.find((p) => p.name === name);
            if (!spec) {
              const names = rule.parameters.map((p) => p.name);
              const renamed = RENAMED.get(id)?.get(name);
              problem(
                ['rules', id, key, name],
                renamed !== undefined ? `renamed: write ${renamed.name} (${renamed.why})` : `unknown parameter${suggest(name, names)}; ${id} has ${names.length === 0 ? 'no parameters' : names.join(', ')}`,
              );
              continue;
            }
            const checked = checkParam(spec, pv);
            if (checked.ok) override.parameters[name] = checked.value;
            else problem(['rules', id, key, name], checked.reason);
          }
        } else problem(['rules', id, key], `unknown setting${suggest(key, ['enabled', 'severity', 'parameters'])}; expected enabled, severity, parameters`);
      }
      config.rules[id] = override;
    }
  }

  const list = (key: string): Record<string, unknown>[] => {
    const v = top[key];
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      problem([key], `expected a list, got ${typeOf(v)}`);
      return [];
    }
    return v.map((item, i) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        problem([key, i], `expected a mapping, got ${typeOf(item)}`);
        return {};
      }
      return item as Record<string, unknown>;
    });
  };
  const text = (path: (string | number)[], v: unknown, required: boolean): string | undefined => {
    if (v === undefined && !required) return undefined;
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
    problem(path, v === undefined ? 'required' : `expected text, got ${typeOf(v)}`);
    return undefined;
  };
  const codes = (path: (string | number)[], v: unknown, required: boolean, allowStar = false, allowSection = false): string[] => {
    if (v === undefined && !required) return [];
    const values = typeof v === 'string' || typeof v === 'number' ? [String(v)] : v;
    const ok = (x: string) => /^\d+$/.test(x) || (allowStar && x === '*') || (allowSection && isSection(x));
    if (Array.isArray(values) && values.length > 0 && values.every((x) => (typeof x === 'string' || typeof x === 'number') && ok(String(x)))) {
      return values.map(String);
    }
    const also = [...(allowStar ? ['"*" (any)'] : []), ...(allowSection ? ['an ISIC section letter (A to U)'] : [])];
    problem(path, `expected a digit code${also.length > 0 ? ` (or ${also.join(' or ')})` : ''} or a list of them (quote codes with leading zeros: "0111"), got ${typeOf(v)}`);
    return [];
  };
  const known = (path: (string | number)[], item: Record<string, unknown>, allowed: string[]) => {
    for (const k of Object.keys(item)) if (!allowed.includes(k)) problem([...path, k], `unknown field${suggest(k, allowed)}; expected ${allowed.join(', ')}`);
  };

  list('watchlist').forEach((item, i) => {
    const p = ['watchlist', i];
    known(p, item, ['id', 'name', 'category', 'hs', 'keywords', 'requireKeyword', 'minPcs', 'concentrationLimit', 'concentrationBasis', 'users', 'usersSource', 'source']);
    const category = item.category ?? 'explosive-precursor';
    if (!isWatchCategory(category)) problem([...p, 'category'], `expected ${Object.keys(WATCH_CATEGORIES).join(', ')}, got ${typeOf(category)}`);
    const keywords = item.keywords === undefined ? [] : Array.isArray(item.keywords) && item.keywords.every((k) => typeof k === 'string') ? (item.keywords as string[]) : (problem([...p, 'keywords'], `expected a list of words, got ${typeOf(item.keywords)}`), []);
    if (item.requireKeyword !== undefined && typeof item.requireKeyword !== 'boolean') problem([...p, 'requireKeyword'], `expected true or false, got ${typeOf(item.requireKeyword)}`);
    if (item.minPcs !== undefined && !(typeof item.minPcs === 'number' && Number.isInteger(item.minPcs) && item.minPcs >= 0)) problem([...p, 'minPcs'], `expected a whole number, got ${typeOf(item.minPcs)}`);
    const limit = item.concentrationLimit;
    if (limit !== undefined && !(typeof limit === 'number' && limit > 0 && limit <= 100)) problem([...p, 'concentrationLimit'], `expected a percentage above 0 and at most 100, got ${typeOf(limit)}`);
    const basis = item.concentrationBasis;
    if (basis !== undefined && !(typeof basis === 'string' && CONCENTRATION_BASES.includes(basis))) problem([...p, 'concentrationBasis'], `expected one of ${CONCENTRATION_BASES.join(', ')}, got ${typeOf(basis)}`);
    if (basis !== undefined && limit === undefined) problem([...p, 'concentrationBasis'], 'needs a concentrationLimit');
    const source = text([...p, 'source'], item.source, false) ?? `rules file ${file}`;
    const entry: WatchItem = {
      id: text([...p, 'id'], item.id, true) ?? '',
      name: text([...p, 'name'], item.name, true) ?? '',
      category: category as WatchItem['category'],
      hsPrefixes: codes([...p, 'hs'], item.hs, true),
      keywords: keywords.map(fold),
      requireKeyword: item.requireKeyword === true,
      minPcs: item.minPcs as number | undefined,
      ...(typeof limit === 'number' ? { concentrationLimit: limit, concentrationBasis: typeof basis === 'string' ? basis : 'w/w', concentrationSource: source } : {}),
      users: codes([...p, 'users'], item.users, false),
      usersSource: text([...p, 'usersSource'], item.usersSource, false) ?? source,
      source,
    };
    config.watchlist.push(entry);
  });
  list('sectorFit').forEach((item, i) => {
    const p = ['sectorFit', i];
    known(p, item, ['isic', 'hs', 'rationale', 'maxPcs']);
    if (item.maxPcs !== undefined && !(typeof item.maxPcs === 'number' && Number.isInteger(item.maxPcs) && item.maxPcs > 0)) {
      problem([...p, 'maxPcs'], `expected a whole number above 0, got ${typeOf(item.maxPcs)}`);
    }
    config.sectorFit.push({
      isicPrefix: codes([...p, 'isic'], item.isic, true, true, true)[0] ?? '',
      hsPrefixes: codes([...p, 'hs'], item.hs, true, true),
      rationale: text([...p, 'rationale'], item.rationale, false) ?? `rules file ${file}`,
      ...(typeof item.maxPcs === 'number' ? { maxPcs: item.maxPcs } : {}),
    });
  });
  list('sectorKeywords').forEach((item, i) => {
    const p = ['sectorKeywords', i];
    known(p, item, ['keyword', 'isic', 'rationale']);
    config.sectorKeywords.push({
      keyword: fold(text([...p, 'keyword'], item.keyword, true) ?? ''),
      isic: codes([...p, 'isic'], item.isic, true)[0] ?? '',
      rationale: text([...p, 'rationale'], item.rationale, false) ?? `rules file ${file}`,
    });
  });

  if (problems.length > 0) throw new RulesFileError(problems);
  return config;
}

/** Parses rules-file text (YAML, or JSON, which is YAML too) with line numbers for every problem. */
export function parseRules(text: string, file: string): RulesConfig {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, keepSourceTokens: true });
  // Codes such as ISIC 0111 must keep their leading zero: YAML would read them as the number 111.
  visit(doc, {
    Scalar(_key, node) {
      const source = (node.srcToken as { source?: string } | undefined)?.source;
      if (typeof node.value === 'number' && source !== undefined && /^0\d+$/.test(source)) node.value = source;
    },
  });
  if (doc.errors.length > 0) {
    throw new RulesFileError(
      doc.errors.map((e) => ({ file, line: e.linePos?.[0]?.line ?? lineCounter.linePos(e.pos[0]).line, path: '', reason: `not valid YAML or JSON: ${e.message.split('\n')[0]}` })),
    );
  }
  const lineOf = (path: (string | number)[]): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      const parent = n > 0 ? doc.getIn(path.slice(0, n - 1), true) : undefined;
      // For a key that exists, point at the key itself.
      if (n > 0 && isMap(parent)) {
        const pair = parent.items.find((it) => (it.key as { value?: unknown } | null)?.value === path[n - 1]);
        const key = pair?.key as { range?: [number, number, number] } | undefined;
        if (key?.range) return lineCounter.linePos(key.range[0]).line;
      }
      if (n > 0 && isSeq(parent) && node?.range) return lineCounter.linePos(node.range[0]).line;
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  return validateRules(doc.toJS(), file, lineOf);
}

/** Reads and validates a rules file (.yaml, .yml or .json). */
export function loadRules(path: string): RulesConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new RulesFileError([{ file: path, path: '', reason: 'cannot read the file (is the path right?)' }]);
  }
  return parseRules(text, basename(path));
}

/** The settings each rule runs with: its defaults, overridden by the rules file. */
export function effectiveRules(config: RulesConfig = EMPTY_CONFIG): EffectiveRule[] {
  return RULES.map((rule: Rule) => {
    const o = config.rules[rule.id] ?? {};
    const parameters: Record<string, ParamValue | null> = {};
    for (const p of rule.parameters) parameters[p.name] = o.parameters && p.name in o.parameters ? o.parameters[p.name] : p.default;
    return {
      id: rule.id,
      title: rule.title,
      enabled: o.enabled ?? true,
      severity: o.severity ?? rule.severity,
      parameters,
      source: rule.sources.map((s) => `${s.publisher}: ${s.reference}`).join('; '),
    };
  });
}

/** The shipped reference data extended with the rules file's watch-list entries and mappings. */
export function extendReference(reference: ReferenceData, config: RulesConfig): ReferenceData {
  const ids = new Set(config.watchlist.map((w) => w.id));
  return {
    ...reference,
    watchlist: [...config.watchlist, ...reference.watchlist.filter((w) => !ids.has(w.id))],
    sectorFit: [...reference.sectorFit, ...config.sectorFit],
    sectorKeywords: [...reference.sectorKeywords, ...config.sectorKeywords],
  };
}
