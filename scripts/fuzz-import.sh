#!/usr/bin/env bash
# Fuzzes `nianbao import` (Importer.convert: decoding, the text, HTML, Word and PDF readers, the
# splitter, the table readers, the YAML and Markdown writers) with libFuzzer and AddressSanitizer.
# An input that starts like a PDF goes through the PDF path: the checks on its bytes, then
# pdfinfo and pdftotext (poppler-utils) as child processes, then the table rebuilding; poppler
# runs outside the sanitizers, and a crash of it must come back as a message.
# Not part of CI and not built by `swift build`: the harness is a package of its own (scripts/fuzz/).
#
#     scripts/fuzz-import.sh [seconds]   # default 600; more libFuzzer options may follow
#
# Starts from the test fixtures (the seed, saved pages, the 2019-format sample, nianbao's own
# page) and the dictionary scripts/fuzz/import.dict. Crashing inputs go to .build-fuzz/artifacts/;
# rerun one with `.build-fuzz/release/ImportFuzz <file>`, and keep it as a fixture with a test
# (Tests/NianbaoTests/Fixtures/pdf/fuzz-*.pdf for PDFs). Needs the toolchain's libFuzzer
# (swiftc -sanitize=fuzzer), which the Linux Swift toolchains ship.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

seconds=${1:-600}
[ $# -gt 0 ] && shift
scratch="$PWD/.build-fuzz"

# The main package is a local dependency here: plan the build afresh, or new source files go unseen.
swift build --package-path scripts/fuzz --scratch-path "$scratch" -c release --disable-build-manifest-caching -Xswiftc -sanitize=fuzzer,address

corpus="$scratch/corpus"
mkdir -p "$corpus" "$scratch/artifacts"
cp Tests/NianbaoTests/Fixtures/seed/*.txt Tests/NianbaoTests/Fixtures/import/* Tests/NianbaoTests/Fixtures/docx/* "$corpus/"
# The PDFs that fit under -max_len (the LibreOffice seed, the scan, the truncated one, the page bomb).
find Tests/NianbaoTests/Fixtures/pdf -name '*.pdf' -size -256k -exec cp {} "$corpus/" \;
cp Site/2024/shilong-gov-office/index.html "$corpus/nianbao-page.html"

# Swift's own backtracer would pause on every crash; libFuzzer and ASan report them.
export SWIFT_BACKTRACE=enable=no
# A leak inside Foundation, not nianbao (see the file).
export LSAN_OPTIONS="suppressions=$PWD/scripts/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
exec "$scratch/release/ImportFuzz" "$corpus" -dict=scripts/fuzz/import.dict -max_total_time="$seconds" \
  -max_len=262144 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$scratch/artifacts/" "$@"
