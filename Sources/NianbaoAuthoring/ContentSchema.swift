import Foundation
import NianbaoContent
import NianbaoModel

/// `nianbao schema`: JSON Schemas (draft-07) of `report.yaml` and `site.yaml` with Chinese
/// descriptions, built from `ReportFormat`, for editors with a YAML language server.
///
/// The schema sees values after YAML parsing, so it cannot catch what the loader rejects in the
/// written text: `010` (a leading zero) and `1.0` (a count with a decimal point) are valid
/// integers to a schema but errors for `nianbao check`; the sums (勾稽关系) are checks, not schema.
public enum ContentSchema {
    public enum Kind: String, CaseIterable, Sendable {
        case report, site
    }

    public static func json(_ kind: Kind) -> String {
        let object: [String: Any] = kind == .report ? report : site
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static var count: [String: Any] { ["type": "integer", "minimum": 0, "description": "非负整数，没有的填 0"] }

    static func object(_ properties: [String: Any], required: [String]? = nil, description: String) -> [String: Any] {
        [
            "type": "object", "additionalProperties": false, "description": description,
            "properties": properties, "required": required ?? properties.keys.sorted(),
        ]
    }

    static func row(_ columns: [String], description: String) -> [String: Any] {
        [
            "type": "array", "items": count,
            "minItems": columns.count - 1, "maxItems": columns.count,
            "description": "\(description)：[\(columns.joined(separator: ", "))]，最后的\(columns.last!)可省略（写了就会被核对）",
        ]
    }

    static var report: [String: Any] {
        var tableTwo: [String: Any] = [:]
        for group in ReportFormat.tableTwo {
            for row in group.rows {
                let description = "\(group.heading) \(row.label)"
                if group.isAmount {
                    tableTwo[row.key] = [
                        "description": "\(description)：\(group.columns[0].label)，按填写原样保留（如 0、12.5、0.0350）",
                        "anyOf": [
                            ["type": "number", "minimum": 0],
                            ["type": "string", "pattern": #"^(0|[1-9][0-9]*)(\.[0-9]+)?$"#],
                        ],
                    ] as [String: Any]
                } else if group.columns.count == 1 {
                    tableTwo[row.key] = count.merging(["description": "\(description)：\(group.columns[0].label)"]) { $1 }
                } else {
                    var cells: [String: Any] = [:]
                    for column in group.columns { cells[column.key] = count.merging(["description": column.label]) { $1 } }
                    tableTwo[row.key] = object(cells, description: description)
                }
            }
        }
        let columns3 = ReportFormat.tableThreeColumnPaths.map(\.leaf.label)
        func tableThree(_ nodes: [HeaderNode], prefix: [String]) -> [String: Any] {
            var properties: [String: Any] = [:]
            var required: [String] = []
            for node in nodes {
                let path = prefix + [node.key]
                if path.joined(separator: ".") != ReportFormat.tableThreeTotalRow { required.append(node.key) }
                properties[node.key] = node.isLeaf
                    ? row(columns3, description: node.label)
                    : tableThree(node.children, prefix: path).merging(["description": node.label]) { $1 }
            }
            return object(properties, required: required.sorted(), description: "")
        }
        var three = tableThree(ReportFormat.tableThreeRows, prefix: [])
        three["description"] = "三、收到和处理政府信息公开申请情况"
        var four: [String: Any] = [:]
        for group in ReportFormat.tableFourGroups {
            four[group.leaf.key] = row(ReportFormat.tableFourOutcomes.map(\.label), description: group.label)
        }
        let properties: [String: Any] = [
            "agency": ["type": "string", "minLength": 1, "description": "机关全称，如 石龙区人民政府办公室"],
            "year": ["type": "integer", "minimum": 2021, "description": "报告年度，须与所在目录 reports/<年份>/ 一致"],
            "published": ["type": "string", "pattern": #"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"#, "description": "发布日期，YYYY-MM-DD"],
            "as_published": ["type": "boolean", "description": "按原文照录（可选）：true 时数字按原文保留，勾稽关系只作警告"],
            "active_disclosure": object(tableTwo, description: "二、主动公开政府信息情况"),
            "applications": three,
            "review_and_litigation": object(four, description: "四、政府信息公开行政复议、行政诉讼情况"),
        ]
        var schema = object(properties, required: properties.keys.filter { $0 != "as_published" }.sorted(),
                            description: "政府信息公开工作年度报告的数据（report.yaml），格式依据国办公开办函〔2021〕30号")
        schema["$schema"] = "http://json-schema.org/draft-07/schema#"
        schema["title"] = "nianbao report.yaml"
        return schema
    }

    static var site: [String: Any] {
        let text: [String: Any] = ["type": "string", "minLength": 1]
        // Footer fields may be left empty until known (only --production requires them).
        let optional: [String: Any] = ["type": ["string", "null"]]
        let properties: [String: Any] = [
            "title": text.merging(["description": "网站名称，显示在每个页面的页头和标题中"]) { $1 },
            "organization": optional.merging(["description": "网站主办单位，显示在页脚"]) { $1 },
            "base_url": ["type": "string", "pattern": "^https?://", "description": "网站地址（以 https:// 或 http:// 开头）"],
            "language": ["type": "string", "pattern": "^[A-Za-z-]+$", "description": "页面语言代码，默认 zh-CN"],
            "footer": text.merging(["description": "页脚文字"]) { $1 },
            "contact": optional.merging(["description": "联系方式（电话、邮箱、地址），显示在页脚"]) { $1 },
            "site_code": ["type": ["string", "integer", "null"], "description": "网站标识码，显示在页脚和 SiteIDCode 元数据中"],
            "icp": optional.merging(["description": "ICP备案编号，如 粤ICP备12345678号，页脚中链接到工业和信息化部备案系统"]) { $1 },
            "police_record": optional.merging(["description": "公安机关备案号，如 粤公网安备 44030002000001号"]) { $1 },
            "conac": [
                "type": ["object", "null"], "additionalProperties": false, "description": "党政机关网站标识",
                "properties": [
                    "link": optional.merging(["description": "标识链接（以 https:// 或 http:// 开头）"]) { $1 },
                    "image": optional.merging(["description": "标识图片，放在模板的 assets/ 目录中，如 assets/conac.png"]) { $1 },
                ],
            ] as [String: Any],
            "column_name": text.merging(["description": "栏目名称（ColumnName 元数据），默认「政府信息公开工作年度报告」"]) { $1 },
            "column_type": text.merging(["description": "栏目类型（ColumnType 元数据），默认「政府信息公开年报」"]) { $1 },
            "downloads": [
                "type": "array", "uniqueItems": true, "items": ["enum": SiteConfig.downloadFormats],
                "description": "随报告页面发布的文件（可选）：[docx] 同时发布 Word 文档 report.docx",
            ] as [String: Any],
        ]
        precondition(Set(properties.keys) == Set(SiteConfig.keys), "site.yaml schema and loader disagree")
        var schema = object(properties, required: ["title"], description: "网站配置（site.yaml）")
        schema["$schema"] = "http://json-schema.org/draft-07/schema#"
        schema["title"] = "nianbao site.yaml"
        return schema
    }
}
