import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UndirectedGraph } from 'graphology';

const FIXTURES = join(__dirname, 'fixtures');

/** Reads a network fixture (see fixtures/SOURCES.md): `u<TAB>v<TAB>weight` lines, then isolated node ids. */
export function loadNetwork(name: string): UndirectedGraph {
  const g = new UndirectedGraph();
  const text = readFileSync(join(FIXTURES, 'networks', `${name}.tsv`), 'utf8');
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const [u, v, w] = line.split('\t');
    g.mergeNode(u);
    if (v === undefined) continue;
    g.mergeNode(v);
    g.addEdge(u, v, { weight: Number(w) });
  }
  return g;
}

export interface Reference {
  name: string;
  nodes: number;
  edges: number;
  articulationPoints: string[];
  bridges: [string, string][];
  connectedComponents: number;
  biconnectedComponents: number;
  betweenness: Record<string, number>;
  betweennessWeighted?: Record<string, number>;
  cutOff: Record<string, number>;
  louvainModularity?: number;
  clubs?: Record<string, string>;
}

export function loadReference(name: string): Reference {
  return JSON.parse(readFileSync(join(FIXTURES, 'reference', `${name}.json`), 'utf8')) as Reference;
}

export const NETWORKS = ['karate', 'lesmis', 'dolphins', 'netscience', 'power'] as const;
