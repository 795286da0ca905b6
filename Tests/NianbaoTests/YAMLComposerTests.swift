import Foundation
import NianbaoModel
import Testing

@testable import NianbaoContent

/// What `YAMLComposer` guarantees the readers, on small texts: scalars as written, marks in
/// characters from 1, aliases, duplicate keys, and libyaml's problems where it finds them.
@Suite struct YAMLComposerTests {
    typealias Mark = YAMLNode.Mark

    /// A count shared by threads.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0

        func add() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }

    static func pairs(_ text: String) throws -> [(key: YAMLNode, value: YAMLNode)] {
        guard case .mapping(let m) = try YAMLComposer.compose(text) else {
            Issue.record("not a mapping: \(text)")
            return []
        }
        return m.pairs
    }

    static func failure(_ text: String) -> YAMLComposer.Failure? {
        do {
            _ = try YAMLComposer.compose(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func scalarsAreTheTextWritten() throws {
        let values = try Self.pairs("a: no\nb: 010\nc: 0.0350\nd: '7'\ne: ~\nf: |\n  x\n").map(\.value.scalar)
        #expect(values.map { $0?.string } == ["no", "010", "0.0350", "7", "~", "x\n"])
        #expect(values.map { $0?.isPlain } == [true, true, true, false, true, false])
    }

    @Test func marksCountCharactersFromOne() throws {
        let pairs = try Self.pairs("机关名称: 石龙区\nrow: [1, 二, 3]\n")
        #expect(pairs[0].key.mark == Mark(line: 1, column: 1))
        #expect(pairs[0].value.mark == Mark(line: 1, column: 7))
        guard case .sequence(let row) = pairs[1].value else {
            Issue.record("row is not a sequence")
            return
        }
        #expect(row.items.map(\.mark) == [Mark(line: 2, column: 7), Mark(line: 2, column: 10), Mark(line: 2, column: 13)])
    }

    @Test func anAliasIsTheAnchoredNodeWithItsMark() throws {
        let pairs = try Self.pairs("a: &row [1, 2]\nb: *row\n")
        #expect(pairs[1].value.mark == Mark(line: 1, column: 4))
        #expect(Self.failure("a: *row\nb: &row 1\n") == .syntax(problem: "found undefined alias", mark: Mark(line: 1, column: 4)))
        // An anchored collection is known once it is complete.
        #expect(Self.failure("a: &m {b: *m}\n") == .syntax(problem: "found undefined alias", mark: Mark(line: 1, column: 11)))
    }

    @Test func duplicateKeysAreSortedAndFoundAtTheFirstOfThem() {
        #expect(Self.failure("b: 1\na: 1\nb: 2\na: 3\n") == .duplicateKeys(["a", "b"], mark: Mark(line: 2, column: 1)))
        // Quoting does not make another key; a tag of its own does.
        #expect(Self.failure("x: 1\n'x': 2\n") == .duplicateKeys(["x"], mark: Mark(line: 1, column: 1)))
        #expect(Self.failure("x: 1\n!!str x: 2\n") == .duplicateKeys(["x"], mark: Mark(line: 1, column: 1)))
        #expect(Self.failure("x: 1\n!custom x: 2\n") == nil)
    }

    @Test func problemsKeepLibyamlsTextAndMark() {
        #expect(Self.failure("a: 1\n---\nb: 2\n") == .syntax(problem: "but found another document", mark: Mark(line: 2, column: 1)))
        #expect(Self.failure("a: [1, 2\n") == .syntax(problem: "did not find expected ',' or ']'", mark: Mark(line: 2, column: 1)))
        #expect(Self.failure("a: 1\n\tb: 2\n") == .syntax(problem: "found a tab character that violates indentation", mark: Mark(line: 2, column: 1)))
        #expect(Self.failure("a: \u{1}\n") == .reader(problem: "control characters are not allowed"))
    }

    @Test func nestingStopsAtTheLimitWhereTheCollectionStarts() throws {
        let deep = String(repeating: "[", count: 20) + String(repeating: "]", count: 20)
        #expect(throws: YAMLComposer.Failure.syntax(problem: YAMLComposer.depthProblem, mark: Mark(line: 1, column: 10))) {
            try YAMLComposer.compose(deep, maxDepth: 10)
        }
        // Just below the limit composes, also on the worker threads that load reports.
        let limit = YAMLComposer.maxDepth
        let deepest = String(repeating: "[", count: limit - 1) + String(repeating: "]", count: limit - 1)
        let composed = Counter()
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            if (try? YAMLComposer.compose(deepest)) != nil { composed.add() }
        }
        #expect(composed.value == 2)
    }

    @Test func aTextWithoutADocumentIsNil() throws {
        #expect(try YAMLComposer.compose("") == nil)
        #expect(try YAMLComposer.compose("# 只有注释\n") == nil)
        var reader = YAMLReader(file: "f.yaml")
        #expect(reader.parse("\n") == nil)
        #expect(reader.diagnostics.map(\.rule) == ["yaml.empty"])
    }
}

