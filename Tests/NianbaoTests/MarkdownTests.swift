import NianbaoMarkdown
import Testing

/// Golden tests for the Chinese-text fixes and for safe mode.
@Suite struct MarkdownTests {
    @Test(arguments: [
        // A soft break between two CJK characters renders as nothing…
        ("第一行\n第二行", "<p>第一行第二行</p>\n"),
        ("全年共收到申请。\n其中予以公开", "<p>全年共收到申请。其中予以公开</p>\n"),
        ("“三审三校”\n制度", "<p>“三审三校”制度</p>\n"),
        // …and across inline markup.
        ("收到**申请**\n九件", "<p>收到<strong>申请</strong>九件</p>\n"),
        // Next to Latin text or digits it stays a line break (a space in the browser).
        ("发布 CSV\n文件", "<p>发布 CSV\n文件</p>\n"),
        ("共 2451\n条", "<p>共 2451\n条</p>\n"),
        ("English\ntext", "<p>English\ntext</p>\n"),
        // A hard break stays.
        ("第一行  \n第二行", "<p>第一行<br />\n第二行</p>\n"),
    ])
    func softBreaks(markdown: String, html: String) {
        #expect(MarkdownRenderer.html(markdown) == html)
    }

    @Test(arguments: [
        // libcmark's flanking rules reject these three; nianbao renders them as <strong>.
        ("**“石龙区政务”**后续", "<p><strong>“石龙区政务”</strong>后续</p>\n"),
        ("请参阅**《条例》**第五十条", "<p>请参阅<strong>《条例》</strong>第五十条</p>\n"),
        ("根据**《条例》**，", "<p>根据<strong>《条例》</strong>，</p>\n"),
        // What CommonMark already gets right is unchanged.
        ("这是**重点**内容", "<p>这是<strong>重点</strong>内容</p>\n"),
        ("**bold** text", "<p><strong>bold</strong> text</p>\n"),
        // Two pairs in one paragraph, and nested emphasis inside.
        ("依据**《条例》**和**《办法》**办理", "<p>依据<strong>《条例》</strong>和<strong>《办法》</strong>办理</p>\n"),
        ("见**《条例》*第五十条*。**后", "<p>见<strong>《条例》<em>第五十条</em>。</strong>后</p>\n"),
        // Runs that are not a pair stay literal.
        ("只有一个**《条例》", "<p>只有一个**《条例》</p>\n"),
        ("a ** b ** c", "<p>a ** b ** c</p>\n"),
        // Escaped asterisks stay asterisks.
        ("这是\\*\\*《字面》\\*\\*号", "<p>这是**《字面》**号</p>\n"),
    ])
    func strongNextToCJKPunctuation(markdown: String, html: String) {
        #expect(MarkdownRenderer.html(markdown) == html)
    }

    @Test func safeMode() {
        let html = MarkdownRenderer.html("""
            <script>alert(1)</script>

            文字<img src=x onerror=alert(1)>结束

            [点击](javascript:alert(1)) [数据](data:text/html;base64,PHNjcmlwdD4=) [正常](https://www.gov.cn/)

            <a href="https://x" onclick="alert(1)">链接</a>
            """)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("onerror"))
        #expect(!html.contains("onclick"))
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("data:text/html"))
        #expect(html.contains("<a href=\"https://www.gov.cn/\">正常</a>"))
        #expect(html.contains("raw HTML omitted"))
    }

    @Test func headingsListsAndLinks() {
        let html = MarkdownRenderer.html("### （一）主动公开\n\n- 予以公开1件；\n- 部分公开2件。\n\n1. **优化平台功能**。持续完善\n")
        #expect(html == """
            <h3>（一）主动公开</h3>
            <ul>
            <li>予以公开1件；</li>
            <li>部分公开2件。</li>
            </ul>
            <ol>
            <li><strong>优化平台功能</strong>。持续完善</li>
            </ol>

            """)
    }
}

@Suite struct MarkdownCommentTests {
    @Test func commentsAreNotesForTheWriter() {
        #expect(MarkdownRenderer.html("<!-- 提示：不会出现在网页上 -->\n\n正文<!-- 行内 -->结束\n") == "<p>正文结束</p>\n")
        #expect(MarkdownRenderer.html("<!-- 只有提示 -->\n") == "")
        // Anything else that is raw HTML is still omitted by safe mode, visibly marked.
        #expect(MarkdownRenderer.html("<!-- a --> <b>x</b>\n").contains("raw HTML omitted"))
    }
}
