/// What a template's output depends on besides the printed values: which keys a context has,
/// how long its lists are, its booleans. Pages of the same template whose contexts have the same
/// shape differ only in the values printed into them, so swift-mustache renders one of them
/// with a marker for each value (`CompiledPage`) and the others are the markers replaced.
struct ContextShape {
    /// The shape as text: `{` keys (each after its length, sorted) and their values' shapes `}`
    /// for a dictionary, `[` … `]` for a list, `s` for a printed value, `t`/`f` for a boolean.
    private(set) var key = ""
    /// The printed values (strings and integers, as Mustache prints them), in the order of `key`.
    private(set) var values: [String] = []

    /// Nil when the context holds a value of another kind (a closure, a number with a fraction):
    /// such a page is rendered as it is.
    init?(_ context: [String: Any]) {
        key.reserveCapacity(512)
        values.reserveCapacity(128)
        guard read(context) else { return nil }
    }

    private mutating func read(_ value: Any) -> Bool {
        // The kinds of value contexts are made of, told apart by their type first: a cast that
        // fails costs the runtime a search, and a list of dictionaries cast to [Any] is a copy.
        switch ObjectIdentifier(type(of: value)) {
        case Self.string: printed(value as! String)
        case Self.int: printed(String(value as! Int))
        case Self.bool: key += value as! Bool ? "t" : "f"
        case Self.dictionary: return read(value as! [String: Any])
        case Self.dictionaries: return read(list: value as! [[String: Any]]) { $0.read($1) }
        case Self.texts: return read(value as! [String: String])
        case Self.textLists: return read(list: value as! [[String: String]]) { $0.read($1) }
        case Self.strings: return read(list: value as! [String]) { $0.printed($1) }
        default: return readCasting(value)
        }
        return true
    }

    private static let string = ObjectIdentifier(String.self)
    private static let int = ObjectIdentifier(Int.self)
    private static let bool = ObjectIdentifier(Bool.self)
    private static let dictionary = ObjectIdentifier([String: Any].self)
    private static let dictionaries = ObjectIdentifier([[String: Any]].self)
    private static let texts = ObjectIdentifier([String: String].self)
    private static let textLists = ObjectIdentifier([[String: String]].self)
    private static let strings = ObjectIdentifier([String].self)

    @discardableResult
    private mutating func printed(_ text: String) -> Bool {
        key += "s"
        values.append(text)
        return true
    }

    private mutating func read(_ dictionary: [String: Any]) -> Bool {
        read(dictionary: dictionary) { $0.read($1) }
    }

    private mutating func read(_ dictionary: [String: String]) -> Bool {
        read(dictionary: dictionary) { $0.printed($1) }
    }

    /// `{`, each key (after its length, in order) and its value's shape, `}`.
    private mutating func read<Value>(dictionary: [String: Value], _ readValue: (inout Self, Value) -> Bool) -> Bool {
        key += "{"
        for (name, value) in dictionary.sorted(by: { $0.key < $1.key }) {
            // A key's length first: no key and value can read as another.
            key += String(name.utf8.count)
            key += name
            guard readValue(&self, value) else { return false }
        }
        key += "}"
        return true
    }

    /// `[`, each item's shape, `]`.
    private mutating func read<Item>(list: [Item], _ readItem: (inout Self, Item) -> Bool) -> Bool {
        key += "["
        for item in list {
            guard readItem(&self, item) else { return false }
        }
        key += "]"
        return true
    }

    /// Any other value: by casting (a list of another type, a value of another type that casts
    /// to one of these).
    private mutating func readCasting(_ value: Any) -> Bool {
        switch value {
        case let flag as Bool:
            key += flag ? "t" : "f"
        case let string as String:
            printed(string)
        case let number as Int:
            printed(String(number))
        case let dictionary as [String: Any]:
            return read(dictionary)
        case let list as [Any]:
            return read(list: list) { $0.read($1) }
        default:
            return false
        }
        return true
    }

    /// The context with each printed value replaced by its marker (`CompiledPage.marker`), in
    /// the order of `values`: what the compiled page is rendered from.
    static func markers(_ context: [String: Any]) -> [String: Any] {
        var next = 0
        func replace(_ value: Any) -> Any {
            switch value {
            case is Bool:
                return value
            case is String, is Int:
                defer { next += 1 }
                return CompiledPage.marker(next)
            case let dictionary as [String: Any]:
                var out: [String: Any] = [:]
                for (name, value) in dictionary.sorted(by: { $0.key < $1.key }) { out[name] = replace(value) }
                return out
            case let list as [Any]:
                return list.map(replace)
            default:
                return value
            }
        }
        return replace(context) as! [String: Any]
    }
}
