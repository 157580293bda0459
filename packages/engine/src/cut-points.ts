import type { AbstractGraph, Attributes } from 'graphology-types';
import { toUndirectedCSR, type UndirectedCSR } from './csr';
import { largeInt32Array, largeUint8Array } from './arrays';

/** Typed-array result of the cut-point search, indexed like the CSR's nodes. */
export interface CutPointArrays {
  /** 1 when removing the node disconnects its connected component. */
  articulation: Uint8Array;
  /** Nodes cut off from the largest remaining piece of the component when the node is removed. */
  cutOff: Int32Array;
  /**
   * Of those, the nodes that are cut off alone, as pieces of one (loose ends such as a company's only director):
   * `cutOff - loneCutOff` entities are cut off in pieces of two or more.
   */
  loneCutOff: Int32Array;
  /** Connected component of each node (numbered in order of discovery). */
  component: Int32Array;
  componentSizes: number[];
  /** Bridges as pairs of node indices [u, v] with the sizes of the two sides once the edge is removed. */
  bridges: { u: number; v: number; sizeU: number; sizeV: number }[];
  /** Biconnected components (blocks with at least one edge): the number of nodes in each. */
  blockSizes: number[];
}

/**
 * Articulation points, bridges, biconnected components, cut-off counts and connected components in
 * one iterative depth-first search (Hopcroft–Tarjan with an edge stack), linear in nodes + edges,
 * with no recursion.
 */
export function cutPointsCSR(csr: UndirectedCSR): CutPointArrays {
  const { n, offsets, targets } = csr;
  const disc = largeInt32Array(n).fill(-1);
  const low = largeInt32Array(n);
  const parent = largeInt32Array(n).fill(-1);
  const next = largeInt32Array(n);
  const subtree = largeInt32Array(n);
  const separated = largeInt32Array(n); // total size of child subtrees cut off by removing the node
  const biggestPiece = largeInt32Array(n); // largest such child subtree
  const children = largeInt32Array(n);
  const loneChildren = largeInt32Array(n); // child subtrees of one node cut off by removing the node
  const isCut = largeUint8Array(n);
  const component = largeInt32Array(n).fill(-1);
  const cutOff = largeInt32Array(n);
  const loneCutOff = largeInt32Array(n);
  const stack = largeInt32Array(n);
  const order = largeInt32Array(n); // nodes in discovery order, to finish each component
  const componentSizes: number[] = [];
  const pendingBridges: { u: number; v: number; below: number }[] = [];
  const bridges: CutPointArrays['bridges'] = [];
  // Edge stack for the blocks: edges are pushed as they are first seen, popped when a block closes.
  const edgeU = largeInt32Array(targets.length);
  const edgeV = largeInt32Array(targets.length);
  let esp = 0;
  const stamp = largeInt32Array(n).fill(-1);
  const blockSizes: number[] = [];
  let time = 0;

  for (let root = 0; root < n; root++) {
    if (disc[root] !== -1) continue;
    const comp = componentSizes.length;
    const firstInOrder = time;
    const firstBridge = pendingBridges.length;
    let sp = 0;
    stack[sp++] = root;
    disc[root] = low[root] = time;
    order[time++] = root;
    next[root] = offsets[root];
    subtree[root] = 1;
    while (sp > 0) {
      const u = stack[sp - 1];
      if (next[u] < offsets[u + 1]) {
        const v = targets[next[u]++];
        if (disc[v] === -1) {
          edgeU[esp] = u;
          edgeV[esp++] = v;
          parent[v] = u;
          disc[v] = low[v] = time;
          order[time++] = v;
          next[v] = offsets[v];
          subtree[v] = 1;
          children[u]++;
          stack[sp++] = v;
        } else if (v !== parent[u] && disc[v] < disc[u]) {
          edgeU[esp] = u;
          edgeV[esp++] = v;
          if (disc[v] < low[u]) low[u] = disc[v];
        }
      } else {
        sp--;
        const p = parent[u];
        if (p === -1) continue;
        subtree[p] += subtree[u];
        if (low[u] < low[p]) low[p] = low[u];
        if (low[u] >= disc[p]) {
          // A block closes: its edges are on the stack down to the tree edge p → u.
          const id = blockSizes.length;
          let size = 0;
          for (;;) {
            const a = edgeU[--esp];
            const b = edgeV[esp];
            if (stamp[a] !== id) (stamp[a] = id), size++;
            if (stamp[b] !== id) (stamp[b] = id), size++;
            if (a === p && b === u) break;
          }
          blockSizes.push(size);
          separated[p] += subtree[u];
          if (subtree[u] > biggestPiece[p]) biggestPiece[p] = subtree[u];
          if (subtree[u] === 1) loneChildren[p]++;
          if (p !== root) isCut[p] = 1;
        }
        if (low[u] > disc[p]) pendingBridges.push({ u: p, v: u, below: subtree[u] });
      }
    }
    if (children[root] >= 2) isCut[root] = 1;
    const size = subtree[root];
    componentSizes.push(size);
    for (let i = firstInOrder; i < time; i++) {
      const x = order[i];
      component[x] = comp;
      if (!isCut[x]) continue;
      const rest = size - 1 - separated[x];
      const largest = rest > biggestPiece[x] ? rest : biggestPiece[x];
      cutOff[x] = size - 1 - largest;
      // Pieces of one: lone children, and the rest of the component when it is a single node; the largest piece
      // is not cut off, so when it is itself a piece of one, one fewer counts.
      const lone = loneChildren[x] + (rest === 1 ? 1 : 0) - (largest === 1 ? 1 : 0);
      loneCutOff[x] = lone;
    }
    for (let i = firstBridge; i < pendingBridges.length; i++) {
      const b = pendingBridges[i];
      bridges.push({ u: b.u, v: b.v, sizeU: size - b.below, sizeV: b.below });
    }
  }
  return { articulation: isCut, cutOff, loneCutOff, component, componentSizes, bridges, blockSizes };
}

export interface ArticulationPoint {
  node: string;
  /** Entities cut off from the largest remaining part of the node's connected network when it is removed. */
  cutOff: number;
  /** Size of the node's connected component (the node included). */
  componentSize: number;
}

export interface Bridge {
  source: string;
  target: string;
  /** Nodes on each side once the tie is removed: [source's side, target's side]. */
  sides: [number, number];
}

export interface CutPoints {
  articulationPoints: ArticulationPoint[];
  bridges: Bridge[];
  /** Biconnected components (blocks with at least one edge). */
  biconnectedComponents: number;
  components: number;
  largestComponent: number;
}

/**
 * Articulation points (with how many nodes each cuts off) and bridges of a graph, treated as
 * undirected and simple. Order: articulation points by node order; bridges by discovery.
 */
export function cutPoints<N extends Attributes, E extends Attributes>(graph: AbstractGraph<N, E>): CutPoints {
  const csr = toUndirectedCSR(graph);
  const r = cutPointsCSR(csr);
  const articulationPoints: ArticulationPoint[] = [];
  for (let i = 0; i < csr.n; i++) {
    if (r.articulation[i]) {
      articulationPoints.push({ node: csr.keys[i], cutOff: r.cutOff[i], componentSize: r.componentSizes[r.component[i]] });
    }
  }
  const bridges = r.bridges.map((b) => ({ source: csr.keys[b.u], target: csr.keys[b.v], sides: [b.sizeU, b.sizeV] as [number, number] }));
  return {
    articulationPoints,
    bridges,
    biconnectedComponents: r.blockSizes.length,
    components: r.componentSizes.length,
    largestComponent: r.componentSizes.reduce((a, b) => Math.max(a, b), 0),
  };
}
