#!/usr/bin/env python3
"""Checks what a reader does with a built site's report pages, with real tools (not a unit test).

    python3 scripts/report_pages_check.py SITE_DIR [--max N] [--no-ckeditor]

1. Printed (headless Chromium's print to PDF, A4, then pdftotext page by page), each report page
   as built and with 3, 6, … extra paragraphs before the tables (so the page breaks fall
   elsewhere): table 二 and table 四 each on one page with their heading and caption; table 三's
   heading, caption and first rows on one page, a page break inside it only before a row group
   (a row marked group-start), and its header rows on every page it runs onto.
2. On a 360 px phone: the first two figures of table 三 are in view beside their row labels
   without scrolling the table.
3. 404.html, as a plain web server shows it for missing paths at any depth (like nginx's
   error_page 404 /404.html): every link and file it refers to answers 200.
4. article.html in a real rich-text editor: CKEditor 4 with its default content filter (the
   editor shipped in PyPI's django-ckeditor wheel) gets the article's body as its content; what
   it keeps must have every number in order, every row and column span, and the tables' borders.

Exit status: 0 passed, 1 a check failed, 2 a tool is missing.
Needs what scripts/check-site.sh needs, and poppler-utils (pdftotext) and
`pip install --no-deps django-ckeditor==6.7.4` (only its CKEditor files are used).
"""
import argparse
import html
import html.parser
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import site_check  # noqa: E402  (the server and browser of the site check)

PADDINGS = [0, 3, 6, 9, 12]
FILLER = ("本段为检查打印分页而加入的文字，用来把后面的表格推到页面的不同位置。" * 3)


def log(msg=""):
    print(msg, flush=True)


