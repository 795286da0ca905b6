import CYAML

/// Composes the one document of a YAML text from libyaml's parser events (`yaml_parser_parse`)
/// straight into `YAMLNode`s: no typing of scalars, no tree of the library's own.
///
/// The rules are those of Yams' `compose`, which read these files before: an alias is the node
/// its anchor names (with that node's location), known only once the anchored node is complete;
/// a mapping holding a key twice fails when it ends, naming the duplicated keys sorted, at the
/// first written of the first of them; a second document fails; libyaml's problems keep libyaml's
/// text and mark.
final class YAMLComposer {
    enum Failure: Error, Equatable {
        /// The bytes are not readable text (e.g. invalid UTF-8, a control character).
        case reader(problem: String)
        /// A problem of the scanner, the parser or the composition, where libyaml found it.
        case syntax(problem: String, mark: YAMLNode.Mark)
        /// The keys written more than once in one mapping, sorted; at the first of them.
        case duplicateKeys([String], mark: YAMLNode.Mark)
        case memory
    }

    /// The nesting at which a collection fails: Yams' copy of libyaml stops the 1000th nested
    /// block collection with this problem, there; Debian's libyaml 0.2.5 has no limit, and the
    /// composition recurses once per level.
    static let maxDepth = 1000
    static let depthProblem = "Maximum nesting level reached, set with yaml_set_max_nest_level())"

    /// The document's root, or nil for a text without a document (empty, or comments only).
    static func compose(_ text: String, maxDepth: Int = maxDepth) throws(Failure) -> YAMLNode? {
        // An empty stream has no document (and libyaml wants a non-null buffer).
        guard !text.isEmpty else { return nil }
        var text = text
        let result = text.withUTF8 { bytes in
            Result { () throws(Failure) -> YAMLNode? in try YAMLComposer(bytes, maxDepth: maxDepth).document() }
        }
        return try result.get()
    }

    private let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    private let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
    private var anchors: [String: YAMLNode] = [:]
    private let maxDepth: Int
    /// The collections open around the current event.
    private var depth = 0

    /// `bytes` must outlive the composer: libyaml reads them in place.
    private init(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.maxDepth = maxDepth
        yaml_parser_initialize(parser)
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
        event.initialize(to: yaml_event_t())
    }

    deinit {
        yaml_event_delete(event)
        yaml_parser_delete(parser)
        event.deallocate()
        parser.deallocate()
    }

    private func document() throws(Failure) -> YAMLNode? {
        guard try next() == YAML_STREAM_START_EVENT, try next() != YAML_STREAM_END_EVENT else { return nil }
        let root = try node(try next())
        try next()  // the document's end
        if try next() != YAML_STREAM_END_EVENT {
            throw .syntax(problem: "but found another document", mark: startMark)
        }
        return root
    }

    /// The next event, in `event` until the one after.
    @discardableResult
    private func next() throws(Failure) -> yaml_event_type_t {
        yaml_event_delete(event)
        guard yaml_parser_parse(parser, event) == 1 else { throw failure() }
        return event.pointee.type
    }

    private var startMark: YAMLNode.Mark {
        YAMLNode.Mark(line: Int(event.pointee.start_mark.line) + 1, column: Int(event.pointee.start_mark.column) + 1)
    }

