/// A Word document (.docx) as blocks, like the text and HTML readers give: each paragraph a
/// line (its automatic number included, its style and bold runs kept for the Markdown), each
/// table a table laid out on its grid (`w:gridSpan`, `w:vMerge` and `w:gridBefore` applied).
///
/// Tracked changes are read as if accepted: inserted text counts, deleted text does not. Field
/// codes, hidden text, footnotes, endnotes and comments are left out; pictures are listed.
///
/// Word has no lines, so the reader also renders the document as text, one line per paragraph
/// and per table row (cells separated by tabs, as a copy from Word gives): that text is what
/// diagnostics quote, and the line and column of every block point into it.
enum DocxReader {
    struct Output {
        var document: SourceDocument
        /// The document as text, for quoting in diagnostics.
        var text: String
    }

    static func read(_ package: DocxPackage) -> Result<Output, DocxPackage.Failure> {
        let root: XMLTree
        do {
            root = try XMLTree.parse(package.document)
        } catch XMLTree.ParseError.malformed(let why) {
            return .failure(DocxPackage.corrupt("正文 document.xml：\(why)"))
        } catch {
            return .failure(DocxPackage.corrupt("正文 document.xml 无法读取"))
        }
        guard root.name == "w:document", let body = root.child("w:body") else {
            return .failure(DocxPackage.corrupt("正文 document.xml 中没有 w:body"))
        }
        var walker = Walker(
            styles: DocxStyles(package.styles.flatMap { try? XMLTree.parse($0) }),
            numbering: DocxNumbering(package.numbering.flatMap { try? XMLTree.parse($0) }))
        walker.blocks(body)
        walker.finish()
        return .success(Output(document: walker.document, text: walker.lines.joined(separator: "\n") + "\n"))
    }

    /// Cells laid out at most in one table (rows × grid columns), against pathological spans.
    static let gridLimit = 100_000

    struct Walker {
        let styles: DocxStyles
        var numbering: DocxNumbering
        var document = SourceDocument(kind: .word)
        /// The rendering, one entry per line.
        var lines: [String] = []
        var revisions: (count: Int, line: Int?) = (0, nil)
        var footnotes: (count: Int, line: Int?) = (0, nil)
        var comments: (ids: Set<String>, line: Int?) = ([], nil)

        init(styles: DocxStyles, numbering: DocxNumbering) {
            self.styles = styles
            self.numbering = numbering
        }

        /// The line number the next rendered line gets.
        var nextLine: Int { lines.count + 1 }

        // MARK: Blocks

        mutating func blocks(_ node: XMLTree) {
            for child in node.children {
                switch child.name {
                case "w:p":
                    for line in paragraph(child) { document.blocks.append(.line(line)) }
                case "w:tbl":
                    if let table = table(child) { document.blocks.append(.table(table)) }
                case "w:sdt":
                    if let content = child.child("w:sdtContent") { blocks(content) }
                case "w:customXml", "w:ins", "w:moveTo":
                    blocks(child)
                case "mc:AlternateContent":
                    if let chosen = Self.alternative(child) { blocks(chosen) }
                default:
                    break
                }
            }
        }

        /// The content of `mc:AlternateContent` to read: the fallback, written for readers that
        /// know only the base format, else the first choice.
        static func alternative(_ node: XMLTree) -> XMLTree? {
            node.child("mc:Fallback") ?? node.child("mc:Choice")
        }

        mutating func noteRevision(at line: Int) {
            revisions.count += 1
            if revisions.line == nil { revisions.line = line }
        }

        // MARK: Paragraphs

