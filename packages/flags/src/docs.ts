import { RULES } from './rules';
import type { ParamSpec } from './types';

function value(p: ParamSpec): string {
  const d = p.default;
  if (d === null) return '(none)';
  return `\`${Array.isArray(d) ? JSON.stringify(d) : String(d)}\``;
}

function kind(p: ParamSpec): string {
  if (p.type === 'number' || p.type === 'integer') {
    const range = p.min === undefined && p.max === undefined ? '' : ` ${p.min ?? '−∞'}…${p.max ?? '∞'}`;
    return `${p.type}${range}`;
  }
  return p.type === 'severity' ? 'low / medium / high' : p.type === 'codes' ? 'list of codes' : p.type;
}

/** The rule reference of docs/red-flags.md, generated from the registry so the two never drift. */
export function renderRulesMarkdown(): string {
  const out: string[] = [];
  RULES.forEach((rule, i) => {
    out.push(`### ${i + 1}. \`${rule.id}\`: ${rule.title}`, '');
    out.push(`Default severity: **${rule.severity}**.`, '');
    out.push(rule.description, '');
    if (rule.parameters.length === 0) out.push('Parameters: none.', '');
    else {
      out.push('| parameter | type | default | meaning |', '|---|---|---|---|');
      for (const p of rule.parameters) out.push(`| \`${p.name}\` | ${kind(p)} | ${value(p)} | ${p.description} |`);
      out.push('');
    }
    out.push('Sources:', '');
    for (const s of rule.sources) out.push(`- ${s.publisher}: ${s.indicator} (${s.reference})`);
    out.push('', `Known false positives: ${rule.falsePositives}`, '');
    out.push(`Trade inside one company group: ${rule.intraGroup}`, '');
    const reasons = rule.coverage.reasons.length === 0 ? 'none (every item can be judged)' : rule.coverage.reasons.map((r) => `“${r}”`).join('; ');
    out.push(`Coverage (\`flagRules[].coverage\`): counts ${rule.coverage.unit}; reasons it may not fully judge one: ${reasons}.`, '');
  });
  return out.join('\n');
}
