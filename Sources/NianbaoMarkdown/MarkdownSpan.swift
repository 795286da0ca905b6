/// A run of text with its emphasis, as the Word export writes it.
public struct MarkdownSpan: Sendable, Hashable {
    public var text: String
    public var bold: Bool
    public var italic: Bool

    public init(text: String, bold: Bool = false, italic: Bool = false) {
        self.text = text
        self.bold = bold
        self.italic = italic
    }
}
