import { MinHeap, type Adjacency } from './betweenness';

/**
 * Betweenness estimated from sampled shortest paths (Riondato & Kornaropoulos 2016, "Fast approximation of
 * betweenness centrality through sampling", Data Mining and Knowledge Discovery 30(2)).
 *
 * Each sample picks an ordered pair of distinct nodes (s, t) uniformly at random and, when t can be reached from s,
 * one shortest s–t path uniformly at random among all of them; every node inside that path (not s, not t) scores one.
 * A node's score divided by the number of samples r is an unbiased estimate of Riondato & Kornaropoulos' betweenness
 * b(v) = Σ_{s≠t} σ_st(v)/σ_st / (n(n−1)), and with
 *
 *   r = ⌈(c/ε_RK²)(⌊log2(VD − 2)⌋ + 1 + ln(1/δ))⌉
 *
 * samples (VD an upper bound on the vertex diameter, the most nodes on any shortest path; c = 0.5) every estimate is
 * within ±ε_RK of b(v) at once, for all nodes, with probability at least 1 − δ (their Theorem 2: the range set of
 * shortest paths has VC dimension at most ⌊log2(VD − 2)⌋ + 1, and a sample of that size is an ε-approximation).
 *
 * The engine's betweenness is networkx's normalization, the share of pairs of *other* nodes: raw pair counts over
 * (n−1)(n−2)/2. That is n/(n−2) times b(v), so the estimates are scaled by n/(n−2) and the sample is drawn for
 * ε_RK = ε(n−2)/n, which keeps them within ±ε on the engine's scale.
 *
 * Unweighted paths are found with a balanced bidirectional breadth-first search (the side whose frontier has fewer
 * edges grows one level at a time, as in KADABRA, Borassi & Natale 2019), which explores a small part of a large
 * network per sample; weighted ones with Dijkstra from s, stopped when t is settled. Every sample draws from its own
 * random stream, fixed by the seed and the sample's number, so the result does not depend on which thread draws
 * which sample; scores are whole numbers, so adding them up in any order gives the same total.
 */

/** The universal constant c of the sample size, as Riondato & Kornaropoulos (2016) and KADABRA use it. */
export const RK_CONSTANT = 0.5;

/** Bijective 32-bit integer mixer (Wellons' lowbias32). */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * xoshiro128** (Blackman & Vigna), one stream per sample: the state comes from the seed and the sample's number
 * (distinct numbers give distinct states), so samples are independent of each other and of the thread that draws them.
 */
export class SampleRandom {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  reset(seed: number, index: number): void {
    const x = mix32(mix32(seed >>> 0) ^ mix32(index >>> 0) ^ Math.floor(index / 4294967296));
    this.a = x;
    this.b = mix32(x + 0x9e3779b9);
    this.c = mix32(this.b + 0x9e3779b9);
    this.d = mix32(this.c + 0x9e3779b9) | 1;
  }

