import Dispatch

/// Work spread over all cores, with results in input order (so output never depends on timing).
public enum Parallel {
    /// Set to true to run everything on the calling thread (to compare with the parallel result).
    nonisolated(unsafe) public static var serial = false

    public static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        guard count > 1, !serial else { return (0..<count).map(body) }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let body = body
            nonisolated(unsafe) let results = results
            DispatchQueue.concurrentPerform(iterations: count) { i in
                results[i] = body(i)  // each index is written by exactly one iteration
            }
        }
        return results.map { $0! }
    }
}
