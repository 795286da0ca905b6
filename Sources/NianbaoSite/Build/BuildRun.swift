import NianbaoModel

/// A build in progress: its result so far and the clock of its stages (`--verbose` prints them).
struct BuildRun {
    let options: SiteBuilder.Options
    var result = SiteBuilder.Result()
    private let clock = ContinuousClock()
    private var start: ContinuousClock.Instant

    init(_ options: SiteBuilder.Options) {
        self.options = options
        start = clock.now
    }

    var hasErrors: Bool { result.diagnostics.hasErrors }

    /// Ends the stage named `stage`: its time goes into the result.
    mutating func lap(_ stage: String) {
        let now = clock.now
        result.stageTimes.append((stage, now - start))
        start = now
    }

    /// A completed build's result goes to `options.finish` when there is one (which ends the
    /// process, leaving the build's memory to the system instead of freeing it piece by piece).
    func finished() -> SiteBuilder.Result {
        if result.succeeded, let finish = options.finish { finish(result) }
        return result
    }
}
