import Foundation
import Mustache

/// The page templates and assets of a site: the default theme built into nianbao, with any file
/// of the site's own `Templates/` folder replacing the default file of the same name.
public struct Theme: Sendable {
    /// Template sources by name (file name without `.mustache`), e.g. `report`, `table`.
    public private(set) var templates: [String: String]
    /// Asset files by path below `assets/`, e.g. `style.css`.
    public private(set) var assets: [String: Data]
    /// Where each file came from (`默认主题` or the override path), for messages.
    public private(set) var origins: [String: String]

    public static let templateExtension = ".mustache"
    public static let assetsFolder = "assets/"
    /// The Word export's reference document (styles, fonts, page set-up), when the site has one.
    public static let referenceFile = "reference.docx"
    /// The site's `reference.docx`: its bytes and the path it was read from.
    public private(set) var reference: (data: Data, path: String)?

    /// The default theme alone.
    public static var builtIn: Theme {
        var theme = Theme(templates: [:], assets: [:], origins: [:])
        for (path, data) in DefaultTheme.files {
            theme.add(path: path, data: data, origin: "默认主题 " + path)
        }
        return theme
    }

    /// The default theme with the files of `folder` laid over it. Files the theme does not use
    /// (not `*.mustache` at the top, not below `assets/`) are returned as ignored.
    public static func load(overridesFrom folder: String?) throws -> (Theme, ignored: [String]) {
        var theme = builtIn
        var ignored: [String] = []
        guard let folder else { return (theme, []) }
        let root = URL(fileURLWithPath: folder, isDirectory: true)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return (theme, [])
        }
        var paths: [String] = []
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            paths.append(relative)
        }
        for relative in paths.sorted() {
            let data = try Data(contentsOf: root.appendingPathComponent(relative))
            if !theme.add(path: relative, data: data, origin: folder + "/" + relative) { ignored.append(relative) }
        }
        return (theme, ignored)
    }

    @discardableResult
    mutating func add(path: String, data: Data, origin: String) -> Bool {
        if path.hasPrefix(Self.assetsFolder) {
            let name = String(path.dropFirst(Self.assetsFolder.count))
            assets[name] = data
            origins[path] = origin
            return true
        }
        if path.hasSuffix(Self.templateExtension), !path.contains("/") {
            templates[String(path.dropLast(Self.templateExtension.count))] = String(decoding: data, as: UTF8.self)
            origins[path] = origin
            return true
        }
        if path == Self.referenceFile {
            reference = (data, origin)
            origins[path] = origin
            return true
        }
        return false
    }

    /// Parses every template. A syntax error names the file, line and column.
    /// - Parameter compiling: the pages rendered once per report come from compiled pages
    ///   (`CompiledPages`); false renders every page as it is.
    public func makeRenderer(compiling: Bool = true) throws(ThemeError) -> PageRenderer {
        var library = MustacheLibrary()
        for (name, source) in templates.sorted(by: { $0.key < $1.key }) {
            do {
                library.register(try MustacheTemplate(string: HTMLEscaping.pragma + source), named: name)
            } catch let error as MustacheTemplate.ParserError {
                // The pragma is a line of its own before the template's first line.
                throw ThemeError(
                    file: origins[name + Self.templateExtension] ?? name, line: max(1, error.context.lineNumber - 1),
                    column: error.context.columnNumber, message: "模板语法错误：\(error.error)")
            } catch {
                throw ThemeError(file: origins[name + Self.templateExtension] ?? name, line: 1, column: 1, message: "模板无法解析：\(error)")
            }
        }
        return PageRenderer(library: library, names: Set(templates.keys), compiled: CompiledPages(templates: compiling ? PageRenderer.compiledTemplates : [], sources: templates))
    }
}

public struct ThemeError: Error, Sendable {
    public let file: String
    public let line: Int
    public let column: Int
    public let message: String
}

/// Renders pages from a parsed theme. Values in contexts are escaped by the templates
/// (`{{value}}`); only HTML the site builder made itself is passed for `{{{…}}}`.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let names: Set<String>
    let compiled: CompiledPages

    /// The templates rendered many times with contexts of a few shapes (once per report or
    /// agency, or once per report in a list): their output is compiled per context shape.
    static let compiledTemplates: Set<String> = ["report", "article", "agency", "report-list"]

    public enum Failure: Error, Sendable, Equatable {
        case missingTemplate(String)
    }

    public func render(_ template: String, _ context: [String: Any]) throws(Failure) -> String {
        guard names.contains(template) else { throw .missingTemplate(template) }
        if let html = compiled.render(template, context, library: library) { return html }
        guard let html = renderAsIs(template, context) else { throw .missingTemplate(template) }
        return html
    }

    /// A list's items: `partial` rendered for each of `items` on its own (it sees the item's
    /// values only), one after the other. The same bytes as a section over the items including
    /// the partial, for a partial that prints only its item's values; for a partial of
    /// `compiledTemplates`, made from a compiled page per item shape instead of a lookup through
    /// the page's context for every value.
    public func list(_ partial: String, _ items: [[String: Any]]) throws(Failure) -> String {
        var out = ""
        for item in items { out += try render(partial, item) }
        return out
    }

    /// The page as swift-mustache renders it from `context`, not from a compiled page.
    func renderAsIs(_ template: String, _ context: [String: Any]) -> String? {
        library.render(context, withTemplate: template)
    }
}
