#!/usr/bin/env python3
"""A small, invented multi-agency, multi-year site for tests, site checks and screenshots (the
real example in Content/ has one report only).

    python3 scripts/fixture-site.py OUT [--years 2022-2024]
    cd OUT && nianbao build --production      # or: --content OUT/Content --templates OUT/Templates

OUT gets a site folder as `nianbao init` lays it out: Content/ (site.yaml with every footer field
`--production` requires, agencies.yaml, reports/) and Templates/assets/conac.png, the image the
党政机关网站标识 entry points to (an invented stand-in, not the real mark).

Every agency is plainly an example: names start with 示例 and every narrative says the figures
are invented. The figures obey every rule nianbao checks (row totals, the balance of table 三,
carry-over from the year before, the in-force chain of 规范性文件), and the set includes what the
index pages must show: a late report, a government's own report published in March (not late),
and an agency of the list with no report for the latest year. Standard library only; the same
arguments always give the same bytes.
"""
import argparse
import os
import random
import struct
import zlib

AGENCIES = [
    # slug, name, kind, publishes in the latest year, late in years
    ("shili-gov", "示例区人民政府", "本级政府", True, ()),
    ("shili-edu", "示例区教育局", "政府部门", True, ()),
    ("shili-health", "示例区卫生健康委员会", "政府部门", True, (2023,)),
    ("shili-resources", "示例区自然资源局", "政府部门", False, ()),
    ("shili-town", "示例镇人民政府", "乡镇街道", True, ()),
    ("shili-street", "示例街道办事处", "乡镇街道", True, ()),
]

DENIED = ["state_secret", "prohibited_by_law", "security_stability", "third_party_rights", "internal_affairs",
          "process_information", "enforcement_files", "inquiry_matters"]
UNAVAILABLE = ["not_held", "needs_creation", "unclear_after_correction"]
NOT_PROCESSED = ["petitions_complaints", "repeated", "publications", "excessive", "confirm_or_reissue"]
OTHER = ["overdue_correction", "unpaid_fees", "other"]


def row(values):
    return "[" + ", ".join(str(v) for v in values + [sum(values)]) + "]"


def report_yaml(rng, slug, name, kind, year, late, carried_over, in_force):
    # Applications per applicant column (6 columns; 总计 is their sum).
    received = [rng.randint(0, 30), rng.randint(0, 6), rng.randint(0, 1), rng.randint(0, 2), rng.randint(0, 2), rng.randint(0, 1)]
    results = {key: [0] * 6 for key in ["granted", "partially_granted"] + DENIED + UNAVAILABLE + NOT_PROCESSED + OTHER}
    carried_forward = [0] * 6
    for c in range(6):
        available = received[c] + carried_over[c]
        forward = min(available, rng.randint(0, 2))
        rest = available - forward
        carried_forward[c] = forward
        granted = rest * 6 // 10
        partial = rest // 10
        not_held = rest // 10
        repeated = rest // 20
        denied = rest // 20
        results["granted"][c] = granted
        results["partially_granted"][c] = partial
        results["not_held"][c] = not_held
        results["repeated"][c] = repeated
        results["third_party_rights"][c] = denied
        results["other"][c] = rest - granted - partial - not_held - repeated - denied
    total = [sum(results[k][c] for k in results) for c in range(6)]
    issued, repealed = rng.randint(0, 4), rng.randint(0, 2)
    repealed = min(repealed, in_force + issued)
    in_force_now = in_force + issued - repealed
    review = [rng.randint(0, 2), rng.randint(0, 1), 0, rng.randint(0, 1)]
    direct = [rng.randint(0, 1), 0, 0, rng.randint(0, 1)]
    after = [0, 0, 0, rng.randint(0, 1)]
    due_month = 3 if kind == "本级政府" else 1
    if late:
        published = f"{year + 1}-0{due_month + 1}-15"
    else:
        published = f"{year + 1}-0{due_month}-{rng.randint(10, 28):02d}"
    fees = rng.choice(["0", "0", "1.25", "0.0350"])

    def block(keys, indent):
        return "".join(f"{' ' * indent}{k}: {row(results[k])}\n" for k in keys)

    text = f"""# 示例数据（虚构）：{name}{year}年政府信息公开工作年度报告
agency: {name}
year: {year}
published: {published}

active_disclosure:
  regulations:         {{issued: 0, repealed: 0, in_force: 0}}
  normative_documents: {{issued: {issued}, repealed: {repealed}, in_force: {in_force_now}}}
  licensing: {rng.randint(0, 900)}
  penalties: {rng.randint(0, 300)}
  coercion: {rng.randint(0, 20)}
  fees: {fees}

applications:
  received:        {row(received)}
  carried_over:    {row(carried_over)}
  results:
    granted:           {row(results["granted"])}
    partially_granted: {row(results["partially_granted"])}
    denied:
{block(DENIED, 6)}    unavailable:
{block(UNAVAILABLE, 6)}    not_processed:
{block(NOT_PROCESSED, 6)}    other:
{block(OTHER, 6)}    total:             {row(total)}
  carried_forward: {row(carried_forward)}

review_and_litigation:
  review:                  {row(review)}
  litigation_direct:       {row(direct)}
  litigation_after_review: {row(after)}
"""
    return text, carried_forward, in_force_now


