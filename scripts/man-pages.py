#!/usr/bin/env python3
"""Man pages of nianbao from its command-line definitions, in UTF-8.

    python3 scripts/man-pages.py NIANBAO_BINARY OUTDIR   → OUTDIR/nianbao.1, OUTDIR/nianbao-build.1, …

Reads what swift-argument-parser knows of every command (`nianbao <command> --experimental-dump-help`,
the same definitions `--help` prints) and writes one man(7) page per command. swift-argument-parser's
own generate-manual tool would do this, but it drops every character that is not ASCII, and nianbao's
help is in Chinese. Standard library only; the same binary always gives the same bytes.
"""
import json
import os
import subprocess
import sys


def escape(text):
    """Text for roff: backslashes and hyphens escaped, no line starting with a control character."""
    out = []
    for line in text.replace("\\", "\\e").replace("-", "\\-").split("\n"):
        out.append("\\&" + line if line.startswith((".", "'")) else line)
    return "\n".join(out)


def option_names(arg):
    names = []
    for name in arg.get("names", []):
        names.append(("\\-" if name["kind"] == "short" else "\\-\\-") + name["name"].replace("-", "\\-"))
    return names


def synopsis(path, command):
    parts = ["\\fB%s\\fR" % escape(" ".join(path))]
    for arg in command.get("arguments", []):
        if arg.get("shouldDisplay") is False:
            continue
        value = arg.get("valueName", "")
        if arg["kind"] == "positional":
            text = "\\fI%s\\fR" % escape(value) + (" ..." if arg.get("isRepeating") else "")
        else:
            text = "\\fB%s\\fR" % option_names(arg)[-1] + (" \\fI%s\\fR" % escape(value) if arg["kind"] == "option" else "")
        parts.append("[%s]" % text if arg.get("isOptional") else text)
    return " ".join(parts)


def page(path, command, version, subcommands):
    name = "-".join(path)
    lines = ['.TH "%s" 1 "" "nianbao %s" "nianbao"' % (name.upper(), version), ".SH NAME",
             "%s \\- %s" % (escape(name), escape(command.get("abstract", "") or " ".join(path))),
             ".SH SYNOPSIS", synopsis(path, command)]
    if command.get("discussion") or command.get("abstract"):
        lines.append(".SH DESCRIPTION")
        for paragraph in [command.get("abstract", "")] + command.get("discussion", "").split("\n\n"):
            if paragraph.strip():
                lines += [escape(paragraph.strip()), ".PP"]
        lines.pop()
    arguments = [a for a in command.get("arguments", []) if a.get("shouldDisplay", True)]
    if arguments:
        lines.append(".SH OPTIONS")
        for arg in arguments:
            head = ", ".join("\\fB%s\\fR" % n for n in option_names(arg)) if arg["kind"] != "positional" else ""
            value = arg.get("valueName", "")
            if arg["kind"] == "option":
                head += " \\fI%s\\fR" % escape(value)
            elif arg["kind"] == "positional":
                head = "\\fI%s\\fR" % escape(value)
            text = arg.get("abstract", "")
            if arg.get("defaultValue"):
                text += "（默认：%s）" % arg["defaultValue"]
            lines += [".TP", head, escape(text) if text else "\\&"]
    if subcommands:
        lines.append(".SH COMMANDS")
        for sub in subcommands:
            lines += [".TP", "\\fB%s\\fR" % escape(sub["commandName"]), escape(sub.get("abstract", "")) or "\\&"]
    others = ["nianbao"] + ["nianbao-" + s for s in sorted(sub_names)] if path != ["nianbao"] else ["nianbao-" + s for s in sorted(sub_names)]
    lines += [".SH SEE ALSO", ", ".join("\\fB%s\\fR(1)" % escape(o) for o in others if o != name)]
    return "\n".join(lines) + "\n"


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: scripts/man-pages.py NIANBAO_BINARY OUTDIR")
    binary, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    version = subprocess.run([binary, "--version"], check=True, capture_output=True, text=True).stdout.strip()
    root = json.loads(subprocess.run([binary, "--experimental-dump-help"], check=True, capture_output=True, text=True).stdout)["command"]
    global sub_names
    subcommands = [s for s in root.get("subcommands", []) if s.get("shouldDisplay", True) and s["commandName"] != "help"]
    sub_names = [s["commandName"] for s in subcommands]
    pages = {"nianbao.1": page(["nianbao"], root, version, subcommands)}
    for sub in subcommands:
        pages["nianbao-%s.1" % sub["commandName"]] = page(["nianbao", sub["commandName"]], sub, version, [])
    for file, text in pages.items():
        with open(os.path.join(out, file), "w", encoding="utf-8") as f:
            f.write(text)
    print("\n".join(sorted(pages)))


sub_names = []

if __name__ == "__main__":
    main()
