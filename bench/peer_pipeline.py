#!/usr/bin/env python3
"""The pipeline a researcher would write instead of `chokepoint analyze`, for bench/pipeline.mjs.

    bench/.venv/bin/python bench/peer_pipeline.py <bundle-dir> [--epsilon 0.1] [--delta 0.1 | --exact]
                                                  [--threads 2] [--seed 1]
    bench/.venv/bin/python bench/peer_pipeline.py --versions

Graph work only, each step timed on its own:
  read         the bundle's entities.csv, relations.csv and shipments.csv with pandas (pyarrow engine)
  build        entity ids to 0..n-1; the ties of relations.csv, the supplier-buyer pairs of shipments.csv
               and the payer->buyer and buyer->consignee ties that shipments imply; one undirected
               edge per connected pair, weighted as Chokepoint weighs it (ownership, directorship,
               family and shared address 2; employee, associate, agent, payment and consignment 1;
               a trading pair 0.75: Chokepoint gives 0.5 to 1 by the tonnage); the igraph graph and
               the NetworKit graph built from those arrays
  louvain      igraph community_multilevel on the weights (modularity measured on the same weights)
  cut points   igraph articulation_points and bridges
  betweenness  NetworKit ApproxBetweenness (Riondato & Kornaropoulos) with the (epsilon, delta) that
               Chokepoint's report states for its own estimate: each value within +-epsilon of the
               exact one with probability at least 1 - delta; with --exact (when Chokepoint computed
               it exactly, as it does for small networks), NetworKit's exact Betweenness

No name resolution, no geocoding, no red flags, no report: what the researcher's script would do
to get the same network measures. Prints one JSON line per step as it ends (wall and CPU seconds),
then a summary line {"done": true, "steps": {...}, "cpu": {...}, "total_s": ..., "cpu_s": ...}. Every random choice is seeded (--seed).
"""
import argparse
import json
import os
import platform
import random
import sys
import time

STRUCTURAL = {"owner", "director", "family", "shared_address"}


def versions():
    out = {"python": platform.python_version()}
    for mod in ("numpy", "pandas", "pyarrow", "igraph", "networkit"):
        try:
            out[mod] = __import__(mod).__version__
        except Exception as err:  # noqa: BLE001
            out[mod] = f"missing ({err.__class__.__name__})"
    print(json.dumps(out))


def find(bundle, name):
    """The bundle file, found without regard to case as Chokepoint finds it; None when absent."""
    for entry in os.listdir(bundle):
        if entry.lower() == name:
            return os.path.join(bundle, entry)
    return None


