import {
  addNote,
  deleteNote,
  deleteView,
  editNote,
  emptyCase,
  flagStatus,
  moveView,
  notesAbout,
  orphans,
  parseCase,
  renameView,
  saveView,
  sameTarget,
  serializeCase,
  setFlagStatus,
  setJudgement,
  setTitle,
  FLAG_STATUSES,
  VERDICTS,
  type CaseFile,
  type CaseNote,
  type FlagStatus,
  type NoteTarget,
  type SavedView,
  type SavedViewScope,
  type SavedViewState,
} from '@chokepoint/case';
import { caseReportHtml, STATUS_WORDS, targetWords, when } from '../core/case-report';
import { describeView, noteTargets, reviewCounts, viewHash, viewScope } from '../core/case';
import { carryPairs, commonNamesWords, evidenceFirst, foundWords, possiblePairs, judgementWords, samePairCounts, samePairs, samePairsOf, VERDICT_WORDS, type SamePair } from '../core/same';
import { scopeOf } from '../core/scope';
import type { ViewModel } from '../core/model';
import type { NamedEntity } from '../../node/scope-types';
import { int, plural } from '../core/format';
import { append, clear, el, type Child } from './dom';
import { download, fileName } from './picture-view';

/**
 * Where the case lives: `file` — a case file the server keeps (`chokepoint view --case`), saved as you work;
 * `embedded` — inside an exported HTML file, read-only; `memory` — in this page only, kept by downloading it.
 */
export type CaseMode = 'file' | 'embedded' | 'memory';

export interface CaseSource {
  mode: CaseMode;
  case: CaseFile;
  /** The case file's name (file mode). */
  file?: string;
}

/** Finds the case: embedded in the page, served beside the report (with --case), or a new one in memory. */
export async function loadCaseSource(bundle: string): Promise<CaseSource> {
  const embedded = document.getElementById('chokepoint-case');
  if (embedded?.textContent?.trim()) return { mode: 'embedded', case: parseCase(embedded.textContent, 'the case embedded in this file') };
  if (location.protocol === 'http:' || location.protocol === 'https:') {
    const res = await fetch('case.json', { cache: 'no-store' });
    if (res.ok) {
      const body = (await res.json()) as { file: string; case: unknown };
      return { mode: 'file', file: body.file, case: parseCase(JSON.stringify(body.case), body.file) };
    }
  }
  return { mode: 'memory', case: emptyCase({ bundle, now: new Date().toISOString() }) };
}

/** What the case view needs from the app. */
export interface CaseHost {
  model: ViewModel;
  select(id: string | null): void;
  /** The current view's state, for saving it. */
  snapshot(): SavedViewState;
  /** Shows a saved view (its link fragment, and on a large report the piece it was saved on); resolves once drawn. */
  restore(hash: string, scope?: SavedViewScope | null): Promise<void>;
  /** An SVG picture of the view on screen, for the case report. */
  pictureSvg(title: string): string;
  /**
   * On a piece of a large report: asks the server for the pairs left for review among `pairs` (a case's judgements)
   * that no piece shown so far carried, with the entities of their records; null when there is nothing to ask.
   */
  carryPairs?(pairs: [string, string][]): Promise<{ possible: NonNullable<ViewModel['report']['resolution']>['possible']; named: NamedEntity[] } | null>;
}

/** The elements the panel asks for, kept up to date as the case changes. */
export interface PanelCaseHooks {
  entity(id: string): Child;
  flag(id: string): Child;
  flagBadge(id: string): Child;
  tie(source: string, target: string, kind: string): Child;
  /** The pairs of records the entity is part of that may be one entity (merged, possibly the same, judged). */
  same(id: string): Child;
}

const AUTHOR_KEY = 'chokepoint.author';
/** How many pairs of records the case section lists (the rest are in each entity's panel). */
const MAX_PAIRS_SHOWN = 100;
const now = () => new Date().toISOString();

