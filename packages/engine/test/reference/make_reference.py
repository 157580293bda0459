#!/usr/bin/env python3
"""Generate network fixtures and networkx reference values for the Chokepoint engine tests.

Usage (from anywhere):
    python3 packages/engine/test/reference/make_reference.py [--shared /path/to/shared/data/networks]

Default --shared is <repo root>/../shared/data/networks. The repo root is found from this
file's location (packages/engine/test/reference/ -> 4 levels up). Output:
    packages/engine/test/fixtures/networks/<name>.tsv
    packages/engine/test/fixtures/reference/<name>.json
Deterministic: nodes are inserted in file order, all outputs are sorted, floats are written
with json (repr, round-trip exact). Requires only networkx (and the standard library).
"""
import argparse
import json
import re
import sys
from pathlib import Path

import networkx as nx

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[3]  # reference -> test -> engine -> packages -> root
FIXTURES = REPO_ROOT / "packages" / "engine" / "test" / "fixtures"

# name -> (source file, source/licence line copied from shared/data/SOURCES.md, use GML `value` as weight)
NETWORKS = {
    "karate": ("karate.edgelist.tsv",
               "Zachary's karate club, 0-based ids. W. Zachary (1977); transcribed from graphology's generator (MIT)",
               False),
    "lesmis": ("lesmis.gml",
               "Les Miserables co-appearance, weighted (`value`). D. Knuth; M. Newman's network data",
               True),
    "dolphins": ("dolphins.gml",
                 "Doubtful Sound dolphin social network. D. Lusseau et al. (2003); M. Newman's network data",
                 False),
    "netscience": ("netscience.gml",
                   "Network-science coauthorship. M. Newman (2006)",
                   False),
    "power": ("power.gml",
              "US Western power grid. Watts & Strogatz (1998)",
              False),
}


def num(s):
    return int(s)


def read_karate(path):
    """Returns (simple Graph with int nodes and weight=1, stats dict)."""
    M = nx.MultiGraph()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if not parts[0].lstrip("-").isdigit():
            continue  # header row
        M.add_edge(int(parts[0]), int(parts[1]))
    return collapse(M, weighted=False)