def main():
    if sys.argv[1:2] == ["--versions"]:
        return versions()
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bundle")
    ap.add_argument("--epsilon", type=float, default=0.1)
    ap.add_argument("--delta", type=float, default=0.1)
    ap.add_argument("--exact", action="store_true", help="exact betweenness, as Chokepoint computes it for small networks")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    steps = {}
    t_all = time.perf_counter()

    cpu = {}
    cpu_last = [time.process_time()]

    def step(name, t0, **facts):
        # Wall time of the step, and the CPU time of the process (all threads) since the previous step ended.
        steps[name] = time.perf_counter() - t0
        now = time.process_time()
        cpu[name], cpu_last[0] = now - cpu_last[0], now
        print(json.dumps({"step": name, "seconds": steps[name], "cpu_seconds": cpu[name], **facts}), flush=True)

    # ---- read ------------------------------------------------------------------------------------
    t0 = time.perf_counter()
    import numpy as np
    import pandas as pd

    def read(name, columns):
        path = find(args.bundle, name)
        if path is None:
            return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
        header = pd.read_csv(path, nrows=0).columns
        use = [c for c in columns if c in header]
        df = pd.read_csv(path, engine="pyarrow", usecols=use, dtype={c: "string" for c in use})
        for c in columns:
            if c not in df.columns:
                df[c] = pd.Series(pd.NA, index=df.index, dtype="string")
        return df

    entities = read("entities.csv", ["id"])
    relations = read("relations.csv", ["source", "target", "kind"])
    shipments = read("shipments.csv", ["supplier", "buyer", "payer", "consignee"])
    step("read", t0, entities=len(entities), relations=len(relations), shipments=len(shipments))

    # ---- build -----------------------------------------------------------------------------------
    t0 = time.perf_counter()
    import igraph as ig
    import networkit as nk

    ids = pd.Index(entities["id"])
    n = len(ids)
    parts = []
    if len(relations):
        kind = relations["kind"].str.lower().str.replace(r"[\s-]+", "_", regex=True)
        w = np.where(kind.isin(STRUCTURAL).to_numpy(), 2.0, 1.0)
        parts.append((ids.get_indexer(relations["source"]), ids.get_indexer(relations["target"]), w))
    if len(shipments):
        sup, buy = ids.get_indexer(shipments["supplier"]), ids.get_indexer(shipments["buyer"])
        trade = pd.DataFrame({"u": np.minimum(sup, buy), "v": np.maximum(sup, buy)}).drop_duplicates()
        parts.append((trade["u"].to_numpy(), trade["v"].to_numpy(), np.full(len(trade), 0.75)))
        for col, src_first in (("payer", True), ("consignee", False)):
            other = shipments[col]
            has = other.notna() & (other != shipments["buyer"])
            if has.any():
                o = ids.get_indexer(other[has])
                b = buy[has.to_numpy()]
                pair = pd.DataFrame({"u": o if src_first else b, "v": b if src_first else o}).drop_duplicates()
                parts.append((pair["u"].to_numpy(), pair["v"].to_numpy(), np.ones(len(pair))))
    u = np.concatenate([p[0] for p in parts]) if parts else np.empty(0, dtype=np.int64)
    v = np.concatenate([p[1] for p in parts]) if parts else np.empty(0, dtype=np.int64)
    w = np.concatenate([p[2] for p in parts]) if parts else np.empty(0)
    if (u < 0).any() or (v < 0).any():
        sys.exit("a tie names an entity that entities.csv does not have")
    keep = u != v
    lo, hi = np.minimum(u[keep], v[keep]), np.maximum(u[keep], v[keep])
    edges = pd.DataFrame({"u": lo, "v": hi, "w": w[keep]}).groupby(["u", "v"], sort=True, as_index=False)["w"].sum()
    eu, ev, ew = edges["u"].to_numpy(np.int64), edges["v"].to_numpy(np.int64), edges["w"].to_numpy(np.float64)
    g = ig.Graph(n=n, edges=np.column_stack((eu, ev)), directed=False, edge_attrs={"weight": ew})
    nk.setNumberOfThreads(args.threads)
    nk.setSeed(args.seed, False)
    if hasattr(nk, "setLogLevel"):
        nk.setLogLevel("ERROR")
    gk = nk.Graph(n, weighted=False, directed=False)
    gk.addEdges((eu.astype(np.uint64), ev.astype(np.uint64)))
    step("build", t0, nodes=n, edges=int(len(edges)))

    # ---- Louvain ---------------------------------------------------------------------------------
    t0 = time.perf_counter()
    random.seed(args.seed)  # python-igraph draws its random numbers from Python's `random`
    clusters = g.community_multilevel(weights="weight")
    membership = clusters.membership
    q = g.modularity(membership, weights="weight")
    step("louvain", t0, communities=int(max(membership) + 1) if membership else 0, modularity=q)

    # ---- cut points ------------------------------------------------------------------------------
    t0 = time.perf_counter()
    points = g.articulation_points()
    bridges = g.bridges()
    step("cut points", t0, articulation_points=len(points), bridges=len(bridges))

    # ---- betweenness -----------------------------------------------------------------------------
    t0 = time.perf_counter()
    if args.exact:
        scores = np.asarray(nk.centrality.Betweenness(gk, normalized=True).run().scores(), dtype=np.float64)
        step("betweenness", t0, exact=True, threads=args.threads, max=float(scores.max()) if n else 0.0)
    else:
        ab = nk.centrality.ApproxBetweenness(gk, epsilon=args.epsilon, delta=args.delta)
        ab.run()
        scores = np.asarray(ab.scores(), dtype=np.float64)
        step("betweenness", t0, exact=False, epsilon=args.epsilon, delta=args.delta, samples=int(ab.numberOfSamples()), threads=args.threads, max=float(scores.max()) if n else 0.0)

    print(json.dumps({"done": True, "steps": steps, "cpu": cpu, "total_s": time.perf_counter() - t_all, "cpu_s": time.process_time()}), flush=True)


if __name__ == "__main__":
    main()
