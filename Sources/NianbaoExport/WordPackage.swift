import Foundation
import ZIPFoundation

/// The parts as a zip package, byte for byte the same for the same parts: entries in the given
/// order, every time stamp 1980-01-01 00:00 (the zip format's first day; ZIPFoundation converts
/// with `gmtime`, so the time zone does not matter), the same permissions, deflated.
enum WordPackage {
    static let timestamp = Date(timeIntervalSince1970: 315_532_800)

    static func zip(_ parts: [(path: String, data: Data)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, data) in parts {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: timestamp,
                permissions: 0o644, compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let bytes = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return bytes
    }
}
