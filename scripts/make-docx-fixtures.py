#!/usr/bin/env python3
"""Writes the Word (.docx) fixtures of `nianbao import` into Tests/NianbaoTests/Fixtures/docx/.

    pip install python-docx      # 1.2.0 was used
    python3 scripts/make-docx-fixtures.py

The fixtures are committed, so the tests need neither Python nor python-docx. Rerun this after
changing it and commit the .docx files with it. The output is deterministic (fixed timestamps in
the zip and in the core properties), so an unchanged script gives unchanged files.

The seed report (Tests/NianbaoTests/Fixtures/seed/*.txt) as an agency types it in Word: the title,
the section headings in Heading 1, the sub-headings as bold paragraphs, each paragraph of the text,
and the three tables with the official merged cells (spec/format.md §2-4), numbers taken from the
seed. Then variants, each a change a clerk makes, and files that cannot be read at all.
"""
import copy
import io
import os
import struct
import sys
import zipfile
import zlib
from datetime import datetime

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = os.path.join(ROOT, "Tests/NianbaoTests/Fixtures/seed/2024-shilong-district-government-office.txt")
OUT = os.path.join(ROOT, "Tests/NianbaoTests/Fixtures/docx")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

HEADINGS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]

# ---------------------------------------------------------------------------------------------
# The seed, read


def read_seed():
    lines = [l.rstrip("\r") for l in open(SEED, encoding="utf-8").read().split("\n")]
    title = next(l.strip() for l in lines if l.strip())
    sections, current = {}, None
    for line in lines:
        if line.strip() in HEADINGS:
            current = HEADINGS.index(line.strip())
            sections[current] = []
        elif current is not None and line.strip():
            sections[current].append(line)
    numbers = lambda cells: [c for c in cells if c.strip().replace(".", "").isdigit()]
    two = {}
    for line in sections[1]:
        cells = [c.strip() for c in line.split("\t")]
        if numbers(cells) and len(numbers(cells)) == len([c for c in cells[1:] if c]):
            two[cells[0]] = numbers(cells)
    three = [numbers(l.split("\t"))[-7:] for l in sections[2] if len(numbers(l.split("\t"))) >= 7]
    four = [numbers(l.split("\t")) for l in sections[3] if len(numbers(l.split("\t"))) == 15][0]
    assert len(two) == 6 and len(three) == 25, (two, len(three))
    narrative = {i: [l.strip() for l in sections[i]] for i in (0, 4, 5)}
    return title, narrative, two, three, four


# ---------------------------------------------------------------------------------------------
# The document

SUBHEADING_PREFIXES = ("（", "(")


def east_asian(run, font="仿宋_GB2312"):
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(f'<w:rFonts xmlns:w="{W}"/>')
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), font)


def paragraph(doc, text, bold=False, indent=True):
    p = doc.add_paragraph()
    if indent:
        p.paragraph_format.first_line_indent = Pt(32)
    run = p.add_run(text)
    run.bold = bold or None
    east_asian(run)
    return p


def narrative(doc, lines):
    for line in lines:
        is_sub = line.startswith(SUBHEADING_PREFIXES) and len(line) < 30 and "。" not in line
        paragraph(doc, line, bold=is_sub)


def set_cell(cell, text):
    cell.text = ""
    p = cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(text)
    east_asian(run)


def grid_table(doc, rows, cols):
    table = doc.add_table(rows=rows, cols=cols)
    table.style = "Table Grid"
    return table


