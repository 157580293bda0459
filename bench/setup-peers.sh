#!/usr/bin/env bash
# Creates bench/.venv with the peer libraries the engine benchmark compares against
# (python-igraph, NetworKit, networkx), and pandas and pyarrow, with which the peer pipeline of
# bench/pipeline.mjs (bench/peer_pipeline.py) reads the bundle's CSV files. Idempotent: does
# nothing when the venv already has these exact versions. Wheels only (no compiler needed).
# Needs Python 3.11+ and PyPI.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv"
python="${PYTHON:-python3}"

# Pinned: all ship manylinux wheels for CPython 3.11 (x86_64).
pins=(igraph==1.0.0 networkit==11.3 networkx==3.6.1 pandas==2.3.3 pyarrow==22.0.0)
stamp="$venv/.pins"
want="${pins[*]}"

if [[ -x "$venv/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "bench/.venv is ready ($want)"
  exit 0
fi

if ! "$python" -c 'import venv, ensurepip' 2>/dev/null; then
  echo "python venv/ensurepip missing; installing python3-venv" >&2
  apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
fi

"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --only-binary=:all: "${pins[@]}"
"$venv/bin/python" -c 'import igraph, networkit, networkx, pandas, pyarrow; print("igraph", igraph.__version__, "| networkit", networkit.__version__, "| networkx", networkx.__version__, "| pandas", pandas.__version__, "| pyarrow", pyarrow.__version__)'
echo "$want" > "$stamp"
