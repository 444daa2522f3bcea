import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The steps of a shipped tour as the test reads them: (step name, first caption line).
func tourSteps(_ name: String) throws -> (title: String, steps: [(name: String, caption: String)]) {
    let path = AttnscopeBinary.packageRoot.appendingPathComponent("demos/\(name).tour").path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var title = ""
    var steps: [(String, String)] = []
    for line in text.split(separator: "\n").map(String.init) {
        if line.hasPrefix("title ") { title = String(line.dropFirst(6)) }
        if line.hasPrefix("step ") { steps.append((String(line.dropFirst(5)), "")) }
        if line.hasPrefix("caption "), !steps.isEmpty, steps[steps.count - 1].1.isEmpty {
            steps[steps.count - 1].1 = String(line.dropFirst(8))
        }
    }
    return (title, steps)
}

@Suite("Tours, sessions, export and recording end to end (tmux)", .enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct TourEndToEndTests {
    @Test(arguments: ["mechanisms", "criss-cross", "swin"])
    func theShippedToursPlayForwardAndBack(_ name: String) throws {
        let tour = AttnscopeBinary.packageRoot.appendingPathComponent("demos/\(name).tour").path
        let (title, steps) = try tourSteps(name)
        let session = try startAttnscope(["tour", tour], width: 180, height: 44)
        let count = steps.count
        for (index, step) in steps.enumerated() {
            if index > 0 { try session.send("Space") }
            let screen = try session.waitUntil("step \(index + 1) with the tour's title") {
                $0.contains("step \(index + 1)/\(count) · \(step.name):") && $0.contains(title)
            }
            #expect(screen.contains(title))
            // The caption's opening words follow the step's name on the caption line.
            let opening = String(step.caption.prefix(24))
            _ = try session.waitUntil("caption of step \(index + 1): \(opening)") {
                $0.replacingOccurrences(of: "\n", with: " ").contains(opening)
            }
        }
        // Past the last step: a message, nothing else changes.
        try session.send("Space")
        try session.waitFor("that was the last step")
        try session.send("BSpace")
        try session.waitFor("step \(count - 1)/\(count) · \(steps[count - 2].name):")
        try session.send("BSpace")
        try session.waitFor("step \(count - 2)/\(count) · \(steps[count - 3].name):")
        try quitCleanly(session)
    }

    @Test func malformedToursAreRefusedWithFileAndLine() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/bad.tour"
        try "title Bad\nstep one\nmode global\nquery 3\n".write(toFile: path, atomically: true, encoding: .utf8)
        let session = try startAttnscope(["tour", path], width: 250, height: 10)
        let status = try session.waitForExit()
        let screen = session.capture(history: true)
        #expect(screen.contains("\(path):4: query: expected R,C"))
        #expect(status != 0)
    }

    @Test func writesASessionExportsAndRecordsThenRestoresTheSession() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cast = dir + "/run.cast"
        var session: TmuxSession? = try startAttnscope(["--record", "run.cast"], width: 120, height: 36, in: dir)
        try session!.waitFor("global q=")
        try session!.send("4")  // criss-cross
        try session!.waitFor("criss-cross q=")
        try session!.send("x")  // target cursor
        try session!.send("Down")
        try session!.waitFor("routes")
        try session!.send("P")
        try session!.send("w")
        try session!.waitFor("session written to")
        try session!.send("e")
        try session!.waitFor("exported")
        try quitCleanly(session!)
        session = nil

        let files = try FileManager.default.contentsOfDirectory(atPath: dir)
        let sessionFile = try #require(files.first { $0.hasPrefix("attnscope-session-") && $0.hasSuffix(".txt") })
        for ext in ["svg", "ans", "json", "npy"] {
            #expect(files.contains { $0.hasPrefix("attnscope-criss-cross-") && $0.hasSuffix(".\(ext)") }, "no .\(ext) export")
        }
        let saved = try String(contentsOfFile: dir + "/" + sessionFile, encoding: .utf8)
        #expect(saved.contains("mode criss-cross\nquery ") && saved.contains("cursor target") && saved.contains("presenter on"))

        // The recording: a v2 header, then time-ordered output events.
        let lines = try String(contentsOfFile: cast, encoding: .utf8).split(separator: "\n")
        let header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(header["version"] as? Int == 2 && header["width"] as? Int == 120 && header["height"] as? Int == 36)
        #expect(header["timestamp"] is Int)
        #expect(lines.count > 4)
        var sawCrissCross = false
        for line in lines.dropFirst() {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
            #expect(event.count == 3 && event[0] is Double && event[1] as? String == "o")
            if (event[2] as? String)?.contains("criss-cross q=") == true { sawCrissCross = true }
        }
        #expect(sawCrissCross)

        // Restoring the session opens the same view: criss-cross, the target's routes, presenter.
        let restore = try startAttnscope(["--session", dir + "/" + sessionFile], width: 120, height: 36)
        try restore.waitFor("criss-cross q=")
        try restore.waitFor("╵")
        try restore.waitFor("cursor:target")
        try quitCleanly(restore)
    }

    @Test func aTourFindsItsMapNextToIt() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fixture = AttnscopeBinary.packageRoot.appendingPathComponent("Tests/attnscopeTests/Fixtures/explorer-24x32.npy").path
        try FileManager.default.copyItem(atPath: fixture, toPath: dir + "/lesson-map.npy")
        try "title Local\nmap lesson-map.npy\nstep Only\nmode lka\nquery 3,4\ncaption On its own map.\n"
            .write(toFile: dir + "/lesson.tour", atomically: true, encoding: .utf8)
        let elsewhere = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        let session = try startAttnscope(["tour", dir + "/lesson.tour"], width: 160, height: 40, in: elsewhere)
        // The status line is drawn after the caption: wait for both.
        let screen = try session.waitUntil("the step's caption and status") {
            $0.contains("step 1/1 · Only: On its own map.") && $0.contains("lka q=3,4") && $0.contains("lesson-map")
        }
        #expect(screen.contains("lka q=3,4"))
        #expect(screen.contains("lesson-map"))
        // A session written here names the map by its absolute path, so it restores from anywhere.
        try session.send("w")
        try session.waitFor("session written to")
        try quitCleanly(session)
        let written = try #require(try FileManager.default.contentsOfDirectory(atPath: elsewhere).first { $0.hasPrefix("attnscope-session-") })
        let text = try String(contentsOfFile: elsewhere + "/" + written, encoding: .utf8)
        #expect(text.contains("\nmap \(dir)/lesson-map.npy\n"))
        let restored = try startAttnscope(["--session", elsewhere + "/" + written], width: 160, height: 40)
        let again = try restored.waitUntil("the restored step with its caption") {
            $0.contains("lka q=3,4") && $0.contains("On its own map.")
        }
        #expect(again.contains("On its own map."))
        try quitCleanly(restored)
    }

    @Test func aTourSwitchesMapsBetweenStepsAndBack() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try """
            title Two maps
            map scene:default
            step Default
            mode global
            query 20,30
            caption The default scene.
            step Tiny
            map scene:tiny
            mode lka
            caption Now the tiny scene.
            """.write(toFile: dir + "/two.tour", atomically: true, encoding: .utf8)
        let session = try startAttnscope(["tour", dir + "/two.tour"], width: 160, height: 40)
        try session.waitFor("global q=20,30")
        try session.send("Space")
        let tiny = try session.waitUntil("step 2 on the tiny scene") {
            $0.contains("step 2/2 · Tiny: Now the tiny scene.") && $0.contains("scene:tiny")
        }
        #expect(tiny.contains("scene:tiny"))
        try session.waitFor("lka q=4,4")
        try session.send("BSpace")
        try session.waitFor("global q=20,30")
        try quitCleanly(session)
    }

    @Test func quizLayersAndComparePanelsAnswerKeys() throws {
        let session = try startAttnscope(["--mode", "neighborhood", "--kernel", "3"], width: 160, height: 40)
        try session.waitFor("neighborhood q=")
        try session.send(">", ">")
        try session.waitFor("reach 49 px after 3 layers")
        try session.send("Q")
        try session.waitFor("Enter reveals and scores it")
        try session.send("l", "l")
        try session.waitFor("quiz: guess ")
        try session.send("Enter")
        try session.waitFor("mean rank")
        try session.send("c")
        try session.waitFor("Compare: the same query under Global (ViT / Non-local), Swin window, Deformable conv (DCN) and DAT")
        try session.send("2", "5", "6", "3")
        try session.waitFor("Compare: the same query under Global (ViT / Non-local) and Axial-DeepLab.")
        try quitCleanly(session)
    }

    @Test func aMalformedSessionIsRefusedWithFileAndLine() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/s.txt"
        try "map scene:default\nmode global\npresenter sometimes\n".write(toFile: path, atomically: true, encoding: .utf8)
        let session = try startAttnscope(["--session", path], width: 250, height: 10)
        let status = try session.waitForExit()
        let screen = session.capture(history: true)
        #expect(screen.contains("--session \(path):3: presenter: expected on or off, got 'sometimes'"))
        #expect(status != 0)
    }
}
