import Attention
import FeatureMaps
import Foundation

/// Computes fields on a background thread so that long query-independent preparation (a huge
/// map, DAT's offset network) never blocks the keyboard.
///
/// The engine and its mechanisms are not Sendable, so they live on the worker thread alone;
/// the UI thread talks to it through a lock-protected mailbox: it posts the requests of the
/// current frame (replacing older ones nobody wants any more) and reads finished outcomes.
public final class FieldWorker: @unchecked Sendable {
    // Everything below is guarded by `condition`.
    private let condition = NSCondition()
    private var pending: [FieldRequest] = []
    private var finished: [FieldRequest: FieldOutcome] = [:]
    private var finishOrder: [FieldRequest] = []
    private var working: FieldRequest?
    private var stopped = false
    private var thread: Thread?

    /// How many finished outcomes to remember (the compare view needs four at once).
    private let memory = 24

    /// Starts the worker thread with an engine over `map` and `inputs`.
    public init(map: FeatureMap, inputs: AttentionInputs) {
        let thread = Thread {  // holds the worker until `stop()` ends the loop
            self.run(engine: AttentionEngine(map: map, inputs: inputs))
        }
        thread.name = "attnscope-fields"
        thread.stackSize = 8 << 20
        self.thread = thread
        thread.start()
    }

    /// Asks for `requests` (in priority order), dropping earlier requests not yet started.
    public func submit(_ requests: [FieldRequest]) {
        condition.lock()
        pending = requests.filter { finished[$0] == nil && $0 != working }
        condition.broadcast()
        condition.unlock()
    }

    /// The outcome of `request` if it is done.
    public func outcome(of request: FieldRequest) -> FieldOutcome? {
        condition.lock()
        defer { condition.unlock() }
        return finished[request]
    }

    /// Waits until `request` is done or `deadline` passes.
    public func wait(for request: FieldRequest, until deadline: Date) -> FieldOutcome? {
        condition.lock()
        defer { condition.unlock() }
        while finished[request] == nil && !stopped {
            if !condition.wait(until: deadline) { break }
        }
        return finished[request]
    }

    /// Stops the thread after its current computation (it is not waited for).
    public func stop() {
        condition.lock()
        stopped = true
        pending.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    deinit { stop() }

    /// The worker loop: take the first pending request, compute it, publish the outcome.
    private func run(engine: AttentionEngine) {
        while true {
            condition.lock()
            while pending.isEmpty && !stopped { condition.wait() }
            if stopped { condition.unlock(); return }
            let request = pending.removeFirst()
            working = request
            condition.unlock()

            let outcome = FieldWorker.compute(request, engine: engine)

            condition.lock()
            working = nil
            finished[request] = outcome
            finishOrder.append(request)
            if finishOrder.count > memory { finished[finishOrder.removeFirst()] = nil }
            condition.broadcast()
            condition.unlock()
        }
    }

    /// One computation; every engine error becomes a failure the status line shows.
    static func compute(_ request: FieldRequest, engine: AttentionEngine) -> FieldOutcome {
        do {
            let mechanism = try engine.mechanism(request.mode, settings: request.settings)
            let field = try TeachingCompute.field(request.teaching, mode: request.mode, query: request.query,
                                                  settings: request.settings, engine: engine)
            return .field(field, steps: mechanism.steps)
        } catch {
            return .failure(String(describing: error))
        }
    }
}
