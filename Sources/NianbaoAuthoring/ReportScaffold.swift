import NianbaoContent
import NianbaoModel

/// `nianbao new`: the files of an empty report — every key present and zero, each followed by
/// its official label, and the narrative files with their headings and one-line hints.
public enum ReportScaffold {
    /// File name → contents, for the report of `agency` for `year`.
    public static func files(agency: String, year: Int) -> [(name: String, text: String)] {
        [("report.yaml", reportYAML(agency: agency, year: year))] + narrative
    }

    static func reportYAML(agency: String, year: Int) -> String {
        var o = [
            "# \(ReportFormat.title(agency: agency, year: year)) · 数据",
            "# 按《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）逐项填写，没有的填 0。",
            "# 每个键后的注释是年报表格中的原文标签；叙述部分见同目录 overview.md（一）、problems.md（五）、other.md（六）。",
            "agency: \(YAMLText.scalar(agency))  # 机关全称",
            "year: \(year)  # 报告年度，须与目录名一致",
            "published: \(year + 1)-01-31  # 发布日期（YYYY-MM-DD）：请改为实际发布日期；政府部门应于次年 1 月 31 日前发布",
            "",
            "# 二、主动公开政府信息情况",
            "active_disclosure:",
        ]
        for group in ReportFormat.tableTwo {
            o.append("  # \(group.heading)：\(group.columns.map(\.label).joined(separator: "、"))")
            let width = group.rows.map(\.key.count).max()! + 1
            for row in group.rows {
                let key = pad(row.key + ":", width)
                if group.columns.count == 1 {
                    o.append("  \(key) 0  # \(row.label)")
                } else {
                    let cells = group.columns.map { "\($0.key): 0" }.joined(separator: ", ")
                    o.append("  \(key) {\(cells)}  # \(row.label)")
                }
            }
        }
        let columns = ReportFormat.tableThreeColumnPaths.map(\.leaf.label)
        o += ["", "# 三、收到和处理政府信息公开申请情况", "# 每行 7 个数：[\(columns.joined(separator: ", "))]", "applications:"]
        let zeros3 = "[" + Array(repeating: "0", count: columns.count).joined(separator: ", ") + "]"
        func rows(_ nodes: [HeaderNode], indent: Int) {
            let width = nodes.map(\.key.count).max()! + 1
            for node in nodes {
                let prefix = String(repeating: " ", count: indent) + pad(node.key + ":", width)
                if node.isLeaf {
                    o.append("\(prefix) \(zeros3)  # \(node.label)")
                } else {
                    o.append("\(prefix)  # \(node.label)")
                    rows(node.children, indent: indent + 2)
                }
            }
        }
        rows(ReportFormat.tableThreeRows, indent: 2)
        let outcomes = ReportFormat.tableFourOutcomes.map(\.label)
        o += ["", "# 四、政府信息公开行政复议、行政诉讼情况", "# 每行 5 个数：[\(outcomes.joined(separator: ", "))]", "review_and_litigation:"]
        let zeros4 = "[" + Array(repeating: "0", count: outcomes.count).joined(separator: ", ") + "]"
        let width = ReportFormat.tableFourGroups.map(\.leaf.key.count).max()! + 1
        for group in ReportFormat.tableFourGroups {
            o.append("  \(pad(group.leaf.key + ":", width)) \(zeros4)  # \(group.label)")
        }
        return o.joined(separator: "\n") + "\n"
    }

    static let narrative: [(name: String, text: String)] = [
        ("overview.md", """
            <!-- 一、总体情况（网页会自动加上此标题）。请在每个小标题下概述本年度工作；这类提示不会出现在网页上。 -->

            ### （一）主动公开

            <!-- 主动公开政府信息的数量、重点领域信息、政策解读、行政规范性文件制发等情况。 -->

            ### （二）依申请公开

            <!-- 收到和办理政府信息公开申请的总体情况（件数须与表三一致），以及行政复议、行政诉讼情况。 -->

            ### （三）政府信息管理

            <!-- 信息发布审核、保密审查、规范性文件清理（件数须与表二一致）等情况。 -->

            ### （四）政府信息公开平台建设

            <!-- 政府网站、政务新媒体、公开专栏等平台的建设和运行情况。 -->

            ### （五）监督保障

            <!-- 工作考核、业务培训、社会评议、责任追究等情况。 -->

            """),
        ("problems.md", """
            <!-- 五、存在的主要问题及改进情况（网页会自动加上此标题）。 -->

            ### （一）存在的主要问题

            <!-- 本年度政府信息公开工作存在的主要问题。 -->

            ### （二）改进情况

            <!-- 上年度报告所列问题的整改情况，以及下一步改进措施。 -->

            """),
        ("other.md", """
            <!-- 六、其他需要报告的事项（网页会自动加上此标题）。说明本年度信息处理费收取情况（国办函〔2020〕109号）及其他需要报告的事项；没有的写“无”。 -->

            """),
    ]

    static func pad(_ s: String, _ width: Int) -> String {
        s + String(repeating: " ", count: max(0, width - s.count))
    }
}
