#!/usr/bin/env python3
"""igraph reference values for the engine's Louvain/Leiden (packages/engine/src/louvain.ts).

Usage (needs python-igraph and networkx; e.g. python3 -m venv /tmp/igvenv && /tmp/igvenv/bin/pip install igraph networkx):
    /tmp/igvenv/bin/python packages/engine/test/reference/louvain_reference.py [--shared DIR] [--no-enron]

Reads karate, lesmis, dolphins from the committed fixtures (packages/engine/test/fixtures/networks/*.tsv),
reads football and polbooks from --shared (default <repo root>/../shared/data/networks) and writes them as
fixtures in the same format (via make_reference.py), and email-Enron (only for the record, not a fixture).
Writes packages/engine/test/fixtures/reference/louvain.json:

  networks.<name>.multilevel  igraph community_multilevel (Blondel et al.), python `random.seed(s)` for
                              s = 0..SEEDS-1: every modularity, min, median, max, mean
  networks.<name>.leiden      igraph community_leiden(objective_function="modularity", n_iterations=-1), same seeds
  networks.<name>.partition   the best multilevel partition (community of each node id, ids as strings) and its
                              modularity from igraph and from networkx at resolutions 1, 0.5 and 2
                              (for checking modularityCSR on an independent implementation)

Weights: lesmis uses its `weight` column (GML `value`), all others are unweighted.
Deterministic for a given igraph version (igraph draws from Python's `random`).
"""
import argparse
import json
import platform
import random
import statistics
import sys
from pathlib import Path

import igraph as ig
import networkx as nx

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[3]
FIXTURES = REPO_ROOT / "packages" / "engine" / "test" / "fixtures"
sys.path.insert(0, str(HERE))
import make_reference  # noqa: E402  (same directory: GML reading and the fixture TSV writer)

SEEDS = 20
ENRON_SEEDS = 10
RESOLUTIONS = [1, 0.5, 2]

SHARED_NETWORKS = {
    "football": ("football.gml", "US college football 2000 (node `value` = conference, not kept). "
                 "Girvan & Newman (2002); M. Newman's network data"),
    "polbooks": ("polbooks.gml", "Political books co-purchase (node `value` l/n/c, not kept). "
                 "V. Krebs; M. Newman's network data"),
}


def read_fixture(name):
    """A committed fixture TSV -> networkx Graph with int nodes (first-seen order) and `weight`."""
    G = nx.Graph()
    for line in (FIXTURES / "networks" / f"{name}.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) == 1:
            G.add_node(int(parts[0]))
            continue
        G.add_edge(int(parts[0]), int(parts[1]), weight=float(parts[2]))
    return G


def read_enron(path):
    G = nx.Graph()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        a, b = line.split()[:2]
        if a != b:
            G.add_edge(int(a), int(b), weight=1.0)
    return G


def to_igraph(G):
    ids = sorted(G.nodes())
    index = {v: i for i, v in enumerate(ids)}
    g = ig.Graph(n=len(ids), edges=[(index[u], index[v]) for u, v in G.edges()])
    g.es["weight"] = [float(d.get("weight", 1.0)) for _, _, d in G.edges(data=True)]
    return g, ids


def stats(values):
    return {"values": values, "min": min(values), "median": statistics.median(values),
            "max": max(values), "mean": statistics.fmean(values)}


def measure(name, G, weighted, seeds, with_partition):
    g, ids = to_igraph(G)
    weights = "weight" if weighted else None
    multilevel, leiden = [], []
    best, best_q = None, -1.0
    for s in range(seeds):
        random.seed(s)
        cl = g.community_multilevel(weights=weights)
        q = g.modularity(cl.membership, weights=weights)
        multilevel.append(q)
        if q > best_q:
            best, best_q = list(cl.membership), q
        random.seed(s)
        cl = g.community_leiden(objective_function="modularity", weights=weights, n_iterations=-1)
        leiden.append(g.modularity(cl.membership, weights=weights))
    out = {"nodes": g.vcount(), "edges": g.ecount(), "weighted": weighted,
           "multilevel": stats(multilevel), "leiden": stats(leiden)}
    if with_partition:
        groups = {}
        for v, c in zip(ids, best):
            groups.setdefault(c, set()).add(v)
        comms = list(groups.values())
        nxw = "weight" if weighted else None
        out["partition"] = {
            "community": {str(v): c for v, c in zip(ids, best)},
            "modularity": {
                str(r): {
                    "igraph": g.modularity(best, weights=weights, resolution=r),
                    "networkx": nx.community.modularity(G, comms, weight=nxw, resolution=r),
                } for r in RESOLUTIONS
            },
        }
    print(f"{name}: n={g.vcount()} m={g.ecount()} multilevel median={out['multilevel']['median']:.4f} "
          f"max={out['multilevel']['max']:.4f} leiden median={out['leiden']['median']:.4f}", file=sys.stderr)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=REPO_ROOT.parent / "shared" / "data" / "networks")
    ap.add_argument("--no-enron", action="store_true", help="skip email-Enron (the slowest part)")
    args = ap.parse_args(argv)
    shared = args.shared.resolve()

    for name, (fname, source_line) in SHARED_NETWORKS.items():
        G, st = make_reference.collapse(make_reference.read_gml_multi(shared / fname), weighted=False)
        make_reference.write_tsv(name, G, source_line, st, FIXTURES / "networks" / f"{name}.tsv")

    networks = {}
    for name in ["karate", "lesmis", "dolphins", "football", "polbooks"]:
        networks[name] = measure(name, read_fixture(name), name == "lesmis", SEEDS, True)
    if not args.no_enron:
        networks["email-enron"] = measure("email-enron", read_enron(shared / "email-enron.txt"), False,
                                          ENRON_SEEDS, False)

    ref = {
        "generator": f"python-igraph {ig.__version__}, networkx {nx.__version__}, Python {platform.python_version()}",
        "seeds": f"python random.seed(s), s = 0..{SEEDS - 1} (email-enron: 0..{ENRON_SEEDS - 1})",
        "networks": networks,
    }
    with open(FIXTURES / "reference" / "louvain.json", "w", encoding="utf-8") as f:
        json.dump(ref, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
