import Attention
import FeatureMaps
import Foundation
import Testing
@testable import Explorer

/// The worker remembers finished fields for quick returns, but never more than 24 of them nor
/// more than 128 MiB of weight maps beyond what the latest frame asked for (a 4096×4096 field
/// is 64 MiB).
@Suite struct FieldWorkerMemoryTests {
    /// A one-channel map of `side`×`side` smooth values.
    static func map(side: Int) -> FeatureMap {
        FeatureMap(channels: 1, height: side, width: side,
                   data: (0..<(side * side)).map { Float(sin(Double($0) * 0.01)) }, name: "test", origin: .synthesized(scene: "test"))
    }

    /// Asks for each request in turn, as frames would, and waits for it.
    static func walk(_ worker: FieldWorker, _ requests: [FieldRequest]) throws {
        for request in requests {
            worker.submit([request])
            let outcome = worker.wait(for: request, until: Date().addingTimeInterval(60))
            guard case .field? = outcome else {
                Issue.record("no field for \(request.query): \(String(describing: outcome))")
                return
            }
        }
    }

    @Test func largeFieldsAreForgottenByBytes() throws {
        // 256 KiB per field and a 4 MiB memory: 16 fields (the default is 128 MiB, which 24
        // fields of a 4096×4096 map would exceed 12 times).
        let worker = FieldWorker(map: Self.map(side: 256), inputs: AttentionInputs(), memoryBytes: 4 << 20)
        defer { worker.stop() }
        let requests = (0..<40).map { FieldRequest(mode: .lka, query: Position(row: $0, col: $0), settings: AttentionSettings()) }
        try Self.walk(worker, requests)
        let (count, bytes) = worker.remembered
        #expect(bytes <= 4 << 20, "\(bytes) bytes in \(count) fields")
        #expect(count == 16, "\(count)")
        // The latest frame's field is still there.
        #expect(worker.outcome(of: requests[39]) != nil)
    }

    @Test func smallFieldsAreForgottenByCount() throws {
        let worker = FieldWorker(map: Self.map(side: 8), inputs: AttentionInputs())
        defer { worker.stop() }
        let requests = (0..<60).map { FieldRequest(mode: .global, query: Position(row: $0 / 8, col: $0 % 8 == 0 ? 0 : $0 % 8),
                                                   settings: AttentionSettings()) }
        try Self.walk(worker, Array(Set(requests)))
        #expect(worker.remembered.count == 24)
    }

    @Test func theWantedFieldsStayWhateverTheirSize() throws {
        // Four 256 KiB fields (the compare view) over a 512 KiB memory: all four stay.
        let worker = FieldWorker(map: Self.map(side: 256), inputs: AttentionInputs(), memoryBytes: 512 << 10)
        defer { worker.stop() }
        let four = (0..<4).map { FieldRequest(mode: .lka, query: Position(row: 60 * $0, col: 7), settings: AttentionSettings()) }
        worker.submit(four)
        for request in four { _ = worker.wait(for: request, until: Date().addingTimeInterval(60)) }
        #expect(four.allSatisfy { worker.outcome(of: $0) != nil })
        let (count, bytes) = worker.remembered
        #expect(count == 4 && bytes == 4 * 256 * 256 * 4, "\(count) fields, \(bytes) bytes")
    }
}
