import Foundation
import ZIPFoundation

/// The parts of a Word document (.docx: a zip of XML parts) that the importer reads, taken out
/// of the zip with limits, so a damaged or hostile file gives a message and never exhausts memory.
struct DocxPackage {
    /// The main document part (`word/document.xml`), and the numbering and styles it refers to.
    var document: Data
    var numbering: Data?
    var styles: Data?

    /// Limits against zip bombs: checked on the sizes the zip declares before anything is
    /// extracted, and again on the bytes actually inflated, which may differ from the declared ones.
    struct Limits {
        /// Entries in the zip.
        var entries = 10_000
        /// All entries together, as declared (images included).
        var totalDeclared: UInt64 = 1 << 30
        /// One part read (document, numbering, styles), as declared and as inflated.
        var part: UInt64 = 64 << 20
        /// Inflated to compressed size, for a part larger than `ratioFrom`. Word's XML compresses
        /// 5 to 30 times; a zip bomb a thousand times.
        var ratio: UInt64 = 200
        var ratioFrom: UInt64 = 1 << 20
    }

    /// Why a file cannot be read as a Word document: the rule and a message for the clerk.
    struct Failure: Error, Equatable {
        var rule: String
        var message: String
    }

    static let zipMagic: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    static let emptyZipMagic: [UInt8] = [0x50, 0x4B, 0x05, 0x06]
    /// The compound file of Office 97–2003 (.doc, .xls) and of encrypted Office 2007+ files.
    static let ole2Magic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    static let wordExtensions: Set<String> = ["docx", "docm", "dotx", "dotm", "doc", "dot", "wps"]

    /// Whether these bytes (or, failing that, the file name) are a Word file of some kind, to be
    /// read here and not as text.
    static func isWordFile(_ data: Data, file: String) -> Bool {
        let head = [UInt8](data.prefix(8))
        if head.starts(with: zipMagic) || head.starts(with: emptyZipMagic) || head == ole2Magic { return true }
        return wordExtensions.contains(URL(fileURLWithPath: file).pathExtension.lowercased())
    }

    static func open(_ data: Data, limits: Limits = Limits()) -> Result<DocxPackage, Failure> {
        let head = [UInt8](data.prefix(8))
        if head == ole2Magic { return .failure(oldFormat(data)) }
        guard head.starts(with: zipMagic) || head.starts(with: emptyZipMagic) else {
            return .failure(Failure(rule: "import.docx", message: "文件扩展名是 Word 文档，但内容不是 Word 文档（.docx）：文件可能已损坏、没有下载完整，或只是改了扩展名；请重新保存或重新发送原文件"))
        }
        // From a private temporary file, not from memory: ZIPFoundation's in-memory archive
        // (0.9.20) traps when a damaged offset points past the end; a file just reads nothing there.
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("nianbao-import-\(UUID().uuidString).docx")
        guard FileManager.default.createFile(atPath: temporary.path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            return .failure(Failure(rule: "import.docx", message: "无法在临时目录 \(temporary.deletingLastPathComponent().path) 中暂存 Word 文档以便解压"))
        }
        defer { try? FileManager.default.removeItem(at: temporary) }
        let archive: Archive
        do {
            archive = try Archive(url: temporary, accessMode: .read)
        } catch {
            return .failure(corrupt("无法打开压缩包"))
        }

        // Before extracting anything: the entries as the zip declares them.
        var entries: [String: Entry] = [:]
        var count = 0
        var total: UInt64 = 0
        for entry in archive {
            count += 1
            total += entry.uncompressedSize
            guard count <= limits.entries else { return .failure(tooLarge("压缩包中的文件超过 \(limits.entries) 个")) }
            guard total <= limits.totalDeclared else {
                return .failure(tooLarge("解压后共超过 \(limits.totalDeclared >> 20) MB"))
            }
            entries[entry.path] = entries[entry.path] ?? entry
        }
        guard count > 0 else { return .failure(corrupt("压缩包是空的，或其目录已损坏")) }

        // The main part: named by the package relationships, usually word/document.xml.
        var main = "word/document.xml"
        if let rels = entries["_rels/.rels"], case .success(let data) = read(rels, from: archive, limits: limits),
            let root = try? XMLTree.parse(data),
            let target = root.children("rel:Relationship").first(where: { ($0.attributes["Type"] ?? "").hasSuffix("/officeDocument") })?
                .attributes["Target"]
        {
            main = target.hasPrefix("/") ? String(target.dropFirst()) : target
        }
        guard let documentEntry = entries[main] else {
            return .failure(Failure(rule: "import.docx", message: "压缩包中没有 Word 文档的正文（\(main)）：这不是 Word 文档（.docx），或文件已损坏；请在 Word 中打开后另存为 .docx 再导入"))
        }
        let folder = main.contains("/") ? String(main[..<main.lastIndex(of: "/")!]) + "/" : ""
        var package: DocxPackage
        switch read(documentEntry, from: archive, limits: limits) {
        case .success(let data): package = DocxPackage(document: data)
        case .failure(let failure): return .failure(failure)
        }
        for (name, keyPath) in [("numbering.xml", \DocxPackage.numbering), ("styles.xml", \DocxPackage.styles)] {
            guard let entry = entries[folder + name] else { continue }
            switch read(entry, from: archive, limits: limits) {
            case .success(let data): package[keyPath: keyPath] = data
            case .failure(let failure): return .failure(failure)
            }
        }
        return .success(package)
    }

