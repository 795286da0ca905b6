import NianbaoModel
import Yams

@testable import NianbaoContent

/// How Content/'s YAML was read before `YAMLComposer`: Yams' `compose` (with the libyaml Yams
/// carries) and its errors turned into diagnostics, as the reader did then. The tree is copied
/// into `YAMLNode`s so that the same decoding runs on both; the agreement tests compare the two.
enum YamsReference {
    /// A drop-in for `YAMLReader.parse`.
    static func parse(_ reader: inout YAMLReader, _ text: String) -> YAMLNode? {
        do {
            // `.basic`: no implicit typing (values are read as written).
            guard let root = try Yams.compose(yaml: text, .basic, .default, .utf8) else {
                reader.report(.error("yaml.empty", at: SourceLocation(file: reader.file, line: 1, column: 1), "文件为空"))
                return nil
            }
            return node(root)
        } catch let error as YamlError {
            reader.report(diagnostic(for: error, reader: reader))
            return nil
        } catch {
            reader.report(.error("yaml.syntax", at: SourceLocation(file: reader.file, line: 1, column: 1), "YAML 无法解析：\(error)"))
            return nil
        }
    }

    private static func diagnostic(for error: YamlError, reader: YAMLReader) -> Diagnostic {
        let start = SourceLocation(file: reader.file, line: 1, column: 1)
        switch error {
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "「\($0)」" }.joined(separator: "、")
            return .error("yaml.duplicate-key", at: location(context.mark, reader), "同一层级中键 \(keys) 出现了不止一次")
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return .error("yaml.syntax", at: location(mark, reader), "YAML 语法错误：\(YAMLReader.explain(problem))")
        case let .reader(problem, _, _, _):
            return .error("yaml.syntax", at: start, "YAML 无法读取：\(problem)")
        default:
            return .error("yaml.syntax", at: start, "YAML 无法解析：\(error)")
        }
    }

    private static func location(_ mark: Mark?, _ reader: YAMLReader) -> SourceLocation {
        reader.location(YAMLNode.Mark(line: mark?.line ?? 1, column: mark?.column ?? 1))
    }

    /// Yams' node as a `YAMLNode`: the same text, quoting, tag (as Yams compares keys) and mark.
    static func node(_ node: Node) -> YAMLNode {
        switch node {
        case .scalar(let s):
            .scalar(.init(string: s.string, isPlain: s.style == .plain, tag: tag(s.tag, "tag:yaml.org,2002:str"), mark: mark(s.mark)))
        case .mapping(let m):
            .mapping(.init(
                pairs: m.map { (key: self.node($0.key), value: self.node($0.value)) },
                tag: tag(m.tag, "tag:yaml.org,2002:map"), mark: mark(m.mark)))
        case .sequence(let s):
            .sequence(.init(items: s.map(self.node), tag: tag(s.tag, "tag:yaml.org,2002:seq"), mark: mark(s.mark)))
        case .alias:
            // Yams' composer gives the anchored node for an alias, never this case.
            preconditionFailure("Yams.compose gave an alias node")
        }
    }

    /// nil where Yams resolves the tag to the kind's own (implicit, `!`, or written out).
    private static func tag(_ tag: Tag, _ kindTag: String) -> String? {
        ["", "!", kindTag].contains(tag.rawValue) ? nil : tag.rawValue
    }

    private static func mark(_ mark: Mark?) -> YAMLNode.Mark {
        YAMLNode.Mark(line: mark?.line ?? 0, column: mark?.column ?? 0)
    }
}
