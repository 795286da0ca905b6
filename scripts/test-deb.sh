#!/usr/bin/env bash
# Installs a nianbao .deb into a clean Debian 12 root, with no Swift in it, and uses it as a web
# team would: `nianbao init demo && cd demo && nianbao build && nianbao check`, `nianbao import` of
# the seed report as text and as the two PDF fixtures (poppler-utils comes with the package's
# Recommends; every figure, label and paragraph must be the example's), and without poppler-utils
# a PDF import that says what to install; the man page and the shell completions are where Debian
# looks for them.
#
#     scripts/test-deb.sh OUTDIR/nianbao_<version>_amd64.deb [CACHE]
#
# The root is made once with `debootstrap --variant=minbase bookworm` from the mirror apt uses,
# kept as CACHE/bookworm-minbase.tar (default /var/cache/nianbao-test-root), and unpacked afresh
# for every run. Needs root (chroot, mount), debootstrap and that mirror. Prints the figures the
# packaging issue asks for: package size, installed size, time from `apt-get install` to a
# built example site.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)
[ $# -ge 1 ] || { echo "usage: scripts/test-deb.sh PACKAGE.deb [CACHE]" >&2; exit 2; }
deb=$(realpath "$1")
cache=${2:-/var/cache/nianbao-test-root}
fail() { printf 'test-deb FAILED: %s\n' "$*" >&2; exit 1; }

mirror=$(sed -n 's/^URIs: *\(http[^ ]*debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)
mirror=${mirror:-http://deb.debian.org/debian}
mkdir -p "$cache"
if [ ! -s "$cache/bookworm-minbase.tar" ]; then
  echo "==> debootstrap --variant=minbase bookworm ($mirror), once"
  fresh=$(mktemp -d)
  debootstrap --variant=minbase bookworm "$fresh" "$mirror" >/dev/null
  tar -C "$fresh" -cf "$cache/bookworm-minbase.tar.part" .
  mv "$cache/bookworm-minbase.tar.part" "$cache/bookworm-minbase.tar"
  rm -rf "$fresh"
fi

root=$(mktemp -d)
chmod 755 "$root"  # as / is: users of the root (_apt, man) must reach its files
cleanup() {
  umount "$root/proc" 2>/dev/null || true
  rm -rf "$root"
}
trap cleanup EXIT
tar -C "$root" -xf "$cache/bookworm-minbase.tar"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive sh -c "$1"; }

in_root '! command -v swift && ! ls /usr/lib/swift 2>/dev/null' || fail "the clean root has Swift"
cp "$deb" "$root/tmp/"
cp "$repo/Tests/NianbaoTests/Fixtures/seed/2024-shilong-district-government-office.txt" "$root/tmp/seed.txt"
# The PDF imports work in /srv/import: the two PDFs and the example's files to compare with.
mkdir -p "$root/srv/import/example"
cp "$repo/Tests/NianbaoTests/Fixtures/pdf/seed-libreoffice.pdf" "$repo/Tests/NianbaoTests/Fixtures/pdf/seed-chromium.pdf" "$root/srv/import/"
cp "$repo"/Content/reports/2024/shilong-gov-office/{report.yaml,overview.md,problems.md,other.md} "$root/srv/import/example/"

echo "==> apt-get install ./$(basename "$deb"), then nianbao init, build, check"
start=$(date +%s.%N)
in_root "apt-get update -qq && apt-get install -y -qq /tmp/$(basename "$deb") >/dev/null" || fail "the package does not install"
in_root 'cd /tmp && nianbao init demo && cd demo && nianbao build && nianbao check' || fail "init, build or check failed"
end=$(date +%s.%N)
[ -f "$root/tmp/demo/Site/index.html" ] || fail "no Site/index.html"

echo "==> nianbao import of the seed"
in_root 'cd /tmp/demo && nianbao import /tmp/seed.txt --slug shilong-import --published 2025-01-20' || fail "import failed"
[ -f "$root/tmp/demo/Content/reports/2024/shilong-import/report.yaml" ] || fail "import wrote no report.yaml"

echo "==> nianbao import of the seed as PDF (poppler-utils from the package's Recommends)"
in_root 'dpkg-query -W -f="\${Status}" poppler-utils | grep -q "install ok installed"' || fail "apt did not install poppler-utils (Recommends)"
for pdf in seed-libreoffice seed-chromium; do
  in_root "cd /srv/import && nianbao import $pdf.pdf --slug shilong-gov-office --published 2025-01-20 --content $pdf" \
    || fail "import of $pdf.pdf failed"
  folder="$root/srv/import/$pdf/reports/2024/shilong-gov-office"
  # The example's report.yaml but for the line naming the source (and the alignment of comments).
  grep -v '^# 由 nianbao import 从' "$folder/report.yaml" | diff -w - "$root/srv/import/example/report.yaml" \
    || fail "$pdf.pdf: the imported figures differ from the example's (above)"
  for md in overview.md problems.md other.md; do
    cmp "$folder/$md" "$root/srv/import/example/$md" || fail "$pdf.pdf: $md differs from the example's"
  done
done

echo "==> without poppler-utils, a PDF import says what to install and writes nothing"
in_root 'apt-get remove -y -qq poppler-utils >/dev/null'
if in_root 'cd /srv/import && nianbao import seed-libreoffice.pdf --slug x --content no-poppler 2>no-poppler.err'; then
  fail "a PDF import without poppler-utils succeeded"
fi
grep -q 'poppler-utils.*\[import.pdf\]' "$root/srv/import/no-poppler.err" || { cat "$root/srv/import/no-poppler.err" >&2; fail "no import.pdf message naming poppler-utils"; }
[ ! -e "$root/srv/import/no-poppler" ] || fail "a failed PDF import wrote files"

echo "==> man page and completions"
in_root 'apt-get install -y -qq man-db >/dev/null && man -w nianbao && man -w nianbao-build' || fail "no man page"
for f in usr/share/bash-completion/completions/nianbao usr/share/zsh/vendor-completions/_nianbao \
  usr/share/fish/vendor_completions.d/nianbao.fish; do
  [ -s "$root/$f" ] || fail "no $f"
done
in_root 'nianbao --version'

printf '\npackage %s KiB, installed %s KiB; apt-get install to a built example site: %s s\n' \
  "$(du -k "$deb" | cut -f1)" "$(dpkg-deb -f "$deb" Installed-Size)" "$(awk "BEGIN { printf \"%.1f\", $end - $start }")"
echo "test-deb: OK"