  next32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform in [0, 1), 53 random bits. */
  next(): number {
    return ((this.next32() >>> 5) * 67108864 + (this.next32() >>> 6)) / 9007199254740992;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

export interface DiameterBound {
  /** Upper bound on the most nodes on any shortest path (at least 1 when there are nodes). */
  vertexDiameter: number;
  /** How it was found, in words. */
  how: string;
  /**
   * Adjacency entries an exact run (Brandes from every node) reads, roughly: per source, the edges of its
   * component twice (the search and the accumulation). For comparing the cost of exact and sampled runs.
   */
  exactWork: number;
}

/**
 * An upper bound on the vertex diameter, in time linear in the size of the graph. Undirected and unweighted: for
 * each connected component, a breadth-first search from its best-connected node v; any two nodes x, y of the
 * component are at most d(x, v) + d(v, y) apart, so no shortest path has more than d1 + d2 + 1 nodes, d1 ≥ d2 the
 * two largest distances from v (Riondato & Kornaropoulos 2016, §5.1). Directed or weighted graphs: the number of
 * nodes of the largest (weakly) connected component, which no shortest path can exceed.
 */
export function vertexDiameterBound(g: Adjacency, directed: boolean, weighted: boolean): DiameterBound {
  const { n, offsets, targets, inOffsets, inTargets } = g;
  const component = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const dist = new Int32Array(n).fill(-1);
  const twoSweep = !directed && !weighted;
  let best = n > 0 ? 1 : 0;
  let exactWork = 0;
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (component[root] >= 0) continue;
    // The component (edges either way), its size, its edges, and its node of highest degree.
    let tail = 0;
    queue[tail++] = root;
    component[root] = count;
    let volume = 0;
    let hub = root;
    let hubDegree = -1;
    for (let head = 0; head < tail; head++) {
      const v = queue[head];
      const degree = offsets[v + 1] - offsets[v] + (directed ? inOffsets[v + 1] - inOffsets[v] : 0);
      volume += degree;
      if (degree > hubDegree) {
        hubDegree = degree;
        hub = v;
      }
      for (let j = offsets[v]; j < offsets[v + 1]; j++) {
        const w = targets[j];
        if (component[w] < 0) {
          component[w] = count;
          queue[tail++] = w;
        }
      }
      if (directed) {
        for (let j = inOffsets[v]; j < inOffsets[v + 1]; j++) {
          const w = inTargets[j];
          if (component[w] < 0) {
            component[w] = count;
            queue[tail++] = w;
          }
        }
      }
    }
    const size = tail;
    count++;
    exactWork += size * 2 * volume;
    let bound = size;
    if (twoSweep && size > 2) {
      let d1 = 0;
      let d2 = 0;
      tail = 0;
      queue[tail++] = hub;
      dist[hub] = 0;
      for (let head = 0; head < tail; head++) {
        const v = queue[head];
        const dv = dist[v];
        if (head > 0) {
          if (dv >= d1) {
            d2 = d1;
            d1 = dv;
          } else if (dv > d2) d2 = dv;
        }
        for (let j = offsets[v]; j < offsets[v + 1]; j++) {
          const w = targets[j];
          if (dist[w] < 0) {
            dist[w] = dv + 1;
            queue[tail++] = w;
          }
        }
      }
      bound = Math.min(size, d1 + d2 + 1);
    }
    if (bound > best) best = bound;
  }
  const how = twoSweep
    ? 'the two largest distances from the best-connected node of each connected component, plus one'
    : `the number of nodes of the largest ${directed ? 'weakly ' : ''}connected component`;
  return { vertexDiameter: best, how, exactWork };
}

/** ⌊log2(VD − 2)⌋ + 1: Riondato & Kornaropoulos' bound on the VC dimension of the shortest paths (0 when VD ≤ 2). */
export function vcDimensionBound(vertexDiameter: number): number {
  return vertexDiameter > 2 ? Math.floor(Math.log2(vertexDiameter - 2)) + 1 : 0;
}

/**
 * Samples needed so that every estimate is within ±epsilon of the exact normalized betweenness (the engine's scale:
 * shares of pairs of other nodes) with probability at least 1 − delta. 0 when no node can lie inside a shortest
 * path (n ≤ 2 or vertex diameter ≤ 2: every value is exactly 0).
 */
export function rkSampleSize(n: number, vertexDiameter: number, epsilon: number, delta: number, c = RK_CONSTANT): number {
  if (!(epsilon > 0) || !(delta > 0 && delta < 1)) throw new RangeError(`sampled betweenness needs 0 < epsilon and 0 < delta < 1 (got epsilon ${epsilon}, delta ${delta})`);
  if (n <= 2 || vertexDiameter <= 2) return 0;
  const e = (epsilon * (n - 2)) / n;
  return Math.ceil((c / (e * e)) * (vcDimensionBound(vertexDiameter) + Math.log(1 / delta)));
}

/** The bound that `samples` samples achieve on the engine's scale (the smallest epsilon they are enough for). */
export function rkEpsilon(n: number, vertexDiameter: number, samples: number, delta: number, c = RK_CONSTANT): number {
  if (n <= 2 || vertexDiameter <= 2) return 0;
  const eRK = Math.sqrt((c * (vcDimensionBound(vertexDiameter) + Math.log(1 / delta))) / samples);
  return (eRK * n) / (n - 2);
}

/**
 * Draws sampled shortest paths and counts, for each node, how many of them pass through it. Holds the working
 * arrays for one thread; `run(from, to)` draws samples number from … to − 1 (each from its own random stream).
 */
export class PathSampler {
  /** Sampled paths through each node (whole numbers). */
  readonly counts: Float64Array;
  /** Adjacency entries read so far: the work done, for estimating the cost of more samples. */
  scanned = 0;
  /** Samples drawn so far, and how many found a path. */
  drawn = 0;
  connected = 0;

