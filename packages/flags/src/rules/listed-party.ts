import { RELATION_KINDS, type Shipment } from '@chokepoint/model';
import { listWords } from '../text';
import { PROGRESS_EVERY, type FlagContext, type ListedMatch, type Rule, type RuleHit, type Severity } from '../types';
import { dateWords, goodsWords, recordWords, shipmentFacts, shipmentTable } from './words';

/** "Kestrel Freight LLC (id KF-1) on fictional-list, line 4 of fictional-list.jsonl". */
function listedWords(m: ListedMatch, withList = true): string {
  return `${m.listedName} (${m.listedSchema} ${m.listedId})${withList ? ` on ${m.list}` : ''}, line ${m.line} of ${m.listFile}`;
}

function matchFacts(m: ListedMatch): Record<string, unknown> {
  return {
    list: m.list,
    listFile: m.listFile,
    listedId: m.listedId,
    listedName: m.listedName,
    listedSchema: m.listedSchema,
    listLine: m.line,
    score: m.score,
    topics: m.topics,
    programs: m.programs,
    evidence: m.evidence,
  };
}

const VERIFY =
  'A name match is a lead to verify, not an identification: compare the list’s own record (its identifiers, addresses and sources) with what is known of this entity before drawing any conclusion.';

export const listedPartyMatch: Rule = {
  id: 'listed-party-match',
  title: 'Matches a listed party',
  description:
    'An entity whose name, and the identifiers both sides give (country, birth date, registration number), match a party of a list of listed parties screened against (sanctions, export controls, debarment; FollowTheMoney lists such as an OpenSanctions export; see docs/screening.md). Pairs whose names agree but whose identifiers disagree are not flagged: they are listed in the report for review (screening.candidates). A party whose topics on the list are all in reviewTopics (politically exposed persons, their relatives and associates, persons of interest) is flagged at reviewSeverity: being on such a list is no indicator of wrongdoing.',
  severity: 'high',
  parameters: [
    { name: 'reviewTopics', type: 'codes', default: ['role.pep', 'role.rca', 'poi'], description: 'List topics (OpenSanctions) that do not by themselves mark a restricted party.' },
    { name: 'reviewSeverity', type: 'severity', default: 'medium', description: 'Severity when every topic of the matched party is in reviewTopics.' },
  ],
  sources: [
    {
      publisher: 'U.S. Department of Commerce, Bureau of Industry and Security',
      indicator: 'The customer or its address is similar to one of the parties found on the Commerce Department’s list of denied persons (and the other screening lists).',
      reference: 'BIS, “Know Your Customer” Guidance and Red Flags (Supplement 3 to 15 CFR Part 732)',
    },
    {
      publisher: 'FinCEN and BIS',
      indicator: 'Transactions involving entities or persons on the Entity List, the SDN List or other restricted-party lists, or their affiliates.',
      reference: 'FinCEN & BIS Joint Alert FIN-2022-Alert003 (June 2022) and its supplement (May 2023)',
    },
  ],
  falsePositives:
    'Namesakes (common names, companies of the same name in the same country) when neither side gives a birth date or registration number; a party delisted after the list’s date; lists that include politically exposed persons, who are no wrongdoers.',
  intraGroup: 'Not applicable: the rule looks at one entity and the lists.',
  coverage: { unit: 'entities screened against lists', reasons: [] },
  evaluate(ctx, params, coverage, progress) {
    const reviewTopics = params.reviewTopics as string[];
    const reviewSeverity = params.reviewSeverity as Severity;
    // Without a list there is nothing to judge (the report has no screening section then).
    if (!ctx.screened) return [];
    coverage.judged(ctx.bundle.entities.length);
    const hits: RuleHit[] = [];
    const entities = ctx.bundle.entities;
    for (let at = 0; at < entities.length; at++) {
      if ((at & PROGRESS_EVERY) === 0) progress(at, entities.length);
      const e = entities[at];
      const matches = ctx.listed(e.id);
      if (matches.length === 0) continue;
      const best = matches[0];
      const reviewOnly = matches.every((m) => m.topics.length > 0 && m.topics.every((t) => reviewTopics.includes(t)));
      const lists = [...new Set(matches.map((m) => m.list))];
      hits.push({
        entities: [e.id],
        counterparties: [],
        shipments: [],
        severity: reviewOnly ? reviewSeverity : undefined,
        evidence: { matches: matches.map(matchFacts), lists },
        summary: `${ctx.label(e.id)} matches ${listedWords(best)} (score ${best.score})${matches.length > 1 ? `, and ${matches.length - 1} more listed ${matches.length === 2 ? 'party' : 'parties'}` : ''}.`,
        explanation: {
          sentences: [
            `${ctx.label(e.id)} matches ${matches.length === 1 ? 'a party' : `${matches.length} parties`} of ${lists.length === 1 ? `the list ${lists[0]}` : `the lists ${listWords(lists)}`}: ${listWords(matches.map((m) => `${listedWords(m, lists.length > 1)}, score ${m.score}`))}.`,
            `Why: ${best.evidence.join('; ')}.`,
            ...(best.topics.length > 0 || best.programs.length > 0
              ? [`The list gives ${[best.topics.length > 0 ? `the topics ${best.topics.join(', ')}` : '', best.programs.length > 0 ? `the programmes ${best.programs.join(', ')}` : ''].filter((x) => x !== '').join(' and ')}.`]
              : []),
            ...(reviewOnly ? ['Every topic of the listed party marks a politically exposed person, a relative or associate, or a person of interest: no indicator of wrongdoing by itself.'] : []),
            VERIFY,
            `Where to look: the list’s record (line ${best.line} of ${best.listFile}) and the sources it cites; what is known of this entity (registration, owners and directors, addresses).`,
          ],
          facts: matches.flatMap((m) => [
            { label: 'Listed party', value: listedWords(m), threshold: `match: score ${m.score}; no identifier disagrees` },
            { label: 'Evidence of the match', value: m.evidence.join('; ') },
            ...(m.topics.length > 0 ? [{ label: 'Topics', value: m.topics.join(', ') }] : []),
            ...(m.programs.length > 0 ? [{ label: 'Programmes', value: m.programs.join('; ') }] : []),
          ]),
        },
      });
    }
    return hits;
  },
};

