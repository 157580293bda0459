#!/usr/bin/env python3
"""Peer implementations for the engine benchmark (bench/run.mjs).

    bench/.venv/bin/python bench/peers.py <algorithm> <library> <edgelist.bin> [out-file]
    bench/.venv/bin/python bench/peers.py --versions

algorithm: louvain | betweenness | betweenness-sampled | articulation
library:   igraph | networkit | kadabra | networkx
           (kadabra: NetworKit's KadabraBetweenness, for betweenness-sampled only; networkit there is
           NetworKit's ApproxBetweenness, Riondato & Kornaropoulos)
edgelist:  bench/.cache/<graph>.bin (int32 LE: n, m, source[m], target[m]; see bench/generate.mjs)
           or a text edge list ("u v" per line, '#' comments, nodes 0..n-1).

Prints one JSON line: {"load_s", "run_s", "result": {...}} (or {"skipped": reason}).
load_s is reading the file plus building the library's graph; run_s is the algorithm plus turning
its answer into plain node ids. The full answer goes to out-file, for bench/run.mjs to compare:
  betweenness*:  float64 LE, normalized like networkx (raw pair count * 2 / ((n-1)(n-2)))
  louvain:       int32 LE community of each node
  articulation:  int32 LE: count a, sorted articulation points, count b, sorted bridges as (u, v) with u < v
Environment: BENCH_THREADS (NetworKit threads, default 2), BENCH_SEED (default 1),
BENCH_EPSILON / BENCH_DELTA (sampled betweenness, default 0.01 / 0.1), BENCH_RK_CONSTANT (the constant c
of ApproxBetweenness's sample size, default 0.5 as in the engine; NetworKit's own default is 1).
Sampled betweenness is asked for the same bound as the engine's: epsilon on networkx's normalization,
which is epsilon (n-2)/n on the scale these libraries estimate (pairs over n(n-1)).
"""
import hashlib
import json
import os
import random
import sys
import time

import numpy as np

