import NianbaoModel

/// `Content/site.yaml`: what every page of the site shows about the site itself, including the
/// fields government portals must show in the footer (网站主办单位, 联系方式, 网站标识码, ICP备案编号,
/// 公安机关备案号, 党政机关网站标识). Nothing is ever invented: a field left out is left off the page,
/// and `nianbao build --production` refuses to build while a required one is empty.
public struct SiteConfig: Sendable {
    /// 网站名称, shown in every page header and `<title>`.
    public var title: String
    /// 网站主办单位, shown in the footer.
    public var organization: String?
    /// 联系方式 (telephone, e-mail, address), shown in the footer.
    public var contact: String?
    /// 网站标识码 (e.g. `4403000001`), in the footer and the `SiteIDCode` meta tag.
    public var siteCode: String?
    /// ICP备案编号 (e.g. `粤ICP备12345678号`), linked to the MIIT record site.
    public var icp: String?
    /// 公安机关备案号 (e.g. `粤公网安备 44030002000001号`), linked to the public-security record site.
    public var policeRecord: String?
    /// 党政机关网站标识: the link of the mark (its record at conac.cn) …
    public var conacLink: String?
    /// … and its image, a file of the theme's assets (`assets/…`), never from another origin.
    public var conacImage: String?
    /// The public address of the site (e.g. `https://www.example.gov.cn/ndbg/`): absolute URLs in
    /// `sitemap.xml`, the feed and the `Url` meta tag; pages link to each other relatively.
    public var baseURL: String?
    /// The page language, `zh-CN` unless given.
    public var language: String = "zh-CN"
    /// A line of footer text (optional).
    public var footer: String?
    /// Files published beside each report page besides its open data: `docx` (the report as a
    /// Word document, `report.docx`). None by default.
    public var downloads: Set<String> = []
    public static let downloadFormats = ["docx"]
    /// `ColumnName` and `ColumnType` meta tags: the portal column these pages form.
    public var columnName = "政府信息公开工作年度报告"
    public var columnType = "政府信息公开年报"
    /// Where each key was written, for diagnostics (`--production` names the line).
    public var locations: [String: SourceLocation] = [:]
    /// The file the configuration was read from.
    public var file = "site.yaml"

    public init(title: String) {
        self.title = title
    }

    public static let keys = [
        "title", "organization", "contact", "site_code", "icp", "police_record", "conac", "base_url", "language", "footer",
        "column_name", "column_type", "downloads",
    ]
    static let conacKeys = ["link", "image"]

    /// The fields a public government site must show (政府网站发展指引), with their labels: what
    /// `--production` requires.
    public static let requiredForProduction: [(key: String, label: String)] = [
        ("organization", "网站主办单位"), ("contact", "联系方式"), ("site_code", "网站标识码"), ("icp", "ICP备案编号"),
        ("police_record", "公安机关备案号"), ("conac.link", "党政机关网站标识的链接"), ("conac.image", "党政机关网站标识的图片"),
        ("base_url", "网站地址"),
    ]

    public func value(_ key: String) -> String? {
        switch key {
        case "organization": organization
        case "contact": contact
        case "site_code": siteCode
        case "icp": icp
        case "police_record": policeRecord
        case "conac.link": conacLink
        case "conac.image": conacImage
        case "base_url": baseURL
        default: nil
        }
    }

    /// `site.production`: one error per required footer field that is missing or empty.
    public func productionDiagnostics() -> [Diagnostic] {
        Self.requiredForProduction.compactMap { field in
            guard value(field.key) == nil else { return nil }
            let at = locations[field.key] ?? locations[String(field.key.split(separator: ".")[0])]
                ?? SourceLocation(file: file, line: 1, column: 1)
            let written = locations[field.key] != nil ? "为空" : "未填写"
            return .error(
                "site.production", at: at,
                "正式发布（--production）要求填写「\(field.label)」（site.yaml 的 \(field.key)），此处\(written)；请填入真实信息，本工具不会代填",
                expected: field.label)
        }
    }

    /// The host of the base URL, for the `SiteDomain` meta tag.
    public var domain: String? {
        guard let url = baseURL else { return nil }
        let rest = url.drop { $0 != ":" }.dropFirst(3)
        let host = rest.prefix { $0 != "/" && $0 != ":" }
        return host.isEmpty ? nil : String(host)
    }

    /// The base URL with exactly one trailing slash.
    public var base: String? {
        baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
    }

