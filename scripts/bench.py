#!/usr/bin/env python3
"""nianbao and the Hugo baseline, side by side, on the same generated corpus, in one run.

    python3 scripts/bench.py [--sizes 1000 10000] [--runs 3] [--out-root /dev/shm/nianbao-bench]
                             [--nianbao .build-static/release/nianbao [OTHER_NIANBAO]] [--shared ../shared/bench]

With two binaries (an old and a new build, say), every figure is measured for both in turn, run
by run on the same edits, and a second table gives the new one's medians against the old one's.

Uses ../shared/bench (gen_corpus.py for the corpus, to_hugo.py and its Hugo layouts for the
baseline, and bench.py's timing helpers: every command under /usr/bin/time -v). Needs hugo and
GNU time (apt-get install -y hugo time) and a release build. By default the binary the Debian
package installs: the Swift runtime and Foundation linked in, as scripts/package-deb.sh builds it
(swift build -c release --static-swift-stdlib --scratch-path .build-static); it starts about
10 ms sooner than the default `swift build -c release` (.build/release/nianbao, which
--nianbao can name, beside it or alone).

Measured per size N (median of --runs, each run writing a directory that did not exist):
  full          hugo build vs nianbao build into an empty folder (ratio nianbao/hugo)
  no-op         nianbao build again, nothing changed
  one report    nianbao build after one report's overview.md changed (a different report each run)
  one figure    nianbao build after one figure of one report.yaml changed (licensing + 1)
  one template  nianbao build after report.mustache changed (every report page depends on it)
  review        nianbao check --format html (the review page of the whole corpus): time, peak RSS, page size
  peak RSS      of each, from /usr/bin/time
A CPU probe (a fixed SHA-256 and Python loop, on one core) is timed at the start and the end of
the run and printed with the tables, so that tables from different days or machines compare; the
same work on every core at once gives the cores the run really had (a shared machine may give fewer).
Hugo has no incremental command-line build: its full build is the figure to compare with.
Output on tmpfs (--out-root /dev/shm/...) for the CPU comparison, on disk for the user-facing one.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def cpu_probe():
    """Seconds for a fixed amount of work on one core: SHA-256 of 256 MiB and a Python loop."""
    import hashlib
    started = time.perf_counter()
    block = bytes(1 << 20)
    digest = hashlib.sha256()
    for _ in range(256):
        digest.update(block)
    total = 0
    for i in range(3_000_000):
        total += i * i % 7
    return time.perf_counter() - started


def _probe_worker(_):
    return cpu_probe()


def parallel_probe():
    """Cores the machine really gives now: the probe on one core, then on every core at once."""
    import multiprocessing
    one = cpu_probe()
    cores = os.cpu_count() or 1
    with multiprocessing.Pool(cores) as pool:
        started = time.perf_counter()
        pool.map(_probe_worker, range(cores))
        together = time.perf_counter() - started
    return one, cores * one / together


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "nianbao-bench"),
                    help="corpora and Hugo sites (default $TMPDIR/nianbao-bench)")
    ap.add_argument("--out-root", default=None, help="generated sites (default: --work)")
    ap.add_argument("--nianbao", nargs="+", default=[os.path.join(ROOT, ".build-static", "release", "nianbao")],
                    help="one binary, or two to compare (the first is the baseline)")
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared", "bench"))
    ap.add_argument("--seed", default="1")
    ap.add_argument("--skip-hugo", action="store_true", help="measure nianbao only")
    args = ap.parse_args()
    args.out_root = args.out_root or args.work

    sys.path.insert(0, os.path.abspath(args.shared))
    import bench as shared  # the shared timing helpers: timed(), prepare()

    for tool in (["hugo"] if not args.skip_hugo else []) + ["/usr/bin/time"]:
        if not shutil.which(tool):
            sys.exit("%s not found: apt-get install -y hugo time" % tool)
    for binary in args.nianbao:
        if not os.access(binary, os.X_OK):
            sys.exit("%s not found: swift build -c release --static-swift-stdlib --scratch-path .build-static"
                     " (or name another binary with --nianbao)" % binary)
    os.makedirs(args.work, exist_ok=True)

    probe, cores = parallel_probe()
    probes, effective = [probe], [cores]
    print("CPU probe: %.2f s on one core; %.2f of %d cores available" % (probe, cores, os.cpu_count() or 1), flush=True)
    results = []
    for n in args.sizes:
        print("== N = %d" % n, flush=True)
        corpus, site = shared.prepare(n, args.work, args.seed)
        outs = os.path.join(args.out_root, "out-%d-%d" % (n, int(time.time())))
        os.makedirs(outs)
        r = {"n": n}

        labels = ["nianbao"] if len(args.nianbao) == 1 else ["nianbao-%d" % k for k in range(len(args.nianbao))]

        def nianbao(binary, out, templates=None):
            cmd = [binary, "build", "--quiet", "--content", corpus, "--output", out]
            return cmd + (["--templates", templates] if templates else [])

        def measure(name, edit, build, after=None):
            """Per run: `edit(i)` once, then `build(i, k)` timed for each binary k in turn (and
            `after(i, k)` once it is timed)."""
            res = [[] for _ in args.nianbao]
            for i in range(args.runs):
                edit(i)
                for k, label in enumerate(labels):
                    res[k].append(shared.timed(build(i, k)))
                    if after:
                        after(i, k)
                    print("  %-13s %s run %d: %.3f s wall, %.2f s CPU, %.0f MB RSS"
                          % (name, label, i + 1, res[k][-1]["wall"], res[k][-1]["user"] + res[k][-1]["sys"], res[k][-1]["rss_mb"]), flush=True)
            for k, label in enumerate(labels):
                r.setdefault(label, {})[name] = {
                    "median_wall": statistics.median(x["wall"] for x in res[k]),
                    "median_cpu": statistics.median(x["user"] + x["sys"] for x in res[k]),
                    "max_rss_mb": max(x["rss_mb"] for x in res[k])}

        def no_edit(i):
            pass

        if not args.skip_hugo:
            hugo = []
            for i in range(args.runs):
                hugo.append(shared.timed(["hugo", "--quiet", "-s", site, "-d", os.path.join(outs, "hugo-%d" % i)]))
                print("  %-13s run %d: %.3f s wall" % ("hugo", i + 1, hugo[-1]["wall"]), flush=True)
                shutil.rmtree(os.path.join(outs, "hugo-%d" % i))  # a site of 10,000 reports is GBs (on tmpfs: memory)
            r["hugo"] = {"median_wall": statistics.median(x["wall"] for x in hugo), "max_rss_mb": max(x["rss_mb"] for x in hugo)}

        def remove_extra_full(i, k):
            """Only each binary's first full site is built on again: the others go once timed."""
            if i > 0:
                for path in (os.path.join(outs, "%s-%d" % (labels[k], i)), os.path.join(outs, ".%s-%d.nianbao" % (labels[k], i))):
                    shutil.rmtree(path, ignore_errors=True)

        measure("full", no_edit, lambda i, k: nianbao(args.nianbao[k], os.path.join(outs, "%s-%d" % (labels[k], i))), remove_extra_full)

        # The incremental figures all work on the site of each binary's first full run.
        main_outs = [os.path.join(outs, "%s-0" % label) for label in labels]
        incremental = lambda i, k: nianbao(args.nianbao[k], main_outs[k])
        measure("no-op", no_edit, incremental)

        reports = sorted(os.path.join(dp, "overview.md") for dp, _d, fs in os.walk(os.path.join(corpus, "reports"))
                         if "overview.md" in fs)

        def one_report(i):
            path = reports[(i * 7919) % len(reports)]
            with open(path, "a", encoding="utf-8") as f:
                f.write("\n本段为基准测试追加的文字（第 %d 次）。\n" % (i + 1))
        measure("one-report", one_report, incremental)

        # One figure corrected (what a clerk's correction usually is): the report's page and data
        # files, its year and agency pages, and the site-wide pages and data files change.
        yamls = [os.path.join(os.path.dirname(p), "report.yaml") for p in reports]
        originals = {}

        def one_figure(i):
            path = yamls[(i * 6007 + 13) % len(yamls)]
            with open(path, encoding="utf-8") as f:
                text = f.read()
            originals.setdefault(path, text)
            changed = re.sub(r"(\n  licensing: )(\d+)", lambda m: m.group(1) + str(int(m.group(2)) + 1), text, count=1)
            assert changed != text, path
            with open(path, "w", encoding="utf-8") as f:
                f.write(changed)
        measure("one-figure", one_figure, incremental)

        templates = os.path.join(outs, "templates")
        shutil.copytree(os.path.join(ROOT, "Templates"), templates)
        for k in range(len(labels)):
            subprocess.run(nianbao(args.nianbao[k], main_outs[k], templates), check=True, stdout=subprocess.DEVNULL)

        def one_template(i):
            with open(os.path.join(templates, "report.mustache"), "a", encoding="utf-8") as f:
                f.write("{{! benchmark edit %d }}\n" % (i + 1))
        measure("one-template", one_template, lambda i, k: nianbao(args.nianbao[k], main_outs[k], templates))

        # The review page of the whole corpus (check --format html), for a supervising office.
        review = os.path.join(outs, "review.html")
        res = [shared.timed([args.nianbao[k], "check", "--content", corpus, "--format", "html"], stdout_path=review)
               for k in range(len(labels))]
        for k, label in enumerate(labels):
            r[label]["review"] = {"median_wall": res[k]["wall"], "max_rss_mb": res[k]["rss_mb"], "bytes": os.path.getsize(review)}
            print("  %-13s %s: %.3f s wall, %.0f MB RSS, page %.1f MB" % ("review", label, res[k]["wall"], res[k]["rss_mb"],
                                                                       os.path.getsize(review) / 1e6), flush=True)

        # Leave the corpus as generated.
        for path, text in originals.items():
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        for path in reports:
            with open(path, encoding="utf-8") as f:
                text = f.read()
            cut = text.find("\n本段为基准测试追加的文字")
            if cut >= 0:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text[:cut] + "\n" if not text[:cut].endswith("\n") else text[:cut])
        results.append(r)

    probe, cores = parallel_probe()
    probes.append(probe)
    effective.append(cores)
    labels = ["nianbao"] if len(args.nianbao) == 1 else ["nianbao-%d" % k for k in range(len(args.nianbao))]
    print()
    print("CPU probe (fixed work on one core): %.2f s at the start, %.2f s at the end" % tuple(probes))
    print("Cores available (the probe on every core at once): %.2f at the start, %.2f at the end, of %d" % (effective[0], effective[1], os.cpu_count() or 1))
    for k, label in enumerate(labels):
        print()
        print("%s: %s" % (label, args.nianbao[k]))
        print("| N | hugo full | nianbao full | ratio | no-op | one report's text changed | one figure changed | one template changed | peak RSS hugo / nianbao |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in results:
            hugo, mine = r.get("hugo"), r[label]
            ratio = "%.2f×" % (mine["full"]["median_wall"] / hugo["median_wall"]) if hugo else "–"
            print("| %d | %s | %.2f s | %s | %.0f ms | %.0f ms | %.0f ms | %.2f s | %s / %.0f MB |" % (
                r["n"], "%.2f s" % hugo["median_wall"] if hugo else "–", mine["full"]["median_wall"], ratio,
                mine["no-op"]["median_wall"] * 1000, mine["one-report"]["median_wall"] * 1000, mine["one-figure"]["median_wall"] * 1000,
                mine["one-template"]["median_wall"], "%.0f MB" % hugo["max_rss_mb"] if hugo else "–",
                max(mine[f]["max_rss_mb"] for f in ("full", "no-op", "one-report", "one-figure", "one-template"))))
    if len(labels) == 2:
        print()
        print("%s against %s (median wall time, and peak RSS, new / old)" % (labels[1], labels[0]))
        print("| N | full | no-op | one report's text changed | one figure changed | one template changed | peak RSS |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        figures = ("full", "no-op", "one-report", "one-figure", "one-template")
        for r in results:
            old, new = r[labels[0]], r[labels[1]]
            cells = ["%+.1f %%" % (100 * (new[f]["median_wall"] / old[f]["median_wall"] - 1)) for f in figures]
            peak = lambda m: max(m[f]["max_rss_mb"] for f in figures)
            print("| %d | %s | %.0f / %.0f MB |" % (r["n"], " | ".join(cells), peak(new), peak(old)))
    path = os.path.join(args.work, "nianbao-bench-%d.json" % int(time.time()))
    with open(path, "w") as f:
        json.dump({"cpu_probe_seconds": probes, "cores_available": effective, "results": results}, f, indent=1)
    for k, label in enumerate(labels):
        print()
        print("%s: the review page (check --format html)" % label)
        print("| N | time | peak RSS | page |")
        print("|---:|---:|---:|---:|")
        for r in results:
            review = r[label]["review"]
            print("| %d | %.2f s | %.0f MB | %.1f MB |" % (r["n"], review["median_wall"], review["max_rss_mb"], review["bytes"] / 1e6))
    print("\nresults written to", path)


if __name__ == "__main__":
    main()
