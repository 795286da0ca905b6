import NianbaoModel
import Yams

/// `Content/site.yaml`: what every page of the site shows about the site itself.
public struct SiteConfig: Sendable {
    /// 网站名称, shown in every page header and `<title>`.
    public var title: String
    /// 网站主办单位 (optional), shown in the footer.
    public var organization: String?
    /// The public address of the site (optional, informative: links stay relative).
    public var baseURL: String?
    /// The page language, `zh-CN` unless given.
    public var language: String = "zh-CN"
    /// A line of footer text (optional).
    public var footer: String?

    public init(title: String) {
        self.title = title
    }

    public static let keys = ["title", "organization", "base_url", "language", "footer"]

    static func decode(_ root: Node, reader: inout YAMLReader) -> SiteConfig? {
        guard let map = reader.mapping(root, what: "site.yaml", keys: keys, required: ["title"]) else { return nil }
        let title = map["title"].flatMap { reader.string($0, what: "「title」（网站名称）") }
        var config = SiteConfig(title: title?.value ?? "")
        config.organization = map["organization"].flatMap { reader.string($0, what: "「organization」（网站主办单位）") }?.value
        config.footer = map["footer"].flatMap { reader.string($0, what: "「footer」（页脚文字）") }?.value
        if let node = map["language"], let language = reader.string(node, what: "「language」（页面语言）") {
            if language.value.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-") }) {
                config.language = language.value
            } else {
                reader.report(.error("value.type", at: language.location, "「language」应为语言代码，如 zh-CN", actual: language.value))
            }
        }
        if let node = map["base_url"], let url = reader.string(node, what: "「base_url」（网站地址）") {
            if url.value.hasPrefix("https://") || url.value.hasPrefix("http://") {
                config.baseURL = url.value
            } else {
                reader.report(.error("value.type", at: url.location, "「base_url」应以 https:// 或 http:// 开头", actual: url.value))
            }
        }
        return title == nil ? nil : config
    }
}
