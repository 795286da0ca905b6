/// The 2021 report format (国办公开办函〔2021〕30号): the one canonical definition of
/// every section heading and every table row and column label. Labels are character-exact;
/// content files refer to rows and columns by key only.
public enum ReportFormat {
    // MARK: Sections

    public struct Section: Sendable, Hashable {
        /// Stable id, used as the HTML `id` of the section.
        public let id: String
        public let heading: String
        /// The Markdown file that holds the section's narrative, if it is a narrative section.
        public let file: String?
    }

    public static let sections: [Section] = [
        Section(id: "overview", heading: "一、总体情况", file: "overview.md"),
        Section(id: "active-disclosure", heading: "二、主动公开政府信息情况", file: nil),
        Section(id: "applications", heading: "三、收到和处理政府信息公开申请情况", file: nil),
        Section(id: "review-litigation", heading: "四、政府信息公开行政复议、行政诉讼情况", file: nil),
        Section(id: "problems", heading: "五、存在的主要问题及改进情况", file: "problems.md"),
        Section(id: "other", heading: "六、其他需要报告的事项", file: "other.md"),
    ]

    /// The optional text before 一、总体情况.
    public static let preambleFile = "preamble.md"

    /// Every Markdown file a report folder may hold.
    public static var narrativeFiles: [String] {
        [preambleFile] + sections.compactMap(\.file)
    }

    public static func title(agency: String, year: Int) -> String {
        "\(agency)\(year)年政府信息公开工作年度报告"
    }

    // MARK: Table 二

    public struct TableTwoGroup: Sendable {
        /// The group heading row, e.g. `第二十条第（一）项`.
        public let heading: String
        public let key: String
        /// The value column headings of the group (after `信息内容`).
        public let columns: [HeaderNode]
        /// The rows of the group (key as in `report.yaml`).
        public let rows: [HeaderNode]
        /// Whether the values are amounts kept as written (万元) rather than counts.
        public let isAmount: Bool
    }

    public static let tableTwoContentLabel = "信息内容"
    public static let tableTwoValueColumns = 3

    public static let tableTwo: [TableTwoGroup] = [
        TableTwoGroup(
            heading: "第二十条第（一）项", key: "item1",
            columns: [
                HeaderNode("issued", "本年制发件数"),
                HeaderNode("repealed", "本年废止件数"),
                HeaderNode("in_force", "现行有效件数"),
            ],
            rows: [HeaderNode("regulations", "规章"), HeaderNode("normative_documents", "行政规范性文件")],
            isAmount: false
        ),
        TableTwoGroup(
            heading: "第二十条第（五）项", key: "item5",
            columns: [HeaderNode("decisions", "本年处理决定数量")],
            rows: [HeaderNode("licensing", "行政许可")],
            isAmount: false
        ),
        TableTwoGroup(
            heading: "第二十条第（六）项", key: "item6",
            columns: [HeaderNode("decisions", "本年处理决定数量")],
            rows: [HeaderNode("penalties", "行政处罚"), HeaderNode("coercion", "行政强制")],
            isAmount: false
        ),
        TableTwoGroup(
            heading: "第二十条第（八）项", key: "item8",
            columns: [HeaderNode("amount", "本年收费金额（单位：万元）")],
            rows: [HeaderNode("fees", "行政事业性收费")],
            isAmount: true
        ),
    ]

    // MARK: Table 三

    public static let tableThreeCorner = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

    public static let tableThreeColumns: [HeaderNode] = [
        HeaderNode("applicants", "申请人情况", [
            HeaderNode("natural_persons", "自然人"),
            HeaderNode("organisations", "法人或其他组织", [
                HeaderNode("business", "商业企业"),
                HeaderNode("research", "科研机构"),
                HeaderNode("non_profit", "社会公益组织"),
                HeaderNode("legal_services", "法律服务机构"),
                HeaderNode("other", "其他"),
            ]),
            HeaderNode("total", "总计"),
        ]),
    ]

