/** Inputs of the key-node ranking, all indexed by node position. */
export interface KeyNodeInputs {
  keys: string[];
  names: string[];
  cluster: number[];
  betweenness: ArrayLike<number>;
  articulation: ArrayLike<number>;
  cutOff: ArrayLike<number>;
  componentSize: ArrayLike<number>;
  /** Bridges as node positions with the sizes of the two sides. */
  bridges: { u: number; v: number; sizeU: number; sizeV: number }[];
  /** Neighbours of each node in the undirected projection. */
  neighbours: (i: number) => Iterable<number>;
}

export interface KeyNodeOptions {
  /** How many key nodes to return. */
  top?: number;
}

export const KEY_NODE_DEFAULTS = { top: 20 } as const;

export interface KeyNode {
  id: string;
  rank: number;
  /** ½ · betweenness / highest betweenness + ½ · cut-off / highest cut-off, in [0, 1]. */
  score: number;
  articulation: boolean;
  cutOff: number;
  betweenness: number;
  betweennessRank: number;
  cluster: number;
  /** Bridges (ties whose removal splits the network) this node is an end of. */
  bridges: number;
  /** Why the node matters, in words a person reads. */
  reasons: string[];
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function percent(x: number): string {
  const p = x * 100;
  return p >= 10 ? p.toFixed(0) : p >= 1 ? p.toFixed(1) : p.toFixed(2);
}

/**
 * Ranks nodes as chokepoints of the network. The score weighs two things equally: how much of the
 * shortest-path traffic between others runs through the node (betweenness, relative to the highest),
 * and how many entities lose their connection to the rest when it is removed (cut-off, relative to
 * the highest). Nodes with a score of 0 are never key nodes. Ties in score: by id.
 */
export function rankKeyNodes(input: KeyNodeInputs, options: KeyNodeOptions = {}): KeyNode[] {
  const top = options.top ?? KEY_NODE_DEFAULTS.top;
  const n = input.keys.length;
  let maxB = 0;
  let maxCut = 0;
  for (let i = 0; i < n; i++) {
    if (input.betweenness[i] > maxB) maxB = input.betweenness[i];
    if (input.cutOff[i] > maxCut) maxCut = input.cutOff[i];
  }
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const b = maxB > 0 ? input.betweenness[i] / maxB : 0;
    const c = maxCut > 0 ? input.cutOff[i] / maxCut : 0;
    score[i] = 0.5 * b + 0.5 * c;
  }
  const byKey = (a: number, b: number) => (input.keys[a] < input.keys[b] ? -1 : input.keys[a] > input.keys[b] ? 1 : 0);
  const byBetweenness = [...Array(n).keys()].sort((a, b) => input.betweenness[b] - input.betweenness[a] || byKey(a, b));
  const bRank = new Int32Array(n);
  byBetweenness.forEach((node, r) => (bRank[node] = r + 1));
  const chosen = [...Array(n).keys()]
    .filter((i) => score[i] > 0)
    .sort((a, b) => score[b] - score[a] || byKey(a, b))
    .slice(0, top);

  const bridgesOf = new Map<number, { other: number; farSide: number }[]>();
  for (const b of input.bridges) {
    if (!bridgesOf.has(b.u)) bridgesOf.set(b.u, []);
    if (!bridgesOf.has(b.v)) bridgesOf.set(b.v, []);
    bridgesOf.get(b.u)!.push({ other: b.v, farSide: b.sizeV });
    bridgesOf.get(b.v)!.push({ other: b.u, farSide: b.sizeU });
  }

  return chosen.map((i, r) => {
    const reasons: string[] = [];
    const cut = input.cutOff[i];
    if (input.articulation[i]) {
      reasons.push(
        `articulation point: without it, ${plural(cut, 'entity is', 'entities are')} cut off from the rest of its connected network of ${plural(input.componentSize[i], 'entity', 'entities')}`,
      );
    }
    const b = input.betweenness[i];
    if (b > 0) {
      reasons.push(`lies on ${percent(b)}% of the shortest paths between other entities (betweenness rank ${bRank[i]} of ${n})`);
    }
    const bridges = (bridgesOf.get(i) ?? []).filter((x) => x.farSide >= 2).sort((x, y) => y.farSide - x.farSide || byKey(x.other, y.other));
    for (const x of bridges.slice(0, 3)) {
      reasons.push(`its tie to ${input.names[x.other]} (${input.keys[x.other]}) is the only link to ${plural(x.farSide, 'entity', 'entities')}`);
    }
    if (bridges.length > 3) reasons.push(`and ${plural(bridges.length - 3, 'more such tie', 'more such ties')}`);
    const otherClusters = new Set<number>();
    for (const j of input.neighbours(i)) if (input.cluster[j] !== input.cluster[i]) otherClusters.add(input.cluster[j]);
    if (otherClusters.size >= 2) {
      const list = [...otherClusters].sort((x, y) => x - y);
      const shown = list.slice(0, 6).join(', ') + (list.length > 6 ? ', …' : '');
      reasons.push(`ties cluster ${input.cluster[i]} to ${list.length} other clusters (${shown})`);
    }
    return {
      id: input.keys[i],
      rank: r + 1,
      score: score[i],
      articulation: input.articulation[i] === 1,
      cutOff: cut,
      betweenness: b,
      betweennessRank: bRank[i],
      cluster: input.cluster[i],
      bridges: (bridgesOf.get(i) ?? []).length,
      reasons,
    };
  });
}
