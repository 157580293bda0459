import { addressKey, phoneKey } from '@chokepoint/engine';
import { listWords, plural } from '../text';
import { PROGRESS_EVERY, type Rule, type RuleHit, type Severity } from '../types';

/** Ties that make companies related: the same owners, directors or family behind them. */
const RELATED_BY = new Set(['owner', 'director', 'family']);

export const addressHub: Rule = {
  id: 'address-hub',
  title: 'Many unrelated companies at one address or phone number',
  description:
    'Companies and organizations that share one street address (folded: case, accents and punctuation aside, in one country, 10 characters or more) or one phone number (its digits, 7 or more; 00 read as +) are grouped; when at least minUnrelated of them are unrelated, the address or number is flagged, with every company there. Unrelated means in different ownership groups: companies linked by ownership, directorship or family ties (directly or through others, people included) count as one. Sharing the address or number does not make them related: that is what the rule weighs. Severity is watchSeverity when a company there bought or received watch-listed goods.',
  severity: 'low',
  parameters: [
    { name: 'minUnrelated', type: 'integer', default: 5, min: 2, max: 100000, description: 'Fewest unrelated companies (ownership groups) at one address or phone number.' },
    { name: 'watchSeverity', type: 'severity', default: 'medium', description: 'Severity when a company at the address or number bought or received watch-listed goods.' },
    { name: 'checkPhones', type: 'boolean', default: true, description: 'Also group companies by phone number (the phone column).' },
  ],
  sources: [
    {
      publisher: 'FATF and Egmont Group',
      indicator: 'Several companies that trade in the same goods or with the same counterparties are registered at the same address, or share a phone number, with no apparent business reason.',
      reference: 'FATF–Egmont Group (2021), Trade-Based Money Laundering: Risk Indicators',
    },
    {
      publisher: 'FinCEN and BIS',
      indicator: 'Customers or consignees that share an address or phone number with many other entities, such as a residential address or a mass-registration address.',
      reference: 'FinCEN and BIS, Supplemental Alert FIN-2023-Alert004 (19 May 2023); BIS, Know Your Customer Guidance and Red Flags',
    },
  ],
  falsePositives:
    'Registered agents, company-formation agents, accountants and business centres that lend their address to many clients; office towers, industrial estates and free-zone buildings written without a unit number; shopping centres; switchboards of chambers of commerce or trade associations; and groups whose ownership ties are missing from the data (then the companies are related after all).',
  intraGroup:
    'Companies of one ownership group count once: a group’s subsidiaries at its headquarters are one party, not many. Only unrelated companies make a hub.',
  coverage: { unit: 'companies with an address or phone number', reasons: [] },
  evaluate(ctx, params, coverage, progress) {
    const minUnrelated = params.minUnrelated as number;
    const watchSeverity = params.watchSeverity as Severity;
    const phones = params.checkPhones as boolean;
    // Ownership groups: union-find over ownership, directorship and family ties only, by entity number (the ends the
    // columns hold; an id no entity has gets a number of its own past them, so that ties through it still bind).
    const c = ctx.columns;
    const parent: number[] = Array.from({ length: c.entityIds.length }, (_x, i) => i);
    const unknown = new Map<string, number>();
    const numberOf = (n: number, id: string): number => {
      if (n >= 0) return n;
      let k = unknown.get(id);
      if (k === undefined) unknown.set(id, (k = parent.push(parent.length) - 1));
      return k;
    };
    const find = (x: number): number => {
      while (parent[x] !== x) x = parent[x] = parent[parent[x]];
      return x;
    };
    const relations = ctx.bundle.relations;
    for (let t = 0; t < relations.length; t++) {
      const r = relations[t];
      if (!RELATED_BY.has(r.kind)) continue;
      const a = find(numberOf(c.relationSource[t], r.source));
      const b = find(numberOf(c.relationTarget[t], r.target));
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
    const places = new Map<string, { kind: 'address' | 'phone'; text: string; companies: string[] }>();
    const items = ctx.bundle.entities;
    for (let at = 0; at < items.length; at++) {
      if ((at & PROGRESS_EVERY) === 0) progress(at, items.length);
      const e = items[at];
      if (e.kind === 'person') continue;
      const address = addressKey(e.address);
      const phone = phones && Object.hasOwn(e.attributes, 'phone') ? phoneKey(e.attributes.phone) : undefined;
      if (address === undefined && phone === undefined) continue;
      coverage.judged();
      const add = (key: string, kind: 'address' | 'phone', text: string) => {
        const p = places.get(key);
        if (p) p.companies.push(e.id);
        else places.set(key, { kind, text, companies: [e.id] });
      };
      if (address !== undefined) add(`a\u0000${e.country ?? ''}\u0000${address}`, 'address', e.address!);
      if (phone !== undefined) add(`p\u0000${phone}`, 'phone', e.attributes.phone);
    }
    const hits: RuleHit[] = [];
    for (const p of places.values()) {
      if (p.companies.length < minUnrelated) continue;
      const byGroup = new Map<number, string[]>();
      for (const id of p.companies) {
        const g = find(numberOf(c.entityOf(id), id));
        const list = byGroup.get(g);
        if (list) list.push(id);
        else byGroup.set(g, [id]);
      }
      if (byGroup.size < minUnrelated) continue;
      const watched = p.companies.filter((c) => ctx.watched(c).length > 0);
      const companies = [...watched, ...p.companies.filter((c) => !watched.includes(c))];
      const shown = companies.slice(0, 12).map((c) => ctx.label(c));
      const what = p.kind === 'address' ? `the address “${p.text}”` : `the phone number ${p.text}`;
      const related = p.companies.length - byGroup.size;
      hits.push({
        entities: companies,
        counterparties: [],
        shipments: [],
        ...(watched.length > 0 ? { severity: watchSeverity } : {}),
        evidence: {
          kind: p.kind,
          [p.kind]: p.text,
          companies,
          unrelatedCompanies: byGroup.size,
          ownershipGroups: [...byGroup.values()].filter((g) => g.length > 1),
          withWatchListedGoods: watched,
        },
        summary: `${plural(p.companies.length, 'company shares', 'companies share')} ${what}, ${byGroup.size} of them unrelated by ownership, directorship or family${watched.length > 0 ? `; ${plural(watched.length, 'of them', 'of them')} bought or received watch-listed goods` : ''}.`,
        explanation: {
          sentences: [
            `${plural(p.companies.length, 'company is', 'companies are')} recorded at ${what}: ${listWords(shown)}${companies.length > 12 ? ' and others' : ''}.`,
            `${byGroup.size} of them are unrelated: no ownership, directorship or family tie links them${related > 0 ? ` (the other ${related} belong to the same ownership group as one of these)` : ''}. Many unrelated companies behind one ${p.kind === 'address' ? 'address' : 'number'} can be fronts run by one hand, or simply clients of one registered agent or business centre.`,
            ...(watched.length > 0 ? [`${listWords(watched.slice(0, 6).map((c) => ctx.label(c)))}${watched.length > 6 ? ' and others' : ''} bought or received watch-listed goods.`] : []),
            `Where to look: what is at ${what} (a registered agent, a business centre, a flat), who answers it, and whether the companies share staff, bank accounts or customers.`,
          ],
          facts: [
            { label: p.kind === 'address' ? 'Address' : 'Phone number', value: p.text },
            { label: 'Companies there', value: String(p.companies.length) },
            { label: 'Unrelated (ownership groups)', value: String(byGroup.size), threshold: `at least ${minUnrelated}` },
            ...(watched.length > 0 ? [{ label: 'With watch-listed goods', value: String(watched.length) }] : []),
          ],
        },
      });
    }
    return hits;
  },
};