        /// The lines of a paragraph (more than one where it has line breaks); none if it is empty.
        mutating func paragraph(_ p: XMLTree) -> [SourceLine] {
            let pPr = p.child("w:pPr")
            let style = pPr?.value(of: "w:pStyle") ?? styles.defaultParagraph
            if let pPr, pPr.child("w:pPrChange") != nil || pPr.child("w:rPr").map(hasRevision) == true { noteRevision(at: nextLine) }

            var spans: [LineFormat.Span] = []
            var hasImage = false
            collect(p, bold: styles.bold(style) ?? false, into: &spans, image: &hasImage)

            // The number Word shows (automatic numbering); `w:numId` 0 switches a style's numbering off.
            var label: DocxNumbering.Label?
            if let num = pPr.flatMap(DocxStyles.numbering) ?? styles.numbering(style), num.id != "0" {
                label = numbering.next(numId: num.id, level: num.level)
            }
            var headingLevel = pPr?.value(of: "w:outlineLvl").flatMap { Int($0) }.flatMap { $0 < 9 ? $0 + 1 : nil }
            headingLevel = headingLevel ?? styles.headingLevel(style)

            // Split at line breaks; trim each part (Chinese paragraphs are indented with ideographic spaces).
            var parts: [[LineFormat.Span]] = [[]]
            for span in spans {
                let pieces = span.text.split(separator: "\n", omittingEmptySubsequences: false)
                for (i, piece) in pieces.enumerated() {
                    if i > 0 { parts.append([]) }
                    if !piece.isEmpty { parts[parts.count - 1].append(.init(text: String(piece), bold: span.bold)) }
                }
            }
            var out: [SourceLine] = []
            for (index, part) in parts.enumerated() {
                var content = Self.trimmed(part)
                var kind = LineFormat.Kind.paragraph
                var prefix = ""
                if index == 0, let label, !content.isEmpty || !label.text.isEmpty {
                    // A numbered heading stays a heading, its number part of its text.
                    if let marker = label.markdown, headingLevel == nil {
                        kind = .listItem(marker: marker, level: label.level)
                        prefix = label.text
                    } else if !label.text.isEmpty {
                        content.insert(.init(text: label.text, bold: content.first?.bold ?? false), at: 0)
                    }
                }
                if let headingLevel, case .paragraph = kind { kind = .heading(level: headingLevel) }
                let text = prefix + content.map(\.text).joined()
                guard !text.trimmingSpaces.isEmpty else { continue }
                lines.append(text.replacingOccurrences(of: "\n", with: " "))
                out.append(SourceLine(text: text, line: lines.count, column: 1, format: LineFormat(kind: kind, spans: content)))
            }
            if hasImage {
                if out.isEmpty { lines.append("〔图片〕") }
                document.images.append(SourceLine(text: "图片", line: out.first?.line ?? lines.count, column: 1))
            }
            return out
        }

        /// Whether run or paragraph-mark properties record a tracked change.
        func hasRevision(_ rPr: XMLTree) -> Bool {
            rPr.child("w:rPrChange") != nil || rPr.child("w:ins") != nil || rPr.child("w:del") != nil
        }

        /// The visible text below `node` in runs (line breaks as `\n`, tabs as `\t`), with
        /// inserted text and without deleted text.
        mutating func collect(_ node: XMLTree, bold: Bool, into spans: inout [LineFormat.Span], image: inout Bool) {
            for child in node.children {
                switch child.name {
                case "w:r":
                    run(child, paragraphBold: bold, into: &spans, image: &image)
                case "w:ins", "w:moveTo":
                    noteRevision(at: nextLine)
                    collect(child, bold: bold, into: &spans, image: &image)
                case "w:del", "w:moveFrom":
                    noteRevision(at: nextLine)
                case "w:hyperlink", "w:smartTag", "w:customXml", "w:fldSimple", "w:dir", "w:bdo":
                    collect(child, bold: bold, into: &spans, image: &image)
                case "w:sdt":
                    if let content = child.child("w:sdtContent") { collect(content, bold: bold, into: &spans, image: &image) }
                case "mc:AlternateContent":
                    if let chosen = Self.alternative(child) { collect(chosen, bold: bold, into: &spans, image: &image) }
                case "w:commentRangeStart":
                    noteComment(child)
                default:
                    break
                }
            }
        }

