/// Exact sums of amounts written as decimal text (`0.0350`, `12`, `1.5`): digits as scaled
/// integers, the result with as many decimals as the most precise term.
public enum AmountSum {
    public static func sum(_ texts: [String]) -> String? {
        var scale = 0
        var parts: [(Int, Int)] = []  // (scaled value, decimals)
        for text in texts {
            let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
            guard (1...2).contains(pieces.count), let whole = Int(pieces[0]), whole >= 0,
                pieces.count == 1 || (!pieces[1].isEmpty && pieces[1].allSatisfy(\.isASCII) && Int(pieces[1]) != nil)
            else { return nil }
            let decimals = pieces.count == 2 ? pieces[1].count : 0
            guard decimals <= 8 else { return nil }
            parts.append((whole * pow10(decimals) + (pieces.count == 2 ? Int(pieces[1])! : 0), decimals))
            scale = max(scale, decimals)
        }
        let total = parts.reduce(0) { $0 + $1.0 * pow10(scale - $1.1) }
        guard scale > 0 else { return String(total) }
        let fraction = String(total % pow10(scale))
        return "\(total / pow10(scale))." + String(repeating: "0", count: scale - fraction.count) + fraction
    }

    static func pow10(_ n: Int) -> Int { (0..<n).reduce(1) { p, _ in p * 10 } }
}
