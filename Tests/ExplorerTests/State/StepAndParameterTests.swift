@testable import Attention
import Testing
@testable import Explorer

/// A state in `mode` whose last computed field reported `steps` (the last is the full map).
func stateWithSteps(_ steps: [String], mode: Mode = .crissCross) -> ExplorerState {
    var state = makeState()
    state.mode = mode
    return state.recording(FieldFacts(mode: mode, steps: steps))
}

@Suite("Stepping through passes and layers")
struct SteppingTests {
    @Test func spaceAndNGoForwardThroughEveryStepBackToTheFullMap() {
        let state = stateWithSteps(["pass 1", "pass 2", "composed"])
        #expect(state.step == nil, "the full map is the mechanism's last step")
        #expect(state.typing(" ").step == 0)
        #expect(state.typing("n").step == 0)
        #expect(state.typing("  ").step == 1)
        #expect(state.typing("   ").step == nil)
        #expect(state.typing("    ").step == 0)
    }

    @Test func pGoesBack() {
        let state = stateWithSteps(["pass 1", "pass 2", "composed"])
        #expect(state.typing("p").step == 1)
        #expect(state.typing("pp").step == 0)
        #expect(state.typing("ppp").step == nil)
        #expect(state.typing(" p").step == nil)
    }

    @Test func theWheelSteps() {
        let state = stateWithSteps(["a", "b", "c"])
        #expect(update(state, .mouse(.wheelDown, x: 0, y: 0)).step == 0)
        #expect(update(state, .mouse(.wheelUp, x: 0, y: 0)).step == 1)
    }

    @Test func stepsAreRememberedPerModeAcrossSwitches() {
        let state = stateWithSteps(["pass 1", "pass 2", "composed"]).typing("1").recording(FieldFacts(mode: .global))
        #expect(state.typing("4 ").step == 0, "criss-cross's steps are still known after visiting global")
        #expect(state.typing(" ").message?.contains("single view") == true)
    }

    @Test func aFailedComputationKeepsTheKnownSteps() {
        let state = stateWithSteps(["a", "b"]).recording(FieldFacts(mode: .crissCross, error: "boom"))
        #expect(state.steps == ["a", "b"])
    }

    @Test func aSingleStepIsASingleView() {
        let state = stateWithSteps(["height pass"], mode: .axial).typing(" ")
        #expect(state.step == nil)
        #expect(state.message?.contains("single view") == true)
    }

    @Test func singleViewModesSaySo() {
        let state = stateWithSteps([], mode: .global).typing(" ")
        #expect(state.step == nil)
        #expect(state.message?.contains("single view") == true)
        #expect(makeState().typing("n").message?.contains("single view") == true, "no field yet")
    }

    @Test func theStepIsPerModeAndReachesTheEngineSettings() {
        let state = stateWithSteps(["pass 1", "pass 2"]).typing(" ")
        #expect(state.settings.step == 0)
        #expect(state.settings(for: .global).step == nil)
    }

    @Test func aStaleStepBeyondTheStepsWrapsSafely() {
        var state = stateWithSteps(["pass 1", "pass 2", "composed"])
        state.settingsByMode[.crissCross]?.step = 7
        #expect(state.typing("n").step == 0, "an out-of-range step counts as the last one")
    }
}

@Suite("Mode parameters")
struct ParameterTests {
    @Test func windowSizeStepsWithinTwoAndTheMap() {
        let window = makeState(height: 10, width: 12).typing("2")
        #expect(window.typing("=").settings.window == 8)
        #expect(window.typing("-").settings.window == 6)
        let largest = window.typing("===")
        #expect(largest.settings.window == 10)
        let refused = largest.typing("=")
        #expect(refused.settings.window == 10)
        #expect(refused.message == "window: window M stays between 2 and 10 (M = 10)")
        let smallest = window.typing("------")
        #expect(smallest.settings.window == 2)
        #expect(smallest.typing("-").message == "window: window M stays between 2 and 10 (M = 2)")
    }

    @Test func bracketsTurnSwinShiftOnAndOff() {
        let window = makeState().typing("2")
        let shifted = window.typing("]")
        #expect(shifted.settings.shift == 3)
        #expect(shifted.typing("]").message?.contains("already shifted") == true)
        #expect(shifted.typing("[").settings.shift == 0)
        #expect(window.typing("[").message?.contains("already off") == true)
        #expect(shifted.typing("=").settings.shift == 4, "the shift follows M/2 when M changes")
        #expect(shifted.typing("=").settings.window == 8)
    }

    @Test func axialPassesAreOneOrTwo() {
        let axial = makeState().typing("3")
        #expect(axial.typing("-").settings.passes == 1)
        #expect(axial.typing("--").message == "axial: passes stays 1 or 2 (passes = 1)")
        #expect(axial.typing("=").message != nil)
        #expect(axial.typing("-=").settings.passes == 2)
    }

    @Test func crissCrossPassesAndGamma() {
        let cc = makeState().typing("4")
        #expect(cc.typing("=").settings.passes == 3)
        #expect(cc.typing("==").settings.passes == 4)
        #expect(cc.typing("===").settings.passes == 5, "R has one range everywhere: 1 … 64")
        let most = cc.typing(String(repeating: "=", count: 62))
        #expect(most.settings.passes == 64)
        #expect(most.typing("=").message == "criss-cross: passes R stays between 1 and 64 (R = 64)")
        #expect(cc.typing("-").settings.passes == 1)
        #expect(cc.typing("--").settings.passes == 1)
        #expect(cc.typing("[").settings.gamma == 0.75)
        #expect(cc.typing("]]").settings.gamma == 1.5)
        #expect(cc.typing("[[[[").settings.gamma == 0)
        #expect(cc.typing("[[[[[").message?.contains("γ") == true)
    }