        mutating func run(_ r: XMLTree, paragraphBold: Bool, into spans: inout [LineFormat.Span], image: inout Bool) {
            let rPr = r.child("w:rPr")
            if let rPr, hasRevision(rPr) { noteRevision(at: nextLine) }
            if let rPr, let vanish = rPr.child("w:vanish"), DocxStyles.isOn(vanish.attributes["w:val"] ?? "true") { return }
            let bold = rPr.flatMap(DocxStyles.bold) ?? styles.bold(rPr?.value(of: "w:rStyle")) ?? paragraphBold
            var text = ""
            for child in r.children {
                switch child.name {
                case "w:t": text += child.text
                case "w:tab", "w:ptab": text += "\t"
                case "w:br", "w:cr": text += "\n"
                case "w:noBreakHyphen": text += "-"
                case "w:footnoteReference", "w:endnoteReference":
                    footnotes.count += 1
                    if footnotes.line == nil { footnotes.line = nextLine }
                case "w:commentReference": noteComment(child)
                case "w:drawing", "w:pict", "w:object": image = true
                case "mc:AlternateContent": image = true
                default: break
                }
            }
            guard !text.isEmpty else { return }
            if let last = spans.last, last.bold == bold {
                spans[spans.count - 1].text += text
            } else {
                spans.append(.init(text: text, bold: bold))
            }
        }

        mutating func noteComment(_ node: XMLTree) {
            comments.ids.insert(node.attributes["w:id"] ?? "")
            if comments.line == nil { comments.line = nextLine }
        }

        /// Runs without whitespace at either end of the whole; runs left empty go.
        static func trimmed(_ spans: [LineFormat.Span]) -> [LineFormat.Span] {
            var out = spans
            while let first = out.first {
                let text = String(first.text.unicodeScalars.drop { $0.properties.isWhitespace || ImportLabels.ignorable.contains($0.value) })
                if text.isEmpty { out.removeFirst() } else { out[0].text = text; break }
            }
            while let last = out.last {
                var scalars = Substring(last.text).unicodeScalars
                while let end = scalars.last, end.properties.isWhitespace || ImportLabels.ignorable.contains(end.value) { scalars.removeLast() }
                if scalars.isEmpty { out.removeLast() } else { out[out.count - 1].text = String(scalars); break }
            }
            return out
        }

        // MARK: Tables

        /// A table on its grid; each row is a line of the rendering, its cells separated by tabs.
        /// A cell continuing a vertical merge gives no cell (like a slot under an HTML rowspan);
        /// where it continues a cell that holds a number, that is noted: figures are never merged
        /// in the official tables, so a row has lost its own number there.
        mutating func table(_ tbl: XMLTree) -> SourceTable? {
            var rows: [[SourceCell]] = []
            let line = nextLine
            var budget = DocxReader.gridLimit
            /// Per grid column, the text of the cell a vertical merge continues.
            var above: [Int: String] = [:]
            for tr in Self.rows(tbl) {
                let trPr = tr.child("w:trPr")
                if let trPr, trPr.child("w:del") != nil {
                    noteRevision(at: nextLine)
                    continue
                }
                if let trPr, trPr.child("w:ins") != nil { noteRevision(at: nextLine) }
                var column = trPr?.child("w:gridBefore")?.attributes["w:val"].flatMap { Int($0) }.map { min(max($0, 0), 1000) } ?? 0
                var slots: [String] = Array(repeating: "", count: column)
                var placed: [(text: String, position: Int)] = []
                var merged: [(position: Int, value: String)] = []
                for tc in Self.cells(tr) {
                    let tcPr = tc.child("w:tcPr")
                    let span = min(max(tcPr?.value(of: "w:gridSpan").flatMap { Int($0) } ?? 1, 1), 1000)
                    guard budget >= span else { break }
                    budget -= span
                    if let tcPr, tcPr.child("w:cellIns") != nil || tcPr.child("w:cellDel") != nil || tcPr.child("w:tcPrChange") != nil {
                        noteRevision(at: nextLine)
                    }
                    let vMerge = tcPr?.child("w:vMerge")
                    let continues = vMerge != nil && (vMerge!.attributes["w:val"] ?? "continue") != "restart"
                    if continues {
                        if let value = above[column], CellValue(value).isValue { merged.append((column, value)) }
                        slots += Array(repeating: "", count: span)
                    } else {
                        let text = cellText(tc)
                        placed.append((text, column))
                        for c in column..<(column + span) { above[c] = text }
                        slots += [text] + Array(repeating: "", count: span - 1)
                    }
                    column += span
                }
                // The row's line: cells at their grid columns, separated by tabs.
                var offsets: [Int] = []
                var offset = 0
                for slot in slots {
                    offsets.append(offset)
                    offset += slot.count + 1
                }
                guard slots.contains(where: { !$0.trimmingSpaces.isEmpty }) || !merged.isEmpty else { continue }
                lines.append(slots.joined(separator: "\t"))
                let number = lines.count
                rows.append(placed.map { SourceCell(text: $0.text, line: number, column: offsets[$0.position] + 1, position: $0.position) })
                for (position, value) in merged {
                    document.notices.append(("import.merged", SourceLine(text: "", line: number, column: offsets[position] + 1),
                        "这一格与上一行的「\(value.trimmingSpaces)」合并成了一格（纵向合并单元格），这一行在此列没有自己的数字；请在 Word 中拆分单元格、填入这一行的数字后重新导入"))
                }
            }
            guard !rows.isEmpty else { return nil }
            return SourceTable(rows: rows, layout: .word, line: line)
        }

