import type { Bundle } from '@chokepoint/model';
import type { CrossingAnalysis } from '@chokepoint/engine';
import { EMPTY_CONFIG, effectiveRules, extendReference, type RulesConfig } from './config';
import { buildContext, type ContextStep } from './context';
import type { ReferenceData } from './reference';
import { RULES } from './rules';
import { SEVERITIES, type CoverageTally, type EffectiveRule, type Flag, type FlagExtras, type RuleProgress, type Severity } from './types';

export const FLAG_DISCLAIMER =
  'Each flag is an indicator for human review, not a verdict: it says which facts match a published red flag, not that anyone did anything wrong.';

export interface FlagsResult {
  rules: EffectiveRule[];
  flags: Flag[];
}

const rank = (s: Severity) => SEVERITIES.indexOf(s);

export interface EvaluateHooks {
  /**
   * Called before each enabled rule, with how many are evaluated already and how many there are; and, while a rule
   * reads its items, with how far through them it is (`within`: the rule's id, and the share of its items read, from 0
   * to 1). Often: a caller that prints shows some of them.
   */
  onProgress?: (done: number, total: number, within?: { rule: string; share: number }) => void;
  /**
   * Called before the rules, while what they share is built: which pass over the shipments (read into columns, then
   * matched against the watch list) and how many of them it has read, once every PROGRESS_EVERY + 1 shipments.
   */
  onPreparing?: (step: ContextStep, done: number, total: number) => void;
}

const NO_PROGRESS: RuleProgress = () => undefined;

/** The items of `list` that are not in `drop`, in order (a set when both are long: a group flag names thousands). */
function without(list: readonly string[], drop: readonly string[]): string[] {
  if (list.length * drop.length <= 1024) return list.filter((c) => !drop.includes(c));
  const dropped = new Set(drop);
  return list.filter((c) => !dropped.has(c));
}

/**
 * Runs every enabled red-flag rule over the bundle and its analysis. Pure: data in, flags out. Each enabled
 * rule's settings carry its coverage: how many items it judged and, by reason, how many it could not fully judge.
 * Flags are sorted by severity (high first), then rule order, entity and shipment; ids are stable
 * (`<rule>/<shipment or entity>`). `extras.listed` carries the matches of screening against lists, for the
 * listed-party rules.
 */
export function evaluateFlags(
  bundle: Bundle,
  analysis: CrossingAnalysis,
  reference: ReferenceData,
  config: RulesConfig = EMPTY_CONFIG,
  extras: FlagExtras = {},
  hooks: EvaluateHooks = {},
): FlagsResult {
  const rules = effectiveRules(config);
  const ctx = buildContext(bundle, analysis, extendReference(reference, config), analysis.parameters.radiusKm, extras, hooks.onPreparing);
  const flags: Flag[] = [];
  const enabled = rules.filter((r) => r.enabled).length;
  let evaluated = 0;
  const onProgress = hooks.onProgress;
  RULES.forEach((rule, order) => {
    const settings = rules[order];
    if (!settings.enabled) return;
    onProgress?.(evaluated++, enabled);
    // Counts by reason, in the declared order (rules count every shipment: a search of a few reasons, no Map).
    const reasons = rule.coverage.reasons;
    const notJudged = new Array<number>(reasons.length).fill(0);
    let judged = 0;
    const tally: CoverageTally = {
      judged: (n = 1) => {
        judged += n;
      },
      notJudged: (reason, n = 1) => {
        let r = 0;
        while (r < reasons.length && reasons[r] !== reason) r++;
        if (r === reasons.length) throw new Error(`rule ${rule.id} counted an undeclared coverage reason: ${reason}`);
        notJudged[r] += n;
      },
    };
    const done = evaluated - 1;
    const progress: RuleProgress = onProgress === undefined ? NO_PROGRESS : (at, of) => onProgress(done, enabled, { rule: rule.id, share: of > 0 ? Math.min(1, at / of) : 0 });
    const hits = rule.evaluate(ctx, settings.parameters, tally, progress);
    // The arrays the rule was lent are free for the next one.
    ctx.scratch.reset();
    settings.coverage = {
      unit: rule.coverage.unit,
      judged,
      notJudged: reasons.flatMap((reason, r) => (notJudged[r] > 0 ? [{ reason, count: notJudged[r] }] : [])),
    };
    for (const hit of hits) {
      flags.push({
        id: `${rule.id}/${hit.shipment ?? hit.entities[0]}`,
        rule: rule.id,
        title: rule.title,
        severity: hit.severity ?? settings.severity,
        entity: hit.entities[0],
        entities: hit.entities,
        ...(hit.shipment === undefined ? {} : { shipment: hit.shipment }),
        shipments: hit.shipments,
        counterparties: without(hit.counterparties, hit.entities),
        evidence: hit.evidence,
        summary: hit.summary,
        explanation: hit.explanation,
        source: settings.source,
      });
    }
  });
  const order = new Map(RULES.map((r, i) => [r.id, i]));
  flags.sort(
    (a, b) =>
      rank(b.severity) - rank(a.severity) ||
      order.get(a.rule)! - order.get(b.rule)! ||
      (a.entity < b.entity ? -1 : a.entity > b.entity ? 1 : 0) ||
      ((a.shipment ?? '') < (b.shipment ?? '') ? -1 : (a.shipment ?? '') > (b.shipment ?? '') ? 1 : 0),
  );
  const seen = new Map<string, number>();
  for (const f of flags) {
    const n = (seen.get(f.id) ?? 0) + 1;
    seen.set(f.id, n);
    if (n > 1) f.id = `${f.id}#${n}`;
  }
  return { rules, flags };
}
