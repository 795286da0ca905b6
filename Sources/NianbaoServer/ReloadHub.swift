import Foundation

/// The browser tabs that listen for new builds (Server-Sent Events), and the script that makes
/// them listen.
///
/// Every page `serve` sends carries the generation it was made from. A tab's event stream first
/// gets `hello` with the current generation, then `reload` with each new one; the script reloads
/// the page whenever the generation it hears differs from its own. So a build that finished
/// between the page load and the stream's opening is not missed, and tabs of an earlier run of
/// `serve` reload once this one answers.
public final class ReloadHub: @unchecked Sendable {
    /// The event stream's path. Sites cannot use it: their paths never start with `__nianbao`.
    public static let eventsPath = "/__nianbao/events"

    private let lock = NSLock()
    private var subscribers: [Int: AsyncStream<String>.Continuation] = [:]
    private var nextID = 0
    private var closed = false
    /// Identifies this run of the server.
    private let run: String
    private var count = 0

    public init() {
        run = String(UInt64(Date().timeIntervalSince1970 * 1000), radix: 36) + String(UInt32.random(in: 0...UInt32.max), radix: 36)
    }

    /// The generation of what the server currently shows: letters, digits and `-`.
    public var generation: String {
        lock.lock()
        defer { lock.unlock() }
        return "\(run)-\(count)"
    }

    /// Open event streams.
    public var listeners: Int {
        lock.lock()
        defer { lock.unlock() }
        return subscribers.count
    }

    /// A new stream of event-stream text, starting with `hello`. It ends when the hub closes.
    func subscribe() -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(8))
        lock.lock()
        defer { lock.unlock() }
        guard !closed else {
            continuation.finish()
            return stream
        }
        let id = nextID
        nextID += 1
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        continuation.yield("retry: 1000\nevent: hello\ndata: \(run)-\(count)\n\n")
        subscribers[id] = continuation
        return stream
    }

    private func remove(_ id: Int) {
        lock.lock()
        subscribers[id] = nil
        lock.unlock()
    }

    /// Starts a new generation and tells every open tab to reload. Returns the new generation.
    @discardableResult
    public func publish() -> String {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        let generation = "\(run)-\(count)"
        for continuation in subscribers.values { continuation.yield("event: reload\ndata: \(generation)\n\n") }
        return generation
    }

    /// A comment line on every stream, so connections whose tab has gone are noticed and dropped.
    public func heartbeat() {
        lock.lock()
        defer { lock.unlock() }
        for continuation in subscribers.values { continuation.yield(": \n\n") }
    }

    /// Ends every stream, now and for streams opened later (the server is stopping: an open
    /// stream would keep its connection busy and the server from stopping).
    public func close() {
        lock.lock()
        closed = true
        let open = subscribers.values
        subscribers = [:]
        lock.unlock()
        for continuation in open { continuation.finish() }
    }

    /// The script injected into pages served by `serve` (never into the files of the site).
    static func script(generation: String) -> String {
        """
        <script>/* nianbao serve: live reload */(function(){if(!window.EventSource)return;\
        var g="\(generation)",s=new EventSource("\(eventsPath)");\
        function c(e){if(e.data!==g){s.close();location.reload();}}\
        s.addEventListener("hello",c);s.addEventListener("reload",c);})();</script>

        """
    }
}
