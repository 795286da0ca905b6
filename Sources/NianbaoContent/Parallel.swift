import Dispatch

/// Work spread over all cores, with results in input order (so output never depends on timing).
public enum Parallel {
    /// Set to true to run everything on the calling thread (to compare with the parallel result).
    nonisolated(unsafe) public static var serial = false

    /// `body(0) … body(count - 1)` on all cores. `chunk`: indices a core takes at a time (many
    /// small items: fewer hand-offs, and no two cores writing results side by side).
    public static func map<T>(_ count: Int, chunk: Int = 1, _ body: (Int) -> T) -> [T] {
        guard count > 1, !serial else { return (0..<count).map(body) }
        let chunk = max(1, chunk)
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let body = body
            nonisolated(unsafe) let results = results
            DispatchQueue.concurrentPerform(iterations: (count + chunk - 1) / chunk) { c in
                // each index is written by exactly one iteration
                for i in c * chunk..<min(count, (c + 1) * chunk) { results[i] = body(i) }
            }
        }
        return results.map { $0! }
    }

    /// `a()` and `b()` at once, on two cores.
    public static func both<A, B>(_ a: () -> A, _ b: () -> B) -> (A, B) {
        let results = map(2) { i -> Any in i == 0 ? a() : b() }
        return (results[0] as! A, results[1] as! B)
    }
}
