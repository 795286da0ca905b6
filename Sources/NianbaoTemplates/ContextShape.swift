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
        switch value {
        case let flag as Bool:
            key += flag ? "t" : "f"
        case let string as String:
            key += "s"
            values.append(string)
        case let number as Int:
            key += "s"
            values.append(String(number))
        case let dictionary as [String: Any]:
            key += "{"
            for (name, value) in dictionary.sorted(by: { $0.key < $1.key }) {
                // A key's length first: no key and value can read as another.
                key += String(name.utf8.count)
                key += name
                guard read(value) else { return false }
            }
            key += "}"
        case let list as [Any]:
            key += "["
            for item in list {
                guard read(item) else { return false }
            }
            key += "]"
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
