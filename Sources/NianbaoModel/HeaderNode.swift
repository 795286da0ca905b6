/// A node of a header tree: a row or column heading of an official table.
///
/// Leaves are the rows (or columns) that hold numbers; inner nodes are group headings.
/// Spans are never written down: they follow from the shape of the tree.
public struct HeaderNode: Sendable, Hashable {
    /// Stable ASCII key, as used in `report.yaml` (rows) or in ids (columns).
    public let key: String
    /// The official label, character-exact.
    public let label: String
    public let children: [HeaderNode]

    public init(_ key: String, _ label: String, _ children: [HeaderNode] = []) {
        self.key = key
        self.label = label
        self.children = children
    }

    public var isLeaf: Bool { children.isEmpty }

    /// Depth of the tree below and including this node (a leaf has depth 1).
    public var depth: Int { 1 + (children.map(\.depth).max() ?? 0) }

    /// Number of leaves below this node (a leaf counts itself).
    public var leafCount: Int { isLeaf ? 1 : children.reduce(0) { $0 + $1.leafCount } }
}

/// A leaf of a header tree together with the chain of nodes above it.
public struct HeaderPath: Sendable, Hashable {
    /// From the outermost group down to the leaf itself.
    public let nodes: [HeaderNode]

    /// Keys joined by "." — e.g. `results.denied.state_secret`.
    public let key: String

    public init(nodes: [HeaderNode]) {
        precondition(!nodes.isEmpty, "a header path has at least its leaf")
        self.nodes = nodes
        self.key = nodes.map(\.key).joined(separator: ".")
    }

    public var leaf: HeaderNode { nodes[nodes.count - 1] }
    /// Labels joined by " / ", for messages.
    public var label: String { nodes.map(\.label).joined(separator: " / ") }
}

extension Array where Element == HeaderNode {
    /// Every leaf in document order, with its chain of ancestors.
    public var leafPaths: [HeaderPath] {
        var out: [HeaderPath] = []
        func walk(_ nodes: [HeaderNode], _ prefix: [HeaderNode]) {
            for node in nodes {
                if node.isLeaf {
                    out.append(HeaderPath(nodes: prefix + [node]))
                } else {
                    walk(node.children, prefix + [node])
                }
            }
        }
        walk(self, [])
        return out
    }

    public var depth: Int { map(\.depth).max() ?? 0 }
}