def read_gml_multi(path):
    """Read GML as a multigraph so duplicate edges never raise, keyed by the integer `id`."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if not re.search(r"^\s*multigraph\s+1\s*$", text, re.M):
        text = re.sub(r"^(\s*graph\s*\[)", r"\1\n  multigraph 1", text, count=1, flags=re.M)
    G = nx.parse_gml(text, label="id")
    if G.is_directed():
        raise SystemExit(f"{path}: unexpected directed GML")
    return G


def collapse(M, weighted):
    """Multigraph -> simple nx.Graph (int nodes, in first-seen order), dropping self-loops
    and duplicate edges. Weighted: keep the `value` of the first occurrence; fail if a duplicate
    carries a different value (so we never silently invent a weight policy)."""
    G = nx.Graph()
    G.add_nodes_from(int(n) for n in M.nodes())
    loops = dups = 0
    for u, v, d in M.edges(data=True):
        u, v = int(u), int(v)
        if u == v:
            loops += 1
            continue
        w = d.get("value", 1) if weighted else 1
        if G.has_edge(u, v):
            dups += 1
            if G[u][v]["weight"] != w:
                raise SystemExit(f"duplicate edge {u}-{v} with different weights {G[u][v]['weight']} vs {w}")
            continue
        G.add_edge(u, v, weight=w)
    return G, {"selfLoopsDropped": loops, "duplicateEdgesDropped": dups,
               "rawEdges": M.number_of_edges()}


def fmt_w(w):
    if isinstance(w, float) and w.is_integer():
        w = int(w)
    return repr(w)


def edge_key(e):
    return (e[0], e[1])


def sorted_edges(G):
    return sorted((min(u, v), max(u, v)) for u, v in G.edges())


def write_tsv(name, G, source_line, stats, out):
    isolated = sorted(n for n in G.nodes() if G.degree(n) == 0)
    lines = [
        f"# name: {name}",
        f"# source: {source_line}",
        "# simple undirected graph, self-loops and duplicate edges removed"
        f" (dropped here: {stats['selfLoopsDropped']} self-loops, {stats['duplicateEdgesDropped']} duplicate edges)",
        f"# nodes: {G.number_of_nodes()}",
        f"# edges: {G.number_of_edges()}",
        f"# isolated nodes: {len(isolated)} (listed after the edges, one id per line, single column)",
        "# columns: source<TAB>target<TAB>weight (u < v numerically, sorted)",
    ]
    for u, v in sorted_edges(G):
        lines.append(f"{u}\t{v}\t{fmt_w(G[u][v]['weight'])}")
    for n in isolated:
        lines.append(f"{n}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def cut_off(G, v):
    """(|component(v)| - 1) - (largest piece of that component left after removing v)."""
    comp = nx.node_connected_component(G, v)
    H = G.subgraph(comp - {v})
    largest = max((len(c) for c in nx.connected_components(H)), default=0)
    return (len(comp) - 1) - largest


def reference(name, G, shared):
    aps = sorted(nx.articulation_points(G))
    bridges = sorted((min(u, v), max(u, v)) for u, v in nx.bridges(G))
    bc = nx.betweenness_centrality(G, normalized=True)
    ref = {
        "name": name,
        "generator": f"networkx {nx.__version__}",
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "articulationPoints": [str(v) for v in aps],
        "bridges": [[str(u), str(v)] for u, v in bridges],
        "biconnectedComponents": sum(1 for _ in nx.biconnected_components(G)),
        "connectedComponents": nx.number_connected_components(G),
        "betweenness": {str(v): bc[v] for v in sorted(G.nodes())},
        "cutOff": {str(v): cut_off(G, v) for v in aps},
    }
    if name == "lesmis":
        bw = nx.betweenness_centrality(G, weight="weight", normalized=True)
        ref["betweennessWeighted"] = {str(v): bw[v] for v in sorted(G.nodes())}
    if name == "karate":
        comms = nx.community.louvain_communities(G, seed=42)
        ref["louvainModularity"] = nx.community.modularity(G, comms)
        ref["louvainCommunities"] = sorted(([str(v) for v in sorted(c)] for c in comms),
                                           key=lambda c: int(c[0]))
        clubs = {}
        for line in (shared / "karate.clubs.tsv").read_text(encoding="utf-8").splitlines():
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2 or not parts[0].isdigit():
                continue
            clubs[int(parts[0])] = parts[1]
        ref["clubs"] = {str(k): clubs[k] for k in sorted(clubs)}
    return ref


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=REPO_ROOT.parent / "shared" / "data" / "networks",
                    help="directory holding the source network files")
    args = ap.parse_args(argv)
    shared = args.shared.resolve()
    net_dir = FIXTURES / "networks"
    ref_dir = FIXTURES / "reference"
    net_dir.mkdir(parents=True, exist_ok=True)
    ref_dir.mkdir(parents=True, exist_ok=True)

    for name, (fname, source_line, weighted) in NETWORKS.items():
        path = shared / fname
        if name == "karate":
            G, stats = read_karate(path)
        else:
            G, stats = collapse(read_gml_multi(path), weighted)
        write_tsv(name, G, source_line, stats, net_dir / f"{name}.tsv")
        ref = reference(name, G, shared)
        with open(ref_dir / f"{name}.json", "w", encoding="utf-8") as f:
            json.dump(ref, f, indent=1, ensure_ascii=False)
            f.write("\n")
        print(f"{name}: nodes={ref['nodes']} edges={ref['edges']} raw_edges={stats['rawEdges']} "
              f"self_loops_dropped={stats['selfLoopsDropped']} dup_dropped={stats['duplicateEdgesDropped']} "
              f"isolated={sum(1 for n in G if G.degree(n) == 0)} "
              f"aps={len(ref['articulationPoints'])} bridges={len(ref['bridges'])} "
              f"bcc={ref['biconnectedComponents']} cc={ref['connectedComponents']}", file=sys.stderr)


if __name__ == "__main__":
    main()
