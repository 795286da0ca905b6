/// One YAML node as libyaml's events give it: the text of a scalar as written, whether it was
/// quoted, its explicit tag, and where it starts. `YAMLReader` reads every Content/ file from these.
enum YAMLNode: Sendable {
    case scalar(Scalar)
    case mapping(Mapping)
    case sequence(Sequence)

    /// Where a node starts: line and column from 1, the column counted in characters (libyaml's marks).
    struct Mark: Sendable, Hashable {
        var line: Int
        var column: Int
    }

    struct Scalar: Sendable {
        /// The text as written, never typed (`no`, `010` and `0.0350` stay text).
        let string: String
        /// Written without quotes and not as a block (`|`, `>`).
        let isPlain: Bool
        /// An explicit tag other than `!` and `!!str`; nil for an untagged scalar.
        let tag: String?
        let mark: Mark
    }

    struct Mapping: Sendable {
        let pairs: [(key: YAMLNode, value: YAMLNode)]
        /// An explicit tag other than `!` and `!!map`.
        let tag: String?
        let mark: Mark
    }

    struct Sequence: Sendable {
        let items: [YAMLNode]
        /// An explicit tag other than `!` and `!!seq`.
        let tag: String?
        let mark: Mark
    }

    var mark: Mark {
        switch self {
        case .scalar(let s): s.mark
        case .mapping(let m): m.mark
        case .sequence(let s): s.mark
        }
    }

    var scalar: Scalar? {
        if case .scalar(let s) = self { s } else { nil }
    }

    /// What makes two mapping keys the same key: a scalar's text and tag, a collection's items
    /// and tag; not where they are written, nor the quoting.
    indirect enum Identity: Hashable {
        case scalar(String, tag: String?)
        case mapping([Identity], tag: String?)
        case sequence([Identity], tag: String?)
    }

    var identity: Identity {
        switch self {
        case .scalar(let s): .scalar(s.string, tag: s.tag)
        case .mapping(let m): .mapping(m.pairs.flatMap { [$0.key.identity, $0.value.identity] }, tag: m.tag)
        case .sequence(let s): .sequence(s.items.map(\.identity), tag: s.tag)
        }
    }
}