  private readonly rng = new SampleRandom();
  /** The inside of the last path sampled, from s to t (pathLength nodes; none when t was out of reach). */
  private readonly path: Int32Array;
  private pathLength = 0;
  /**
   * Per node, side by side so that one cache line serves a visit: [mark from s, distance from s, mark from t,
   * distance to t, out-degree, in-degree, –, –]. A mark equal to the current stamp means "reached in this sample".
   */
  private readonly state: Int32Array;
  private readonly sigmaS: Float64Array;
  private readonly sigmaT: Float64Array;
  private readonly queueS: Int32Array;
  private readonly queueT: Int32Array;
  // Weighted: Dijkstra's marks (stamp: reached, −stamp: settled) and distances.
  private readonly markW: Int32Array;
  private readonly wdist: Float64Array | null;
  private readonly heap: MinHeap | null;
  private stamp = 0;

  constructor(
    private readonly g: Adjacency,
    private readonly weighted: boolean,
    private readonly seed: number,
  ) {
    const n = g.n;
    this.counts = new Float64Array(n);
    this.path = new Int32Array(n);
    this.sigmaS = new Float64Array(n);
    this.queueS = new Int32Array(n);
    if (weighted) {
      this.state = new Int32Array(0);
      this.sigmaT = new Float64Array(0);
      this.queueT = new Int32Array(0);
      this.markW = new Int32Array(n);
      this.wdist = new Float64Array(n);
      this.heap = new MinHeap(Math.max(16, n));
    } else {
      const state = new Int32Array(8 * n);
      for (let v = 0; v < n; v++) {
        state[8 * v + 4] = g.offsets[v + 1] - g.offsets[v];
        state[8 * v + 5] = g.inOffsets[v + 1] - g.inOffsets[v];
      }
      this.state = state;
      this.sigmaT = new Float64Array(n);
      this.queueT = new Int32Array(n);
      this.markW = new Int32Array(0);
      this.wdist = null;
      this.heap = null;
    }
  }

  run(from: number, to: number): void {
    for (let i = from; i < to; i++) this.sample(i);
  }

  /** Empties the counts (after they were handed over), keeping the work arrays. */
  clearCounts(): void {
    this.counts.fill(0);
  }

