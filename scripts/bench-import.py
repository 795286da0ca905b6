#!/usr/bin/env python3
"""Import speed: report files per second for text, HTML, Word (.docx) and PDF, on one core.

    swift build -c release
    python3 scripts/bench-import.py [--copies 40] [--runs 3] [--nianbao .build/release/nianbao]

For each kind, one fixture of the seed report (the seed as text, as a saved page, as the Word
fixture, and as both PDFs) is copied --copies times into a folder and imported in one
`nianbao import DIR --slug bench --force` under `taskset -c 0` (one core; PDFs also start
pdfinfo and pdftotext, which run on that core too). The first copy is written; the others are read,
converted and checked in full, then refused before writing (the same report folder): writing a
report folder is a few small files, reading and converting is the cost measured. Prints the
median of --runs: files per second and milliseconds per file.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIX = os.path.join(ROOT, "Tests/NianbaoTests/Fixtures")
KINDS = [
    ("text (.txt)", "seed/2024-shilong-district-government-office.txt", "txt"),
    ("HTML (saved page)", "pdf/seed-page.html", "html"),
    ("Word (.docx)", "docx/seed.docx", "docx"),
    ("PDF (LibreOffice)", "pdf/seed-libreoffice.pdf", "pdf"),
    ("PDF (Chromium)", "pdf/seed-chromium.pdf", "pdf"),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--nianbao", default=os.path.join(ROOT, ".build/release/nianbao"))
    args = parser.parse_args()
    one_core = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    print(f"{'kind':<20} {'files/s':>8} {'ms/file':>8}   ({args.copies} files, median of {args.runs}, one core)")
    for name, fixture, ext in KINDS:
        rates = []
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory(prefix="nianbao-bench-import-") as work:
                folder = os.path.join(work, "in")
                os.mkdir(folder)
                for k in range(args.copies):
                    shutil.copy(os.path.join(FIX, fixture), os.path.join(folder, f"{k:04d}.{ext}"))
                start = time.perf_counter()
                subprocess.run(one_core + [args.nianbao, "import", folder, "--content", os.path.join(work, "Content"),
                                           "--slug", "bench", "--force", "--published", "2025-01-20"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                elapsed = time.perf_counter() - start
                rates.append(args.copies / elapsed)
        rate = statistics.median(rates)
        print(f"{name:<20} {rate:>8.1f} {1000 / rate:>8.1f}")


if __name__ == "__main__":
    main()
