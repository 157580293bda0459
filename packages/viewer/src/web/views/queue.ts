import type { ViewModel } from '../core/model';
import { append, el, int } from './dom';

/** How many entries of the review queue the overview lists. */
const SHOWN = 20;

/**
 * The review queue, first in the overview: the entities to review first, each with its reasons in words; clicking
 * one selects it. Null for reports written before the queue existed.
 */
export function queueSection(model: ViewModel, select: (id: string) => void): HTMLElement | null {
  const q = model.report.reviewQueue;
  if (q === undefined) return null;
  const s = el('details', { className: 'section', id: 'overview-queue', open: true }, el('summary', {}, el('h3', { text: 'Review first' })));
  if (q.entries.length === 0) {
    append(s, el('p', { className: 'hint', text: 'Nobody: no entity has a red flag or a listed party near by.' }));
    return s;
  }
  const total = q.entries.length + q.omitted;
  append(s, el('p', { className: 'hint', text: `${int(total)} ${total === 1 ? 'entity' : 'entities'} ranked by the severity and number of their flags, watch-listed goods, key-node role, nearness to a border crossing and to a listed party.` }));
  const list = el('ol', { className: 'queue', id: 'queue-list' });
  for (const e of q.entries.slice(0, SHOWN)) {
    append(
      list,
      el(
        'li',
        { 'data-id': e.id, className: e.ordinaryOnly ? 'queue-weak' : 'queue-entry' },
        el('button', { className: 'link', type: 'button', 'data-id': e.id, text: `${e.name} (${e.id})`, onclick: () => select(e.id) }),
        ` score ${e.score}`,
        el('ul', { className: 'reasons' }, ...e.reasons.map((r) => el('li', { text: r }))),
      ),
    );
  }
  append(s, list);
  if (total > SHOWN) append(s, el('p', { className: 'hint', text: `… and ${int(total - SHOWN)} more in the report (reviewQueue).` }));
  return s;
}