function readAuthor(): string {
  try {
    return localStorage.getItem(AUTHOR_KEY) ?? '';
  } catch {
    return '';
  }
}

/**
 * The case being worked on, and its saving: every change is applied here at once and sent to the server; "saved" is
 * shown only when the server has answered that the file is written. One save at a time, each on the revision the
 * last one gave; a change made while a save runs goes in the next.
 */
export class CaseSession {
  case: CaseFile;
  mode: CaseMode;
  file: string | undefined;
  author = readAuthor();
  /** What the status line says. */
  status: { state: 'saved' | 'saving' | 'error' | 'readonly' | 'local'; message: string };
  private revision: number;
  private saving = false;
  private dirty = false;
  private readonly listeners = new Set<() => void>();

  constructor(source: CaseSource) {
    this.case = source.case;
    this.mode = source.mode;
    this.file = source.file;
    this.revision = source.case.revision;
    this.status = this.idleStatus();
  }

  private idleStatus(): CaseSession['status'] {
    if (this.mode === 'embedded') return { state: 'readonly', message: 'Read-only: the case as it was exported with this file. Download it to keep working on it.' };
    if (this.mode === 'memory') return { state: 'local', message: this.case.updated === this.case.created && this.case.notes.length + this.case.flags.length + this.case.views.length + (this.case.judgements?.length ?? 0) === 0 ? 'Not kept yet: download the case to keep your notes (or open the report with --case).' : 'Kept in this page only: download the case to keep it.' };
    return { state: 'saved', message: `All changes saved to ${this.file ?? 'the case file'}.` };
  }

  readonly(): boolean {
    return this.mode === 'embedded';
  }

  /** Calls `listener` after each change; gives the function that stops it. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }

  setAuthor(name: string): void {
    this.author = name.trim().slice(0, 200);
    try {
      localStorage.setItem(AUTHOR_KEY, this.author);
    } catch {
      // storage refused (private window): the name lasts as long as the page
    }
  }

  /** Applies a change made by the person (who must have given a name); saves it in file mode. */
  change(fn: (c: CaseFile, author: string, time: string) => CaseFile): boolean {
    if (this.readonly()) return false;
    if (this.author === '') {
      this.status = { state: this.mode === 'file' ? 'error' : 'local', message: 'Give your name first (above): notes and statuses record who made them.' };
      this.notify();
      const input = document.getElementById('case-author') as HTMLInputElement | null;
      input?.focus();
      return false;
    }
    const next = fn(this.case, this.author, now());
    if (next === this.case) return false;
    this.case = next;
    if (this.mode === 'file') {
      this.dirty = true;
      void this.flush();
    } else {
      this.notDownloaded = true;
      this.status = this.idleStatus();
    }
    this.notify();
    return true;
  }

  /** Replaces the whole case (a loaded file); in file mode it is saved over the file. */
  replace(c: CaseFile): void {
    this.case = { ...c, revision: this.revision };
    if (this.mode === 'embedded') this.mode = 'memory';
    if (this.mode === 'file') {
      this.dirty = true;
      void this.flush();
    } else this.status = this.idleStatus();
    this.notify();
  }

  /** Changes made in memory mode since the case was last downloaded. */
  private notDownloaded = false;

  downloaded(): void {
    this.notDownloaded = false;
  }

  /** True while something is not yet acknowledged by the server, or (without a case file) not yet downloaded. */
  unsaved(): boolean {
    if (this.mode === 'memory') return this.notDownloaded;
    return this.mode === 'file' && (this.dirty || this.saving || this.status.state === 'error');
  }

