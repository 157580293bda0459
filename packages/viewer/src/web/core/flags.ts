import type { Report, ReportShipment } from '@chokepoint/report';
import { goodsLabel, int, plural, shipmentQuantity, shipmentValue } from './format';

type Flag = Report['flags'][number];
type Rule = Report['flagRules'][number];
type Coverage = NonNullable<Rule['coverage']>;

export const SEVERITY_ORDER = ['high', 'medium', 'low'] as const;
export type SeverityCounts = { high: number; medium: number; low: number };

/** The flags of one rule, for a list grouped by rule: the rule's title once, the counts, the flags. */
export interface RuleFlags {
  rule: string;
  title: string;
  counts: SeverityCounts;
  flags: Flag[];
  /** The published source, when every flag of the group cites the same one (it is then shown once). */
  source: string | null;
  /** What the rule could not judge in this run (from `flagRules`), when it reported it. */
  coverage: Coverage | null;
}

export function severityCounts(flags: readonly Flag[]): SeverityCounts {
  const counts: SeverityCounts = { high: 0, medium: 0, low: 0 };
  for (const f of flags) counts[f.severity]++;
  return counts;
}

/** "5 flags: 3 high, 2 medium". */
export function countsText(counts: SeverityCounts): string {
  const total = counts.high + counts.medium + counts.low;
  const parts = SEVERITY_ORDER.filter((s) => counts[s] > 0).map((s) => `${int(counts[s])} ${s}`);
  return `${plural(total, 'flag', 'flags')}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
}

const rank = (c: SeverityCounts): number[] => [c.high, c.medium, c.low];

/**
 * Flags grouped by rule, so that each rule's title appears once with its counts: the rules with the most severe
 * flags first (then the most flags, then the order of `flagRules`); inside a rule, the flags in report order (most
 * severe first). Pure.
 */
export function flagsByRule(flags: readonly Flag[], rules: readonly Rule[]): RuleFlags[] {
  const order = new Map(rules.map((r, i) => [r.id, i]));
  const byRule = new Map<string, Flag[]>();
  for (const f of flags) {
    const list = byRule.get(f.rule);
    if (list) list.push(f);
    else byRule.set(f.rule, [f]);
  }
  const groups = [...byRule].map(([rule, list]): RuleFlags => {
    const def = rules.find((r) => r.id === rule);
    const sources = new Set(list.map((f) => f.source));
    return {
      rule,
      title: def?.title ?? list[0].title,
      counts: severityCounts(list),
      flags: [...list].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity)),
      source: sources.size === 1 ? list[0].source : null,
      coverage: def?.coverage ?? null,
    };
  });
  return groups.sort((a, b) => {
    const [x, y] = [rank(a.counts), rank(b.counts)];
    for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return y[i] - x[i];
    return (order.get(a.rule) ?? Infinity) - (order.get(b.rule) ?? Infinity) || (a.rule < b.rule ? -1 : 1);
  });
}

/**
 * A flag for a list where many flags of one rule stand together: a short label that tells it from the others (for a
 * flag about one shipment: the shipment, its date, goods, quantity and value; otherwise the first sentence of its
 * explanation), and the sentences to read when it is opened (all of them, or those after the label). Pure.
 */
export function flagText(f: Flag, shipment?: ReportShipment): { label: string; sentences: string[] } {
  const sentences = f.explanation?.sentences ?? [f.summary];
  if (shipment === undefined) return { label: sentences[0] ?? f.summary, sentences: sentences.slice(1) };
  const parts = [shipment.id, shipment.shipped ?? shipment.received, goodsLabel(shipment), shipmentQuantity(shipment), shipmentValue(shipment)];
  return { label: parts.filter((x) => x !== undefined && x !== '').join(' · '), sentences };
}

/** What a rule judged and what it could not, in words: "judged 37 watch-listed shipments; not fully judged: …". */
export function coverageText(c: Coverage): { judged: string; notJudged: string[] } {
  return {
    judged: `judged ${int(c.judged)} ${c.unit}`,
    notJudged: c.notJudged.map((n) => `${int(n.count)}: ${n.reason}`),
  };
}

/** Every rule as it ran, with its flags counted: for the list of rules and their coverage. */
export function ruleTable(report: Pick<Report, 'flags' | 'flagRules'>, whole?: readonly [string, SeverityCounts][]): { rule: Rule; counts: SeverityCounts }[] {
  // A piece of a large report holds only its entities' flags: the whole report's counts, when given.
  if (whole !== undefined) {
    const counts = new Map(whole);
    return report.flagRules.map((rule) => ({ rule, counts: counts.get(rule.id) ?? { high: 0, medium: 0, low: 0 } }));
  }
  const byRule = new Map<string, Flag[]>();
  for (const f of report.flags) {
    const list = byRule.get(f.rule);
    if (list) list.push(f);
    else byRule.set(f.rule, [f]);
  }
  return report.flagRules.map((rule) => ({ rule, counts: severityCounts(byRule.get(rule.id) ?? []) }));
}