    @Test func changingPassesResetsTheStepAndForgetsTheSteps() {
        let state = stateWithSteps(["pass 1", "pass 2", "composed"]).typing(" =")
        #expect(state.step == nil)
        #expect(state.steps.isEmpty, "R = 3 has other steps; the next field reports them")
    }

    @Test func dcnKernelStaysOddAndDilationPositive() {
        let dcn = makeState().typing("5")
        #expect(dcn.typing("=").settings.kernel == 5)
        #expect(dcn.typing("-").settings.kernel == 1)
        let refused = dcn.typing("--")
        #expect(refused.settings.kernel == 1)
        #expect(refused.message == "dcn: kernel K stays odd, between 1 and 255 (K = 1)")
        #expect(dcn.typing("=======").settings.kernel == 17)
        let largest = dcn.typing(String(repeating: "=", count: 126))
        #expect(largest.settings.kernel == 255)
        #expect(largest.typing("=").message == "dcn: kernel K stays odd, between 1 and 255 (K = 255)")
        #expect(dcn.typing("]").settings.dilation == 2)
        #expect(dcn.typing("[").message?.contains("dilation") == true)
    }

    @Test func anEvenKernelFromTheCommandLineStepsBackOntoOddSizes() {
        var state = makeState().typing("7")
        state.settingsByMode[.neighborhood]?.kernel = 6
        #expect(state.typing("=").settings.kernel == 7, "the next odd size up")
        #expect(state.typing("-").settings.kernel == 5, "the next odd size down")
    }

    @Test func neighborhoodAndLkaKernels() {
        #expect(makeState().typing("7=").settings.kernel == 9)
        // Neighborhood's second knob is DiNAT's dilation d, from 1 up.
        #expect(makeState().typing("7]").settings.dilation == 2)
        #expect(makeState().typing("7[").message?.contains("dilation") == true)
        #expect(makeState().typing("8-").settings.kernel == 20)
        // d = 4 with K = 21 gives an even ⌈K/d⌉ = 6, which the engine refuses: the key skips it.
        #expect(makeState().typing("8]").settings.dilation == 5)
    }

    @Test func datStrideAndOffsetRange() {
        let dat = makeState().typing("6")
        let auto = DeformableAttention.defaultStride(MapDimensions(height: 24, width: 32))
        #expect(auto == 5)
        #expect(dat.typing("=").settings.stride == auto + 1)
        #expect(dat.typing("-----").settings.stride == 1)
        #expect(dat.typing("-----").message?.contains("stride") == true)
        #expect(dat.settings.offsetRange == -1)
        #expect(dat.typing("]").settings.offsetRange == 0)
        #expect(dat.typing("]]").settings.offsetRange == 1)
        #expect(dat.typing("[").message?.contains("offset range") == true)
    }

    @Test func modesWithoutKnobsSaySo() {
        for key in ["1", "9"] {
            for knob in ["-", "=", "[", "]"] {
                let state = makeState().typing(key + knob)
                #expect(state.message?.contains("no parameter") == true)
                #expect(state.settings == makeState().typing(key).settings)
            }
        }
    }

    @Test func everyKnobHasAHintValue() {
        let size = MapDimensions(height: 24, width: 32)
        for mode in Mode.allCases {
            for knob in mode.descriptor.knobs {
                #expect(!knob.display(AttentionSettings(), size).isEmpty)
            }
        }
    }
}

@Suite("Temperature and display")
struct DisplayTests {
    @Test func tAndCapitalTWalkTheLadder() {
        let state = makeState()
        #expect(state.typing("T").temperature == 1.5)
        #expect(state.typing("t").temperature == 0.7)
        #expect(state.typing("TTTTTT").temperature == 20)
        #expect(state.typing("TTTTTTT").message?.contains("highest") == true)
        #expect(state.typing("tttttt").temperature == 0.05)
        #expect(state.typing("ttttttt").message?.contains("lowest") == true)
    }

    @Test func anOffLadderTemperatureMovesToTheNearestRung() {
        var state = makeState()
        state.temperature = 1.2
        #expect(state.typing("T").temperature == 1.5)
        #expect(state.typing("t").temperature == 1)
    }

    @Test func temperatureIsSharedByEveryMode() {
        let state = makeState().typing("T5")
        #expect(state.settings.temperature == 1.5)
        #expect(state.settings(for: .global).temperature == 1.5)
    }

    @Test func vCycleCAndBCycleTheirChoices() {
        let state = makeState()
        #expect(state.valueScale == .auto)
        #expect(state.typing("v").valueScale == .linear)
        #expect(state.typing("vv").valueScale == .log4)
        #expect(state.typing("vvv").valueScale == .clip10)
        #expect(state.typing(String(repeating: "v", count: 4)).valueScale == state.valueScale)
        #expect(state.typing("C").colormap != state.colormap)
        #expect(state.typing(String(repeating: "C", count: 5)).colormap == state.colormap)
        #expect(state.typing("b").glyphStyle != state.glyphStyle)
        #expect(state.typing(String(repeating: "b", count: 5)).glyphStyle == state.glyphStyle)
    }

    @Test func iTurnsThePictureOffAndOn() {
        let state = makeState()
        #expect(state.showPicture)
        #expect(!state.typing("I").showPicture)
        #expect(state.typing("II").showPicture)
    }
}
