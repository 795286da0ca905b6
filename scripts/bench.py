#!/usr/bin/env python3
"""nianbao and the Hugo baseline, side by side, on the same generated corpus, in one run.

    python3 scripts/bench.py [--sizes 1000 10000] [--runs 3] [--out-root /dev/shm/nianbao-bench]
                             [--nianbao .build/release/nianbao] [--shared ../shared/bench]

Uses ../shared/bench (gen_corpus.py for the corpus, to_hugo.py and its Hugo layouts for the
baseline, and bench.py's timing helpers: every command under /usr/bin/time -v). Needs hugo and
GNU time (apt-get install -y hugo time) and a release build (swift build -c release).

Measured per size N (median of --runs, each run writing a directory that did not exist):
  full          hugo build vs nianbao build into an empty folder (ratio nianbao/hugo)
  no-op         nianbao build again, nothing changed
  one report    nianbao build after one report's overview.md changed (a different report each run)
  one figure    nianbao build after one figure of one report.yaml changed (licensing + 1)
  one template  nianbao build after report.mustache changed (every report page depends on it)
  peak RSS      of each, from /usr/bin/time
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


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "nianbao-bench"),
                    help="corpora and Hugo sites (default $TMPDIR/nianbao-bench)")
    ap.add_argument("--out-root", default=None, help="generated sites (default: --work)")
    ap.add_argument("--nianbao", default=os.path.join(ROOT, ".build", "release", "nianbao"))
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
    if not os.access(args.nianbao, os.X_OK):
        sys.exit("%s not found: swift build -c release" % args.nianbao)
    os.makedirs(args.work, exist_ok=True)

    results = []
    for n in args.sizes:
        print("== N = %d" % n, flush=True)
        corpus, site = shared.prepare(n, args.work, args.seed)
        outs = os.path.join(args.out_root, "out-%d-%d" % (n, int(time.time())))
        os.makedirs(outs)
        r = {"n": n}

        def nianbao(out, templates=None):
            cmd = [args.nianbao, "build", "--quiet", "--content", corpus, "--output", out]
            return cmd + (["--templates", templates] if templates else [])

        def measure(name, make):
            res = []
            for i in range(args.runs):
                res.append(shared.timed(make(i)))
                print("  %-13s run %d: %.3f s wall, %.2f s CPU, %.0f MB RSS"
                      % (name, i + 1, res[-1]["wall"], res[-1]["user"] + res[-1]["sys"], res[-1]["rss_mb"]), flush=True)
            r[name] = {"median_wall": statistics.median(x["wall"] for x in res),
                       "median_cpu": statistics.median(x["user"] + x["sys"] for x in res),
                       "max_rss_mb": max(x["rss_mb"] for x in res)}

        if not args.skip_hugo:
            measure("hugo", lambda i: ["hugo", "--quiet", "-s", site, "-d", os.path.join(outs, "hugo-%d" % i)])
        measure("full", lambda i: nianbao(os.path.join(outs, "nianbao-%d" % i)))

        # The incremental figures all work on the site of the first full run.
        main_out = os.path.join(outs, "nianbao-0")
        measure("no-op", lambda i: nianbao(main_out))

        reports = sorted(os.path.join(dp, "overview.md") for dp, _d, fs in os.walk(os.path.join(corpus, "reports"))
                         if "overview.md" in fs)

        def one_report(i):
            path = reports[(i * 7919) % len(reports)]
            with open(path, "a", encoding="utf-8") as f:
                f.write("\n本段为基准测试追加的文字（第 %d 次）。\n" % (i + 1))
            return nianbao(main_out)
        measure("one-report", one_report)

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
            return nianbao(main_out)
        measure("one-figure", one_figure)

        templates = os.path.join(outs, "templates")
        shutil.copytree(os.path.join(ROOT, "Templates"), templates)
        subprocess.run(nianbao(main_out, templates), check=True, stdout=subprocess.DEVNULL)

        def one_template(i):
            with open(os.path.join(templates, "report.mustache"), "a", encoding="utf-8") as f:
                f.write("{{! benchmark edit %d }}\n" % (i + 1))
            return nianbao(main_out, templates)
        measure("one-template", one_template)

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

    print()
    print("| N | hugo full | nianbao full | ratio | no-op | one report's text changed | one figure changed | one template changed | peak RSS hugo / nianbao |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        hugo = r.get("hugo")
        ratio = "%.2f×" % (r["full"]["median_wall"] / hugo["median_wall"]) if hugo else "–"
        print("| %d | %s | %.2f s | %s | %.0f ms | %.0f ms | %.0f ms | %.2f s | %s / %.0f MB |" % (
            r["n"], "%.2f s" % hugo["median_wall"] if hugo else "–", r["full"]["median_wall"], ratio,
            r["no-op"]["median_wall"] * 1000, r["one-report"]["median_wall"] * 1000, r["one-figure"]["median_wall"] * 1000,
            r["one-template"]["median_wall"], "%.0f MB" % hugo["max_rss_mb"] if hugo else "–",
            max(r[k]["max_rss_mb"] for k in ("full", "no-op", "one-report", "one-figure", "one-template"))))
    path = os.path.join(args.work, "nianbao-bench-%d.json" % int(time.time()))
    with open(path, "w") as f:
        json.dump(results, f, indent=1)
    print("\nresults written to", path)


if __name__ == "__main__":
    main()