def table_two(doc, two):
    groups = [
        ("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "行政规范性文件"]),
        ("第二十条第（五）项", ["本年处理决定数量"], ["行政许可"]),
        ("第二十条第（六）项", ["本年处理决定数量"], ["行政处罚", "行政强制"]),
        ("第二十条第（八）项", ["本年收费金额（单位：万元）"], ["行政事业性收费"]),
    ]
    n = sum(2 + len(rows) for _, _, rows in groups)
    t = grid_table(doc, n, 4)
    r = 0
    for heading, columns, rows in groups:
        t.cell(r, 0).merge(t.cell(r, 3))
        set_cell(t.cell(r, 0), heading)
        set_cell(t.cell(r + 1, 0), "信息内容")
        if len(columns) == 1:
            t.cell(r + 1, 1).merge(t.cell(r + 1, 3))
        for i, c in enumerate(columns):
            set_cell(t.cell(r + 1, 1 + i), c)
        for k, label in enumerate(rows):
            row = r + 2 + k
            set_cell(t.cell(row, 0), label)
            if len(columns) == 1:
                t.cell(row, 1).merge(t.cell(row, 3))
            for i, v in enumerate(two[label]):
                set_cell(t.cell(row, 1 + i), v)
        r += 2 + len(rows)
    return t


# Table 三's row labels as the seed types them: (L1, L2, L3) of each body row, None where the
# row is under the merged cell of the row above.
THREE_ROWS = [
    ("一、本年新收政府信息公开申请数量", None, None),
    ("二、上年结转政府信息公开申请数量", None, None),
    ("三、本年度办理结果", "(一) 予以公开", None),
    (None, "(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)", None),
    (None, "(三) 不予公开", "1. 属于国家秘密"),
    (None, None, "2. 其他法律行政法规禁止公开"),
    (None, None, "3. 危及“三安全一稳定”"),
    (None, None, "4. 保护第三方合法权益"),
    (None, None, "5. 属于三类内部事务信息"),
    (None, None, "6. 属于四类过程性信息"),
    (None, None, "7. 属于行政执法案卷"),
    (None, None, "8. 属于行政查询事项"),
    (None, "(四) 无法提供", "1. 本机关不掌握相关政府信息"),
    (None, None, "2. 没有现成信息需要另行制作"),
    (None, None, "3. 补正后申请内容仍不明确"),
    (None, "(五) 不予处理", "1. 信访举报投诉类申请"),
    (None, None, "2. 重复申请"),
    (None, None, "3. 要求提供公开出版物"),
    (None, None, "4. 无正当理由大量反复申请"),
    (None, None, "5. 要求行政机关确认或重新出具已获取信息"),
    (None, "(六) 其他处理", "1. 申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    (None, None, "2. 申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    (None, None, "3. 其他"),
    (None, "(七) 总计", None),
    ("四、结转下年度继续办理", None, None),
]
# (first body row, last body row) of the L2 groups merged down, by their label.
THREE_GROUPS = {"(三) 不予公开": (4, 11), "(四) 无法提供": (12, 14), "(五) 不予处理": (15, 19), "(六) 其他处理": (20, 22)}
CORNER = "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)"


def table_three(doc, three, body=range(25), header=True, groups=THREE_GROUPS, digits=str):
    """Rows `body` of table 三 (all by default) as one Word table, with the header rows if `header`."""
    body = list(body)
    top = 3 if header else 0
    t = grid_table(doc, top + len(body), 10)
    if header:
        t.cell(0, 0).merge(t.cell(2, 2))
        set_cell(t.cell(0, 0), CORNER)
        t.cell(0, 3).merge(t.cell(0, 9))
        set_cell(t.cell(0, 3), "申请人情况")
        t.cell(1, 3).merge(t.cell(2, 3))
        set_cell(t.cell(1, 3), "自然人")
        t.cell(1, 4).merge(t.cell(1, 8))
        set_cell(t.cell(1, 4), "法人或其他组织")
        t.cell(1, 9).merge(t.cell(2, 9))
        set_cell(t.cell(1, 9), "总计")
        for i, label in enumerate(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]):
            set_cell(t.cell(2, 4 + i), label)
    row_of = {b: top + k for k, b in enumerate(body)}
    # L1: 三、本年度办理结果 down the rows 3…24 that are in this table.
    results = [b for b in body if 2 <= b <= 23]
    if results:
        t.cell(row_of[results[0]], 0).merge(t.cell(row_of[results[-1]], 0))
        set_cell(t.cell(row_of[results[0]], 0), "三、本年度办理结果" if results[0] == 2 else "")
    for b in body:
        r = row_of[b]
        l1, l2, l3 = THREE_ROWS[b]
        if l1 and b != 2:
            t.cell(r, 0).merge(t.cell(r, 2))
            set_cell(t.cell(r, 0), l1)
        if l2 and l3 is None:
            t.cell(r, 1).merge(t.cell(r, 2))
            set_cell(t.cell(r, 1), l2)
        if l3:
            set_cell(t.cell(r, 2), l3)
        for i, v in enumerate(three[b]):
            set_cell(t.cell(r, 3 + i), digits(v))
    for label, (first, last) in groups.items():
        rows = [b for b in body if first <= b <= last]
        if not rows:
            continue
        t.cell(row_of[rows[0]], 1).merge(t.cell(row_of[rows[-1]], 1))
        set_cell(t.cell(row_of[rows[0]], 1), label if rows[0] == first else "")
    return t


def table_four(doc, four):
    t = grid_table(doc, 4, 15)
    outcomes = ["结果 维持", "结果 纠正", "其他 结果", "尚未 审结", "总计"]
    t.cell(0, 0).merge(t.cell(0, 4))
    set_cell(t.cell(0, 0), "行政复议")
    t.cell(0, 5).merge(t.cell(0, 14))
    set_cell(t.cell(0, 5), "行政诉讼")
    for i, label in enumerate(outcomes):
        t.cell(1, i).merge(t.cell(2, i))
        set_cell(t.cell(1, i), label)
    t.cell(1, 5).merge(t.cell(1, 9))
    set_cell(t.cell(1, 5), "未经复议直接起诉")
    t.cell(1, 10).merge(t.cell(1, 14))
    set_cell(t.cell(1, 10), "复议后起诉")
    for i, label in enumerate(outcomes * 2):
        set_cell(t.cell(2, 5 + i), label)
    for i, v in enumerate(four):
        set_cell(t.cell(3, i), v)
    return t


def new_document():
    doc = docx.Document()
    props = doc.core_properties
    props.author = "石龙区人民政府办公室"
    props.created = props.modified = datetime(2025, 1, 15, 9, 0, 0)
    props.last_modified_by = "石龙区人民政府办公室"
    props.revision = 1
    return doc


def seed_document(seed, headings_as="style", tables=None):
    """The seed as typed. `tables` maps a table section (1, 2, 3) to a function writing it."""
    title, text, two, three, four = seed
    doc = new_document()
    t = doc.add_paragraph()
    t.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = t.add_run(title)
    run.bold = True
    run.font.size = Pt(22)
    east_asian(run, "方正小标宋简体")
    writers = {1: lambda: table_two(doc, two), 2: lambda: table_three(doc, three), 3: lambda: table_four(doc, four)}
    writers.update({k: (lambda f=f: f(doc, seed)) for k, f in (tables or {}).items()})
    for index, heading in enumerate(HEADINGS):
        if headings_as == "style":
            doc.add_heading(heading, level=1)
        else:
            paragraph(doc, heading, bold=True)
        if index in text:
            narrative(doc, text[index])
        else:
            writers[index]()
    return doc


# ---------------------------------------------------------------------------------------------
# Variants


def split_table_three(doc, seed):
    """Table 三 in two Word tables, cut before （四）无法提供 (an empty paragraph between), the
    second without the header: as a clerk splits a table that runs over a page."""
    three = seed[3]
    table_three(doc, three, body=range(0, 12))
    doc.add_paragraph()
    table_three(doc, three, body=range(12, 25), header=False)


def blank_row_three(doc, seed):
    """An extra empty row after （二）部分公开."""
    t = table_three(doc, seed[3])
    row = t.rows[3 + 3]._tr
    blank = copy.deepcopy(t.rows[3 + 1]._tr)
    for text in blank.iter(qn("w:t")):
        text.text = ""
    row.addnext(blank)


def full_width_three(doc, seed):
    """Table 三's numbers typed with full-width digits (an IME left in full-width mode)."""
    table_three(doc, seed[3], digits=lambda v: "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in v))


def merged_labels_three(doc, seed):
    """（三）不予公开 merged one row too far down, over the row of （四）无法提供, whose label is lost."""
    groups = dict(THREE_GROUPS)
    groups["(三) 不予公开"] = (4, 12)
    groups["(四) 无法提供"] = (13, 14)
    t = table_three(doc, seed[3], groups=groups)
    set_cell(t.cell(3 + 13, 1), "")


def merged_numbers_three(doc, seed):
    """The 总计 cells of 1.本机关不掌握相关政府信息 and 2.没有现成信息需要另行制作 merged into one:
    the second row has lost its own number."""
    t = table_three(doc, seed[3])
    top = t.cell(3 + 12, 9)
    top.merge(t.cell(3 + 13, 9))
    set_cell(top, seed[3][12][6])


def wrong_total_three(doc, seed):
    """A sum that does not add up: 一、本年新收 总计 typed as 10 where 自然人 9 and the rest 0 give 9."""
    three = [list(row) for row in seed[3]]
    three[0][6] = "10"
    table_three(doc, three)


def tiny_png():
    """A 2×2 grey PNG, standing for a screenshot of a table."""
    raw = b"".join(b"\x00" + b"\x80\x80\x80" * 2 for _ in range(2))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def image_four(doc, seed):
    """Table 四 pasted as a picture (a screenshot of the table)."""
    doc.add_picture(io.BytesIO(tiny_png()), width=Pt(400))


def tracked_changes(doc):
    """Changes left unaccepted: in table 三 the 自然人 figure of 一、本年新收 retyped (8 deleted,
    9 inserted), and a sentence of 一 deleted. Read as accepted: 9 counts, the sentence does not."""
    body = doc.element.body
    cells = [tc for tc in body.iter(qn("w:tc")) if "".join(t.text for t in tc.iter(qn("w:t"))) == "9"]
    cell = cells[0]
    run = next(cell.iter(qn("w:r")))
    p = run.getparent()
    stamp = 'w:author="审核人" w:date="2025-01-16T10:00:00Z"'
    deleted = parse_xml(f'<w:del xmlns:w="{W}" w:id="901" {stamp}><w:r><w:delText>8</w:delText></w:r></w:del>')
    inserted = parse_xml(f'<w:ins xmlns:w="{W}" w:id="902" {stamp}/>')
    p.remove(run)
    inserted.append(run)
    p.append(deleted)
    p.append(inserted)
    # A deleted sentence at the end of the first paragraph of 一.
    first = next(p for p in body.iter(qn("w:p")) if "".join(t.text for t in p.iter(qn("w:t"))).startswith("对照省"))
    first.append(parse_xml(f'<w:del xmlns:w="{W}" w:id="903" {stamp}><w:r><w:delText>此句已删除，不应导入。</w:delText></w:r></w:del>'))


def footnote_and_comment(doc):
    """A footnote on 行政规范性文件 in 一 and a reviewer's comment on the first sub-heading."""
    part = doc.part
    footnotes = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W}">'
         '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
         '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
         '<w:footnote w:id="1"><w:p><w:r><w:t>指《石龙区政府信息公开办法》。</w:t></w:r></w:p></w:footnote>'
         '</w:footnotes>').encode("utf-8"),
        part.package,
    )
    part.relate_to(footnotes, RT.FOOTNOTES)
    body = doc.element.body
    first = next(p for p in body.iter(qn("w:p")) if "".join(t.text for t in p.iter(qn("w:t"))).startswith("对照省"))
    first.append(parse_xml(f'<w:r xmlns:w="{W}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'))
    sub = next(p for p in doc.paragraphs if p.text == "（一）主动公开")
    comment = doc.add_comment(sub.runs, text="小标题请用楷体。", author="审核人", initials="审")
    comment._comment_elm.set(qn("w:date"), "2025-01-16T10:00:00Z")  # not the clock: the file stays the same


