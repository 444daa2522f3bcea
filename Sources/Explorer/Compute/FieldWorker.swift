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

    /// The requests of the latest frame, never forgotten while they are wanted.
    private var wanted: Set<FieldRequest> = []
    /// The bytes of the weight maps held in `finished`.
    private var finishedBytes = 0

    /// How many finished outcomes to remember (the compare view needs four at once).
    private let memory = 24
    /// How many bytes of finished weight maps to remember beyond the latest frame's: on a
    /// 4096×4096 map one field is 64 MiB, and 24 of them would be 1.5 GB.
    private let memoryBytes: Int

    /// Starts the worker thread with an engine over `map` and `inputs` that uses the machine as
    /// `runtime` says.
    public convenience init(map: FeatureMap, inputs: AttentionInputs, runtime: RuntimeConfiguration = RuntimeConfiguration()) {
        self.init(map: map, inputs: inputs, runtime: runtime, memoryBytes: 128 << 20)
    }

    /// Starts the worker, remembering at most `memoryBytes` of finished maps beyond the
    /// latest frame's.
    init(map: FeatureMap, inputs: AttentionInputs, runtime: RuntimeConfiguration = RuntimeConfiguration(), memoryBytes: Int) {
        self.memoryBytes = memoryBytes
        let thread = Thread {  // holds the worker until `stop()` ends the loop
            self.run(engine: AttentionEngine(map: map, inputs: inputs, runtime: runtime))
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
        wanted = Set(requests)
        forgetOldOutcomes()
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

    /// How many finished outcomes, and how many bytes of their maps, the worker remembers.
    var remembered: (count: Int, bytes: Int) {
        condition.lock()
        defer { condition.unlock() }
        return (finished.count, finishedBytes)
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
            finishedBytes += FieldWorker.bytes(of: outcome)
            finishOrder.append(request)
            forgetOldOutcomes()
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Drops the oldest outcomes beyond `memory`, then beyond `memoryBytes`, keeping the ones
    /// the latest frame asked for. Called with the lock held.
    private func forgetOldOutcomes() {
        var index = 0
        while index < finishOrder.count && (finishOrder.count > memory || finishedBytes > memoryBytes) {
            let request = finishOrder[index]
            if wanted.contains(request) {
                index += 1
                continue
            }
            finishOrder.remove(at: index)
            if let outcome = finished.removeValue(forKey: request) { finishedBytes -= FieldWorker.bytes(of: outcome) }
        }
    }

    /// The memory an outcome holds (its weight map and samples).
    static func bytes(of outcome: FieldOutcome) -> Int {
        guard case let .field(field, _) = outcome else { return 0 }
        return field.storedWeights.bytes + field.samples.count * MemoryLayout<Sample>.stride
    }

    /// One computation; every engine error becomes a failure the status line shows.
    public static func compute(_ request: FieldRequest, engine: AttentionEngine) -> FieldOutcome {
        do {
            let mechanism = try engine.mechanism(request.mode, settings: request.settings)
            var field: AttentionField
            if let token = request.prefixToken {
                field = try engine.field(request.mode, prefixToken: token, settings: request.settings)
                field.query = request.query  // the cursor stays where the grid query comes back to
            } else {
                field = try TeachingCompute.field(request.teaching, mode: request.mode, query: request.query,
                                                  settings: request.settings, engine: engine)
            }
            field.countDisplayFacts()  // here, off the UI thread: a frame reads them, never rescans
            return .field(field, steps: mechanism.steps)
        } catch let AttentionError.setting(error) {
            return .failure(KnobKeys.message(error))  // named as the keys name it (K, d, …)
        } catch {
            return .failure(String(describing: error))
        }
    }
}
