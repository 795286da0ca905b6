import Foundation
import ZIPFoundation

/// A PDF as the importer takes it: checked on its bytes first (the header and end marker, the
/// object count, every Flate stream's inflated size), then read by poppler's `pdfinfo` and
/// `pdftotext -bbox-layout` as child processes under limits (`PDFTools`).
///
/// Why poppler and why as a child process: poppler is the PDF reader Debian's desktops use, kept
/// up by freedesktop.org; a hand-written PDF parser would be neither complete nor safe. Run as a
/// child process, a crash, a hang or a memory blow-up in poppler on a hostile file ends that
/// process, not nianbao (a bulk import of hundreds of files goes on with the next), and the
/// limits (CPU and wall time, address space, output size) are the operating system's.
/// `pdftotext -bbox-layout` gives each word with its box, which is what rebuilds table columns.
enum PDFFile {
    struct Limits {
        /// The file itself.
        var bytes = 200 << 20
        /// Pages, from `pdfinfo` (an annual report has a few dozen).
        var pages = 300
        /// Objects: `n g obj` in the file plus those packed in object streams.
        var objects = 500_000
        /// All Flate streams inflated, and one stream inflated to its compressed size.
        var inflated: Int64 = 512 << 20
        var ratio: Int64 = 1_000
        var ratioFrom: Int64 = 4 << 20
        /// The child processes: seconds of CPU and of wall time, address space, output.
        var cpuSeconds = 60
        var wallSeconds = 60.0
        var memoryKB = 2_000_000
        var outputBytes = 256 << 20
    }

    static let magic = Array("%PDF-".utf8)

    /// `%PDF-` within the first kilobyte (a few producers put bytes before it), or the name.
    static func isPDF(_ data: Data, file: String) -> Bool {
        let head = [UInt8](data.prefix(1024))
        if head.count >= magic.count, (0...(head.count - magic.count)).contains(where: { Array(head[$0..<($0 + magic.count)]) == magic }) {
            return true
        }
        return URL(fileURLWithPath: file).pathExtension.lowercased() == "pdf"
    }

    static func failure(_ message: String) -> DocxPackage.Failure { DocxPackage.Failure(rule: "import.pdf", message: message) }

    static func tooLarge(_ what: String) -> DocxPackage.Failure {
        failure("PDF 文件超出导入限制（\(what)），像是「PDF 炸弹」或并非年度报告，未导入")
    }

    /// The checks on the bytes, before any tool reads them.
    static func check(_ data: Data, limits: Limits) -> DocxPackage.Failure? {
        guard data.count <= limits.bytes else { return tooLarge("文件大于 \(limits.bytes >> 20) MB") }
        let bytes = [UInt8](data)
        guard let start = find(magic, in: bytes, from: 0, to: min(bytes.count, 1024)) else {
            return failure("文件扩展名是 PDF，但内容不是 PDF：文件可能已损坏、没有下载完整，或只是改了扩展名；请重新下载原文件")
        }
        let tail = max(start, bytes.count - 2048)
        guard find(Array("%%EOF".utf8), in: bytes, from: tail, to: bytes.count) != nil else {
            return failure("PDF 文件不完整（文件末尾没有 %%EOF 结束标记）：可能没有下载完整或已损坏；请重新下载原文件")
        }
        var objects = 0
        var inflated: Int64 = 0
        var i = start
        let objMark = Array(" obj".utf8)
        let streamMark = Array("stream".utf8)
        while i < bytes.count {
            guard let o = find(objMark, in: bytes, from: i, to: bytes.count) else { break }
            objects += 1
            guard objects <= limits.objects else { return tooLarge("对象超过 \(limits.objects) 个") }
            i = o + objMark.count
            // The object's dictionary and, if it has one, its stream.
            let next = find(objMark, in: bytes, from: i, to: bytes.count) ?? bytes.count
            guard let s = find(streamMark, in: bytes, from: i, to: next), s > 0, bytes[s - 1] != UInt8(ascii: "d") else { continue }
            let dictionary = String(decoding: bytes[i..<s], as: UTF8.self)
            if dictionary.contains("/ObjStm"), let n = integer(after: "/N", in: dictionary) {
                objects += n
                guard objects <= limits.objects else { return tooLarge("对象超过 \(limits.objects) 个") }
            }
            var body = s + streamMark.count
            if body < bytes.count, bytes[body] == 0x0D { body += 1 }
            if body < bytes.count, bytes[body] == 0x0A { body += 1 }
            let end = find(Array("endstream".utf8), in: bytes, from: body, to: bytes.count) ?? bytes.count
            i = end
            guard dictionary.contains("/FlateDecode"), end - body > 2 else { continue }
            let budget = limits.inflated - inflated
            switch inflatedSize(bytes[(body + 2)..<end], budget: budget) {
            case nil:
                return tooLarge("压缩数据解压后共超过 \(limits.inflated >> 20) MB")
            case let size?:
                inflated += size
                if size > limits.ratioFrom, size / Int64(max(end - body, 1)) > limits.ratio {
                    return tooLarge("一个数据流的压缩比超过 \(limits.ratio) 倍")
                }
            }
        }
        return nil
    }

    /// The size of a zlib stream (its two header bytes already dropped) inflated, counted without
    /// keeping it; nil as soon as it passes `budget`. A damaged stream counts what inflated.
    static func inflatedSize(_ deflated: ArraySlice<UInt8>, budget: Int64) -> Int64? {
        struct OverBudget: Error {}
        struct EndOfInput: Error {}
        let data = Data(deflated)
        var total: Int64 = 0
        do {
            // The whole stream as one chunk: ZIPFoundation 0.9.20 tells zlib every chunk holds
            // `bufferSize` bytes, so a shorter last chunk let a damaged stream read on past the end
            // of the data (an out-of-bounds read, found by scripts/fuzz-import.sh). Output comes in
            // pieces of the same size, at most about a thousand of them (deflate's largest ratio).
            _ = try Data.decompress(size: Int64(data.count), bufferSize: max(data.count, 1), skipCRC32: true, provider: { position, size in
                // A damaged stream that never ends would be asked for more input for ever.
                guard Int(position) < data.count else { throw EndOfInput() }
                return data.subdata(in: Int(position)..<min(data.count, Int(position) + size))
            }, consumer: { chunk in
                total += Int64(chunk.count)
                if total > budget { throw OverBudget() }
            })
        } catch is OverBudget {
            return nil
        } catch {}
        return total
    }

    static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int, to: Int) -> Int? {
        guard let first = needle.first, to - from >= needle.count else { return nil }
        var i = from
        let last = to - needle.count
        while i <= last {
            if bytes[i] == first {
                var k = 1
                while k < needle.count, bytes[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    static func integer(after key: String, in text: String) -> Int? {
        guard let r = text.range(of: key + " ") ?? text.range(of: key) else { return nil }
        let digits = text[r.upperBound...].prefix { $0.isNumber }
        return Int(digits)
    }
}
