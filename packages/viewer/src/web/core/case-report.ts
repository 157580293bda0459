import type { Report } from '@chokepoint/report';
import { flagStatus, orphans, statusCounts, type CaseFile, type CaseNote, type FlagStatus, type NoteTarget, type SavedView } from '@chokepoint/case';
import { flagText } from './flags';
import { foundWords, samePairs, VERDICT_WORDS } from './same';
import { int, isolateRtl, plural } from './format';
import type { ViewModel } from './model';
import { EDGE_STYLE } from './style';

/**
 * The printable case report: one HTML page, no script, that prints well to PDF — the case's title, the disclaimer,
 * the review in numbers, the saved views with their pictures (SVG made by core/picture.ts), the findings with their
 * evidence and review status, the notes, and what the case holds that this report lacks. Every text from the data or
 * the case is escaped: names and notes are shown as text, never read as markup. Pure.
 */

export const STATUS_WORDS: Record<FlagStatus, string> = { 'to-check': 'To check', confirmed: 'Confirmed', dismissed: 'Dismissed' };

/** Text from the data or the case as HTML text: escaped, never markup, its right-to-left runs isolated (isolateRtl). */
export function escapeHtml(text: string): string {
  return isolateRtl(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A date and time as people read it in a report: 2026-03-02 14:05 UTC. */
export function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** What a note is about, in words. */
export function targetWords(model: ViewModel, t: NoteTarget): string {
  const name = (id: string) => {
    const n = model.byId.get(id);
    return n ? `${n.name} (${id})` : `${id} (not in this report)`;
  };
  if (t.kind === 'entity') return name(t.id);
  if (t.kind === 'tie') {
    const label = (EDGE_STYLE as Record<string, { label: string } | undefined>)[t.tieKind]?.label ?? t.tieKind.replace(/_/g, ' ');
    return `${label} tie: ${name(t.source)} → ${name(t.target)}`;
  }
  const f = model.report.flags.find((x) => x.id === t.id);
  return f ? `red flag: ${f.title} (${t.id})` : `red flag ${t.id} (not in this report)`;
}

export interface CaseReportInput {
  model: ViewModel;
  case: CaseFile;
  /** The saved views in the case's order, each with its picture as SVG markup (from sceneToSvg), or null when it could not be drawn. */
  pictures: { view: SavedView; svg: string | null; description: string }[];
  /** ISO time of the report. */
  generated: string;
  /** Who printed it. */
  by: string;
}

const CSS = `
@page { size: A4; margin: 16mm 14mm 18mm; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1a1a1a; margin: 0 auto; max-width: 190mm; padding: 8mm 0; }
h1 { font-size: 20pt; margin: 0 0 2mm; }
h2 { font-size: 14pt; margin: 8mm 0 3mm; border-bottom: 1px solid #bbb; padding-bottom: 1mm; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 4mm 0 1.5mm; break-after: avoid; }
p { margin: 1mm 0 2mm; }
.meta { color: #555; font-size: 9pt; }
.disclaimer { border: 1.5px solid #a33; background: #fbeeee; padding: 3mm 4mm; margin: 4mm 0; color: #5a1010; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; font-size: 9.5pt; }
th, td { border: 1px solid #ccc; padding: 1mm 2mm; text-align: left; vertical-align: top; }
th { background: #f1f1f1; }
.view { break-inside: avoid; margin: 0 0 6mm; }
.view svg { width: 100%; height: auto; border: 1px solid #ccc; display: block; }
.flag { break-inside: avoid; border: 1px solid #ccc; border-left: 4px solid #999; padding: 2mm 3mm; margin: 0 0 3mm; }
.flag.high { border-left-color: #c00000; } .flag.medium { border-left-color: #e08214; } .flag.low { border-left-color: #8a8a8a; }
.status { display: inline-block; padding: 0 2mm; border-radius: 2mm; font-weight: 600; font-size: 9pt; }
.status.confirmed { background: #fde0e0; color: #8a0000; } .status.dismissed { background: #e6e6e6; color: #333; } .status.to-check { background: #fff3c4; color: #6a5200; }
.note { border-left: 3px solid #1f5fa8; padding: 1mm 3mm; margin: 1.5mm 0; background: #f5f8fc; break-inside: avoid; }
.note .text { white-space: pre-wrap; }
.threshold { color: #555; display: block; font-size: 8.5pt; }
footer { margin-top: 10mm; border-top: 1px solid #bbb; padding-top: 2mm; color: #555; font-size: 8.5pt; }
@media screen { body { padding: 12mm 8mm; } }
`;

function notesHtml(notes: readonly CaseNote[]): string {
  return notes
    .map((n) => `<div class="note"><div class="text">${escapeHtml(n.text)}</div><div class="meta">${escapeHtml(n.author)}, ${when(n.created)}${n.edited ? ` (edited ${when(n.edited)})` : ''}</div></div>`)
    .join('\n');
}

/** The printable case report as one HTML document. */
export function caseReportHtml(input: CaseReportInput): string {
  const { model, case: c } = input;
  const report: Report = model.report;
  const e = escapeHtml;
  const out: string[] = [];
  const flagIds = report.flags.map((f) => f.id);
  const counts = statusCounts(c, flagIds);
  const reviewed = new Set(c.flags.map((f) => f.flag));
  const noted = new Set(c.notes.filter((n) => n.target.kind === 'flag').map((n) => (n.target as { id: string }).id));
  out.push('<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">', `<title>${e(c.title)}</title>`, `<style>${CSS}</style>`, '</head>', '<body>');
  out.push(`<h1>${e(c.title)}</h1>`);
  out.push(`<p class="meta">Case report on the analysis of bundle <strong>${e(report.input.bundle)}</strong> (Chokepoint ${e(report.tool.version)}) · printed ${when(input.generated)}${input.by === '' ? '' : ` by ${e(input.by)}`} · case started ${when(c.created)}, last changed ${when(c.updated)}</p>`);
  out.push(`<div class="disclaimer" id="disclaimer"><strong>Indicators for review, not accusations.</strong> ${e(report.disclaimer)} The statuses and notes below are the investigators' own working judgements, with who made them and when.</div>`);
  if (c.report.bundle !== report.input.bundle) out.push(`<p class="disclaimer">This case was started on the bundle “${e(c.report.bundle)}”; it is shown here with a report of “${e(report.input.bundle)}”.</p>`);

  out.push('<h2>The review in numbers</h2>');
  out.push('<table><thead><tr><th>Red flags</th><th>Confirmed</th><th>To check</th><th>Dismissed</th><th>Notes</th><th>Saved views</th></tr></thead>');
  out.push(`<tbody><tr><td>${int(report.flags.length)}</td><td>${int(counts.confirmed)}</td><td>${int(counts['to-check'])}${reviewed.size < report.flags.length ? ` (${int(report.flags.length - [...reviewed].filter((id) => flagIds.includes(id)).length)} not yet reviewed)` : ''}</td><td>${int(counts.dismissed)}</td><td>${int(c.notes.length)}</td><td>${int(c.views.length)}</td></tr></tbody></table>`);

  if (input.pictures.length > 0) {
    out.push('<h2>Saved views</h2>');
    for (const p of input.pictures) {
      out.push(`<section class="view"><h3>${e(p.view.name)}</h3><p class="meta">Saved by ${e(p.view.by)}, ${when(p.view.at)} · ${e(p.description)}</p>`);
      out.push(p.svg ?? '<p class="meta">This view could not be drawn.</p>');
      out.push('</section>');
    }
  }

  // Findings: what was reviewed or noted, in full with its evidence; confirmed first.
  const order: FlagStatus[] = ['confirmed', 'to-check', 'dismissed'];
  const inFull = report.flags.filter((f) => reviewed.has(f.id) || noted.has(f.id));
  out.push('<h2>Findings reviewed</h2>');
  if (inFull.length === 0) out.push('<p>No red flag has been reviewed or annotated in this case yet.</p>');
  for (const status of order) {
    for (const f of inFull.filter((x) => flagStatus(c, x.id).status === status)) {
      const s = flagStatus(c, f.id);
      const shipment = f.shipment === undefined ? undefined : report.shipments[model.shipmentIndex.get(f.shipment) ?? -1];
      const text = flagText(f, shipment);
      const names = f.entities.map((id) => `${e(model.byId.get(id)?.name ?? id)} <span class="meta">(${e(id)})</span>`).join(', ');
      out.push(`<div class="flag ${e(f.severity)}" data-flag="${e(f.id)}">`);
      out.push(`<h3>${e(f.title)} <span class="meta">· ${e(f.severity)} · ${e(f.id)}</span></h3>`);
      out.push(`<p><span class="status ${s.status}">${STATUS_WORDS[s.status]}</span> ${s.by === null ? '<span class="meta">not yet reviewed</span>' : `<span class="meta">by ${e(s.by)}, ${when(s.at)}</span>`}${s.history.length > 0 ? `<span class="meta"> · before: ${s.history.map((h) => `${STATUS_WORDS[h.status].toLowerCase()} (${e(h.by)}, ${when(h.at)})`).join('; ')}</span>` : ''}</p>`);
      out.push(`<p><strong>Concerns:</strong> ${names}</p>`);
      out.push(`<p>${e(text.label)}</p>`);
      for (const sentence of text.sentences) out.push(`<p>${e(sentence)}</p>`);
      const facts = f.explanation?.facts ?? [];
      if (facts.length > 0) {
        out.push('<table><thead><tr><th>Evidence</th><th>In the data (against the rule)</th></tr></thead><tbody>');
        for (const x of facts) out.push(`<tr><td>${e(x.label)}</td><td>${e(x.value)}${x.threshold ? `<span class="threshold">rule: ${e(x.threshold)}</span>` : ''}</td></tr>`);
        out.push('</tbody></table>');
      }
      out.push(`<p class="meta">Source: ${e(f.source)}</p>`);
      out.push(notesHtml(c.notes.filter((n) => n.target.kind === 'flag' && n.target.id === f.id)));
      out.push('</div>');
    }
  }
  const rest = report.flags.filter((f) => !reviewed.has(f.id) && !noted.has(f.id));
  if (rest.length > 0) {
    out.push(`<h2>Red flags not yet reviewed (${int(rest.length)})</h2>`);
    const byRule = new Map<string, typeof rest>();
    for (const f of rest) (byRule.get(f.title) ?? byRule.set(f.title, []).get(f.title)!).push(f);
    out.push('<table><thead><tr><th>Rule</th><th>Flags</th><th>Entities concerned (first ten)</th></tr></thead><tbody>');
    for (const [title, list] of byRule) {
      const ids = [...new Set(list.flatMap((f) => f.entities))];
      out.push(`<tr><td>${e(title)}</td><td>${int(list.length)}</td><td>${ids.slice(0, 10).map((id) => e(model.byId.get(id)?.name ?? id)).join(', ')}${ids.length > 10 ? ` and ${int(ids.length - 10)} more` : ''}</td></tr>`);
    }
    out.push('</tbody></table>');
  }

  // Notes on entities and ties, grouped by what they are about.
  const other = c.notes.filter((n) => n.target.kind !== 'flag');
  out.push('<h2>Notes on entities and ties</h2>');
  if (other.length === 0) out.push('<p>None.</p>');
  const groups = new Map<string, CaseNote[]>();
  for (const n of other) {
    const k = targetWords(model, n.target);
    (groups.get(k) ?? groups.set(k, []).get(k)!).push(n);
  }
  for (const [about, notes] of groups) out.push(`<h3>${e(about)}</h3>`, notesHtml(notes));

  // Judgements on pairs of records: whether two are one entity, as the investigators decided.
  const judged = samePairs(model, c).filter((p) => p.judgement !== null);
  if (judged.length > 0) {
    out.push('<h2>One entity or two: judgements on pairs of records</h2>', '<p>Pairs of records the analysis merged or found alike, as the investigators judged them. <code>chokepoint analyze --case</code> merges the pairs judged the same and keeps the others apart.</p>');
    out.push('<table><thead><tr><th>Records</th><th>Judgement</th><th>The analysis</th></tr></thead><tbody>');
    for (const p of judged) {
      const j = p.judgement!;
      const before = j.history.length === 0 ? '' : `<span class="threshold">before: ${j.history.map((h) => `${VERDICT_WORDS[h.verdict].toLowerCase()} (${e(h.by)}, ${when(h.at)})`).join('; ')}</span>`;
      const follows = p.state === 'applied' ? 'this report follows it' : 'not yet applied in this report (analysed before the judgement)';
      out.push(`<tr data-pair="${e(p.a)}"><td>${e(p.nameA)} <span class="meta">(${e(p.a)})</span><br>${e(p.nameB)} <span class="meta">(${e(p.b)})</span></td><td><strong>${VERDICT_WORDS[j.verdict]}</strong> <span class="meta">by ${e(j.by)}, ${when(j.at)}</span>${before}</td><td>${e(foundWords(p))}<span class="threshold">${follows}</span></td></tr>`);
    }
    out.push('</tbody></table>');
  }

  const lost = orphans(c, { entity: (id) => model.byId.has(id), flag: (id) => flagIds.includes(id) });
  const lostFlagNotes = lost.notes.filter((n) => n.target.kind === 'flag');
  if (lost.flags.length > 0 || lostFlagNotes.length > 0) {
    out.push('<h2>Kept in the case, not in this report</h2>', '<p>Statuses and notes about red flags this report does not have (the case was started on another run of the analysis). They are kept as they were.</p>');
    for (const s of lost.flags) out.push(`<p>Flag ${e(s.flag)}: <span class="status ${s.status}">${STATUS_WORDS[s.status]}</span> <span class="meta">by ${e(s.by)}, ${when(s.at)}</span></p>`);
    for (const n of lostFlagNotes) out.push(`<p class="meta">${e(targetWords(model, n.target))}</p>`, notesHtml([n]));
  }
  out.push(`<footer>${e(report.disclaimer)}<br>Case “${e(c.title)}”, revision ${int(c.revision)} · ${plural(c.notes.length, 'note', 'notes')} · ${plural(c.flags.length, 'review status', 'review statuses')}${(c.judgements ?? []).length > 0 ? ` · ${plural(c.judgements!.length, 'judgement on a pair of records', 'judgements on pairs of records')}` : ''} · made with Chokepoint ${e(report.tool.version)}.</footer>`);
  out.push('</body>', '</html>', '');
  return out.join('\n');
}