    public static let tableThreeRows: [HeaderNode] = [
        HeaderNode("received", "一、本年新收政府信息公开申请数量"),
        HeaderNode("carried_over", "二、上年结转政府信息公开申请数量"),
        HeaderNode("results", "三、本年度办理结果", [
            HeaderNode("granted", "（一）予以公开"),
            HeaderNode("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            HeaderNode("denied", "（三）不予公开", [
                HeaderNode("state_secret", "1.属于国家秘密"),
                HeaderNode("prohibited_by_law", "2.其他法律行政法规禁止公开"),
                HeaderNode("security_stability", "3.危及“三安全一稳定”"),
                HeaderNode("third_party_rights", "4.保护第三方合法权益"),
                HeaderNode("internal_affairs", "5.属于三类内部事务信息"),
                HeaderNode("process_information", "6.属于四类过程性信息"),
                HeaderNode("enforcement_files", "7.属于行政执法案卷"),
                HeaderNode("inquiry_matters", "8.属于行政查询事项"),
            ]),
            HeaderNode("unavailable", "（四）无法提供", [
                HeaderNode("not_held", "1.本机关不掌握相关政府信息"),
                HeaderNode("needs_creation", "2.没有现成信息需要另行制作"),
                HeaderNode("unclear_after_correction", "3.补正后申请内容仍不明确"),
            ]),
            HeaderNode("not_processed", "（五）不予处理", [
                HeaderNode("petitions_complaints", "1.信访举报投诉类申请"),
                HeaderNode("repeated", "2.重复申请"),
                HeaderNode("publications", "3.要求提供公开出版物"),
                HeaderNode("excessive", "4.无正当理由大量反复申请"),
                HeaderNode("confirm_or_reissue", "5.要求行政机关确认或重新出具已获取信息"),
            ]),
            HeaderNode("other", "（六）其他处理", [
                HeaderNode("overdue_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
                HeaderNode("unpaid_fees", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
                HeaderNode("other", "3.其他"),
            ]),
            HeaderNode("total", "（七）总计"),
        ]),
        HeaderNode("carried_forward", "四、结转下年度继续办理"),
    ]

    /// Key of the optional declared （七）总计 row.
    public static let tableThreeTotalRow = "results.total"

    /// The 25 body rows B1–B25, in order.
    public static let tableThreeRowPaths: [HeaderPath] = tableThreeRows.leafPaths
    /// The 7 data columns D1–D7, in order; the last is 总计.
    public static let tableThreeColumnPaths: [HeaderPath] = tableThreeColumns.leafPaths
    /// The 21 outcome rows summed by （七）总计.
    public static let tableThreeResultRows: [HeaderPath] = tableThreeRowPaths.filter {
        $0.nodes[0].key == "results" && $0.key != tableThreeTotalRow
    }

    // MARK: Table 四

    public static let tableFourOutcomes: [HeaderNode] = [
        HeaderNode("upheld", "结果维持"),
        HeaderNode("corrected", "结果纠正"),
        HeaderNode("other", "其他结果"),
        HeaderNode("pending", "尚未审结"),
        HeaderNode("total", "总计"),
    ]

    /// The three groups of table 四; `key` is the row key in `report.yaml`.
    public static let tableFourColumns: [HeaderNode] = [
        HeaderNode("review", "行政复议", tableFourOutcomes),
        HeaderNode("litigation", "行政诉讼", [
            HeaderNode("litigation_direct", "未经复议直接起诉", tableFourOutcomes),
            HeaderNode("litigation_after_review", "复议后起诉", tableFourOutcomes),
        ]),
    ]

    /// The groups in column order: each has 4 outcomes and a 总计.
    public static let tableFourGroups: [HeaderPath] = {
        var out: [HeaderPath] = []
        func walk(_ nodes: [HeaderNode], _ prefix: [HeaderNode]) {
            for node in nodes {
                if node.children == tableFourOutcomes {
                    out.append(HeaderPath(nodes: prefix + [node]))
                } else {
                    walk(node.children, prefix + [node])
                }
            }
        }
        walk(tableFourColumns, [])
        return out
    }()
}