  async flush(): Promise<void> {
    if (this.saving) return;
    this.saving = true;
    try {
      while (this.dirty) {
        this.dirty = false;
        this.status = { state: 'saving', message: 'Saving…' };
        this.notify();
        const sent = { ...this.case, revision: this.revision };
        let res: Response;
        try {
          res = await fetch('case.json', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ base: this.revision, case: sent }) });
        } catch {
          this.dirty = true;
          this.status = { state: 'error', message: 'Not saved: the viewer’s server does not answer (was it stopped?). Your changes are still here: download the case, or start the server again and press Retry.' };
          return;
        }
        const body = (await res.json().catch(() => ({}))) as { revision?: number; error?: string };
        if (!res.ok) {
          this.dirty = true;
          this.status = { state: 'error', message: `Not saved: ${body.error ?? `the server answered ${res.status}`}` };
          return;
        }
        this.revision = body.revision!;
        this.case = { ...this.case, revision: this.revision };
      }
      this.status = this.idleStatus();
    } finally {
      this.saving = false;
      this.notify();
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The views of the case

function button(text: string, props: Record<string, string | boolean | ((e: Event) => void) | undefined>): HTMLButtonElement {
  return el('button', { type: 'button', text, ...props });
}

function noteItem(session: CaseSession, n: CaseNote, about: string | null): HTMLElement {
  const text = el('div', { className: 'note-text', text: n.text });
  const item = el('li', { className: 'note', 'data-note': n.id }, about === null ? null : el('div', { className: 'note-about meta', text: about }), text, el('div', { className: 'meta', text: `${n.author}, ${when(n.created)}${n.edited ? ` · edited ${when(n.edited)}` : ''}` }));
  if (!session.readonly()) {
    append(
      item,
      el(
        'div',
        { className: 'note-actions' },
        button('Edit', {
          className: 'link',
          'aria-label': `Edit the note of ${n.author}`,
          onclick: () => {
            const area = el('textarea', { className: 'note-edit', rows: '3', 'aria-label': 'Note text' });
            area.value = n.text;
            text.replaceWith(area);
            area.focus();
            const done = () => session.change((c) => editNote(c, n.id, area.value, now()));
            area.addEventListener('keydown', (e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) done();
            });
            area.addEventListener('blur', () => {
              if (!done()) area.replaceWith(text);
            });
          },
        }),
        button('Delete', { className: 'link', 'aria-label': `Delete the note of ${n.author}`, onclick: () => confirm('Delete this note?') && session.change((c) => deleteNote(c, n.id, now())) }),
      ),
    );
  }
  return item;
}

/** A small form to add a note about one thing, or about one of several (a select). */
function noteForm(session: CaseSession, targets: { target: NoteTarget; label: string }[], idPrefix: string): HTMLElement | null {
  if (session.readonly()) return null;
  const area = el('textarea', { id: `${idPrefix}-text`, rows: '3', placeholder: 'Write a note…', 'aria-label': 'New note' });
  const select = targets.length > 1 ? el('select', { id: `${idPrefix}-target`, 'aria-label': 'The note is about' }, ...targets.map((t, i) => el('option', { value: String(i), text: t.label }))) : null;
  const add = () => {
    const target = targets[select === null ? 0 : Number(select.value)].target;
    if (session.change((c, author, time) => addNote(c, target, area.value, author, time))) area.value = '';
  };
  area.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) add();
  });
  return el('div', { className: 'note-form' }, select === null ? null : el('label', {}, 'About ', select), area, button('Add note', { id: `${idPrefix}-add`, onclick: add }));
}

/**
 * A pair of records that may be one entity: both names (each opens its entity), what the analysis found with the
 * evidence, and the judgement buttons (Same, Not the same, Unsure; pressed again, a judgement is taken back).
 */
