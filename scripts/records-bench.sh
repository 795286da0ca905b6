#!/usr/bin/env bash
# The records a build keeps beside the output, as text files (what nianbao uses, BuildRecords)
# against one SQLite database through GRDB: the record work of a no-op build, a text edit and a
# corrected figure, on the records of a real build of the generated corpus.
#
#     scripts/records-bench.sh [REPORTS] [RUNS]        (defaults: 10000 reports, 15 runs)
#
# Needs a release build (swift build -c release), libsqlite3-dev (GRDB's SQLite) and
# ../shared/bench/gen_corpus.py. Builds the separate package scripts/records-bench (GRDB 7.10.0).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
reports=${1:-10000}
runs=${2:-15}
work=${TMPDIR:-/tmp}/nianbao-records-bench
mkdir -p "$work"
[ -d "$work/corpus-$reports" ] || python3 ../shared/bench/gen_corpus.py --reports "$reports" --out "$work/corpus-$reports" >/dev/null
rm -rf "$work/site-$reports" "$work/.site-$reports.nianbao"
.build/release/nianbao build --quiet --content "$work/corpus-$reports" --output "$work/site-$reports" >/dev/null
(cd scripts/records-bench && swift build -c release >/dev/null)
scripts/records-bench/.build/release/RecordsBench "$work/.site-$reports.nianbao" "$runs"
