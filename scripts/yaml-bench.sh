#!/usr/bin/env bash
# Reading report.yaml: Yams' compose (the old way) against libyaml's events (YAMLComposer), and
# the whole decoding, on the report.yaml files of the generated corpus, held in memory.
#
#     scripts/yaml-bench.sh [REPORTS] [RUNS]        (defaults: 10000 reports, 7 runs)
#
# Needs ../shared/bench/gen_corpus.py. Builds the separate package scripts/yaml-bench in release mode.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
reports=${1:-10000}
runs=${2:-7}
work=${TMPDIR:-/tmp}/nianbao-yaml-bench
mkdir -p "$work"
[ -d "$work/corpus-$reports" ] || python3 ../shared/bench/gen_corpus.py --reports "$reports" --out "$work/corpus-$reports" >/dev/null
(cd scripts/yaml-bench && swift build -c release >/dev/null)
scripts/yaml-bench/.build/release/YAMLBench "$work/corpus-$reports" "$runs"
