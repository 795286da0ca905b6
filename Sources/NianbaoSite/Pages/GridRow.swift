import NianbaoModel
import NianbaoTemplates

public struct GridRow: Sendable, Hashable {
    public var cells: [GridCell]
    public var classes: [String] = []
}
