import { controlledCount, type Report, type ReportCluster, type ReportGroup, type ReportMeasures } from './types';
import { formatBound } from '@chokepoint/engine';
import { splitUnread, unreadSchemaOf } from '@chokepoint/model';

export interface SummaryOptions {
  /** How many key nodes to describe. */
  keyNodes?: number;
  /** How many red flags to describe with their evidence (taken from the rules in turn, the most severe first). */
  flags?: number;
  /** How many clusters away from borders to mention by name. */
  otherClusters?: number;
  /** How many of the people and companies behind the flags to describe. */
  controllers?: number;
  /** How many entries of the review queue to describe (the summary opens on them). */
  queue?: number;
}

/** The review queue, first: who to look at before anything else, and why. */
export function queueLines(report: Report, max: number): string[] {
  const q = report.reviewQueue;
  if (q === undefined) return [];
  const lines: string[] = [];
  if (q.entries.length === 0) {
    lines.push('Review first: nobody (no entity has a red flag or a listed party near by).');
    return lines;
  }
  const total = q.entries.length + q.omitted;
  lines.push(`Review first: ${plural(total, 'entity', 'entities')} ranked for review by the severity and number of their flags, watch-listed goods, key-node role, nearness to a border crossing and to a listed party (reviewQueue in the report)${total > max ? `; the first ${int(Math.min(max, q.entries.length))}` : ''}:`);
  for (const e of q.entries.slice(0, max)) {
    lines.push(`  ${e.rank}. ${plain(e.name)} (${plain(e.id)}), score ${e.score}`);
    for (const r of e.reasons) lines.push(`     - ${plain(r)}`);
  }
  const weak = q.entries.filter((e) => e.ordinaryOnly).length;
  if (weak > 0) lines.push(`  ${plural(weak, 'entity has', 'entities have')} only off-profile purchases of ordinary goods (not watch-listed): listed after all the others.`);
  return lines;
}

/** How the shipments not counted in a mass were weighed: " (3 from volumes, with densities; 12 by the mass their rows declare)". */
function weighedHow(q: ReportMeasures['quantities']): string {
  const how = [
    ...(q.weighedByDensity > 0 ? [`${int(q.weighedByDensity)} from volumes, with densities`] : []),
    ...((q.weighedByDeclaredMass ?? 0) > 0 ? [`${int(q.weighedByDeclaredMass!)} by the mass their rows declare`] : []),
  ];
  return how.length === 0 ? '' : ` (${how.join('; ')})`;
}

/** What each key-node role means in the list, for people. */
const ROLE_WORDS: Readonly<Record<string, string>> = {
  control: 'behind flagged companies',
  brokerage: 'a broker',
  flow: 'the flow depends on it',
  structure: 'holds the network together',
};

/** A money figure always with its currency: "EUR 238,000". */
export function money(amount: number, currency: string): string {
  return `${currency} ${Math.round(amount).toLocaleString('en-US')}`;
}

const int = (n: number): string => n.toLocaleString('en-US');
const km = (x: number): string => (x >= 100 || Number.isInteger(x) ? int(Math.round(x)) : x.toFixed(1));
/** Names come from untrusted data: never let them send control sequences to a terminal. */
// eslint-disable-next-line no-control-regex
const plain = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '\uFFFD');
const plural = (n: number, one: string, many: string): string => `${int(n)} ${n === 1 ? one : many}`;

/** Money per currency, the conversion used, and what could be weighed. */
function measuresLines(report: Report): string[] {
  const m = report.measures;
  const lines: string[] = [];
  if (m.totals.length > 0) {
    const totals = m.totals.map((t) => `${money(t.amount, t.currency)} (${plural(t.shipments, 'shipment', 'shipments')})`).join(', ');
    lines.push(`Shipment values, never added across currencies: ${totals}${m.withoutValue > 0 ? `; ${plural(m.withoutValue, 'shipment has', 'shipments have')} no value` : ''}.`);
  }
  const cv = m.conversion;
  if (cv !== null && m.totals.some((t) => t.currency !== cv.base)) {
    const when = cv.rateDates === null ? '' : cv.rateDates[0] === cv.rateDates[1] ? ` of ${cv.rateDates[0]}` : ` of ${cv.rateDates[0]} to ${cv.rateDates[1]}`;
    lines.push(`  Compared in ${cv.base} at the rates${when} (${plain(cv.source)}; ${plain(cv.file)})${cv.currenciesWithoutRate.length > 0 ? `; no rate for ${cv.currenciesWithoutRate.map((c) => `${c.currency} (${plural(c.shipments, 'shipment', 'shipments')})`).join(', ')}` : ''}.`);
    if (cv.rateDates !== null && cv.shipmentDates !== null && (yearsApart(cv.rateDates[1], cv.shipmentDates[0]) >= 1 || yearsApart(cv.rateDates[0], cv.shipmentDates[1]) >= 1)) {
      lines.push(`  The rates are more than a year from the shipments (${cv.shipmentDates[0]} to ${cv.shipmentDates[1]}): converted values are rough; give rates of that period (--rates) for figures to quote.`);
    }
  }
  const q = m.quantities;
  if (q.byUnit.length > 0) {
    const weighed = q.byUnit.reduce((n, u) => n + u.weighed, 0);
    const rest = q.byUnit.filter((u) => u.shipments > u.weighed).map((u) => `${int(u.shipments - u.weighed)} ${u.unit === 'none' ? 'without a quantity' : `in ${u.unit}`}`);
    lines.push(
      `Quantities: ${plural(weighed, 'shipment', 'shipments')} weighed in kg${weighedHow(q)}` +
        (rest.length > 0 ? `; not weighed: ${rest.join(', ')}` : '') + '.',
    );
  }
  return lines;
}