NOTE = "本报告为 nianbao 测试与演示用的虚构示例，机关名称和全部数字均为编造，不代表任何真实机关。"


# Sentences of the narrative that change from year to year (as real reports do), so that no
# agency's report repeats its previous year's (the rule cross.copied).
NARRATIVE_WORK = [
    "围绕优化营商环境，集中公开涉企政策文件和办事指南，开设政策问答专栏。",
    "完成政府信息公开目录的全面梳理，逐条核对标题、文号和发布日期，更正错漏。",
    "在门户网站开设专题栏目，按月发布重点工作进展，同步推送至政务新媒体。",
    "组织依申请公开答复文书的集中评查，统一告知书格式，规范救济途径的表述。",
    "举办政府开放日活动两场，邀请群众代表走进机关，面对面听取意见建议。",
    "对照基层政务公开标准目录，补充完善事项清单，细化公开时限和公开方式。",
]
NARRATIVE_PROBLEMS = [
    "政策解读的形式仍较单一，图解和视频解读的数量不多，群众阅读体验有待提升。",
    "个别科室报送信息不够及时，栏目更新存在滞后，信息发布的审核流程需要优化。",
    "依申请公开答复中引用条款不够准确的情况仍有发生，业务培训需要进一步加强。",
    "政务新媒体与门户网站的信息同步还不够顺畅，部分内容存在重复发布的问题。",
]
NARRATIVE_OTHER = [
    "本年度依申请公开政府信息未收取信息处理费。",
    "本年度组织开展政务公开业务培训，参训人员覆盖全部科室。",
    "本年度完成政府网站与政务新媒体年度报表的编制和公开。",
    "本年度按要求向上级政务公开主管部门报送了工作总结。",
]


def pick(pool, name, year, n=2):
    start = (sum(map(ord, name)) + year * 3) % len(pool)
    return [pool[(start + i) % len(pool)] for i in range(n)]


def narrative(name, year):
    work = "".join(pick(NARRATIVE_WORK, name, year))
    overview = f"""### （一）主动公开

{NOTE}

{name}{year}年按照示例要求主动公开政府信息。{work}

### （二）依申请公开

依申请公开工作按规定办理，具体数字见本报告第三部分的表格。
"""
    problems = f"""### （一）存在的主要问题

{NOTE}{"".join(pick(NARRATIVE_PROBLEMS, name, year))}

### （二）改进情况

下一年度将继续完善政府信息公开工作。
"""
    other = f"{NOTE}\n\n{''.join(pick(NARRATIVE_OTHER, name, year, 1))}\n"
    return {"overview.md": overview, "problems.md": problems, "other.md": other}


def png(width, height, pixel):
    """A truecolour PNG of pixel(x, y) -> (r, g, b), standard library only (same bytes every time)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\0" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def conac_image():
    """A red disc on white, 55 px: a stand-in for the 党政机关网站标识 image a site gets with its record."""
    def pixel(x, y):
        inside = (x - 27) ** 2 + (y - 27) ** 2 <= 26 ** 2
        return (200, 16, 46) if inside else (255, 255, 255)
    return png(55, 55, pixel)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out")
    parser.add_argument("--years", default="2022-2024")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    first, last = (int(y) for y in args.years.split("-"))
    rng = random.Random(args.seed)

    def write(path, text):
        full = os.path.join(args.out, "Content", path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)

    image = os.path.join(args.out, "Templates", "assets", "conac.png")
    os.makedirs(os.path.dirname(image), exist_ok=True)
    with open(image, "wb") as f:
        f.write(conac_image())
    write("site.yaml", "# 示例站点（虚构数据，仅供测试和演示）\n"
          "title: 示例区政府信息公开工作年度报告（示例）\n"
          "organization: 示例区人民政府办公室（示例）\n"
          "contact: 电话 000-00000000（示例）\n"
          "site_code: \"0000000000\"\n"
          "icp: 示ICP备00000000号（示例）\n"
          "police_record: 示公网安备 00000000000000号（示例）\n"
          "conac:\n"
          "  link: https://example.gov.cn/conac-record-example\n"
          "  image: assets/conac.png\n"
          "base_url: https://example.gov.cn/ndbg/\n")
    agencies = "# 示例机关列表（虚构）\n"
    for slug, name, kind, _, _ in AGENCIES:
        agencies += f"- slug: {slug}\n  name: {name}\n  kind: {kind}\n"
    write("agencies.yaml", agencies)
    for slug, name, kind, publishes_latest, late_years in AGENCIES:
        carried = [0] * 6
        in_force = rng.randint(5, 30)
        for year in range(first, last + 1):
            text, carried, in_force = report_yaml(rng, slug, name, kind, year, year in late_years, carried, in_force)
            if year == last and not publishes_latest:
                continue
            folder = f"reports/{year}/{slug}/"
            write(folder + "report.yaml", text)
            for file, body in narrative(name, year).items():
                write(folder + file, body)


if __name__ == "__main__":
    main()