class Cells(html.parser.HTMLParser):
    """The rows of the tables of a page: per table id, a list of rows; a row is
    (classes, [(tag, text, attrs)])."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.table, self.row, self.cell = {}, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.table = attrs.get("id", str(len(self.tables)))
            self.tables[self.table] = []
        elif tag == "tr" and self.table is not None:
            self.row = (attrs.get("class", "").split(), [])
            self.tables[self.table].append(self.row)
        elif tag in ("th", "td") and self.row is not None:
            self.cell = [tag, "", attrs]
            self.row[1].append(self.cell)

    def handle_endtag(self, tag):
        if tag == "table":
            self.table = None
        elif tag in ("th", "td"):
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[1] += data


def cells_of(text):
    parser = Cells()
    parser.feed(text)
    return parser.tables


def squeeze(text):
    return re.sub(r"\s+", "", text)


def report_pages(site, limit):
    pages = sorted(site.glob("[0-9][0-9][0-9][0-9]/*/index.html"), key=lambda p: (-int(p.parent.parent.name), p.parent.name))
    return pages[:limit]


# ---------------------------------------------------------------------------------------------
# 1. Print


def pdf_pages(url, pdf):
    subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", url], check=True, capture_output=True, timeout=120)
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    count = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    return [squeeze(subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"],
                                   check=True, capture_output=True, text=True).stdout) for n in range(1, count + 1)]


class Finder:
    """Finds texts in order in the printed pages: the page of each."""

    def __init__(self, pages):
        self.pages, self.page, self.offset = pages, 0, 0

    def find(self, text):
        needle = squeeze(text)
        for n in range(self.page, len(self.pages)):
            at = self.pages[n].find(needle, self.offset if n == self.page else 0)
            if at >= 0:
                self.page, self.offset = n, at + len(needle)
                return n
        return None


def label_key(text):
    return squeeze(html.unescape(text))[:6]


def check_print(page_html, pages):
    problems = []
    tables = cells_of(page_html)
    headings = re.findall(r"<h2[^>]*>([^<]*)</h2>", page_html)
    captions = {tid: squeeze(html.unescape(c)) for tid, c in re.findall(
        r'<table id="(t[234])"[^>]*>\s*<caption[^>]*>(?:<span[^>]*>)?([^<]*)', page_html)}
    finder = Finder(pages)
    heading_of = {"t2": headings[1], "t3": headings[2], "t4": headings[3]}
    for tid in ("t2", "t3", "t4"):
        heading_page = finder.find(heading_of[tid])
        caption_page = finder.find(captions[tid])
        if heading_page is None or caption_page is None:
            problems.append(f"table {tid}: heading or caption not found in the PDF")
            continue
        rows = tables[tid]
        body = [(classes, cells) for classes, cells in rows if any(c[0] == "td" for c in cells)]
        head_labels = [c[1] for classes, cells in rows if not any(c[0] == "td" for c in cells) for c in cells if c[0] == "th"]
        labels = [(classes, next((c[1] for c in reversed(cells) if c[0] == "th"), None)) for classes, cells in body]
        found = []
        if tid == "t4":  # one row of figures: its last column headings stand for it
            labels = [([], head_labels[-1])]
        for classes, label in labels:
            if label is None:
                continue
            n = finder.find(label_key(label))
            if n is None:
                problems.append(f"table {tid}: row {label!r} not found in the PDF")
                break
            found.append((classes, label, n))
        if not found:
            continue
        if heading_page != caption_page or caption_page != found[0][2]:
            problems.append(f"table {tid}: heading on page {heading_page + 1}, caption on {caption_page + 1}, "
                            f"first row on {found[0][2] + 1}")
        if tid in ("t2", "t4") and found[-1][2] != found[0][2]:
            problems.append(f"table {tid} split over pages {found[0][2] + 1}–{found[-1][2] + 1}")
        if tid == "t3":
            for (_, _, before), (classes, label, n) in zip(found, found[1:]):
                if n != before and "group-start" not in classes:
                    problems.append(f"table t3 breaks before {label!r} (page {n + 1}), not before a row group")
                if n != before and squeeze("申请人情况") not in pages[n]:
                    problems.append(f"table t3 on page {n + 1} without its header rows")
    return problems


def padded(page_html, paragraphs):
    extra = "".join(f"<p>{FILLER}（{i + 1}）</p>\n" for i in range(paragraphs))
    return page_html.replace('<div class="narrative">\n', '<div class="narrative">\n' + extra, 1)


def print_checks(site, pages):
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        shutil.copytree(site / "assets", tmp / "assets")
        for page in pages:
            rel = page.relative_to(site)
            text = page.read_text(encoding="utf-8")
            for pad in PADDINGS:
                target = tmp / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(padded(text, pad), encoding="utf-8")
                printed = pdf_pages(target.as_uri(), tmp / "page.pdf")
                problems = check_print(text, printed)
                log(f"print /{rel.parent}/ +{pad} paragraphs: {len(printed)} pages: {'ok' if not problems else 'FAIL'}")
                for p in problems:
                    log("  " + p)
                failures += len(problems)
    return failures


# ---------------------------------------------------------------------------------------------
# 2. Phone, 3. 404


def phone_checks(browser, origin, site, pages):
    failures = 0
    site_check.set_width(browser, 360)
    for page in pages:
        url = f"{origin}/{page.parent.relative_to(site)}/"
        site_check.open_page(browser, url)
        seen = browser.execute_script("""
            const table = document.querySelector('#t3'), wrap = table.closest('.table-wrap').getBoundingClientRect();
            return [...table.querySelector('tbody tr').querySelectorAll('td')].slice(0, 2).map(td => {
                const r = td.getBoundingClientRect();
                return r.left >= wrap.left && r.right <= wrap.right && r.right <= document.documentElement.clientWidth;
            });""")
        ok = seen == [True, True]
        log(f"phone 360 px {url[len(origin):]}: first figures of table 三 in view: {'ok' if ok else 'FAIL'}")
        failures += 0 if ok else 1
    return failures


class NotFoundHandler(site_check._QuietHandler):
    """A plain web server: the site at `prefix` (its base_url's path), and 404.html, with
    status 404, for any path not in the site."""

    prefix = "/"

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / ".not-in-the-site")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.exists():
            return super().send_head()
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io
        return io.BytesIO(body)


def not_found_checks(site):
    import functools
    import threading
    # The site's path on its server: where 404.html's own stylesheet is (base_url's path, else /).
    page = (site / "404.html").read_text(encoding="utf-8")
    NotFoundHandler.prefix = re.search(r'href="([^"]*)assets/style\.css"', page).group(1)
    handler = functools.partial(NotFoundHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    failures = 0
    try:
        for missing in ["missing.html", "2024/missing/", "2024/some-agency/a/b/c.html"]:
            url = f"{origin}{NotFoundHandler.prefix}{missing}"
            try:
                urllib.request.urlopen(url)
                body = b""
            except urllib.error.HTTPError as e:
                body = e.read()
            links = re.findall(r'(?:href|src)="([^"#][^"]*)"', body.decode("utf-8"))
            bad = []
            for link in links:
                target = urllib.parse.urljoin(url, html.unescape(link))
                if not target.startswith(origin):
                    continue
                try:
                    urllib.request.urlopen(target).read()
                except urllib.error.HTTPError as e:
                    bad.append(f"{link} → {e.code}")
            log(f"404 page at {NotFoundHandler.prefix}{missing}: {len(links)} links: {'ok' if links and not bad else 'FAIL'}")
            for b in bad:
                log("  " + b)
            failures += len(bad) + (0 if links else 1)
    finally:
        server.shutdown()
        server.server_close()
    return failures


# ---------------------------------------------------------------------------------------------
# 4. The article in CKEditor

HARNESS = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>editor</title>
<script src="ckeditor/ckeditor.js"></script></head><body><textarea id="editor"></textarea>
<script>
window.editor = CKEDITOR.replace('editor', { versionCheck: false });
editor.on('instanceReady', () => { window.editorReady = true; });
</script></body></html>
"""


def ckeditor_folder():
    for entry in sys.path:
        candidate = Path(entry or ".") / "ckeditor" / "static" / "ckeditor" / "ckeditor"
        if (candidate / "ckeditor.js").is_file():
            return candidate
    raise site_check.SetupError("CKEditor not found: pip install --no-deps django-ckeditor==6.7.4")


def figures_and_spans(text):
    tables = cells_of(text)
    numbers = re.findall(r"\d+(?:\.\d+)?", re.sub(r"<[^>]*>", " ", html.unescape(text)))
    spans = [(tid, c[0], c[2].get("rowspan", "1"), c[2].get("colspan", "1"), squeeze(c[1]))
             for tid, rows in tables.items() for _, cells in rows for c in cells]
    return tables, numbers, spans


def article_checks(browser, site, pages):
    editor = ckeditor_folder()
    version = re.search(r'version:"([\d.]+)', (editor / "ckeditor.js").read_text(encoding="utf-8"))
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        os.symlink(editor, tmp / "ckeditor")
        (tmp / "harness.html").write_text(HARNESS, encoding="utf-8")
        with site_check.SiteServer(tmp) as server:
            site_check.open_page(browser, f"{server.origin}/harness.html")
            deadline = time.monotonic() + 60
            while not browser.execute_script("return window.editorReady === true"):
                if time.monotonic() > deadline:
                    raise site_check.SetupError("CKEditor did not start")
                time.sleep(0.2)
            log(f"CKEditor {version.group(1) if version else '?'} ({editor})")
            for page in pages:
                article = page.parent / "article.html"
                body = re.search(r"<body>(.*)</body>", article.read_text(encoding="utf-8"), re.S).group(1)
                kept = browser.execute_async_script(
                    "const done = arguments[1]; editor.setData(arguments[0], { callback: () => done(editor.getData()) });", body)
                before, after = figures_and_spans(body), figures_and_spans(kept)
                problems = []
                if after[1] != before[1]:
                    problems.append(f"numbers: {len(before[1])} in the article, {len(after[1])} kept, or in another order")
                if after[2] != before[2]:
                    lost = next((b for a, b in zip(after[2], before[2]) if a != b), before[2][len(after[2]):][:1])
                    problems.append(f"cells and spans differ ({len(before[2])} cells, {len(after[2])} kept); first: {lost}")
                borders = re.findall(r"<table[^>]*>", kept)
                if len(borders) != 3 or not all('border="1"' in t for t in borders):
                    problems.append(f"tables' border attribute lost: {borders}")
                styled = len(re.findall(r"<t[dh][^>]*style=\"[^\"]*border:1px solid", kept))
                rel = article.relative_to(site)
                log(f"CKEditor /{rel}: {len(before[1])} numbers, {len(before[2])} cells, borders kept, "
                    f"{styled} cells keep their inline border: {'ok' if not problems else 'FAIL'}")
                for p in problems:
                    log("  " + p)
                failures += len(problems)
    return failures


def chromium():
    found = site_check._find_executable("CHROMIUM", "chromium", "chromium-browser", "google-chrome")
    if not found:
        raise site_check.SetupError("chromium not found: apt-get install -y chromium")
    return found


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("site", type=Path)
    ap.add_argument("--max", type=int, default=3, help="report pages to check (default 3, newest year first)")
    ap.add_argument("--no-ckeditor", action="store_true")
    args = ap.parse_args(argv)
    site = args.site.resolve()
    try:
        for tool in ("pdftotext", "pdfinfo"):
            if shutil.which(tool) is None:
                raise site_check.SetupError(f"{tool} not found: apt-get install -y poppler-utils")
        pages = report_pages(site, args.max)
        if not pages:
            raise site_check.SetupError(f"no report pages under {site}")
        failures = print_checks(site, pages) + not_found_checks(site)
        with site_check.SiteServer(site) as server:
            browser = site_check.start_browser()
            try:
                failures += phone_checks(browser, server.origin, site, pages)
                if not args.no_ckeditor:
                    failures += article_checks(browser, site, pages)
            finally:
                browser.quit()
    except site_check.SetupError as e:
        log(f"report pages check: {e}")
        return 2
    log(f"report pages check: {failures} problems: {'FAIL' if failures else 'ok'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