def numbered(seed):
    """Headings, sub-headings and a list by Word's automatic numbering, and bold words in the text:
    `一、` and `（一）` in chineseCounting, a `1.` list in 六."""
    title, text, two, three, four = seed
    doc = new_document()
    numbering = doc.part.numbering_part.element
    def abstract(aid, levels):
        lvls = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{txt}"/>'
            f'<w:suff w:val="nothing"/></w:lvl>' for i, (fmt, txt) in enumerate(levels))
        numbering.insert(0, parse_xml(f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="{aid}">{lvls}</w:abstractNum>'))
        numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="{aid + 100}"><w:abstractNumId w:val="{aid}"/></w:num>'))
        return aid + 100
    headings = abstract(90, [("chineseCounting", "%1、")])
    subs = [abstract(91 + k, [("chineseCounting", "（%1）")]) for k in range(2)]
    items = abstract(95, [("decimal", "%1.")])
    def numbered_paragraph(text, num, bold=False, style=None):
        p = doc.add_paragraph(style=style)
        ppr = p._p.get_or_add_pPr()
        ppr.insert(0, parse_xml(f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>'))
        run = p.add_run(text)
        run.bold = bold or None
        return p
    t = doc.add_paragraph()
    t.add_run(title).bold = True
    writers = {1: lambda: table_two(doc, two), 2: lambda: table_three(doc, three), 3: lambda: table_four(doc, four)}
    sub_lists = {0: subs[0], 4: subs[1]}
    for index, heading in enumerate(HEADINGS):
        numbered_paragraph(heading.split("、", 1)[1], headings, style="Heading 1")
        if index not in text:
            writers[index]()
            continue
        for line in text[index]:
            if line.startswith(SUBHEADING_PREFIXES) and len(line) < 30:
                numbered_paragraph(line.split(")", 1)[-1].split("）", 1)[-1].strip(), sub_lists[index], bold=True)
            elif index == 0 and line.startswith("对照省"):
                # Bold words inside a paragraph.
                p = paragraph(doc, "")
                head, rest = line.split("。", 1)
                p.add_run(head + "。")
                p.add_run(rest[:rest.index("2451")])
                p.add_run("2451 条").bold = True
                p.add_run(rest[rest.index("2451") + len("2451 条"):])
            else:
                paragraph(doc, line)
        if index == 5:
            for item in ["依申请公开政府信息未收费；", "无其他需要报告的事项。"]:
                numbered_paragraph(item, items)
    return doc


# ---------------------------------------------------------------------------------------------
# Files that cannot be read


def ole2(names):
    """A minimal compound file (OLE2, as Word 97-2003 writes): the header and a directory sector
    naming `names`; enough to be recognised, not to be read."""
    header = bytearray(512)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIII", header, 44, 1, 0, 0, 0x1000, 0xFFFFFFFE, 0, 0xFFFFFFFE)
    struct.pack_into("<I", header, 76, 1)  # FAT in sector 1
    header[80:512] = b"\xff" * 432
    directory = bytearray()
    for i, name in enumerate(["Root Entry"] + names):
        entry = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        entry[0:len(encoded)] = encoded
        struct.pack_into("<HBB", entry, 64, len(encoded), 5 if i == 0 else 2, 1)
        struct.pack_into("<III", entry, 68, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF if i else 1)
        directory += entry
    directory += b"\x00" * (512 - len(directory))
    fat = bytearray(b"\xff\xff\xff\xff" * 128)
    struct.pack_into("<II", fat, 0, 0xFFFFFFFE, 0xFFFFFFFD)
    return bytes(header + directory + fat)


def zip_bytes(entries, lie=None):
    """A zip of (name, bytes); `lie` = (name, size): that entry's declared uncompressed size
    is `size` in both headers, whatever it really holds."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2025, 1, 15, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    data = bytearray(buffer.getvalue())
    if lie:
        name, size = lie
        encoded = name.encode()
        for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
            at = 0
            while (at := data.find(signature, at)) >= 0:
                name_at = at + (30 if signature == b"PK\x03\x04" else 46)
                if data[name_at:name_at + len(encoded)] == encoded:
                    struct.pack_into("<I", data, at + offset, size)
                at += 4
    return bytes(data)


def package_entries(docx_bytes):
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
        return [(n, z.read(n)) for n in z.namelist()]


def save(doc, name):
    buffer = io.BytesIO()
    doc.save(buffer)
    write(name, normalised(buffer.getvalue()))


def normalised(docx_bytes):
    """The same zip with fixed entry dates, so that the files do not change on every run."""
    return zip_bytes(package_entries(docx_bytes))


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
    print(f"{name}: {len(data)} bytes")


def main():
    os.makedirs(OUT, exist_ok=True)
    seed = read_seed()
    save(seed_document(seed), "seed.docx")
    save(seed_document(seed, headings_as="bold", tables={2: split_table_three}), "split-table.docx")
    save(seed_document(seed, tables={2: blank_row_three}), "blank-row.docx")
    save(seed_document(seed, tables={2: full_width_three}), "full-width-digits.docx")
    save(seed_document(seed, tables={2: merged_labels_three}), "merged-labels.docx")
    save(seed_document(seed, tables={2: merged_numbers_three}), "merged-numbers.docx")
    save(seed_document(seed, tables={2: wrong_total_three}), "wrong-total.docx")
    save(seed_document(seed, tables={3: image_four}), "table-image.docx")
    doc = seed_document(seed)
    tracked_changes(doc)
    save(doc, "tracked-changes.docx")
    doc = seed_document(seed)
    footnote_and_comment(doc)
    save(doc, "footnote-comment.docx")
    save(numbered(seed), "numbered.docx")

    # Cannot be read.
    write("old-word.doc", ole2(["WordDocument", "1Table", "\x05SummaryInformation"]))
    write("password.docx", ole2(["EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"]))
    good = open(os.path.join(OUT, "seed.docx"), "rb").read()
    write("truncated.docx", good[: len(good) // 2])
    entries = package_entries(good)
    # A document part of 32 MB of spaces inside a valid document: deflate makes it ~32 KB.
    bomb = [(n, d if n != "word/document.xml" else d.replace(b"<w:body>", b"<w:body>" + b" " * (32 << 20))) for n, d in entries]
    write("zip-bomb.docx", zip_bytes(bomb))
    # The same part, 4 MB, whose headers claim 4 KB: found only while inflating.
    small = [(n, d if n != "word/document.xml" else d.replace(b"<w:body>", b"<w:body>" + b" " * (4 << 20))) for n, d in entries]
    write("zip-bomb-lying.docx", zip_bytes(small, lie=("word/document.xml", 4096)))


if __name__ == "__main__":
    sys.exit(main())