    /// One entry's bytes, within the limits: its declared size and ratio first, then the bytes as
    /// they are inflated (stopped as soon as they pass the declared size or the limit), then its CRC.
    static func read(_ entry: Entry, from archive: Archive, limits: Limits) -> Result<Data, Failure> {
        let declared = entry.uncompressedSize
        guard declared <= limits.part else {
            return .failure(tooLarge("「\(entry.path)」解压后有 \(declared >> 20) MB，超过 \(limits.part >> 20) MB"))
        }
        if declared > limits.ratioFrom, declared / max(entry.compressedSize, 1) > limits.ratio {
            return .failure(tooLarge("「\(entry.path)」的压缩比超过 \(limits.ratio) 倍，像是「压缩炸弹」"))
        }
        var data = Data()
        var overflow = false
        do {
            let crc = try archive.extract(entry, skipCRC32: false) { chunk in
                guard UInt64(data.count + chunk.count) <= declared else {
                    overflow = true
                    throw Failure(rule: "import.docx", message: "")
                }
                data.append(chunk)
            }
            guard UInt64(data.count) == declared, crc == entry.checksum else {
                return .failure(corrupt("「\(entry.path)」的内容与压缩包记录的不符"))
            }
        } catch {
            return .failure(overflow
                ? tooLarge("「\(entry.path)」解压后的大小超过压缩包中记录的 \(declared) 字节，像是「压缩炸弹」")
                : corrupt("「\(entry.path)」无法解压"))
        }
        return .success(data)
    }

    static func corrupt(_ detail: String) -> Failure {
        Failure(rule: "import.docx", message: "Word 文档已损坏（\(detail)），无法读取；请在 Word 中打开、另存为 .docx 后重新导入，或请报送单位重新发送")
    }

    static func tooLarge(_ detail: String) -> Failure {
        Failure(rule: "import.docx", message: "文件不像正常的 Word 文档（\(detail)），为安全起见未读取；请在 Word 中打开、另存为 .docx 后重新导入")
    }

    /// An OLE2 compound file: an encrypted (password-protected) Word 2007+ document, or a Word 97–2003 `.doc`.
    static func oldFormat(_ data: Data) -> Failure {
        func utf16(_ s: String) -> Data { Data(s.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }) }
        if data.range(of: utf16("EncryptedPackage")) != nil {
            return Failure(rule: "import.docx", message: "文件设有打开密码（已加密），无法读取；请在 Word 中打开，依次选择「文件 → 信息 → 保护文档 → 用密码进行加密」，清空密码后保存，再导入")
        }
        let kind = data.range(of: utf16("WordDocument")) != nil ? "旧版 Word 97–2003 文档（.doc）" : "旧版 Office 97–2003 格式的文件"
        return Failure(rule: "import.format", message: "这是\(kind)，nianbao 只能读取 Word 2007 起的 .docx；请在 Word 或 WPS 中打开，「另存为」Word 文档（*.docx）后再导入")
    }
}