function yearsApart(a: string, b: string): number {
  return Math.abs(Date.parse(a) - Date.parse(b)) / (365.25 * 24 * 3600 * 1000);
}

function groupLines(report: Report, g: ReportGroup, names: Map<string, string>): string[] {
  const ties = g.tieKinds.map((t) => `${t.kind.replace(/_/g, ' ')} ${int(t.count)}`).join(', ');
  const flagged = g.flags > 0 ? `; ${plural(g.flags, 'red flag', 'red flags')} on ${plural(g.flaggedMembers, 'member', 'members')}` : '';
  const lines = [`Group ${g.id}: ${plural(g.size, 'entity', 'entities')} (${g.countries.join(', ') || 'countries unknown'}), joined by ${ties}${flagged}`];
  if (g.nearestPlace) {
    const near = g.borderProximate ? 'near' : g.enoughLocated ? 'not near' : 'too few located members to place';
    // Near by most members at several crossings, not by the median member's distance to one (geo.ts: proximate).
    const spread = g.borderProximate && g.nearestPlace.distanceKm > report.parameters.radiusKm;
    const where = spread
      ? `${int(g.withinRadius)} of ${int(g.located)} located members within ${km(report.parameters.radiusKm)} km of a crossing, spread over several (median ${km(g.nearestPlace.distanceKm)} km from ${plain(g.nearestPlace.name)})`
      : `median ${km(g.nearestPlace.distanceKm)} km from ${plain(g.nearestPlace.name)}`;
    lines.push(`  ${near}: ${where} (${int(g.located)} of ${int(g.size)} members located)`);
  }
  if (g.controllers.length > 0) lines.push(`  behind its flags: ${g.controllers.slice(0, 4).map((id) => nameAndId(names, id)).join(', ')}`);
  return lines;
}

function clusterLine(report: Report, c: ReportCluster, names: Map<string, string>): string[] {
  const countries = c.countries.length === 0 ? '' : ` (${c.countries.slice(0, 4).join(', ')}${c.countries.length > 4 ? ', …' : ''})`;
  const flagged = c.flaggedMembers > 0 ? `; ${plural(c.flaggedMembers, 'flagged member', 'flagged members')}` : '';
  const lines = [`Cluster ${c.id}: ${plural(c.size, 'entity', 'entities')}${countries}, around ${plain(names.get(c.hub)!)} (${plain(c.hub)})${flagged}`];
  if (c.nearestPlace) {
    lines.push(
      `  ${int(c.withinRadius)} of ${plural(c.located, 'located member', 'located members')} within ${km(report.parameters.radiusKm)} km of a crossing; ` +
        (c.borderProximate && c.nearestPlace.distanceKm > report.parameters.radiusKm ? 'spread over several crossings: ' : '') +
        `median ${km(c.nearestPlace.distanceKm)} km from ${plain(c.nearestPlace.name)} (closest member ${km(c.nearestPlace.minDistanceKm)} km)` +
        (c.enoughLocated ? '' : `; too few of its ${int(c.size)} members are located to place it`),
    );
  } else {
    lines.push(c.located === 0 ? '  no member has coordinates' : '  the bundle lists no border crossings');
  }
  return lines;
}

