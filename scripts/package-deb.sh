#!/usr/bin/env bash
# Builds the Debian package of nianbao, for machines without a Swift toolchain:
#
#     scripts/package-deb.sh OUTDIR        → OUTDIR/nianbao_<version>_amd64.deb
#
# The binary is built with the Swift runtime and Foundation linked in (--static-swift-stdlib), so
# the package depends only on Debian 12 libraries (libcmark, libxxhash, libyaml, libc and the C++ runtime),
# computed by dpkg-shlibdeps from the binary. The version is the one `nianbao --version` prints
# (Sources/NianbaoSite/NianbaoVersion.swift). Man pages come from the command-line definitions
# (scripts/man-pages.py, from swift-argument-parser's --experimental-dump-help), and so do the
# bash, zsh and fish completions (its --generate-completion-script). Needs dpkg-dev
# (dpkg-shlibdeps); runs lintian on the result when it is installed (remaining tags explained in
# scripts/deb/lintian-overrides). NIANBAO_MAINTAINER sets the Maintainer field.
# Build folder: .build-static (git-ignored).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)
[ $# -eq 1 ] || { echo "usage: scripts/package-deb.sh OUTDIR" >&2; exit 2; }
mkdir -p "$1"
out=$(cd "$1" && pwd)
scratch="$repo/.build-static"

echo "==> swift build -c release --static-swift-stdlib"
swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product nianbao
binary="$scratch/release/nianbao"
if ldd "$binary" | grep -E 'libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime'; then
  echo "the binary still needs the Swift runtime (above)" >&2
  exit 1
fi
version=$("$binary" --version)
arch=$(dpkg --print-architecture)
name="nianbao_${version}_${arch}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root="$work/$name"

echo "==> files"
install -D -m 0755 "$binary" "$root/usr/bin/nianbao"
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$root/usr/bin/nianbao"

# Man pages: nianbao.1 and one per subcommand (nianbao-build.1, …), from the command definitions.
python3 "$repo/scripts/man-pages.py" "$binary" "$work/man" >/dev/null
mkdir -p "$root/usr/share/man/man1"
for page in "$work"/man/*.1; do gzip -9n < "$page" > "$root/usr/share/man/man1/$(basename "$page").gz"; done

install -d "$root/usr/share/bash-completion/completions" "$root/usr/share/zsh/vendor-completions" \
  "$root/usr/share/fish/vendor_completions.d"
# (bash-completion sources the file: no interpreter line)
"$binary" --generate-completion-script bash | sed '1{/^#!/d}' > "$root/usr/share/bash-completion/completions/nianbao"
"$binary" --generate-completion-script zsh > "$root/usr/share/zsh/vendor-completions/_nianbao"
"$binary" --generate-completion-script fish > "$root/usr/share/fish/vendor_completions.d/nianbao.fish"

doc="$root/usr/share/doc/nianbao"
install -d "$doc"
cat > "$doc/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: nianbao
Comment: The binary links in, statically, the Swift standard library, Foundation and
 swift-corelibs-libdispatch (Apache-2.0 with Runtime Library Exception), and the Swift packages
 swift-mustache, swift-argument-parser, Hummingbird and SwiftNIO (Apache-2.0) and ZIPFoundation
 (MIT).

Files: *
Copyright: 2025-2026 nianbao developers
License: Apache-2.0
 On Debian systems, the full text of the Apache License 2.0 is in
 /usr/share/common-licenses/Apache-2.0.
EOF
maintainer=${NIANBAO_MAINTAINER:-nianbao developers <nianbao@example.org>}
date=$(git -C "$repo" log -1 --format=%cD 2>/dev/null || date -R)
cat > "$work/changelog" <<EOF
nianbao ($version) unstable; urgency=medium

  * Packaged from $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo "a source tree"): see README.md.

 -- $maintainer  $date
EOF
gzip -9n < "$work/changelog" > "$doc/changelog.gz"
install -D -m 0644 "$repo/scripts/deb/lintian-overrides" "$root/usr/share/lintian/overrides/nianbao"

echo "==> control"
# dpkg-shlibdeps reads the libraries the binary needs and the Debian packages that provide them.
# poppler-utils (pdfinfo, pdftotext) is run by `nianbao import` for PDF files only, as a child
# process, not linked: Recommends, which apt installs by default, so that a server that only
# builds and serves sites may leave it out (a PDF import then says what to install).
mkdir -p "$work/debian"
printf 'Source: nianbao\n\nPackage: nianbao\nArchitecture: any\n' > "$work/debian/control"
depends=$(cd "$work" && dpkg-shlibdeps -O "$root/usr/bin/nianbao" | sed -n 's/^shlibs:Depends=//p')
case "$depends" in
  *swift*|*Foundation*) echo "a dependency on a Swift package: $depends" >&2; exit 1 ;;
  "") echo "dpkg-shlibdeps found no dependency" >&2; exit 1 ;;
esac
installed=$(du -k -s --apparent-size "$root" | cut -f1)
mkdir -p "$root/DEBIAN"
cat > "$root/DEBIAN/control" <<EOF
Package: nianbao
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $installed
Depends: $depends
Recommends: poppler-utils
Section: web
Priority: optional
Homepage: https://nianbao.invalid/
Description: static site generator for government disclosure annual reports
 nianbao reads each 政府信息公开工作年度报告 (2021 format) as data
 (YAML) and Markdown narrative, checks that its three tables are
 consistent, and builds an accessible static site of plain files.
 It also imports published reports (text, HTML, Word .docx) and
 previews the site with live reload.
EOF

echo "==> dpkg-deb"
deb="$out/$name.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "built $deb: $(du -k "$deb" | cut -f1) KiB, installed $installed KiB; Depends: $depends"
if command -v lintian >/dev/null 2>&1; then
  echo "==> lintian"
  lintian --tag-display-limit 0 --fail-on error "$deb"
fi
