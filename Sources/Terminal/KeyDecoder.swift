import CNcurses
import Explorer

/// Turns what `wget_wch` reports into the explorer's `Key`.
enum KeyDecoder {
    /// A character code (raw mode: control codes arrive as themselves).
    static func key(forCharacter code: UInt32) -> Key {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 1...26: return .control(UInt8(code))
        case 127: return .backspace  // DEL, what most terminals send for Backspace
        case 0..<32: return .other
        default:
            guard let scalar = Unicode.Scalar(code) else { return .other }
            return .character(Character(scalar))
        }
    }

    /// A curses KEY_* code.
    static func key(forFunctionKey code: Int32) -> Key {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_BTAB: return .backTab
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        default: return .other
        }
    }
}
