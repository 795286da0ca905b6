#!/usr/bin/env python3
"""How quickly `nianbao serve` answers an edit: the figures the tests do not assert.

    python3 scripts/bench-serve.py [--nianbao .build/release/nianbao] [--edits 20] [--content Content]

Copies the content folder to a temporary one, starts `nianbao serve --port 0` on it, opens the
live-reload event stream as a browser tab does, then saves a figure of the first report.yaml
--edits times (the tab's page changes each time) and prints, as min / median / max:
  edit → reload   from the save to the `reload` event (the watcher's 150 ms quiet time included)
  edit → page     from the save to the page served with the new figure
  Ctrl-C → exit   from SIGINT to the process ending (once, at the end)
Standard library only.
"""
import argparse
import glob
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def get(port, path):
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" % path).encode())
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                return data.decode("utf-8", "replace")
            data += chunk


def figures(label, values):
    ms = sorted(v * 1000 for v in values)
    print("%-15s %7.1f / %7.1f / %7.1f ms  (min / median / max of %d)" % (label, ms[0], statistics.median(ms), ms[-1], len(ms)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nianbao", default=os.path.join(ROOT, ".build", "release", "nianbao"))
    ap.add_argument("--content", default=os.path.join(ROOT, "Content"))
    ap.add_argument("--edits", type=int, default=20)
    args = ap.parse_args()
    if not os.access(args.nianbao, os.X_OK):
        sys.exit("%s not found: swift build -c release" % args.nianbao)

    work = tempfile.mkdtemp(prefix="nianbao-bench-serve-")
    try:
        content = os.path.join(work, "Content")
        shutil.copytree(args.content, content)
        report = sorted(glob.glob(os.path.join(content, "reports", "*", "*", "report.yaml")))[0]
        original = open(report, encoding="utf-8").read()
        if not re.search(r"(?m)^  licensing: \d+", original):
            sys.exit("%s has no `licensing:` figure to edit" % report)
        year, slug = report.split(os.sep)[-3:-1]
        page = "/%s/%s/" % (year, slug)

        server = subprocess.Popen([args.nianbao, "serve", "--content", content, "--output", os.path.join(work, "Site"), "--port", "0"],
                                  cwd=work, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        port = None
        for line in server.stdout:
            match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if match:
                port = int(match.group(1))
            if "正在监视" in line:
                break
        if port is None:
            sys.exit("serve printed no address")

        events = socket.create_connection(("127.0.0.1", port), timeout=30)
        events.sendall(b"GET /__nianbao/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        received = b""
        while b"event: hello" not in received:
            received += events.recv(65536)

        to_reload, to_page = [], []
        for i in range(args.edits):
            value = 5000 + i
            time.sleep(0.3)  # past the watcher's quiet time: each save is a burst of its own
            start = time.monotonic()
            with open(report, "w", encoding="utf-8") as f:
                f.write(re.sub(r"(?m)^  licensing: \d+", "  licensing: %d" % value, original, count=1))
            seen = received.count(b"event: reload")
            while received.count(b"event: reload") == seen:
                received += events.recv(65536)
            to_reload.append(time.monotonic() - start)
            while ">%d<" % value not in get(port, page):
                time.sleep(0.002)
            to_page.append(time.monotonic() - start)

        start = time.monotonic()
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
        stop = time.monotonic() - start
        events.close()

        print("nianbao serve, %s, %d edits of %s" % (args.nianbao, args.edits, os.path.relpath(report, content)))
        figures("edit → reload", to_reload)
        figures("edit → page", to_page)
        figures("Ctrl-C → exit", [stop])
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