function pairItem(session: CaseSession, host: CaseHost, p: SamePair, index: string): HTMLElement {
  const record = (id: string, name: string, entity: string | null) =>
    el('button', { type: 'button', className: 'link', text: entity !== null && entity !== id ? `${name} (${id}, merged into ${entity})` : `${name} (${id})`, disabled: entity === null, onclick: () => entity !== null && host.select(entity) });
  const group = el('div', { className: 'status-buttons', role: 'group', 'aria-label': `Are ${p.nameA} and ${p.nameB} one entity?` });
  for (const v of VERDICTS) {
    const pressed = p.judgement?.verdict === v;
    append(
      group,
      button(VERDICT_WORDS[v], {
        className: `status-button verdict ${v}`,
        'data-verdict': v,
        'aria-pressed': String(pressed),
        disabled: session.readonly(),
        onclick: () => session.change((c, author, time) => setJudgement(c, p.a, p.b, pressed ? null : v, author, time)),
      }),
    );
  }
  const evidence = evidenceFirst(p.evidence);
  return el(
    'li',
    { className: `same-pair ${p.state ?? 'open'}`, 'data-pair': index },
    el('div', { className: 'pair-names' }, record(p.a, p.nameA, p.entityA), el('span', { text: ' and ' }), record(p.b, p.nameB, p.entityB)),
    el('div', { className: 'meta line found' }, el('strong', { text: foundWords(p) }), evidence.length === 0 ? null : el('span', { text: `: ${evidence[0]}` })),
    evidence.length < 2 ? null : el('details', { className: 'meta evidence' }, el('summary', { text: `All the evidence (${evidence.length})` }), el('ul', {}, ...evidence.map((e) => el('li', { text: e })))),
    el('div', { className: 'review-line' }, el('strong', { text: 'One entity? ' }), group),
    el('p', { className: `meta review-who ${p.state ?? ''}`, text: judgementWords(p) }),
  );
}

/** Keeps elements made for the panel up to date while they are on the page. */
class Live {
  private items: { node: HTMLElement; render: (node: HTMLElement) => void }[] = [];
  make(tag: 'div' | 'span', props: Record<string, string>, render: (node: HTMLElement) => void): HTMLElement {
    const node = el(tag, props);
    render(node);
    this.items.push({ node, render });
    return node;
  }
  refresh(): void {
    this.items = this.items.filter((i) => i.node.isConnected);
    for (const i of this.items) {
      clear(i.node);
      i.render(i.node);
    }
  }
}

export interface CaseView {
  session: CaseSession;
  hooks: PanelCaseHooks;
  /** Stops following the session (the view is gone; the session may go on in the next piece of a large report). */
  dispose(): void;
  /** Builds the printable case report (pictures of the saved views included) as HTML. */
  caseReport(): Promise<string>;
}

/**
 * The case section of the sidebar and the panel's notes and statuses. `source` may be the session of the piece of a
 * large report shown before: the case goes on, unsaved changes and saves under way included.
 */
