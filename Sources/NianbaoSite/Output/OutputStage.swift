import Foundation
import NianbaoModel
import NianbaoRecords

/// Where a build puts the generation it makes, file by file, before `commit` makes it the
/// output in one step. `FullStage` compares every file with the stage's last generation;
/// `IncrementalStage` starts from the output's generation and touches only what this build
/// renders or removes. Thread-safe: reports are rendered on all cores.
protocol OutputStage: AnyObject, Sendable {
    /// Whether only what this build renders or removes is recorded (the rest stays as the output has it).
    var incremental: Bool { get }
    /// Whether the output now holds `path` with the bytes `content` (what the build state recorded
    /// for it can be trusted).
    func holds(_ path: String, _ content: ContentHash) -> Bool
    /// Called once the checks passed, before the first file is written.
    func begin() throws(Diagnostic)
    /// A file rendered by this build.
    func put(_ path: String, _ data: Data) throws(Diagnostic)
    /// A large file written in pieces (`fill` calls `write` with each): its hash and size.
    func putStreaming(_ path: String, _ fill: (_ write: (UnsafeRawBufferPointer) -> Void) -> Void) throws(Diagnostic) -> (ContentHash, Int)
    /// A file this build did not render because its inputs did not change: the output's bytes, with `hash`.
    func keep(_ path: String, _ hash: ContentHash) throws(Diagnostic)
    /// A file of the previous output that this build no longer produces.
    func remove(_ path: String) throws(Diagnostic)
    /// The size of a file of the current output (for a file this build keeps unchanged).
    func sizeInOutput(_ path: String) -> Int?
    /// Completes the stage and makes it the output in one step. Returns what changed.
    func commit() throws(Diagnostic) -> OutputWriter.Summary
    /// After `commit`: the paths whose bytes differ from the previous output's, for the next build.
    var journal: Journal? { get }
    /// After `commit`: the number of files of the new output.
    var fileCount: Int { get }
    /// After `commit`: the manifest now in the output.
    var manifestText: String { get }
    /// After `commit`: the hash of `manifestText`.
    var manifestHash: ContentHash { get }
    /// Every file of the new generation in byte order.
    var sortedPaths: [String] { get }
}