/** "A owns B" for a relation kind, in the direction written. */
const TIE_WORDS: Readonly<Record<string, string>> = {
  owner: 'owns',
  director: 'is a director of',
  family: 'is a relative of',
  shared_address: 'shares an address with',
  employee: 'is employed by',
  associate: 'is an associate of',
  agent: 'is an agent of',
  paid_for: 'paid for goods of',
  consigned_to: 'received goods consigned by',
};

export const shipmentToListed: Rule = {
  id: 'shipment-to-listed',
  title: 'Shipment to a listed party, or to an entity one tie away from one',
  description:
    'A shipment whose buyer or consignee matches a listed party (see listed-party-match; parties listed only as politically exposed persons or their circle, reviewTopics, do not count), or is one tie away from a matched listed party (a tie of the kinds in ties: ownership, directorship, family, shared address, employment, association, agency, and the paid_for and consigned_to ties that shipments imply). The path is given as evidence. One tie away is flagged at nearSeverity: a tie to a listed party is a reason to ask who the goods are really for, not a finding that they went to it.',
  severity: 'high',
  parameters: [
    { name: 'nearSeverity', type: 'severity', default: 'medium', description: 'Severity when the receiver is not itself listed but one tie away from a listed party.' },
    { name: 'ties', type: 'codes', default: [...RELATION_KINDS], description: 'Kinds of tie that count for “one tie away”.' },
    { name: 'reviewTopics', type: 'codes', default: ['role.pep', 'role.rca', 'poi'], description: 'Listed parties all of whose topics are in this list (politically exposed persons and their circle) are not counted: trading with them is no red flag.' },
  ],
  sources: [
    {
      publisher: 'U.S. Department of Commerce, Bureau of Industry and Security',
      indicator: 'Transactions with parties on the Entity List, and with their affiliates or fronts (the 50 % rule and the “is informed” standard).',
      reference: 'BIS, “Know Your Customer” Guidance and Red Flags; 15 CFR Part 744',
    },
    {
      publisher: 'FinCEN and BIS',
      indicator: 'Transactions involving a customer that is a close associate, relative or front of a listed party; use of intermediaries to reach listed end users.',
      reference: 'FinCEN & BIS Joint Alert FIN-2022-Alert003 (June 2022) and its supplement (May 2023)',
    },
  ],
  falsePositives:
    'Matches that turn out to be namesakes (see listed-party-match); a shared address in a large building or a registered-agent address; employees or relatives with no part in the business; ties that ended before the shipment.',
  intraGroup: 'Flagged all the same: goods sent inside the group of a listed party reach the listed party’s group.',
  coverage: { unit: 'shipments (when lists were screened against)', reasons: [] },
  evaluate(ctx, params, coverage, progress) {
    const nearSeverity = params.nearSeverity as Severity;
    const kinds = new Set(params.ties as string[]);
    const reviewTopics = params.reviewTopics as string[];
    if (!ctx.screened) return [];
    // The matches that count: parties not marked only as politically exposed (or their circle).
    const restricted = (id: string): ListedMatch[] => ctx.listed(id).filter((m) => !(m.topics.length > 0 && m.topics.every((t) => reviewTopics.includes(t))));
    coverage.judged(ctx.bundle.shipments.length);
    // Ties to listed parties, by the entity at the other end.
    const near = new Map<string, { listed: string; kind: string; source: string; target: string }[]>();
    // (how far along: the ties read, the first half; the shipments, the second)
    const relations = ctx.bundle.relations;
    const shipments = ctx.bundle.shipments;
    for (let at = 0; at < relations.length; at++) {
      if ((at & PROGRESS_EVERY) === 0) progress(at, 2 * relations.length);
      const r = relations[at];
      if (!kinds.has(r.kind)) continue;
      for (const [a, b] of [
        [r.source, r.target],
        [r.target, r.source],
      ] as const) {
        if (restricted(b).length === 0 || restricted(a).length > 0) continue;
        const list = near.get(a) ?? [];
        if (!list.some((x) => x.listed === b && x.kind === r.kind)) list.push({ listed: b, kind: r.kind, source: r.source, target: r.target });
        near.set(a, list);
      }
    }
    const hits: RuleHit[] = [];
    for (let at = 0; at < shipments.length; at++) {
      if ((at & PROGRESS_EVERY) === 0) progress(shipments.length + at, 2 * shipments.length);
      const s = shipments[at];
      const receivers = [...new Set([s.buyer, ...(s.consignee === undefined ? [] : [s.consignee])])];
      const direct = receivers.find((r) => restricted(r).length > 0);
      if (direct !== undefined) {
        const m = restricted(direct)[0];
        const role = direct === s.buyer ? 'buyer' : 'consignee';
        hits.push(hit(ctx, s, direct, role, m, [], undefined));
        continue;
      }
      for (const r of receivers) {
        const ties = near.get(r);
        if (ties === undefined) continue;
        const t = ties[0];
        const m = restricted(t.listed)[0];
        const step = `${ctx.label(t.source)} ${TIE_WORDS[t.kind] ?? t.kind} ${ctx.label(t.target)}`;
        hits.push(hit(ctx, s, r, r === s.buyer ? 'buyer' : 'consignee', m, [{ from: r, to: t.listed, kind: t.kind, words: step }], nearSeverity));
        break;
      }
    }
    return hits;
  },
};

