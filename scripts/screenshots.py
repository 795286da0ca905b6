#!/usr/bin/env python3
"""Screenshots of a built site for a person to look at (not a check: nothing fails on content).

    python3 scripts/screenshots.py SITE_DIR OUT_DIR [PAGE ...] [--max-per-kind N]

For each page (the same pages scripts/check-site.sh opens, or the PAGE arguments) it writes to
OUT_DIR:
  NAME-desktop.png   full page, 1280 CSS px wide
  NAME-phone.png     full page, 360 CSS px wide (phone emulation)
  NAME-print.pdf     Chromium's print to PDF (A4, backgrounds off, the page's print styles)
  NAME-print-N.png   the PDF's pages at 60 dpi (pdftoppm), to view without a PDF reader
where NAME is the page path with "/" as "--" ("home" for the root), and prints the list.

Needs what scripts/check-site.sh needs for its browser part (selenium, chromium,
chromium-driver) and pdftoppm from poppler-utils (without it the PDF is kept, not converted).
"""

import argparse
import base64
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_check import (  # noqa: E402  (imported after the path is set)
    SetupError, SiteServer, find_pages, open_page, page_name, set_width, start_browser,
)

DESKTOP_WIDTH = 1280
PHONE_WIDTH = 360
# Chromium cannot paint a single screenshot much taller than this; longer pages are cut.
MAX_HEIGHT = 16000
A4_INCHES = (8.27, 11.69)


def full_page_png(browser, url, width, path):
    """Loads url at width and saves a screenshot of the whole page: the viewport is made as tall
    as the document, so nothing is cut and fixed elements appear once."""
    set_width(browser, width)
    open_page(browser, url)
    height = browser.execute_script(
        "return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)")
    height = min(int(height), MAX_HEIGHT)
    set_width(browser, width, height)
    # Let layout settle at the new height (vh units, lazy content) before painting.
    browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "requestAnimationFrame(() => requestAnimationFrame(() => done(true)));")
    shot = browser.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
    path.write_bytes(base64.b64decode(shot["data"]))
    return height


def print_pdf(browser, url, path):
    """Chromium's print to PDF of url: A4, no backgrounds, the page's @page rules honoured."""
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    open_page(browser, url)
    pdf = browser.execute_cdp_cmd("Page.printToPDF", {
        "paperWidth": A4_INCHES[0], "paperHeight": A4_INCHES[1],
        "printBackground": False, "preferCSSPageSize": True,
    })
    path.write_bytes(base64.b64decode(pdf["data"]))


def pdf_to_pngs(pdf, prefix):
    """The PDF's pages as PNG files prefix-N.png at 60 dpi; [] without pdftoppm."""
    if shutil.which("pdftoppm") is None:
        return []
    for old in prefix.parent.glob(prefix.name + "-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(prefix)], check=True)
    # pdftoppm pads page numbers to the width of the page count (-01, -02 … for 10+ pages).
    return sorted(prefix.parent.glob(prefix.name + "-*.png"),
                  key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("site", type=Path, help="the built site folder, e.g. Site")
    ap.add_argument("out", type=Path, help="folder for the PNG and PDF files (created)")
    ap.add_argument("pages", nargs="*", help='pages relative to the site root ("" for the home page)')
    ap.add_argument("--max-per-kind", type=int, default=1, metavar="N",
                    help="pages of each kind when none are given (default 1)")
    args = ap.parse_args(argv)
    try:
        if not args.site.is_dir():
            raise SetupError(f"{args.site} is not a folder")
        site = args.site.resolve()
        pages = [u.lstrip("/") for u in args.pages] or [u for _, u in find_pages(site, args.max_per_kind)]
        if not pages:
            raise SetupError(f"no pages found under {site}")
        if shutil.which("pdftoppm") is None:
            print("pdftoppm not found (apt-get install -y poppler-utils): PDFs are not converted to PNG",
                  file=sys.stderr)
        args.out.mkdir(parents=True, exist_ok=True)
        produced = []
        started = time.monotonic()
        with SiteServer(site) as server:
            browser = start_browser()
            try:
                for url in pages:
                    name = page_name(url)
                    full = f"{server.origin}/{url}"
                    for label, width in (("desktop", DESKTOP_WIDTH), ("phone", PHONE_WIDTH)):
                        path = args.out / f"{name}-{label}.png"
                        height = full_page_png(browser, full, width, path)
                        note = " (cut)" if height >= MAX_HEIGHT else ""
                        produced.append(f"{path}  {width}x{height}{note}")
                    pdf = args.out / f"{name}-print.pdf"
                    print_pdf(browser, full, pdf)
                    pngs = pdf_to_pngs(pdf, args.out / f"{name}-print")
                    produced.append(f"{pdf}  {len(pngs) or '?'} pages")
                    produced += [str(p) for p in pngs]
            finally:
                browser.quit()
    except SetupError as e:
        print(f"screenshots: {e}", file=sys.stderr)
        return 2
    print("\n".join(produced))
    print(f"{len(produced)} files for {len(pages)} pages in {args.out} "
          f"({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