    static func decode(_ root: YAMLNode, reader: inout YAMLReader) -> SiteConfig? {
        guard let map = reader.mapping(root, what: "site.yaml", keys: keys, required: ["title"]) else { return nil }
        let title = map["title"].flatMap { reader.string($0, what: "「title」（网站名称）") }
        var config = SiteConfig(title: title?.value ?? "")
        config.file = reader.file
        for (key, node) in map { config.locations[key] = reader.location(node) }
        func optional(_ key: String, _ what: String, in map: [String: YAMLNode], prefix: String = "") -> String? {
            guard let node = map[key] else { return nil }
            config.locations[prefix + key] = reader.location(node)
            if case .scalar(let scalar) = node, scalar.string.trimmingWhitespace.isEmpty || scalar.string == "~" { return nil }
            return reader.string(node, what: what)?.value
        }
        config.organization = optional("organization", "「organization」（网站主办单位）", in: map)
        config.contact = optional("contact", "「contact」（联系方式）", in: map)
        config.siteCode = optional("site_code", "「site_code」（网站标识码）", in: map)
        config.icp = optional("icp", "「icp」（ICP备案编号）", in: map)
        config.policeRecord = optional("police_record", "「police_record」（公安机关备案号）", in: map)
        config.footer = optional("footer", "「footer」（页脚文字）", in: map)
        if let name = optional("column_name", "「column_name」（栏目名称）", in: map) { config.columnName = name }
        if let type = optional("column_type", "「column_type」（栏目类型）", in: map) { config.columnType = type }
        if let siteCode = config.siteCode, !siteCode.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isUppercase) }) {
            reader.report(.error("value.type", at: config.locations["site_code"]!, "「site_code」（网站标识码）应为数字，如 4403000001", actual: siteCode))
        }
        if let node = map["conac"], case .mapping = node,
            let conac = reader.mapping(node, what: "「conac」（党政机关网站标识）", keys: conacKeys, required: [])
        {
            config.conacLink = optional("link", "「conac.link」（标识链接）", in: conac, prefix: "conac.")
            config.conacImage = optional("image", "「conac.image」（标识图片）", in: conac, prefix: "conac.")
            if let link = config.conacLink, !(link.hasPrefix("https://") || link.hasPrefix("http://")) {
                reader.report(.error("value.type", at: config.locations["conac.link"]!, "「conac.link」应以 https:// 或 http:// 开头", actual: link))
                config.conacLink = nil
            }
            if let image = config.conacImage, !image.hasPrefix("assets/") || image.contains("..") {
                reader.report(.error(
                    "value.type", at: config.locations["conac.image"]!,
                    "「conac.image」应为模板 assets/ 目录中的图片，如 assets/conac.png（页面不从其他网站加载任何内容）", actual: image))
                config.conacImage = nil
            }
        } else if let node = map["conac"], !(node.scalar?.string.trimmingWhitespace.isEmpty ?? false) {
            reader.report(.error("value.type", at: reader.location(node), "「conac」应为含 link 和 image 的映射"))
        }
        if let language = optional("language", "「language」（页面语言）", in: map) {
            if language.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-") }) {
                config.language = language
            } else {
                reader.report(.error("value.type", at: config.locations["language"]!, "「language」应为语言代码，如 zh-CN", actual: language))
            }
        }
        config.downloads = Self.downloads(map["downloads"], reader: &reader)
        if let url = optional("base_url", "「base_url」（网站地址）", in: map) {
            if (url.hasPrefix("https://") || url.hasPrefix("http://")), !url.contains(where: { $0 == " " || $0 == "\"" || $0 == "<" }) {
                config.baseURL = url
            } else {
                reader.report(.error("value.type", at: config.locations["base_url"]!, "「base_url」应以 https:// 或 http:// 开头", actual: url))
            }
        }
        return title == nil ? nil : config
    }

    /// `downloads: [docx]`: the formats to publish beside each report page.
    static func downloads(_ node: YAMLNode?, reader: inout YAMLReader) -> Set<String> {
        guard let node, let items = reader.sequence(node, what: "「downloads」（随报告页面发布的文件）") else { return [] }
        var out: Set<String> = []
        for item in items {
            guard let format = reader.string(item, what: "「downloads」中的格式") else { continue }
            if downloadFormats.contains(format.value) {
                out.insert(format.value)
            } else {
                reader.report(.error(
                    "value.type", at: format.location, "「downloads」中的格式应为 docx（随报告页面发布 Word 文档），实际为「\(format.value)」",
                    expected: downloadFormats.joined(separator: " | "), actual: format.value))
            }
        }
        return out
    }
}
