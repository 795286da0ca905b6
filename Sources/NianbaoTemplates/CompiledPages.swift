import Foundation
import Mustache

/// The compiled pages of the templates rendered many times (`PageRenderer.compiledTemplates`:
/// once per report or agency, or per report in a list), by template and context shape, shared
/// by the cores of a build. A page of a shape not yet seen is rendered by swift-mustache from
/// markers, once; a theme whose templates transform values (`{{f(x)}}`)
/// is always rendered as it is, since a transform would see the markers.
final class CompiledPages: @unchecked Sendable {
    /// Shapes kept per build at most: the report templates have a few (with or without a
    /// preamble, a Word document, notes), a list item two (late or not); past this, pages are
    /// rendered as they are.
    static let limit = 256

    private let templates: Set<String>
    private var pages: [String: CompiledPage?] = [:]
    private let lock = NSLock()

    /// - Parameter templates: the templates to compile (those rendered many times), none
    ///   when a template of the theme has a transform.
    init(templates: Set<String>, sources: [String: String]) {
        let transforms = sources.values.contains { Self.hasTransform($0) }
        self.templates = transforms ? [] : templates
    }

    /// The page, or nil when `template` is rendered as it is (not compiled, or a context of
    /// another kind, or a shape past the limit).
    func render(_ template: String, _ context: [String: Any], library: MustacheLibrary) -> String? {
        guard templates.contains(template), let shape = ContextShape(context) else { return nil }
        let key = template + "\n" + shape.key
        lock.lock()
        let known = pages[key]
        lock.unlock()
        if let known { return known?.render(shape.values) }
        guard let rendered = library.render(ContextShape.markers(context), withTemplate: template) else { return nil }
        let page = CompiledPage(rendered: rendered, values: shape.values.count)
        lock.lock()
        if pages.count < Self.limit { pages[key] = page }
        lock.unlock()
        return page?.render(shape.values)
    }

    /// The shapes compiled so far (for tests: pages came from them).
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return pages.values.filter { $0 != nil }.count
    }

    /// A tag with a parenthesis: swift-mustache's transforms (`{{lowercased(name)}}`, `{{#first()}}`).
    static func hasTransform(_ source: String) -> Bool {
        var rest = Substring(source)
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            guard let close = rest.range(of: "}}") else { return false }
            if rest[..<close.lowerBound].contains("(") { return true }
            rest = rest[close.upperBound...]
        }
        return false
    }
}
