import Foundation
import NianbaoModel

/// Writes a generation of the site so that the output folder only ever shows a whole build.
///
/// The new generation is assembled in a stage folder beside the output (`.<name>.nianbao/stage`),
/// which holds the generation before last: only files that differ from it are written there
/// (each to a temporary name, then renamed), files unchanged since the last build are hard-linked
/// from the output, files no longer produced are removed. Then stage and output are exchanged in
/// one atomic `renameat2(RENAME_EXCHANGE)` (on a file system without it, by three renames: see
/// `StageFolder.swap`). A build that fails or is killed before the exchange leaves the output as
/// it was; the next build finds the stage without its manifest and starts it afresh. Nothing
/// outside the output folder and its state folder is written, and a folder that nianbao did not
/// make is never touched. `FullStage` and `IncrementalStage` are the two ways to fill the stage.
public enum OutputWriter {
    /// Lists every file of a generation with its content hash; its presence marks the folder as
    /// nianbao's. Written into the stage last, so a stage with a manifest is complete.
    public static let manifestName = ".nianbao-manifest"

    public struct Summary: Sendable, Equatable {
        /// Files new or different from the previous output.
        public var written = 0
        /// Files identical to the previous output.
        public var unchanged = 0
        /// Files of the previous output that this build no longer produces.
        public var removed = 0

        public init(written: Int = 0, unchanged: Int = 0, removed: Int = 0) {
            self.written = written
            self.unchanged = unchanged
            self.removed = removed
        }
    }

    /// `.<name>.nianbao` beside the output: the stage and what the last build knew.
    public static func stateFolder(for output: String) -> URL {
        let url = URL(fileURLWithPath: output, isDirectory: true).standardizedFileURL
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).nianbao", isDirectory: true)
    }

    /// Where the output waits during a swap by renames.
    static func oldFolder(_ stateFolder: URL) -> URL { stateFolder.appendingPathComponent("old", isDirectory: true) }

    /// Before a build (holding the lock): a swap by renames that a kill interrupted is finished or
    /// undone. Output gone, `old/` there: the old output goes back (the stage keeps the new
    /// generation, untrusted by the next build's records). Output there, stage gone: `old/` is the
    /// generation before, the stage again.
    public static func recover(output folder: String) {
        let stateFolder = Self.stateFolder(for: folder)
        let old = oldFolder(stateFolder)
        guard access(old.path, F_OK) == 0 else { return }
        let output = URL(fileURLWithPath: folder, isDirectory: true).standardizedFileURL
        let stage = stateFolder.appendingPathComponent("stage", isDirectory: true)
        if access(output.path, F_OK) != 0 {
            rename(old.path, output.path)
        } else if access(stage.path, F_OK) != 0 {
            rename(old.path, stage.path)
        } else {
            try? FileManager.default.removeItem(at: old)
        }
    }
}
