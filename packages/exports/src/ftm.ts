import { controlledCount, type Report } from '@chokepoint/report';
import { judgementsByEntity, pathText, STATUS_WORDS, type ExportOptions } from './network';
import { eachRecord, recordSource } from './records';
import { collected, type TextSink } from './sink';

/** What each key-node role means, in the summary's words. */
const ROLE_WORDS: Readonly<Record<string, string>> = { control: 'behind flagged companies', brokerage: 'a broker', flow: 'the flow depends on it', structure: 'holds the network together' };

interface TieSchema {
  schema: string;
  source: string;
  target: string;
  role?: string;
}

/**
 * Relation kinds as FollowTheMoney interval schemata, with the properties that hold their two ends. FtM has no
 * schema for the ties shipments imply (paid_for, consigned_to): they are UnknownLinks with the kind as role.
 */
const TIE_SCHEMA: ReadonlyMap<string, TieSchema> = new Map([
  ['owner', { schema: 'Ownership', source: 'owner', target: 'asset' }],
  ['director', { schema: 'Directorship', source: 'director', target: 'organization' }],
  ['family', { schema: 'Family', source: 'person', target: 'relative' }],
  ['employee', { schema: 'Employment', source: 'employee', target: 'employer' }],
  ['associate', { schema: 'Associate', source: 'person', target: 'associate' }],
  ['agent', { schema: 'Representation', source: 'agent', target: 'client' }],
  ['shared_address', { schema: 'UnknownLink', source: 'subject', target: 'object', role: 'shared address' }],
  ['paid_for', { schema: 'UnknownLink', source: 'subject', target: 'object', role: 'paid for' }],
  ['consigned_to', { schema: 'UnknownLink', source: 'subject', target: 'object', role: 'consigned to' }],
]);
/** FtM's Family and Associate link persons; between companies the generic link is used. */
const PERSON_ONLY = new Set(['Family', 'Associate']);

type FtmLine = { id: string; schema: string; properties: Record<string, string[]> };

function put(props: Record<string, string[]>, key: string, value: string | number | undefined | null): void {
  if (value !== undefined && value !== null && value !== '') props[key] = [String(value)];
}

/**
 * The report as FollowTheMoney JSON lines, for Aleph: entities (Person, Company, Organization) with
 * their results as notes-free properties, ties as FtM interval schemata, shipments in Chokepoint's
 * Shipment convention (payments read from FtM go back as Payment), and every finding — red flags,
 * key nodes, clusters near a border — as a `Note` on the entity it concerns. One JSON object per line: JSON.stringify
 * escapes line breaks and unpaired surrogates, so every line parses whatever the names hold.
 */
export function toFtm(report: Report, options: ExportOptions = {}): string {
  return collected((sink) => writeFtm(report, sink, options));
}