/** Screening against lists: the lists, the matches and the pairs for review, and how near the flagged entities and key nodes are to a listed party. */
function screeningLines(report: Report, names: Map<string, string>, max: number): string[] {
  const sc = report.screening;
  if (sc === undefined) return [];
  const out: string[] = [];
  const lists = sc.lists.map((l) => `${plain(l.name)} (${plain(l.file)}${l.date === null ? '' : `, as of ${l.date}`}, ${plural(l.parties, 'party', 'parties')})`);
  out.push(`Screening against ${plural(sc.lists.length, 'list', 'lists')}: ${lists.join('; ')}`);
  const matched = new Set(sc.matches.map((m) => m.entity)).size;
  out.push(
    `  ${matched === 0 ? 'No entity matches' : `${plural(matched, 'entity matches', 'entities match')}`} a listed party; ${plural(sc.candidates.length, 'pair', 'pairs')} left for review (screening.candidates). A match is a lead to verify against the list's record, not an identification.`,
  );
  const skipped = sc.lists.reduce((n, l) => n + l.skipped.length, 0);
  if (skipped > 0) out.push(`  ${plural(skipped, 'record', 'records')} of the lists skipped for problems (--lenient; listed in screening.lists[].skipped)`);
  const line = (tag: string, m: NonNullable<Report['screening']>['matches'][number]) =>
    `  [${tag}] ${plain(m.entityName)} (${plain(m.entity)}) ~ ${plain(m.listedName)} (${plain(m.listedId)}) on ${plain(m.list)}, score ${m.score.toFixed(2)}: ${plain((m.names.entity === m.names.listed ? m.evidence.slice(1) : m.evidence).join('; '))}`;
  for (const m of sc.matches.slice(0, max)) out.push(line('listed', m));
  if (sc.matches.length > max) out.push(`  … and ${plural(sc.matches.length - max, 'more match', 'more matches')} (screening.matches)`);
  for (const m of sc.candidates.slice(0, max)) out.push(line('review', m));
  if (sc.candidates.length > max) out.push(`  … and ${plural(sc.candidates.length - max, 'more pair', 'more pairs')} for review (screening.candidates)`);
  const reached = sc.paths.filter((p) => p.hops !== null && p.hops > 0).sort((a, b) => a.hops! - b.hops! || (a.entity < b.entity ? -1 : 1));
  if (sc.paths.length > 0) {
    out.push(`  Nearest listed party, for ${plural(sc.paths.length, 'flagged entity or key node', 'flagged entities and key nodes')}: ${int(reached.length)} within ${plural(sc.maxHops, 'tie', 'ties')} of one${reached.length > 0 ? ':' : '.'}`);
    for (const p of reached.slice(0, max)) {
      const via = p.steps.map((st) => `${st.kinds.join('/').replace(/_/g, ' ')} → ${plain(names.get(st.to) ?? st.to)}`).join(', ');
      out.push(`    ${plain(names.get(p.entity) ?? p.entity)} (${plain(p.entity)}; ${p.why.join(', ')}): ${plural(p.hops!, 'tie', 'ties')} from ${plain(names.get(p.listed!) ?? p.listed!)} (${via})`);
    }
  }
  return out;
}

/**
 * The strongest flags, for people: the most severe first, taking each rule's flags in turn so that
 * one busy rule does not crowd out the others. `flags` must be in report order.
 */
export function strongestFlags(flags: Report['flags'], max: number): Report['flags'] {
  const picked: Report['flags'] = [];
  for (const severity of ['high', 'medium', 'low'] as const) {
    const byRule = new Map<string, Report['flags']>();
    for (const f of flags) {
      if (f.severity !== severity) continue;
      const list = byRule.get(f.rule);
      if (list) list.push(f);
      else byRule.set(f.rule, [f]);
    }
    const queues = [...byRule.values()].map((list) => ({ list, next: 0 }));
    while (picked.length < max && queues.some((q) => q.next < q.list.length)) {
      for (const q of queues) if (q.next < q.list.length && picked.length < max) picked.push(q.list[q.next++]);
    }
  }
  return picked;
}