export function startCaseView(root: HTMLElement, host: CaseHost, source: CaseSource | CaseSession): CaseView {
  const session = source instanceof CaseSession ? source : new CaseSession(source);
  const model = host.model;
  const live = new Live();
  const flagIds = model.report.flags.map((f) => f.id);
  /** A piece of a large report: it holds only part of the report's entities and flags. */
  const scoped = scopeOf(model.report) !== null;

  const hooks: PanelCaseHooks = {
    // The note forms are made once and put back on each refresh: a save acknowledged while someone types must not
    // wipe the text or the choice of what the note is about.
    entity: (id) => {
      const targets = noteTargets(model, id);
      let form: HTMLElement | null = null;
      return live.make('div', { className: 'case-notes', id: 'panel-notes' }, (node) => {
        form ??= noteForm(session, targets, 'note'); // none while the case is read-only
        const notes = session.case.notes.filter((n) => targets.some((t) => sameTarget(n.target, t.target)));
        append(
          node,
          el('h3', { text: `Notes (${notes.length})` }),
          notes.length === 0 ? el('p', { className: 'hint', text: session.readonly() ? 'None in this case.' : 'No notes yet on this entity or its ties.' }) : null,
          el('ul', { className: 'notes' }, ...notes.map((n) => noteItem(session, n, n.target.kind === 'entity' ? null : targetWords(model, n.target)))),
          session.readonly() ? null : form,
        );
      });
    },
    flag: (id) => {
      let form: HTMLElement | null = null;
      return live.make('div', { className: 'flag-review', 'data-flag-review': id }, (node) => {
        form ??= noteForm(session, [{ target: { kind: 'flag', id }, label: 'this flag' }], `flag-note-${flagIds.indexOf(id)}`);
        const s = flagStatus(session.case, id);
        const group = el('div', { className: 'status-buttons', role: 'group', 'aria-label': 'Review status' });
        for (const st of FLAG_STATUSES) {
          append(
            group,
            button(STATUS_WORDS[st], {
              className: `status-button ${st}`,
              'data-status': st,
              'aria-pressed': String(s.status === st),
              disabled: session.readonly(),
              onclick: () => session.change((c, author, time) => setFlagStatus(c, id, st, author, time)),
            }),
          );
        }
        const notes = notesAbout(session.case, { kind: 'flag', id });
        append(
          node,
          el('div', { className: 'review-line' }, el('strong', { text: 'Review: ' }), group),
          el('p', { className: 'meta review-who', text: s.by === null ? 'Not yet reviewed.' : `${STATUS_WORDS[s.status]} by ${s.by}, ${when(s.at)}${s.history.length > 0 ? ` · before: ${s.history.map((h) => `${STATUS_WORDS[h.status].toLowerCase()} (${h.by}, ${when(h.at)})`).join('; ')}` : ''}` }),
          notes.length > 0 ? el('ul', { className: 'notes' }, ...notes.map((n) => noteItem(session, n, null))) : null,
          session.readonly() ? null : form,
        );
      });
    },
    flagBadge: (id) =>
      live.make('span', { className: 'status-badge-slot' }, (node) => {
        const s = flagStatus(session.case, id);
        if (s.by !== null) append(node, el('span', { className: `status-badge ${s.status}`, text: STATUS_WORDS[s.status] }));
      }),
    same: (id) =>
      live.make('div', { className: 'same-pairs', 'data-same-of': id }, (node) => {
        const pairs = samePairsOf(samePairs(model, session.case), id);
        if (pairs.length === 0) return;
        append(
          node,
          el('h3', { text: `One entity or two? (${pairs.length})` }),
          el('p', { className: 'hint', text: 'Records the analysis merged into this entity or found alike. Your judgement is kept in the case; chokepoint analyze --case applies it. A lead to check, not an identification.' }),
          el('ul', { className: 'notes same-list' }, ...pairs.map((p, i) => pairItem(session, host, p, `panel-${i}`))),
        );
      }),
    tie: (source, target, kind) =>
      live.make('div', { className: 'tie-notes' }, (node) => {
        const notes = notesAbout(session.case, { kind: 'tie', source, target, tieKind: kind });
        if (notes.length > 0) append(node, el('ul', { className: 'notes' }, ...notes.map((n) => noteItem(session, n, null))));
      }),
  };

  // The sidebar section.
  const section = el('details', { className: 'section case', id: 'case', open: true });
  root.insertBefore(section, root.firstChild);
  const title = el('input', { id: 'case-title', type: 'text', 'aria-label': 'Case title', maxlength: '200' });
  title.addEventListener('change', () => session.change((c) => setTitle(c, title.value, now())));
  const author = el('input', { id: 'case-author', type: 'text', 'aria-label': 'Your name', placeholder: 'Your name (signs notes and statuses)', maxlength: '200' });
  author.value = session.author;
  author.addEventListener('change', () => {
    session.setAuthor(author.value);
    render();
  });
  const status = el('p', { id: 'case-status', className: 'case-status', role: 'status' });
  const counts = el('p', { id: 'case-counts', className: 'meta' });
  const views = el('ol', { id: 'case-views', className: 'list case-views' });
  const viewName = el('input', { id: 'case-view-name', type: 'text', placeholder: 'Name of this view', 'aria-label': 'Name of the view to save', maxlength: '200' });
  const saveButton = button('Save view', {
    id: 'case-save-view',
    onclick: () => {
      const name = viewName.value.trim() || `View ${session.case.views.length + 1}`;
      if (session.change((c, by, time) => saveView(c, name, host.snapshot(), by, time))) viewName.value = '';
    },
  });
  viewName.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') saveButton.click();
  });
  const notesList = el('ol', { id: 'case-notes', className: 'list case-notes-list' });
  const pairsHead = el('h4', { id: 'case-same-head' });
  const pairsList = el('ol', { id: 'case-same', className: 'list case-same' });
  const pairsHint = el('p', { className: 'meta', id: 'case-same-hint' });
  const loadInput = el('input', { id: 'case-load', type: 'file', accept: '.json,application/json', className: 'visually-hidden', 'aria-label': 'Load a case file' });
  loadInput.addEventListener('change', async () => {
    const file = loadInput.files?.[0];
    loadInput.value = '';
    if (!file) return;
    try {
      const loaded = parseCase(await file.text(), file.name);
      if (session.mode === 'file' && !confirm(`Replace the case in ${session.file} with ${file.name}? The file's current content is replaced (download it first to keep a copy).`)) return;
      session.replace(loaded);
    } catch (err) {
      session.status = { state: 'error', message: err instanceof Error ? err.message : String(err) };
      render();
    }
  });
  const tools = el(
    'div',
    { className: 'case-tools' },
    button('Download case', {
      id: 'case-download',
      onclick: () => {
        download(new Blob([serializeCase(session.case)], { type: 'application/json' }), fileName(session.case.title, 'case.json'));
        session.downloaded();
      },
    }),
    button('Load case…', { id: 'case-load-button', onclick: () => loadInput.click() }),
    button('Case report', {
      id: 'case-report',
      onclick: async (e) => {
        const b = e.currentTarget as HTMLButtonElement;
        b.disabled = true;
        b.textContent = 'Preparing…';
        try {
          download(new Blob([await view.caseReport()], { type: 'text/html' }), fileName(session.case.title, 'report.html'));
        } finally {
          b.disabled = false;
          b.textContent = 'Case report';
        }
      },
    }),
    loadInput,
  );

  function render(): void {
    if (document.activeElement !== title) title.value = session.case.title;
    title.disabled = session.readonly();
    author.disabled = session.readonly();
    status.textContent = session.status.message;
    status.className = `case-status ${session.status.state}`;
    status.setAttribute('role', session.status.state === 'error' ? 'alert' : 'status');
    const c = reviewCounts(session.case, model);
    counts.textContent = `Red flags: ${int(c.confirmed)} confirmed · ${int(c.dismissed)} dismissed · ${int(c['to-check'])} to check · ${plural(session.case.notes.length, 'note', 'notes')}`;
    clear(views);
    session.case.views.forEach((v, i) => append(views, viewItem(v, i)));
    if (session.case.views.length === 0) append(views, el('li', { className: 'hint', text: 'No saved views yet.' }));
    clear(notesList);
    const recent = [...session.case.notes].reverse().slice(0, 50);
    for (const n of recent) {
      const goTo = n.target.kind === 'entity' ? n.target.id : n.target.kind === 'tie' ? n.target.source : model.report.flags.find((f) => f.id === (n.target as { id: string }).id)?.entity;
      append(
        notesList,
        el(
          'li',
          {},
          el('button', { type: 'button', className: 'link', text: targetWords(model, n.target), disabled: goTo === undefined || !model.byId.has(goTo), onclick: () => goTo !== undefined && host.select(goTo) }),
          el('div', { className: 'note-text clamp', text: n.text }),
          el('div', { className: 'meta', text: `${n.author}, ${when(n.created)}` }),
        ),
      );
    }
    const pairs = samePairs(model, session.case);
    const pc = samePairCounts(pairs);
    // A piece of a large report carries the pairs left for review that concern it (and those seen before): the others
    // are counted all the same.
    const total = scopeOf(model.report)?.possiblePairs;
    const notCarried = total === undefined ? 0 : Math.max(0, total - possiblePairs(model).length);
    pairsHead.textContent = `One entity or two? (${int(pc.judged)} of ${plural(pc.pairs + notCarried, 'pair', 'pairs')} judged)`;
    clear(pairsList);
    // Judged pairs first among the first shown: on a large report the list is long, and a judgement must stay in view.
    const shown = pairs.length <= MAX_PAIRS_SHOWN ? pairs : [...pairs.filter((p) => p.judgement !== null), ...pairs.filter((p) => p.judgement === null)].slice(0, MAX_PAIRS_SHOWN);
    shown.forEach((p, i) => append(pairsList, pairItem(session, host, p, String(i))));
    const more = pairs.length + notCarried - shown.length;
    if (more > 0) append(pairsList, el('li', { className: 'hint', text: `and ${int(more)} more pairs: each is in the panel of its entity, and all are in the report (resolution)` }));
    // Nothing to judge (no records merged or found alike, no judgement in the case): the section is left out, unless
    // persons or companies of common names were left unpaired (said here, so that their absence is not taken for nothing
    // found).
    const common = commonNamesWords(model);
    pairsHead.hidden = pairs.length + notCarried === 0 && common === null;
    pairsList.hidden = pairs.length + notCarried === 0;
    pairsHint.textContent = [
      common ?? '',
      pairsMissing,
      pc.pending === 0 ? '' : `${plural(pc.pending, 'judgement', 'judgements')} this report does not follow yet: analyse the bundle again with this case (chokepoint analyze <bundle> --case ${session.file ?? '<the downloaded case>'}) and open the new report.`,
      pc.refused === 0 ? '' : `${plural(pc.refused, 'judgement', 'judgements')} the analysis could not apply: each says why (two judgements that contradict each other, an id the bundle does not have).`,
    ].filter((t) => t !== '').join(' ');
    if (session.case.notes.length > recent.length) append(notesList, el('li', { className: 'hint', text: `and ${int(session.case.notes.length - recent.length)} older (all are in the case report)` }));
    const lost = orphans(session.case, { entity: (id) => model.byId.has(id), flag: (id) => flagIds.includes(id) });
    const otherBundle = session.case.report.bundle !== model.report.input.bundle ? `This case was started on the bundle “${session.case.report.bundle}”, not “${model.report.input.bundle}”. ` : '';
    // A piece of a large report holds a part of its entities and flags: what the case says of the rest is elsewhere in
    // the report, not lost.
    const outside = scoped ? 'Kept, about the rest of the report (outside the part shown)' : 'Kept, but not in this report';
    lostLine.textContent = otherBundle + (lost.notes.length + lost.flags.length === 0 ? '' : `${outside}: ${plural(lost.notes.length, 'note', 'notes')} and ${plural(lost.flags.length, 'status', 'statuses')}${scoped ? '' : ' about ids this report lacks (listed in the case report)'}.`);
    saveButton.disabled = session.readonly();
    viewName.disabled = session.readonly();
    retry.hidden = !(session.mode === 'file' && session.status.state === 'error');
  }

  function viewItem(v: SavedView, i: number): HTMLElement {
    const ro = session.readonly();
    return el(
      'li',
      { 'data-view': v.id },
      el('button', { type: 'button', className: 'view-open', 'data-view-open': v.id, onclick: () => viewHash(v.state) !== null && void host.restore(viewHash(v.state)!, viewScope(v.state)) }, el('strong', { text: v.name }), el('span', { className: 'meta line', text: describeView(model, v.state) }), el('span', { className: 'meta line', text: `${v.by}, ${when(v.at)}` })),
      ro
        ? null
        : el(
            'div',
            { className: 'view-actions' },
            button('↑', { 'aria-label': `Move ${v.name} up`, disabled: i === 0, onclick: () => session.change((c) => moveView(c, v.id, -1, now())) }),
            button('↓', { 'aria-label': `Move ${v.name} down`, disabled: i === session.case.views.length - 1, onclick: () => session.change((c) => moveView(c, v.id, 1, now())) }),
            button('Update', { 'aria-label': `Replace ${v.name} with the view on screen`, onclick: () => session.change((c, by, time) => saveView(c, v.name, host.snapshot(), by, time)) }),
            button('Rename', {
              'aria-label': `Rename ${v.name}`,
              onclick: () => {
                const name = prompt('New name of the view:', v.name);
                if (name !== null) session.change((c) => renameView(c, v.id, name, now()));
              },
            }),
            button('Delete', { 'aria-label': `Delete ${v.name}`, onclick: () => confirm(`Delete the saved view “${v.name}”?`) && session.change((c) => deleteView(c, v.id, now())) }),
          ),
    );
  }

  const retry = button('Retry', { id: 'case-retry', hidden: true, onclick: () => void session.flush() });
  const lostLine = el('p', { className: 'meta', id: 'case-orphans' });
  append(
    section,
    el('summary', {}, el('h3', { text: 'Case' })),
    el('label', { className: 'case-field' }, el('span', { text: 'Title' }), title),
    el('label', { className: 'case-field' }, el('span', { text: 'Your name' }), author),
    el('div', { className: 'case-status-line' }, status, retry),
    counts,
    el('h4', { text: 'Saved views' }),
    views,
    el('div', { className: 'save-view' }, viewName, saveButton),
    el('h4', { text: 'Notes, newest first' }),
    notesList,
    pairsHead,
    pairsList,
    pairsHint,
    lostLine,
    tools,
  );
  // On a piece of a large report, the pairs a case judges that the pieces shown so far did not carry (a case loaded in
  // the browser) are asked of the server, so that each is listed as the analysis left it.
  let pairsMissing = '';
  let judgementsAsked: CaseFile['judgements'] | null = null;
  const askPairs = () => {
    const judgements = session.case.judgements ?? [];
    if (host.carryPairs === undefined || judgements === judgementsAsked || judgements.length === 0) return;
    judgementsAsked = judgements;
    host
      .carryPairs(judgements.map((j) => [j.a, j.b]))
      .then((more) => {
        pairsMissing = '';
        if (more !== null && carryPairs(model, more) > 0) {
          render();
          live.refresh();
        }
      })
      .catch((err: unknown) => {
        judgementsAsked = null;
        pairsMissing = `What the analysis found of the pairs this case judges could not be fetched (${err instanceof Error ? err.message : String(err)}): pairs outside the part shown are listed as kept apart until a part holding them is opened.`;
        render();
      });
  };
  const stop = session.onChange(() => {
    askPairs();
    render();
    live.refresh();
  });
  askPairs();
  render();
  const unsavedWarning = (e: BeforeUnloadEvent) => {
    if (session.unsaved()) e.preventDefault();
  };
  window.addEventListener('beforeunload', unsavedWarning);

  const view: CaseView = {
    session,
    hooks,
    dispose() {
      stop();
      window.removeEventListener('beforeunload', unsavedWarning);
    },
    async caseReport() {
      const before = host.snapshot();
      const pictures: { view: SavedView; svg: string | null; description: string }[] = [];
      for (const v of session.case.views) {
        const hash = viewHash(v.state);
        if (hash === null) {
          pictures.push({ view: v, svg: null, description: describeView(model, v.state) });
          continue;
        }
        await host.restore(hash);
        pictures.push({ view: v, svg: host.pictureSvg(v.name), description: describeView(model, v.state) });
      }
      if (session.case.views.length > 0) await host.restore(viewHash(before)!);
      return caseReportHtml({ model, case: session.case, pictures, generated: now(), by: session.author });
    },
  };
  return view;
}

export type { FlagStatus };
