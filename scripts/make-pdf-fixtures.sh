#!/usr/bin/env bash
# Writes the PDF fixtures of `nianbao import` into Tests/NianbaoTests/Fixtures/pdf/, with the tools
# agencies publish PDFs with:
#
#     apt install libreoffice-writer-nogui chromium poppler-utils
#     scripts/make-pdf-fixtures.sh
#
# - seed-libreoffice.pdf: the Word fixture of the seed (Fixtures/docx/seed.docx, made by
#   scripts/make-docx-fixtures.py) exported by LibreOffice Writer (`soffice --convert-to pdf`),
#   as an office suite exports a report typed in Word or WPS: narrow label columns, labels
#   wrapped over many lines, a table running over a page break.
# - seed-page.html, seed-chromium.pdf: the seed as a saved web page (the report part of the page
#   nianbao builds from Content/, its style sheet inlined) and that page printed by Chromium
#   (`--print-to-pdf`, the browser's own header and footer left on: date, title, address, page
#   numbers), as a clerk prints a portal page to PDF.
# - the files a PDF import must refuse: a scan (an image, no text layer), an encrypted PDF, a
#   truncated one, a bomb (a page tree claiming 100,000 pages; a stream inflating to 1 GB).
#
# (fuzz-*.pdf in that folder are not made here: they are inputs scripts/fuzz-import.sh found,
# kept as found.)
#
# The fixtures are committed, so the tests need neither LibreOffice nor Chromium (they do need
# poppler-utils, which the importer runs). PDFs carry creation dates, so rerunning this changes
# the bytes, not the text; commit the files with any change to this script.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=Tests/NianbaoTests/Fixtures/pdf
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# LibreOffice: the Word fixture.
soffice --headless --convert-to pdf --outdir "$work" Tests/NianbaoTests/Fixtures/docx/seed.docx >/dev/null
mv "$work/seed.pdf" "$out/seed-libreoffice.pdf"

# Chromium: the saved page.
python3 - "$out/seed-page.html" <<'PY'
import re, sys
page = open("Site/2024/shilong-gov-office/index.html", encoding="utf-8").read()
css = open("Site/assets/style.css", encoding="utf-8").read()
main = re.search(r"<main\b.*?</main>", page, re.S).group(0)
title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
open(sys.argv[1], "w", encoding="utf-8").write(
    '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
    f"<title>{title}</title>\n<style>\n{css}\n</style>\n</head>\n<body>\n{main}\n</body>\n</html>\n")
PY
# Printed from a local web server, so that the address in the page's footer and its links are
# http://127.0.0.1:8765/…, not a path of the machine that made the file.
cp "$out/seed-page.html" "$work/seed-page.html"
(cd "$work" && exec python3 -m http.server 8765 --bind 127.0.0.1 >/dev/null 2>&1) &
server=$!
sleep 1
chromium --headless --no-sandbox --disable-gpu --print-to-pdf="$work/page.pdf" "http://127.0.0.1:8765/seed-page.html" 2>/dev/null
kill "$server"
mv "$work/page.pdf" "$out/seed-chromium.pdf"

# A scan: the first page of the LibreOffice PDF as an image, in a PDF with no text.
pdftoppm -r 60 -gray -f 1 -l 1 -png "$out/seed-libreoffice.pdf" "$work/scan"
python3 - "$work"/scan*.png "$out" <<'PY'
import struct, sys, zlib
png, out = sys.argv[1], sys.argv[2]
data = open(png, "rb").read()
# The PNG's size and its IDAT (Flate, 8-bit grey, filtered rows: PDF's /Predictor 15 reads them).
width, height = struct.unpack(">II", data[16:24])
idat, i = b"", 8
while i < len(data):
    n, kind = struct.unpack(">I4s", data[i:i + 8])
    if kind == b"IDAT": idat += data[i + 8:i + 8 + n]
    i += 12 + n

def pdf(objects):
    body, offsets = b"%PDF-1.4\n", []
    for k, obj in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % k + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return body

def stream(dictionary, content):
    return b"<< %s /Length %d >>\nstream\n" % (dictionary, len(content)) + content + b"\nendstream"

draw = b"q 612 0 0 792 0 0 cm /Im1 Do Q"
scan = pdf([
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
    stream(b"", draw),
    stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode "
           b"/DecodeParms << /Predictor 15 /Colors 1 /BitsPerComponent 8 /Columns %d >>" % (width, height, width), idat),
])
open(out + "/scan.pdf", "wb").write(scan)

# 5,000 empty pages: more than an annual report ever has.
pages = 5000
kids = b" ".join(b"%d 0 R" % (3 + k) for k in range(pages))
open(out + "/bomb-pages.pdf", "wb").write(pdf([
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
] + [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"] * pages))

# A content stream of 1 GB of spaces, compressed to about 1 MB.
z = zlib.compressobj(9)
chunk = b" " * (1 << 20)
big = b"".join(z.compress(chunk) for _ in range(1024)) + z.flush()
open(out + "/bomb-stream.pdf", "wb").write(pdf([
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
    stream(b"/Filter /FlateDecode", big),
]))
PY

# Encrypted (an open password): LibreOffice's PDF export filter.
soffice --headless --convert-to 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"nianbao"}}' \
  --outdir "$work" Tests/NianbaoTests/Fixtures/docx/seed.docx >/dev/null
mv "$work/seed.pdf" "$out/encrypted.pdf"

# Truncated: the LibreOffice PDF cut in the middle, as an interrupted download leaves it.
size=$(stat -c %s "$out/seed-libreoffice.pdf")
head -c $((size / 2)) "$out/seed-libreoffice.pdf" >"$out/truncated.pdf"
ls -l "$out"