        /// The `w:tr` of a table or the `w:tc` of a row, also those inside content controls.
        static func children(_ node: XMLTree, _ name: String) -> [XMLTree] {
            node.children.flatMap { child -> [XMLTree] in
                switch child.name {
                case name: [child]
                case "w:sdt", "w:customXml": children(child.child("w:sdtContent") ?? child, name)
                default: []
                }
            }
        }

        static func rows(_ tbl: XMLTree) -> [XMLTree] { children(tbl, "w:tr") }
        static func cells(_ tr: XMLTree) -> [XMLTree] { children(tr, "w:tc") }

        /// A cell's paragraphs (and those of tables nested in it) as one line, separated by spaces.
        mutating func cellText(_ tc: XMLTree) -> String {
            var parts: [String] = []
            for child in tc.children {
                switch child.name {
                case "w:p":
                    var spans: [LineFormat.Span] = []
                    var image = false
                    collect(child, bold: false, into: &spans, image: &image)
                    parts.append(spans.map(\.text).joined())
                    if image { document.images.append(SourceLine(text: "图片", line: nextLine, column: 1)) }
                case "w:tbl":
                    for tr in Self.rows(child) { parts += Self.cells(tr).map { cellText($0) } }
                case "w:sdt":
                    if let content = child.child("w:sdtContent") { parts.append(cellText(content)) }
                default:
                    break
                }
            }
            return parts.map { $0.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ").trimmingSpaces }
                .filter { !$0.isEmpty }.joined(separator: " ")
        }

        // MARK: Notices

        mutating func finish() {
            func at(_ line: Int?) -> SourceLine { SourceLine(text: "", line: line ?? 1, column: 1) }
            if revisions.count > 0 {
                document.notices.append(("import.revisions", at(revisions.line),
                    "文档中有 \(revisions.count) 处未接受或拒绝的修订（修订模式下的插入、删除或格式更改）：已按全部接受修订读入，插入的文字计入，删除的文字不计；"
                        + "请在 Word 中「审阅 → 接受所有修订」或逐条处理后重新导入，并核对导入结果"))
            }
            if footnotes.count > 0 {
                document.notices.append(("import.ignored", at(footnotes.line),
                    "文档中有 \(footnotes.count) 个脚注或尾注，未导入；如需在网页上显示，请写入正文"))
            }
            if !comments.ids.isEmpty {
                document.notices.append(("import.ignored", at(comments.line),
                    "文档中有 \(comments.ids.count) 条批注，未导入（批注不属于报告正文）"))
            }
        }
    }
}
