import Mustache

/// The escaping of `{{value}}` in every template: `HTML.escape`, the five characters and
/// entities of swift-mustache's own HTML content type, found as code points over UTF-8 bytes
/// (Mustache's compares `Character`s through a dictionary: a hash per character, ~8 % of a full
/// build, and it misses `"` or `<` followed by a combining mark). Templates select it through the
/// package's public content-type pragma, on a line of its own before their first line (a
/// standalone tag: it adds nothing to the output), so a theme's own templates need no change.
enum HTMLEscaping {
    static let name = "NIANBAO_HTML"
    /// Registers the content type once, then gives the line that selects it.
    static let pragma: String = {
        MustacheContentTypes.register(ContentType(), named: name)
        return "{{% CONTENT_TYPE: \(name)}}\n"
    }()

    struct ContentType: MustacheContentType {
        func escapeText(_ text: String) -> String { HTML.escape(text) }
    }
}
