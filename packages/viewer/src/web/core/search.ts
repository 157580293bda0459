import { fold } from '@chokepoint/model/text';
import type { ViewModel, ViewNode } from './model';

export interface SearchIndex {
  entries: { node: ViewNode; name: string; id: string; aliases: string[] }[];
}

export function buildSearchIndex(model: ViewModel): SearchIndex {
  return { entries: model.nodes.map((node) => ({ node, name: fold(node.name), id: node.id.toLowerCase(), aliases: node.aliases.map((a) => a.toLowerCase()) })) };
}

/**
 * Entities whose name or id matches the query, best first: exact id, then names starting with the
 * query, then names with a word starting with it, then names or ids containing it. Ids merged into
 * an entity by name resolution find it too. Case and accents
 * do not matter ("akcakale" finds "Akçakale").
 */
export function search(index: SearchIndex, query: string, limit = 20): ViewNode[] {
  const q = fold(query);
  const raw = query.trim().toLowerCase();
  if (q === '' && raw === '') return [];
  const scored: { node: ViewNode; rank: number }[] = [];
  for (const e of index.entries) {
    let rank = -1;
    if (e.id === raw || e.aliases.includes(raw)) rank = 0;
    else if (q !== '' && e.name.startsWith(q)) rank = 1;
    else if (q !== '' && e.name.includes(` ${q}`)) rank = 2;
    else if (q !== '' && e.name.includes(q)) rank = 3;
    else if (raw !== '' && (e.id.includes(raw) || e.aliases.some((a) => a.includes(raw)))) rank = 4;
    if (rank >= 0) scored.push({ node: e.node, rank });
  }
  scored.sort((a, b) => a.rank - b.rank || b.node.score - a.node.score || (a.node.name < b.node.name ? -1 : a.node.name > b.node.name ? 1 : 0));
  return scored.slice(0, limit).map((s) => s.node);
}