function hit(
  ctx: FlagContext,
  s: Shipment,
  receiver: string,
  role: 'buyer' | 'consignee',
  m: ListedMatch,
  path: { from: string; to: string; kind: string; words: string }[],
  severity: Severity | undefined,
): RuleHit {
  const listed = path.length === 0 ? receiver : path[path.length - 1].to;
  const where = path.length === 0 ? `${ctx.label(receiver)}, the ${role}, matches ${listedWords(m)}` : `${ctx.label(receiver)}, the ${role}, is one tie away from ${ctx.label(listed)}, which matches ${listedWords(m)}: ${path.map((p) => p.words).join('; ')}`;
  return {
    entities: path.length === 0 ? [receiver, s.supplier] : [receiver],
    shipment: s.id,
    counterparties: [s.supplier, ...(path.length === 0 ? [] : [listed])],
    shipments: [s.id],
    severity,
    evidence: {
      ...shipmentFacts(s),
      receiver,
      receiverRole: role,
      listedEntity: listed,
      hops: path.length,
      path: path.map((p) => ({ from: p.from, to: p.to, kind: p.kind })),
      match: matchFacts(m),
    },
    summary: `${ctx.label(s.supplier)} shipped ${goodsWords(s)} to ${ctx.label(receiver)}${dateWords(s)}; ${where} (score ${m.score}).`,
    explanation: {
      sentences: [
        `${recordWords(ctx, s)}.`,
        path.length === 0 ? `The ${role} matches a listed party: ${listedWords(m)}, score ${m.score}.` : `The ${role} is not itself matched to a list, but it is one tie away from a listed party: ${path.map((p) => p.words).join('; ')}. ${ctx.label(listed)} matches ${listedWords(m)}, score ${m.score}.`,
        `Why the match: ${m.evidence.join('; ')}.`,
        VERIFY,
        path.length === 0
          ? 'Where to look: the list’s record of the party and the end-use documents of the shipment.'
          : 'Where to look: who the goods were for in the end (end-use statement, onward shipments), and whether the tie held at the time of the shipment.',
      ],
      facts: [
        ...shipmentTable(ctx, s),
        { label: 'Listed party', value: listedWords(m), threshold: `match: score ${m.score}` },
        { label: 'Path to the listed party', value: path.length === 0 ? `the ${role} itself` : path.map((p) => p.words).join('; '), threshold: 'at most one tie' },
      ],
    },
  };
}
