import Dispatch
import Foundation
import Hummingbird
import NianbaoContent
import NianbaoModel
import NianbaoSite

#if canImport(Glibc)
    import Glibc
#endif

/// `nianbao serve`: builds the site, serves the output folder over HTTP, rebuilds when the
/// content or the templates change, and makes open tabs reload.
///
/// It serves the output folder itself rather than a folder of its own: a build replaces the
/// output in one step and never touches it when the content has errors, so the folder always
/// holds the last good build (exactly what `nianbao build` would leave for publication), and the
/// incremental build's state beside it is shared with `nianbao build`. While the last build
/// failed, pages show the error page instead.
public final class PreviewServer: @unchecked Sendable {
    /// What the server shows now.
    public struct Status: Sendable {
        /// Changes whenever what pages show changes; pages carry it, tabs compare it.
        public var generation: String
        /// The last build failed: pages show the error page.
        public var failed = false
        public var diagnostics: [Diagnostic] = []
        public var sources: [String: String] = [:]
    }

    /// What one build changed for the browser.
    public struct BuildEvent: Sendable {
        public var result: SiteBuilder.Result
        /// Open tabs were told to reload.
        public var reloaded: Bool
        /// The paths whose change started the build (empty for the first build).
        public var changes: [String]
    }

    public let options: SiteBuilder.Options
    public let hub = ReloadHub()
    private let lock = NSLock()
    private var current: Status
    private let buildLock = NSLock()
    private let onBuild: (@Sendable (BuildEvent) -> Void)?

    /// - Parameter onBuild: Called after every build (from the thread that ran it), to print it.
    public init(options: SiteBuilder.Options, onBuild: (@Sendable (BuildEvent) -> Void)? = nil) {
        var options = options
        options.progress = nil
        self.options = options
        self.onBuild = onBuild
        current = Status(generation: hub.generation)
    }

    public var status: Status {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    /// The folders watched for changes: the content and, if any, the templates.
    public var watchedFolders: [String] {
        [options.content] + (options.templates.map { [$0] } ?? [])
    }

    // MARK: Building

    /// Builds the site (incrementally) and, if what pages show changed, tells open tabs to
    /// reload. Builds never overlap. If another process builds into the same output folder,
    /// waits for it (up to 30 s) and tries again.
    @discardableResult
    public func rebuild(changes: [String] = []) -> SiteBuilder.Result {
        buildLock.lock()
        defer { buildLock.unlock() }
        var result = SiteBuilder.build(options)
        var waited = 0
        while !result.succeeded, result.diagnostics.count == 1, result.diagnostics[0].rule == "output.busy", waited < 150 {
            usleep(200_000)
            waited += 1
            result = SiteBuilder.build(options)
        }
        let failed = !result.succeeded
        let changedFiles = (result.written?.written ?? 0) + (result.written?.removed ?? 0) > 0
        lock.lock()
        let reload = failed != current.failed || (failed && result.diagnostics != current.diagnostics) || (!failed && changedFiles)
        current.failed = failed
        current.diagnostics = result.diagnostics
        current.sources = failed ? result.sources : [:]
        if reload { current.generation = hub.publish() }
        lock.unlock()
        onBuild?(BuildEvent(result: result, reloaded: reload, changes: changes))
        return result
    }

    // MARK: Serving

    public var responder: SiteResponder { SiteResponder(server: self) }

    /// The Hummingbird application: `responder` on `host:port` (port 0: any free port).
    /// `onReady` gets the port actually bound.
    public func application(host: String, port: Int, onReady: @escaping @Sendable (Int) -> Void = { _ in })
        -> Application<SiteResponder>
    {
        var app = Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in onReady(channel.localAddress?.port ?? port) }
        )
        // Hummingbird's log lines are English; nianbao prints its own.
        app.logger.logLevel = .critical
        return app
    }

    /// Watches, serves and rebuilds until SIGINT or SIGTERM (Ctrl-C); then closes the event
    /// streams (so the server's graceful shutdown does not wait for them), stops listening at
    /// once and returns. Call `rebuild()` first.
    public func run(host: String, port: Int, onReady: @escaping @Sendable (Int) -> Void, onWarning: @escaping @Sendable (String) -> Void) async throws {
        let output = URL(fileURLWithPath: options.output).standardizedFileURL.path
        let watcher = try FolderWatcher(
            roots: watchedFolders, excluding: [output, OutputWriter.stateFolder(for: options.output).path],
            onWarning: onWarning
        ) { [weak self] changes in
            self?.rebuild(changes: changes)
        }
        watcher.start()
        defer { watcher.stop() }

        let hub = self.hub
        let heartbeat = DispatchSource.makeTimerSource(queue: .global())
        heartbeat.schedule(deadline: .now() + 15, repeating: 15)
        heartbeat.setEventHandler { hub.heartbeat() }
        heartbeat.resume()
        defer { heartbeat.cancel() }

        // Hummingbird's service group starts a graceful shutdown on the same signals; a second
        // Ctrl-C ends the process at once.
        var stops: [any DispatchSourceSignal] = []
        let signals = SignalCount()
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                if signals.increment() > 1 { _exit(130) }
                hub.close()
            }
            source.resume()
            stops.append(source)
        }
        defer {
            for source in stops { source.cancel() }
            hub.close()
        }
        try await application(host: host, port: port, onReady: onReady).runService()
    }
}

private final class SignalCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return count
    }
}
