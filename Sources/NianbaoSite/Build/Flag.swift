import Foundation

/// A flag any thread may raise, e.g. "an error was found: stop rendering".
final class Flag: @unchecked Sendable {
    private var raised = false
    private let lock = NSLock()

    func set() {
        lock.lock()
        raised = true
        lock.unlock()
    }

    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return raised
    }
}