/** toFtm, line by line to `sink`. */
export function writeFtm(report: Report, sink: TextSink, options: ExportOptions = {}): void {
  const c = options.case;
  const records = recordSource(report, options.records);
  const tell = options.onProgress;
  const statuses = new Map((c?.flags ?? []).map((f) => [f.flag, f]));
  const out = { push: (line: FtmLine) => sink(`${JSON.stringify(line)}\n`) };
  const kinds = new Map(report.entities.map((e) => [e.id, e.kind]));
  for (const e of report.entities) {
    const schema = e.kind === 'person' ? 'Person' : e.kind === 'company' ? 'Company' : 'Organization';
    const p: Record<string, string[]> = { name: [e.name] };
    put(p, 'country', e.country?.toLowerCase());
    put(p, 'address', e.address);
    put(p, 'sector', e.sector);
    if (schema !== 'Person') put(p, 'incorporationDate', e.founded);
    if (Object.hasOwn(e.attributes, 'phone')) put(p, 'phone', e.attributes.phone);
    // (read back as registration_number: FtM's LegalEntity, Person included, has registrationNumber)
    if (Object.hasOwn(e.attributes, 'registration_number')) put(p, 'registrationNumber', e.attributes.registration_number);
    out.push({ id: e.id, schema, properties: p });
  }
  let i = 0;
  for (const r of eachRecord(records.relations, records.relationsIn, (done) => tell?.('writing the relations', done, records.relations))) {
    const at = i++;
    // Ties implied by shipments travel with the shipments (their payer and consignee) and are derived again on reading.
    if (r.viaShipments !== undefined) continue;
    let t: TieSchema = TIE_SCHEMA.get(r.kind) ?? { schema: 'UnknownLink', source: 'subject', target: 'object', role: r.kind.replace(/_/g, ' ') };
    if (PERSON_ONLY.has(t.schema) && (kinds.get(r.source) !== 'person' || kinds.get(r.target) !== 'person')) {
      t = { schema: 'UnknownLink', source: 'subject', target: 'object', role: r.kind };
    }
    const p: Record<string, string[]> = { [t.source]: [r.source], [t.target]: [r.target] };
    put(p, 'role', t.role);
    if (r.kind === 'owner') put(p, 'percentage', r.share);
    put(p, 'startDate', r.start);
    put(p, 'endDate', r.end);
    out.push({ id: `chokepoint-relation-${at}`, schema: t.schema, properties: p });
  }
  for (const s of eachRecord(records.shipments, records.shipmentsIn, (done) => tell?.('writing the shipments', done, records.shipments))) {
    if (s.commodity === 'payment' && Object.hasOwn(s.attributes, 'ftmSchema') && s.attributes.ftmSchema === 'Payment') {
      const p: Record<string, string[]> = { payer: [s.supplier], beneficiary: [s.buyer] };
      put(p, s.currency === 'EUR' ? 'amountEur' : 'amount', s.value);
      if (s.currency !== 'EUR') put(p, 'currency', s.currency);
      put(p, 'date', s.shipped);
      out.push({ id: s.id, schema: 'Payment', properties: p });
      continue;
    }
    const p: Record<string, string[]> = { supplier: [s.supplier], buyer: [s.buyer], commodity: [s.commodity] };
    put(p, 'hsCode', s.hsCode);
    put(p, 'quantity', s.quantity);
    put(p, 'unit', s.unit);
    put(p, 'value', s.value);
    put(p, 'currency', s.currency);
    put(p, 'shipped', s.shipped);
    put(p, 'received', s.received);
    put(p, 'originCountry', s.originCountry);
    put(p, 'destinationCountry', s.destinationCountry);
    put(p, 'transitCountries', s.transitCountries?.join('|'));
    put(p, 'consignee', s.consignee);
    put(p, 'payer', s.payer);
    out.push({ id: s.id, schema: 'Shipment', properties: p });
  }
  const note = (id: string, entity: string, name: string, description: string) =>
    out.push({ id, schema: 'Note', properties: { entity: [entity], name: [name], description: [description], publisher: ['Chokepoint'] } });
  for (const f of report.flags) {
    // The flag as people read it: its sentences, then its table of facts against the rule's thresholds.
    const facts = (f.explanation?.facts ?? []).map((x) => `${x.label}: ${x.value}${x.threshold ? ` (rule: ${x.threshold})` : ''}`);
    const text = f.explanation ? [...f.explanation.sentences, ...facts].join('\n') : f.summary;
    const s = statuses.get(f.id);
    const review = s === undefined ? '' : `\nReview status: ${STATUS_WORDS[s.status]} (${s.by}, ${s.at.slice(0, 10)})${s.history.length > 0 ? `; before: ${s.history.map((h) => `${STATUS_WORDS[h.status]} (${h.by}, ${h.at.slice(0, 10)})`).join(', ')}` : ''}.`;
    for (const entity of f.entities) note(`chokepoint-flag-${f.id}-${entity}`, entity, `Red flag (${f.severity}): ${f.title}`, `${text}\nIndicator for review, not a verdict. Source: ${f.source}${review}`);
  }
  for (const m of report.screening?.matches ?? []) {
    note(
      `chokepoint-listed-${m.list}-${m.listedId}-${m.entity}`,
      m.entity,
      `Matches a listed party: ${m.listedName} on ${m.list}`,
      `${m.listedName} (${m.listedSchema} ${m.listedId}), line ${m.line} of ${m.listFile}; score ${m.score}. ${m.evidence.join('; ')}.${m.topics.length > 0 ? ` Topics: ${m.topics.join(', ')}.` : ''}${m.programs.length > 0 ? ` Programmes: ${m.programs.join('; ')}.` : ''} A match is a lead to verify, not an identification.`,
    );
  }
  for (const k of report.keyNodes) note(`chokepoint-key-${k.id}`, k.id, `Key node #${k.rank} (${ROLE_WORDS[k.role] ?? k.role}; score ${k.score.toFixed(2)})`, k.reasons.join('; '));
  for (const c of report.controllers) {
    const companies = c.companies.map((x) => `${x.name} (${x.id}; ${x.flags} flags): ${pathText(x.path)}${x.throughFamily ? ', through a relative' : ''}`);
    const count = controlledCount(c);
    const more = count > companies.length ? `; and ${count - companies.length} more (the ${companies.length} most flagged named)` : '';
    note(`chokepoint-controller-${c.id}`, c.id, `Behind ${count} flagged ${count === 1 ? 'company' : 'companies'}`, `Controls (ownership of 25 % or more, directorship, along chains and through relatives): ${companies.join('; ')}${more}. Flags on them: ${c.flags.high} high, ${c.flags.medium} medium, ${c.flags.low} low. Where to look: who decides for these companies.`);
  }
  for (const c of report.clusters) {
    if (!c.borderProximate || c.nearestPlace === null) continue;
    for (const m of c.members) note(`chokepoint-cluster-${c.id}-${m}`, m, `In cluster ${c.id}, near a border crossing`, `${c.size} linked entities with a median distance of ${c.nearestPlace.distanceKm.toFixed(1)} km to ${c.nearestPlace.name}.`);
  }
  for (const g of report.groups) {
    if (!g.borderProximate || g.nearestPlace === null) continue;
    for (const m of g.members) note(`chokepoint-group-${g.id}-${m}`, m, `In company group ${g.id}, near a border crossing`, `${g.size} entities joined by ${g.tieKinds.map((t) => `${t.kind.replace(/_/g, ' ')} ${t.count}`).join(', ')}, in ${g.countries.join(', ') || 'countries not given'}, with a median distance of ${g.nearestPlace.distanceKm.toFixed(1)} km to ${g.nearestPlace.name}.`);
  }
  if (c !== undefined) {
    // The case's own notes, as the investigator wrote them: on the entity, on the tie's FtM entity (its first end for
    // trade, which FtM keeps as shipments), or on every entity a flag concerns.
    // (the ties the notes are about, found in one more pass over the relations)
    const wanted = new Set(c.notes.flatMap((n) => (n.target.kind === 'tie' ? [JSON.stringify([n.target.source, n.target.target, n.target.tieKind])] : [])));
    const relationId = new Map<string, string>();
    let k = 0;
    for (const r of wanted.size === 0 ? [] : eachRecord(records.relations, records.relationsIn)) {
      const at = k++;
      const tie = r.viaShipments === undefined ? JSON.stringify([r.source, r.target, r.kind]) : undefined;
      if (tie !== undefined && wanted.has(tie)) relationId.set(tie, `chokepoint-relation-${at}`);
    }
    const flags = new Map(report.flags.map((f) => [f.id, f]));
    const caseNote = (id: string, entity: string, name: string, n: (typeof c.notes)[number]) =>
      out.push({ id, schema: 'Note', properties: { entity: [entity], name: [name], description: [n.text], publisher: [`Chokepoint case: ${c.title}`], createdAt: [n.created], ...(n.edited ? { modifiedAt: [n.edited] } : {}) } });
    // Judgements on pairs of records: one Note on each entity a judged record is in.
    let judgement = 0;
    for (const [entity, lines] of judgementsByEntity(report, c)) {
      for (const line of lines) out.push({ id: `chokepoint-case-judgement-${judgement++}`, schema: 'Note', properties: { entity: [entity], name: ['Case judgement: one entity or two'], description: [line], publisher: [`Chokepoint case: ${c.title}`] } });
    }
    for (const n of c.notes) {
      const t = n.target;
      if (t.kind === 'entity') caseNote(`chokepoint-case-note-${n.id}`, t.id, `Case note by ${n.author}`, n);
      else if (t.kind === 'tie') caseNote(`chokepoint-case-note-${n.id}`, relationId.get(JSON.stringify([t.source, t.target, t.tieKind])) ?? t.source, `Case note by ${n.author} on the ${t.tieKind.replace(/_/g, ' ')} tie ${t.source} → ${t.target}`, n);
      else {
        const f = flags.get(t.id);
        for (const entity of f?.entities ?? []) caseNote(`chokepoint-case-note-${n.id}-${entity}`, entity, `Case note by ${n.author} on the red flag: ${f!.title}`, n);
      }
    }
  }
}