SEED = int(os.environ.get("BENCH_SEED", "1"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
EPSILON = float(os.environ.get("BENCH_EPSILON", "0.01"))
DELTA = float(os.environ.get("BENCH_DELTA", "0.1"))
RK_CONSTANT = float(os.environ.get("BENCH_RK_CONSTANT", "0.5"))


def read_edges(path):
    if path.endswith(".bin"):
        raw = np.fromfile(path, dtype="<i4")
        n, m = int(raw[0]), int(raw[1])
        return n, raw[2 : 2 + m], raw[2 + m : 2 + 2 * m]
    data = np.loadtxt(path, dtype=np.int64, comments="#", ndmin=2)
    src, dst = data[:, 0].astype(np.int32), data[:, 1].astype(np.int32)
    return int(max(src.max(), dst.max())) + 1, src, dst


def set_hash(values):
    """sha1 of the int32 LE bytes of a sorted id list (ours.mjs hashes the same bytes)."""
    return hashlib.sha1(np.asarray(values, dtype="<i4").tobytes()).hexdigest()[:12]


def articulation_result(n, aps, bridges, out):
    aps = np.sort(np.asarray(aps, dtype=np.int64)).astype("<i4")
    br = np.asarray(bridges, dtype=np.int64).reshape(-1, 2)
    br = np.sort(br, axis=1)
    br = br[np.lexsort((br[:, 1], br[:, 0]))].astype("<i4").reshape(-1)
    if out:
        with open(out, "wb") as f:
            np.array([len(aps)], dtype="<i4").tofile(f)
            aps.tofile(f)
            np.array([len(br) // 2], dtype="<i4").tofile(f)
            br.tofile(f)
    return {"articulation": int(len(aps)), "bridges": int(len(br) // 2),
            "articulation_hash": set_hash(aps), "bridges_hash": set_hash(br)}


def betweenness_result(values, out, extra=None):
    v = np.asarray(values, dtype="<f8")
    if out:
        v.tofile(out)
    res = {"max": float(v.max()) if len(v) else 0.0, "sum": float(v.sum()), "argmax": int(v.argmax()) if len(v) else -1}
    res.update(extra or {})
    return res


def louvain_result(membership, modularity, out):
    mem = np.asarray(membership, dtype="<i4")
    if out:
        mem.tofile(out)
    return {"modularity": float(modularity), "communities": int(len(np.unique(mem)))}


def skip(reason):
    print(json.dumps({"skipped": reason}))
    sys.exit(0)


# ---------------------------------------------------------------- igraph --
def run_igraph(alg, n, src, dst, out):
    import igraph as ig

    if alg == "betweenness-sampled":
        skip("python-igraph has no sampled betweenness (only exact or cutoff-limited)")
    if alg not in ("louvain", "betweenness", "articulation"):
        skip(f"no {alg} in igraph runner")
    t0 = time.perf_counter()
    g = ig.Graph(n=n, edges=np.column_stack((src, dst)), directed=False)
    load = time.perf_counter() - t0
    random.seed(SEED)  # python-igraph draws its random numbers from Python's `random`
    t1 = time.perf_counter()
    if alg == "louvain":
        cl = g.community_multilevel()
        membership = cl.membership
        run = time.perf_counter() - t1
        return load, run, louvain_result(membership, g.modularity(membership), out)
    if alg == "betweenness":
        bc = np.asarray(g.betweenness(directed=False), dtype=np.float64)
        if n > 2:
            bc *= 2.0 / ((n - 1) * (n - 2))
        run = time.perf_counter() - t1
        return load, run, betweenness_result(bc, out)
    aps = g.articulation_points()
    bridges = [g.es[e].tuple for e in g.bridges()]
    run = time.perf_counter() - t1
    return load, run, articulation_result(n, aps, bridges, out)


# ------------------------------------------------------------- networkit --
def run_networkit(alg, n, src, dst, out):
    import networkit as nk

    nk.setNumberOfThreads(THREADS)
    nk.setSeed(SEED, False)
    if hasattr(nk, "setLogLevel"):
        nk.setLogLevel("ERROR")
    t0 = time.perf_counter()
    g = nk.Graph(n, weighted=False, directed=False)
    g.addEdges((src.astype(np.uint64), dst.astype(np.uint64)))
    load = time.perf_counter() - t0
    t1 = time.perf_counter()
    if alg == "louvain":
        plm = nk.community.PLM(g, refine=False, gamma=1.0)
        plm.run()
        part = plm.getPartition()
        membership = part.getVector()
        run = time.perf_counter() - t1
        q = nk.community.Modularity().getQuality(part, g)
        return load, run, louvain_result(membership, q, out)
    if alg == "betweenness":
        scores = nk.centrality.Betweenness(g, normalized=True).run().scores()
        run = time.perf_counter() - t1
        return load, run, betweenness_result(scores, out)
    if alg == "betweenness-sampled":
        # Riondato-Kornaropoulos normalizes by n(n-1) ordered pairs; networkx-style normalization
        # divides by (n-1)(n-2) instead: ask for epsilon (n-2)/n and scale the scores by n/(n-2).
        ab = nk.centrality.ApproxBetweenness(g, epsilon=EPSILON * (n - 2) / n, delta=DELTA, universalConstant=RK_CONSTANT)
        ab.run()
        scores = np.asarray(ab.scores(), dtype=np.float64) * (n / (n - 2) if n > 2 else 1.0)
        run = time.perf_counter() - t1
        return load, run, betweenness_result(scores, out, {"samples": int(ab.numberOfSamples()), "epsilon": EPSILON, "delta": DELTA, "constant": RK_CONSTANT})
    if alg == "articulation":
        # NetworKit 11 has no articulation-point or bridge class: both come from the biconnected
        # components (a node in 2+ components is an articulation point; a 2-node component is a bridge).
        bcc = nk.components.BiconnectedComponents(g)
        bcc.run()
        t_bcc = time.perf_counter() - t1
        comps = bcc.getComponents()
        count = np.zeros(n, dtype=np.int32)
        bridges = []
        for comp in comps:
            count[comp] += 1
            if len(comp) == 2:
                bridges.append(comp)
        aps = np.nonzero(count > 1)[0]
        run = time.perf_counter() - t1
        res = articulation_result(n, aps, bridges, out)
        res["bcc_run_s"] = t_bcc
        return load, run, res
    skip(f"no {alg} in networkit runner")


# --------------------------------------------------------------- kadabra --
def run_kadabra(alg, n, src, dst, out):
    import networkit as nk

    if alg != "betweenness-sampled":
        skip(f"kadabra runs only betweenness-sampled (got {alg})")
    nk.setNumberOfThreads(THREADS)
    nk.setSeed(SEED, True)  # KadabraBetweenness wants per-thread seeds (its documentation)
    if hasattr(nk, "setLogLevel"):
        nk.setLogLevel("ERROR")
    t0 = time.perf_counter()
    g = nk.Graph(n, weighted=False, directed=False)
    g.addEdges((src.astype(np.uint64), dst.astype(np.uint64)))
    load = time.perf_counter() - t0
    t1 = time.perf_counter()
    # Absolute error for every node (k = 0), the same bound as the engine's, on the RK scale as above.
    kb = nk.centrality.KadabraBetweenness(g, EPSILON * (n - 2) / n, DELTA)
    kb.run()
    # NetworKit doubles KADABRA's estimate of the RK-normalized betweenness on undirected graphs (its scores sum
    # to twice networkx's): halve, then scale by n/(n-2) as for ApproxBetweenness.
    scores = np.asarray(kb.scores(), dtype=np.float64) * (n / (2.0 * (n - 2)) if n > 2 else 0.5)
    run = time.perf_counter() - t1
    return load, run, betweenness_result(scores, out, {"samples": int(kb.getNumberOfIterations()), "epsilon": EPSILON, "delta": DELTA})


# -------------------------------------------------------------- networkx --
def run_networkx(alg, n, src, dst, out):
    import networkx as nx

    if alg == "betweenness-sampled":
        skip("networkx k-pivot sampling has no (epsilon, delta) guarantee; not comparable")
    t0 = time.perf_counter()
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from(zip(src.tolist(), dst.tolist()))
    load = time.perf_counter() - t0
    t1 = time.perf_counter()
    if alg == "louvain":
        comms = nx.community.louvain_communities(g, seed=SEED)
        membership = np.empty(n, dtype=np.int32)
        for i, c in enumerate(comms):
            membership[list(c)] = i
        run = time.perf_counter() - t1
        return load, run, louvain_result(membership, nx.community.modularity(g, comms), out)
    if alg == "betweenness":
        bc = nx.betweenness_centrality(g, normalized=True)
        vec = np.fromiter((bc[i] for i in range(n)), dtype=np.float64, count=n)
        run = time.perf_counter() - t1
        return load, run, betweenness_result(vec, out)
    if alg == "articulation":
        aps = list(nx.articulation_points(g))
        bridges = list(nx.bridges(g))
        run = time.perf_counter() - t1
        return load, run, articulation_result(n, aps, bridges, out)
    skip(f"no {alg} in networkx runner")


def versions():
    import platform

    out = {"python": platform.python_version(), "numpy": np.__version__}
    for mod in ("igraph", "networkit", "networkx"):
        try:
            out[mod] = __import__(mod).__version__
        except Exception as err:  # noqa: BLE001
            out[mod] = f"missing ({err.__class__.__name__})"
    print(json.dumps(out))


def main(argv):
    if argv[1:2] == ["--versions"]:
        return versions()
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    alg, lib, path = argv[1], argv[2], argv[3]
    out = argv[4] if len(argv) > 4 else None
    runners = {"igraph": run_igraph, "networkit": run_networkit, "kadabra": run_kadabra, "networkx": run_networkx}
    if lib not in runners:
        sys.exit(f"unknown library {lib}")
    t0 = time.perf_counter()
    n, src, dst = read_edges(path)
    read = time.perf_counter() - t0
    load, run, result = runners[lib](alg, n, src, dst, out)
    print(json.dumps({"load_s": read + load, "run_s": run, "result": result, "threads": THREADS if lib in ("networkit", "kadabra") else 1}))


if __name__ == "__main__":
    main(sys.argv)
