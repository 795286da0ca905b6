import Foundation

/// A PDF's bytes → `SourceDocument`: the checks on the bytes, `pdfinfo`, then `pdftotext`, each
/// stopping at the first failure, on a private temporary copy removed afterwards.
enum PDFImport {
    static func read(_ data: Data, limits: PDFFile.Limits = PDFFile.Limits()) -> Result<PDFReader.Output, DocxPackage.Failure> {
        if let failure = PDFFile.check(data, limits: limits) { return .failure(failure) }
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-import-\(UUID().uuidString).pdf").path
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else {
            return .failure(PDFFile.failure("无法在临时目录中暂存 PDF 文件以便读取"))
        }
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        let pages: Int
        switch PDFTools.info(temporary, limits: limits) {
        case .failure(let failure): return .failure(failure)
        case .success(let info): pages = info.pages
        }
        guard pages <= limits.pages else { return .failure(PDFFile.tooLarge("共 \(pages) 页，超过 \(limits.pages) 页")) }
        guard pages > 0 else { return .failure(PDFTools.damaged) }
        switch PDFTools.words(temporary, pages: pages, limits: limits) {
        case .failure(let failure): return .failure(failure)
        case .success(let xml):
            guard let parsed = PDFWordParser.parse(xml) else { return .failure(PDFTools.damaged) }
            return PDFReader.read(parsed)
        }
    }
}