/** How many records of each schema not read, most first (then by name): `Note 43, Vessel 2`. */
function schemaCounts(unread: Report['input']['rejected']): string {
  const counts = new Map<string, number>();
  for (const i of unread) {
    const schema = unreadSchemaOf(i)!;
    counts.set(schema, (counts.get(schema) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([schema, n]) => `${schema} ${int(n)}`).join(', ');
}

/**
 * The summary a person reads after `chokepoint analyze`: the clusters near border crossings and the
 * top key nodes, with the reasons in words. Plain text, one finding per paragraph.
 */
/** An entity as the summary names it: its name and its id (the id alone when the report has no such entity). */
function nameAndId(names: ReadonlyMap<string, string>, id: string): string {
  return `${plain(names.get(id) ?? id)} (${plain(id)})`;
}

export function renderSummary(report: Report, options: SummaryOptions = {}): string {
  const maxKey = options.keyNodes ?? 10;
  const maxOther = options.otherClusters ?? 3;
  const maxFlags = options.flags ?? 6;
  const maxControllers = options.controllers ?? 8;
  const maxQueue = options.queue ?? 10;
  const names = new Map(report.entities.map((e) => [e.id, e.name]));
  const kinds = new Map(report.entities.map((e) => [e.id, e]));
  const c = report.input.counts;
  // The ties shipments imply (paid_for, consigned_to) are relations of the report, not rows of relations.csv.
  const implied = report.relations.reduce((n, r) => n + (r.viaShipments === undefined ? 0 : 1), 0);
  const out: string[] = [];

  out.push(`Chokepoint report on "${plain(report.input.bundle)}" (seed ${report.parameters.seed}, border radius ${km(report.parameters.radiusKm)} km)`);
  // What was read, as rows of the input: the entities merged as name variants, and the ties and shipments that merging
  // made ties of an entity to itself (dropped), were read too.
  // Records of a FollowTheMoney schema not read (Notes, Vessels…) are listed with the skipped rows, but are no problem.
  const { unread, problems } = splitUnread(report.input.rejected);
  const badRows = Math.max(0, c.rejectedRows - unread.length);
  const merged = report.resolution.merges.reduce((n, m) => n + m.merged.length, 0);
  const dropped = report.resolution.dropped;
  const afterMerging = merged > 0 ? ` (${int(c.entities)} once name variants are merged)` : '';
  out.push(
    `Read ${plural(c.entities + merged, 'entity', 'entities')}${afterMerging}, ${plural(c.relations - implied + dropped.relations, 'relation', 'relations')}, ` +
      `${plural(c.shipments + dropped.shipments, 'shipment', 'shipments')}, ${plural(c.places, 'place', 'places')}` +
      (implied > 0 ? ` (and ${plural(implied, 'tie', 'ties')} that shipments imply through their payer or consignee, counted among the report's relations)` : '') +
      (badRows > 0 ? `; skipped ${plural(badRows, 'bad row', 'bad rows')} (listed in the report under input.rejected)` : '') +
      (unread.length > 0 ? `; left out ${plural(unread.length, 'record', 'records')} of FollowTheMoney schemata Chokepoint does not read (${schemaCounts(unread)})` : ''),
  );
  const queue = queueLines(report, maxQueue);
  if (queue.length > 0) out.push('', ...queue, '');
  // What was skipped or doubted in the input, the first few in words (the report lists them all).
  const issue = (i: Report['input']['rejected'][number]) => `${i.file} line ${i.line}${i.column === undefined ? '' : `, column "${i.column}"`}: ${i.reason}`;
  const firstFew = (list: Report['input']['rejected'], where: string) => {
    for (const i of list.slice(0, 5)) out.push(`  ${plain(issue(i))}`);
    if (list.length > 5) out.push(`  … and ${int(list.length - 5)} more in ${where}`);
  };
  if (problems.length > 0) {
    out.push(`Skipped (${plural(problems.length, 'problem', 'problems')}):`);
    firstFew(problems, 'input.rejected');
  }
  if (report.input.warnings.length > 0) {
    out.push(`${plural(report.input.warnings.length, 'warning', 'warnings')} about the input (read, but repaired or doubtful; listed in input.warnings):`);
    firstFew(report.input.warnings, 'input.warnings');
  }
  const res = report.resolution;
  const geo = report.geocoding;
  if (res.merges.length > 0 || res.possible.length > 0 || res.judged !== undefined || res.commonNames !== undefined || res.commonCompanyNames !== undefined) {
    out.push(
      `Name variants: merged ${plural(res.merges.reduce((n, m) => n + m.merged.length, 0), 'record', 'records')} into ${plural(res.merges.length, 'entity', 'entities')}; ` +
        `${plural(res.possible.length, 'pair', 'pairs')} left for review (resolution in the report).`,
    );
    // A record merged into another is named by the entity it is in; an id the report lacks, as it was given.
    const aliases = res.aliases;
    const record = (id: string) =>
      names.has(id) ? nameAndId(names, id) : Object.prototype.hasOwnProperty.call(aliases, id) ? `${plain(id)} (merged into ${nameAndId(names, aliases[id])})` : plain(id);
    // The first pairs to review, by name: a pair of namesakes across a border is what a person looks for in a report.
    for (const p of res.possible.slice(0, 3)) {
      // (why it is listed, or else how the names compare)
      const why = p.evidence.find((e) => e.startsWith('judged')) ?? p.evidence.find((e) => e.startsWith('not merged') || e.startsWith('the same full name') || e.startsWith('the same name in Arabic')) ?? p.evidence[0] ?? '';
      out.push(`  possibly the same (${p.score}): ${record(p.a)} / ${record(p.b)}; ${plain(why)}`);
    }
    if (res.possible.length > 3) out.push(`  … and ${int(res.possible.length - 3)} more pairs (report: resolution.possible)`);
    // Persons, then companies, of common names: why none of them is paired on a name alone.
    const commonLine = (names: number, bearers: number, most: readonly (readonly [string, number])[], kind: [string, string], field: string, what: string) =>
      `  ${plural(bearers, `${kind[0]} bears`, `${kind[1]} bear`)} one of ${plural(names, what, `${what}s`)} (more than six ${kind[1]} each, such as ${most
        .slice(0, 3)
        .map(([name, n]) => `"${plain(name)}" (${int(n)})`)
        .join(', ')}): a common name says nothing, so they were neither merged nor listed for review with another ${kind[0]} on their names alone, only with a shared registration number, phone or address (report: resolution.${field}).`;
    const persons = res.commonNames;
    if (persons !== undefined) out.push(commonLine(persons.names, persons.persons, persons.most.map((n) => [n.name, n.persons] as const), ['person', 'persons'], 'commonNames', 'common name'));
    const companies = res.commonCompanyNames;
    if (companies !== undefined) {
      out.push(commonLine(companies.names, companies.companies, companies.most.map((n) => [n.name, n.companies] as const), ['company', 'companies'], 'commonCompanyNames', 'common company name'));
    }
    const j = res.judged;
    if (j !== undefined) {
      out.push(
        `  Judgements of the case file applied: ${plural(j.same, 'pair', 'pairs')} merged as the same, ${int(j.notSame)} kept apart as not the same, ${int(j.unsure)} kept apart as unsure (listed for review)` +
          (j.notApplied.length === 0 ? '.' : `; ${int(j.notApplied.length)} not applied (resolution.judged.notApplied):`),
      );
      for (const n of j.notApplied.slice(0, 3)) out.push(`    ${record(n.a)} / ${record(n.b)} (${n.verdict}): ${plain(n.reason)}`);
      if (j.notApplied.length > 3) out.push(`    … and ${int(j.notApplied.length - 3)} more`);
    }
  }
  if (geo.geocoded.length + geo.ambiguous.length + geo.unknown.length > 0) {
    out.push(`Geocoded ${plural(geo.geocoded.length, 'entity', 'entities')} from city and country; ${int(geo.ambiguous.length)} ambiguous and ${int(geo.unknown.length)} unknown places left without coordinates.`);
    // The towns taken by a guess: a name one letter away (a typing slip), a name read from the Arabic script.
    for (const [field, how] of [
      ['spelledAs', 'by the name of a town one letter away from the city written (a typing slip? check it)'],
      ['readAs', 'read from the Arabic script by their consonants (check it)'],
    ] as const) {
      const guessed = geo.geocoded.filter((g) => g[field] !== undefined);
      if (guessed.length === 0) continue;
      const towns = [...new Map(guessed.map((g) => [`${g.country}\u0000${g.city}`, `${JSON.stringify(g.city)} as ${g[field]} (${g.country})`])).values()];
      const shown = towns.slice(0, 5).join(', ') + (towns.length > 5 ? ` and ${int(towns.length - 5)} more (geocoding.geocoded, ${field})` : '');
      out.push(`  ${int(guessed.length)} of them ${how}: ${shown}.`);
    }
  }
  const net = report.network;
  out.push(
    `Network: ${plural(net.ties, 'tie', 'ties')} between ${plural(net.entities, 'entity', 'entities')} in ` +
      `${plural(net.components, 'connected part', 'connected parts')} (largest: ${int(net.largestComponent)}); ` +
      `${plural(report.clusters.length, 'cluster', 'clusters')}, modularity ${net.modularity.toFixed(3)}.`,
  );
  if (net.computedBy !== undefined) out.push(`Clusters and betweenness computed by ${net.computedBy}.`);
  out.push(...measuresLines(report));
  if (!net.betweenness.exact) {
    out.push(
      `Betweenness is estimated from ${int(net.betweenness.samples)} shortest paths sampled between random pairs of entities (Riondato & Kornaropoulos 2016): ` +
        `each value is within ±${formatBound(net.betweenness.epsilon!)} of the exact one, for all entities at once, with probability ${((1 - net.betweenness.delta!) * 100).toFixed(0)}% ` +
        `(--exact computes it exactly).`,
    );
  }
  out.push('');
  const screening = screeningLines(report, names, 8);
  if (screening.length > 0) out.push(...screening, '');

  const near = report.clusters.filter((x) => x.borderProximate);
  out.push(`Clusters near border crossings: ${near.length === 0 ? 'none' : int(near.length)}`);
  if (near.length === 0 && !report.places.some((p) => p.kind === 'border_crossing')) {
    out.push('  No border crossing in the data: add them to places.csv (with their coordinates) to find the clusters near one.');
  } else if (near.length === 0) {
    out.push(`  No cluster has its median located member within ${km(report.parameters.radiusKm)} km of a crossing (with enough members located to say).`);
  }
  for (const x of near) out.push(...clusterLine(report, x, names).map((l) => `  ${l}`));
  const others = report.clusters
    .filter((x) => !x.borderProximate && x.size > 1 && x.nearestPlace !== null)
    .sort((a, b) => a.nearestPlace!.distanceKm - b.nearestPlace!.distanceKm || a.id - b.id)
    .slice(0, maxOther);
  if (others.length > 0) {
    out.push('');
    out.push('Nearest of the other clusters:');
    for (const x of others) out.push(...clusterLine(report, x, names).map((l) => `  ${l}`));
  }
  out.push('');

  const groupsNear = report.groups.filter((g) => g.borderProximate);
  const crossBorder = report.groups.filter((g) => !g.borderProximate && g.countries.length >= 2 && g.flags > 0);
  if (groupsNear.length + crossBorder.length > 0) {
    out.push(`Company groups (ownership, directorship, family, shared address or phone, followed across borders): ${int(report.groups.length)}; near a border crossing: ${groupsNear.length === 0 ? 'none' : int(groupsNear.length)}`);
    for (const g of [...groupsNear, ...crossBorder].slice(0, 6)) out.push(...groupLines(report, g, names).map((l) => `  ${l}`));
    out.push('');
  }

  const keys = report.keyNodes.slice(0, maxKey);
  out.push(`Top key nodes: ${keys.length === 0 ? 'none (no entity lies between others)' : `${int(keys.length)} of ${int(report.keyNodes.length)} ranked`} (who controls flagged companies, brokers between clusters and across borders, carries the flow, holds the network together)`);
  for (const k of keys) {
    const e = kinds.get(k.id)!;
    const where = [e.kind, e.country].filter((x) => x !== undefined).join(', ');
    const flags = k.flags > 0 ? `, ${plural(k.flags, 'red flag', 'red flags')}` : '';
    const listed = e.listed === undefined ? '' : `; LISTED: matches ${e.listed.map((l) => `${plain(l.listedName)} on ${plain(l.list)}`).join(', ')}`;
    out.push(`  ${k.rank}. ${plain(k.name)} (${plain(k.id)}; ${where}; cluster ${k.cluster}), ${ROLE_WORDS[k.role]}, score ${k.score.toFixed(2)}${flags}${listed}`);
    for (const r of k.reasons) out.push(`     - ${plain(r)}`);
  }
  out.push('');

  if (report.controllers.length > 0) {
    out.push(`People and companies behind the flags: ${plural(report.controllers.length, 'controller', 'controllers')} of flagged companies (ownership of 25 % or more, directorship, along chains and through relatives)`);
    for (const c of report.controllers.slice(0, maxControllers)) {
      const sev = (['high', 'medium', 'low'] as const).filter((x) => c.flags[x] > 0).map((x) => `${int(c.flags[x])} ${x}`).join(', ');
      const rank = c.keyNodeRank === null ? '' : `; key node #${c.keyNodeRank}`;
      out.push(`  ${plain(c.name)} (${plain(c.id)}; ${[c.kind, c.country].filter((x) => x !== undefined).join(', ')}${rank}): ${plural(controlledCount(c), 'flagged company', 'flagged companies')}, ${sev} flags`);
      const shown = c.companies.slice(0, 4).map((x) => `${plain(x.name)} (${plain(x.id)}, ${plural(x.flags, 'flag', 'flags')}${x.throughFamily ? ', through a relative' : x.path.length > 1 ? ', along a chain' : ''})`);
      out.push(`     ${shown.join('; ')}${controlledCount(c) > shown.length ? `; and ${int(controlledCount(c) - shown.length)} more` : ''}`);
    }
    out.push('');
  }

  const cp = report.chokepoints;
  if (cp === null) {
    out.push('Supply chokepoints: not computed: no supplier of the goods, or no target (no cluster or company group near a border crossing); choose the sources and targets yourself to compute them (docs/report.md, supply chokepoints).');
    out.push('');
  }
  if (cp !== null) {
    const name = (id: string) => nameAndId(names, id);
    const cur = cp.valueCurrency;
    out.push(`Supply chokepoints for ${plain(cp.goods)}, from ${plain(cp.sourcesSelection)} (${int(cp.sources.length)}) to ${plain(cp.targetsSelection)} (${int(cp.targets.length)}):`);
    if (cp.sourcesAlsoTargets.length > 0) {
      out.push(
        `  ${plural(cp.sourcesAlsoTargets.length, 'supplier is', 'suppliers are')} also among the targets; none is dropped: what reaches ${cp.sourcesAlsoTargets.length === 1 ? 'it' : 'them'} counts as delivered, and what ${cp.sourcesAlsoTargets.length === 1 ? 'it sells' : 'they sell'} to targets outside ${cp.sourcesAlsoTargets.length === 1 ? 'its' : 'their'} own company group counts from ${cp.sourcesAlsoTargets.length === 1 ? 'it' : 'them'}: ${cp.sourcesAlsoTargets.slice(0, 6).map(name).join(', ')}${cp.sourcesAlsoTargets.length > 6 ? ', …' : ''}`,
      );
    }
    if (cp.insideGroups > 0) out.push(`  ${plural(cp.insideGroups, 'shipment goes', 'shipments go')} from a supplier straight to a target of its own company group: movements inside a group, not counted as supply`);
    const kgWords = cp.noFlow.kg === null ? `at most ${int(Math.round(cp.maxFlow.kg))} kg can flow` : `no mass can flow: ${cp.noFlow.kg}`;
    const valueWords = cp.noFlow.value === null ? `value at most ${money(cp.maxFlow.value, cur!)}` : `no value can flow: ${cp.noFlow.value}`;
    out.push(`  ${kgWords}; ${valueWords}; along ${plural(cp.shipments.length, 'shipment', 'shipments')}`);
    if (cp.unweighed.shipments > 0) {
      out.push(`  ${plural(cp.unweighed.shipments, 'shipment', 'shipments')} of these goods could not be weighed in kg (${cp.unweighed.byUnit.map((u) => `${int(u.shipments)} ${u.unit === 'none' ? 'without a quantity' : `in ${u.unit}`}`).join(', ')}) and carry no mass in the flow`);
    }
    if (cp.unvalued.shipments > 0 && cur !== null) {
      out.push(`  ${plural(cp.unvalued.shipments, 'shipment', 'shipments')} ${cp.unvalued.shipments === 1 ? 'has' : 'have'} no value in ${cur} (${cp.unvalued.byCurrency.map((u) => `${int(u.shipments)} ${u.currency === 'none' ? 'without a value' : `in ${u.currency}, no rate`}`).join(', ')})`);
    }
    if (cp.dominators.length > 0) out.push(`  every path passes through: ${cp.dominators.map(name).join(', ')}`);
    for (const d of cp.partialDominators.slice(0, 3)) {
      if (!cp.dominators.includes(d.id)) out.push(`  every path to ${int(d.targets)} of ${int(cp.reachableTargets)} reachable targets passes through ${name(d.id)}`);
    }
    if (cp.vertexCut.length > 0) out.push(`  removing ${plural(cp.vertexCut.length, 'entity', 'entities')} stops all of it: ${cp.vertexCut.slice(0, 8).map((v) => name(v.id)).join(', ')}${cp.vertexCut.length > 8 ? ', …' : ''}`);
    if (cp.flowCut !== null && cp.flowCut.entities.length > 0) {
      // (which of the entities carrying the flow matters most: a vertex cut of one target says only "the target")
      const of = cp.flowCut.measure === 'kg' ? 'the kg' : cp.flowCut.measure === 'value' ? `the value${cur === null ? '' : ` (${cur})`}` : 'the shipments';
      out.push(`  lost without each alone (share of ${of} that can flow): ${cp.flowCut.entities.slice(0, 5).map((e) => `${name(e.id)} ${(e.share * 100).toFixed(0)}%`).join(', ')}${cp.flowCut.entities.length > 5 ? ', …' : ''}`);
    }
    const shares = cp.disruption.filter((s) => s.remainingFlowShare !== null || s.remainingValueShare !== null || s.targetsReached !== undefined);
    if (shares.length > 0) {
      const what =
        cp.noFlow.kg === null
          ? 'greedy removals; share of kg still deliverable'
          : cp.noFlow.value === null
            ? `greedy removals; share of value (${cur}) still deliverable`
            : 'greedy removals by the shipments they cut, as nothing could be weighed or valued';
      out.push(`  fragility curve (${what}; targets still reached, largest connected part):`);
      shares.slice(0, 5).forEach((s, i) => {
        const parts = [
          s.remainingFlowShare === null ? null : `${(s.remainingFlowShare * 100).toFixed(0)}% of kg`,
          s.remainingValueShare === null ? null : `${(s.remainingValueShare * 100).toFixed(0)}% of value`,
          s.targetsReached === undefined ? null : `${int(s.targetsReached)} of ${int(cp.reachableTargets)} targets reached`,
        ].filter((x) => x !== null);
        out.push(`    ${i + 1}. without ${name(s.id)}: ${parts.join(', ')}; ${int(s.largestComponent)} entities still connected`);
      });
    }
    out.push('');
  }

  const flags = report.flags;
  const subjects = new Set(flags.flatMap((f) => f.entities)).size;
  const bySeverity = (['high', 'medium', 'low'] as const).map((sev) => [sev, flags.filter((f) => f.severity === sev).length] as const).filter(([, n]) => n > 0);
  const enabled = report.flagRules.filter((r) => r.enabled).length;
  out.push(
    `Red flags: ${flags.length === 0 ? 'none' : `${plural(flags.length, 'flag', 'flags')} on ${plural(subjects, 'entity', 'entities')} (${bySeverity.map(([sev, n]) => `${int(n)} ${sev}`).join(', ')})`}` +
      ` from ${int(enabled)} of ${plural(report.flagRules.length, 'rule', 'rules')}`,
  );
  if (flags.length > 0) {
    // Grouped by rule, the rules with the most severe flags first; under each, its strongest flags with their
    // evidence in sentences and a small table. The rule's title is said once.
    const strongest = new Set(strongestFlags(flags, maxFlags));
    const groups = new Map<string, Report['flags']>();
    for (const f of flags) {
      const list = groups.get(f.rule);
      if (list) list.push(f);
      else groups.set(f.rule, [f]);
    }
    const rank = (sev: string) => (sev === 'high' ? 3 : sev === 'medium' ? 2 : 1);
    // (the highest severity of each rule's flags by a loop: a rule can raise more flags than a call may take arguments,
    // and 262,000 flags on a distributor's trade stopped the summary with "Maximum call stack size exceeded")
    const highest = new Map<string, number>();
    for (const [rule, list] of groups) {
      let top = 0;
      for (const f of list) top = Math.max(top, rank(f.severity));
      highest.set(rule, top);
    }
    const ordered = [...groups].sort((a, b) => highest.get(b[0])! - highest.get(a[0])! || b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
    for (const [rule, list] of ordered) {
      const sev = (['high', 'medium', 'low'] as const).map((x) => [x, list.filter((f) => f.severity === x).length] as const).filter(([, n]) => n > 0);
      const on = new Set(list.flatMap((f) => f.entities)).size;
      out.push(`  ${plain(list[0].title)} (${rule}): ${plural(list.length, 'flag', 'flags')} on ${plural(on, 'entity', 'entities')} (${sev.map(([x, n]) => `${int(n)} ${x}`).join(', ')})`);
      // Every rule shows at least its strongest flag: in full when it is among the strongest overall, else one line.
      const shown = list.filter((f) => strongest.has(f));
      if (shown.length === 0) {
        out.push(`    [${list[0].severity}] ${plain(list[0].explanation.sentences[0] ?? list[0].summary)}`);
      }
      for (const f of shown) {
        out.push(`    [${f.severity}] ${plain(f.explanation.sentences[0] ?? f.summary)}`);
        for (const sentence of f.explanation.sentences.slice(1)) out.push(`      ${plain(sentence)}`);
        const width = Math.min(24, Math.max(...f.explanation.facts.map((x) => x.label.length), 0));
        for (const fact of f.explanation.facts) {
          out.push(`      | ${plain(fact.label).padEnd(width)} | ${plain(fact.value)}${fact.threshold === undefined ? '' : ` (rule: ${plain(fact.threshold)})`}`);
        }
      }
      const more = list.length - Math.max(1, shown.length);
      if (more > 0) out.push(`    … and ${plural(more, 'more flag', 'more flags')} of this rule (report: flags)`);
    }
    const unjudged = report.flagRules.filter((r) => r.enabled && r.coverage !== undefined && r.coverage.notJudged.length > 0);
    if (unjudged.length > 0) {
      out.push('  Not fully judged (the rules could not see everything they look at):');
      for (const r of unjudged) {
        const c = r.coverage!;
        const all = c.judged + c.notJudged.reduce((n, x) => n + x.count, 0);
        out.push(`    ${r.id}, of ${int(all)} ${plain(c.unit)}: ${c.notJudged.map((x) => `${int(x.count)} ${plain(x.reason)}`).join('; ')}`);
      }
    }
  }
  out.push('');
  out.push(report.disclaimer);
  return `${out.join('\n')}\n`;
}