  private nextStamp(): number {
    if (this.stamp === 0x7fffffff) {
      for (let i = 0; i < this.state.length; i += 8) {
        this.state[i] = 0;
        this.state[i + 2] = 0;
      }
      this.markW.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }

  private sample(index: number): void {
    const n = this.g.n;
    const rng = this.rng;
    rng.reset(this.seed, index);
    const s = Math.floor(rng.next() * n);
    let t = Math.floor(rng.next() * (n - 1));
    if (t >= s) t++;
    this.drawn++;
    this.pathLength = 0;
    if (this.weighted) this.sampleWeighted(s, t);
    else this.sampleBidirectional(s, t);
  }

  /**
   * One shortest s–t path drawn uniformly at random (with the random stream of sample number `index`): the nodes
   * inside it, from s to t, or null when t cannot be reached from s. Counted like any sample. For checking the
   * sampler; `run` is what estimates betweenness.
   */
  samplePath(s: number, t: number, index: number): number[] | null {
    if (s === t || s < 0 || t < 0 || s >= this.g.n || t >= this.g.n) throw new RangeError(`samplePath needs two different nodes of 0..${this.g.n - 1} (got ${s}, ${t})`);
    this.rng.reset(this.seed, index);
    const before = this.connected;
    this.drawn++;
    this.pathLength = 0;
    if (this.weighted) this.sampleWeighted(s, t);
    else this.sampleBidirectional(s, t);
    return this.connected === before ? null : Array.from(this.path.subarray(0, this.pathLength));
  }

  /**
   * Picks a neighbour p of v (in `offsets`/`targets`) reached from the same side (`side`: 0 from s, 2 towards t) one
   * level closer to that end, with probability σ(p)/σ(v).
   */
  private pick(v: number, offsets: Int32Array, targets: Int32Array, side: number, sigma: Float64Array): number {
    const { state, stamp } = this;
    const want = state[8 * v + side + 1] - 1;
    let x = this.rng.next() * sigma[v];
    let last = -1;
    for (let j = offsets[v]; j < offsets[v + 1]; j++) {
      const p = targets[j];
      const p8 = 8 * p + side;
      if (state[p8] !== stamp || state[p8 + 1] !== want) continue;
      last = p;
      x -= sigma[p];
      if (x < 0) return p;
    }
    return last; // only reached through rounding: the last predecessor
  }

  private sampleBidirectional(s: number, t: number): void {
    const { offsets, targets, inOffsets, inTargets } = this.g;
    const { state, sigmaS, sigmaT, queueS, queueT, counts } = this;
    const stamp = this.nextStamp();
    state[8 * s] = stamp;
    state[8 * s + 1] = 0;
    sigmaS[s] = 1;
    queueS[0] = s;
    state[8 * t + 2] = stamp;
    state[8 * t + 3] = 0;
    sigmaT[t] = 1;
    queueT[0] = t;
    // Frontiers: queueS[sStart, sEnd) at distance levelS from s; queueT[tStart, tEnd) at levelT to t.
    let sStart = 0;
    let sEnd = 1;
    let tStart = 0;
    let tEnd = 1;
    let levelS = 0;
    let levelT = 0;
    let workS = state[8 * s + 4];
    let workT = state[8 * t + 5];
    let scanned = 0;
    for (;;) {
      if (sStart === sEnd || tStart === tEnd) break; // t cannot be reached from s
      const forward = workS <= workT;
      // Grow one side by a level. A node already reached from the other side closes a shortest path: before this
      // level the two searches were disjoint, so every shortest path has length levelS + levelT + 1 and crosses
      // exactly one edge from the s-frontier to the t-frontier; σ_st is the sum over those edges of σ_s(u)·σ_t(w).
      const qa = forward ? queueS : queueT;
      const start = forward ? sStart : tStart;
      const end = forward ? sEnd : tEnd;
      const nextLevel = (forward ? levelS : levelT) + 1;
      const out = forward ? offsets : inOffsets;
      const outTargets = forward ? targets : inTargets;
      const sigmaA = forward ? sigmaS : sigmaT;
      const sigmaB = forward ? sigmaT : sigmaS;
      const a = forward ? 0 : 2; // this side's mark in `state`
      const b = 2 - a; // the other side's
      const degree = forward ? 4 : 5;
      let total = 0;
      let next = end;
      let work = 0;
      for (let q = start; q < end; q++) {
        const u = qa[q];
        const su = sigmaA[u];
        const jEnd = out[u + 1];
        scanned += jEnd - out[u];
        for (let j = out[u]; j < jEnd; j++) {
          const w = outTargets[j];
          const w8 = 8 * w;
          if (state[w8 + b] === stamp) total += su * sigmaB[w];
          else if (state[w8 + a] !== stamp) {
            state[w8 + a] = stamp;
            state[w8 + a + 1] = nextLevel;
            sigmaA[w] = su;
            qa[next++] = w;
            work += state[w8 + degree];
          } else if (state[w8 + a + 1] === nextLevel) sigmaA[w] += su;
        }
      }
      if (total > 0) {
        // Choose the crossing edge (u, w) with probability σ(u)·σ(w)/σ_st, then each half uniformly.
        let x = this.rng.next() * total;
        let cu = -1;
        let cw = -1;
        search: for (let q = start; q < end; q++) {
          const u = qa[q];
          const su = sigmaA[u];
          for (let j = out[u]; j < out[u + 1]; j++) {
            const w = outTargets[j];
            if (state[8 * w + b] !== stamp) continue;
            cu = u;
            cw = w;
            x -= su * sigmaB[w];
            if (x < 0) break search;
          }
        }
        // (cu, cw) runs from the side just grown to the other; orient it from s to t.
        let x1 = forward ? cu : cw; // on the s side
        let x2 = forward ? cw : cu; // on the t side
        const path = this.path;
        let len = 0;
        while (x1 !== s) {
          path[len++] = x1;
          x1 = this.pick(x1, inOffsets, inTargets, 0, sigmaS);
        }
        path.subarray(0, len).reverse();
        while (x2 !== t) {
          path[len++] = x2;
          x2 = this.pick(x2, offsets, targets, 2, sigmaT);
        }
        this.pathLength = len;
        for (let i = 0; i < len; i++) counts[path[i]]++;
        this.connected++;
        break;
      }
      if (forward) {
        sStart = end;
        sEnd = next;
        levelS = nextLevel;
        workS = work;
      } else {
        tStart = end;
        tEnd = next;
        levelT = nextLevel;
        workT = work;
      }
    }
    this.scanned += scanned;
  }

  /** Dijkstra from s until t is settled, then back from t choosing each predecessor p with probability σ(p)/σ(v). */
  private sampleWeighted(s: number, t: number): void {
    const { offsets, targets, weights, inOffsets, inTargets, inWeights } = this.g;
    const { markW: markS, sigmaS, queueS, counts } = this;
    const dist = this.wdist!;
    const heap = this.heap!;
    const stamp = this.nextStamp();
    heap.size = 0;
    markS[s] = stamp;
    dist[s] = 0;
    sigmaS[s] = 1;
    heap.push(s, 0);
    let settled = 0;
    let scanned = 0;
    let found = false;
    while (heap.size > 0) {
      heap.pop();
      const v = heap.topNode;
      if (markS[v] === -stamp || heap.topKey > dist[v]) continue;
      markS[v] = -stamp;
      queueS[settled++] = v;
      if (v === t) {
        found = true;
        break;
      }
      scanned += offsets[v + 1] - offsets[v];
      for (let j = offsets[v]; j < offsets[v + 1]; j++) {
        const w = targets[j];
        if (markS[w] === -stamp) continue;
        const d = dist[v] + weights[j];
        if (markS[w] !== stamp || d < dist[w]) {
          markS[w] = stamp;
          dist[w] = d;
          sigmaS[w] = sigmaS[v];
          heap.push(w, d);
        } else if (d === dist[w]) sigmaS[w] += sigmaS[v];
      }
    }
    this.scanned += scanned;
    if (!found) return;
    this.connected++;
    let v = t;
    const rng = this.rng;
    const path = this.path;
    let len = 0;
    for (;;) {
      let x = rng.next() * sigmaS[v];
      let chosen = -1;
      for (let j = inOffsets[v]; j < inOffsets[v + 1]; j++) {
        const p = inTargets[j];
        if (markS[p] !== -stamp || dist[p] + inWeights[j] !== dist[v]) continue;
        chosen = p;
        x -= sigmaS[p];
        if (x < 0) break;
      }
      v = chosen;
      if (v === s) break;
      path[len++] = v;
    }
    path.subarray(0, len).reverse();
    this.pathLength = len;
    for (let i = 0; i < len; i++) counts[path[i]]++;
  }
}
