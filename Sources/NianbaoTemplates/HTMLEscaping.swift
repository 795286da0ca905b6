import Mustache

/// The escaping of `{{value}}` in every template: the same five characters and the same
/// entities as swift-mustache's own HTML content type (`<` `>` `&` `"` `'`), by `HTML.escape`
/// (a scan of UTF-8 bytes; most values need nothing) instead of per `Character` through a
/// dictionary, which hashed (and normalised) every character and cost ~8 % of a full build. The templates are given
/// it through the package's public content-type pragma, on a line of its own before their first
/// line (a standalone tag: it adds nothing to the output), so a theme's own templates need no change.
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
