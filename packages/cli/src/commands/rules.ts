import { Command } from 'commander';
import { RULES, effectiveRules, loadRules, EMPTY_CONFIG, type ParamSpec } from '@chokepoint/flags';
import type { CliIO } from '../io';

function showDefault(p: ParamSpec): string {
  const d = p.default;
  if (d === null) return 'none';
  return Array.isArray(d) ? (d.length === 0 ? 'none' : d.join(', ')) : String(d);
}

function showRange(p: ParamSpec): string {
  if (p.type !== 'number' && p.type !== 'integer') return p.type === 'severity' ? 'low | medium | high' : p.type === 'countries' ? 'country codes' : p.type;
  const range = p.min === undefined && p.max === undefined ? '' : `, ${p.min ?? '−∞'} to ${p.max ?? '∞'}`;
  return `${p.type}${range}`;
}

export function rulesCommand(io: CliIO): Command {
  return new Command('rules')
    .description('List every red-flag rule with its parameters, defaults and published source. With --rules, show the settings a rules file gives.')
    .option('--rules <file>', 'a rules file to check and apply to the listing')
    .option('--json', 'print the rules as JSON')
    .action((flags: { rules?: string; json?: boolean }) => {
      const config = flags.rules === undefined ? EMPTY_CONFIG : loadRules(flags.rules);
      const effective = effectiveRules(config);
      if (flags.json) {
        const out = RULES.map((rule, i) => ({
          id: rule.id,
          title: rule.title,
          description: rule.description,
          enabled: effective[i].enabled,
          severity: effective[i].severity,
          defaultSeverity: rule.severity,
          parameters: rule.parameters.map((p) => ({ ...p, value: effective[i].parameters[p.name] })),
          sources: rule.sources,
          falsePositives: rule.falsePositives,
        }));
        io.stdout(`${JSON.stringify({ rules: out }, null, 2)}\n`);
        return;
      }
      const lines: string[] = ['Red-flag rules. Each flag is an indicator for human review, never a verdict.', ''];
      RULES.forEach((rule, i) => {
        const e = effective[i];
        lines.push(`${rule.id}${e.enabled ? '' : ' (disabled)'}: ${rule.title}`);
        lines.push(`  severity: ${e.severity}${e.severity !== rule.severity ? ` (default ${rule.severity})` : ''}`);
        lines.push(`  ${rule.description}`);
        if (rule.parameters.length === 0) lines.push('  parameters: none');
        for (const p of rule.parameters) {
          const value = e.parameters[p.name];
          const changed = JSON.stringify(value) !== JSON.stringify(p.default) ? ` → ${Array.isArray(value) ? value.join(', ') : String(value)}` : '';
          lines.push(`  - ${p.name} (${showRange(p)}; default ${showDefault(p)}${changed}): ${p.description}`);
        }
        for (const s of rule.sources) lines.push(`  source: ${s.publisher}, ${s.reference}: ${s.indicator}`);
        lines.push(`  known false positives: ${rule.falsePositives}`);
        lines.push('');
      });
      io.stdout(lines.join('\n'));
    });
}