    /// The node that starts with the current event.
    private func node(_ type: yaml_event_type_t) throws(Failure) -> YAMLNode {
        switch type {
        case YAML_SCALAR_EVENT:
            let data = event.pointee.data.scalar
            let string = Self.text(UnsafeBufferPointer(start: data.value, count: data.length))
            let tag = data.quoted_implicit == 1 ? nil : Self.tag(data.tag, default: Self.strTag)
            let node = YAMLNode.scalar(.init(string: string, isPlain: data.style == YAML_PLAIN_SCALAR_STYLE, tag: tag, mark: startMark))
            register(Self.string(data.anchor), node)
            return node
        case YAML_ALIAS_EVENT:
            guard let node = Self.string(event.pointee.data.alias.anchor).flatMap({ anchors[$0] }) else {
                throw .syntax(problem: "found undefined alias", mark: startMark)
            }
            return node
        case YAML_SEQUENCE_START_EVENT:
            try enter()
            defer { depth -= 1 }
            let start = event.pointee.data.sequence_start
            let (mark, anchor) = (startMark, Self.string(start.anchor))
            let tag = start.implicit != 0 ? nil : Self.tag(start.tag, default: Self.seqTag)
            var items: [YAMLNode] = []
            var type = try next()
            while type != YAML_SEQUENCE_END_EVENT {
                items.append(try node(type))
                type = try next()
            }
            let node = YAMLNode.sequence(.init(items: items, tag: tag, mark: mark))
            register(anchor, node)
            return node
        case YAML_MAPPING_START_EVENT:
            try enter()
            defer { depth -= 1 }
            return try mapping()
        default:
            // libyaml gives a node's event here; anything else would be a broken library.
            throw .syntax(problem: "unexpected event \(type.rawValue)", mark: startMark)
        }
    }

    private func mapping() throws(Failure) -> YAMLNode {
        let start = event.pointee.data.mapping_start
        let (mark, anchor) = (startMark, Self.string(start.anchor))
        let tag = start.implicit != 0 ? nil : Self.tag(start.tag, default: Self.mapTag)
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        var type = try next()
        while type != YAML_MAPPING_END_EVENT {
            let key = try node(type)
            pairs.append((key, try node(try next())))
            type = try next()
        }
        try checkDuplicates(pairs.map(\.key))
        let node = YAMLNode.mapping(.init(pairs: pairs, tag: tag, mark: mark))
        register(anchor, node)
        return node
    }

    private func enter() throws(Failure) {
        depth += 1
        if depth >= maxDepth { throw .syntax(problem: Self.depthProblem, mark: startMark) }
    }

    /// Anchors may be defined again; an alias names the latest.
    private func register(_ anchor: String?, _ node: YAMLNode) {
        if let anchor { anchors[anchor] = node }
    }

    private func checkDuplicates(_ keys: [YAMLNode]) throws(Failure) {
        guard keys.count > 1 else { return }
        var seen: [YAMLNode.Identity: (first: YAMLNode, count: Int)] = [:]
        var order: [YAMLNode.Identity] = []
        for key in keys {
            let identity = key.identity
            if let found = seen[identity] {
                seen[identity] = (found.first, found.count + 1)
            } else {
                seen[identity] = (key, 1)
                order.append(identity)
            }
        }
        let duplicated = order.compactMap { seen[$0].flatMap { $0.count > 1 ? $0.first : nil } }
        guard !duplicated.isEmpty else { return }
        // Scalars by their text; other keys (rare) in the order written.
        let sorted = duplicated.sorted { a, b in
            guard let a = a.scalar, let b = b.scalar else { return false }
            return a.string < b.string
        }
        throw .duplicateKeys(sorted.map { $0.scalar?.string ?? "<uncovertable>" }, mark: sorted[0].mark)
    }

    private func failure() -> Failure {
        let problem = parser.pointee.problem.map { String(cString: $0) } ?? ""
        switch parser.pointee.error {
        case YAML_MEMORY_ERROR: return .memory
        case YAML_READER_ERROR: return .reader(problem: problem)
        default:
            let mark = parser.pointee.problem_mark
            return .syntax(problem: problem, mark: YAMLNode.Mark(line: Int(mark.line) + 1, column: Int(mark.column) + 1))
        }
    }

    private static let strTag = "tag:yaml.org,2002:str"
    private static let seqTag = "tag:yaml.org,2002:seq"
    private static let mapTag = "tag:yaml.org,2002:map"

    /// An explicit tag, or nil when it means the kind's own (`!`, `!!str` on a scalar…).
    private static func tag(_ pointer: UnsafeMutablePointer<yaml_char_t>?, default kindTag: String) -> String? {
        guard let tag = string(pointer), tag != "!", tag != kindTag else { return nil }
        return tag
    }

    /// A scalar's text; a byte order mark in front is dropped, as Foundation's decoding (Yams) did.
    private static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        return String(decoding: bom ? UnsafeBufferPointer(rebasing: bytes.dropFirst(3)) : bytes, as: UTF8.self)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
