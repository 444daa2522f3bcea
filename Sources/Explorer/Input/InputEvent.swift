/// One thing that happened to the explorer: a key, a mouse action, a resize or a clock tick.
///
/// The terminal layer translates what ncurses reports into these values, so the explorer's
/// `update` stays a pure function that tests can drive without a terminal.
public enum InputEvent: Hashable, Sendable {
    /// A key press.
    case key(Key)
    /// A mouse action at a screen cell (column `x`, row `y`, 0-based).
    case mouse(MouseAction, x: Int, y: Int)
    /// The terminal now has `columns` × `rows` cells.
    case resize(columns: Int, rows: Int)
    /// Nothing happened for a while (the loop's poll timed out).
    case tick
}

/// A key as the explorer understands it.
public enum Key: Hashable, Sendable {
    /// A printable character (letters, digits, punctuation, space).
    case character(Character)
    /// Ctrl plus a letter, as the control code 1…26 (Ctrl-C is 3, Ctrl-L 12, Ctrl-Z 26).
    case control(UInt8)
    /// Arrow up.
    case up
    /// Arrow down.
    case down
    /// Arrow left.
    case left
    /// Arrow right.
    case right
    /// Tab.
    case tab
    /// Shift-Tab.
    case backTab
    /// Escape.
    case escape
    /// Return or Enter.
    case enter
    /// Home (the top-left corner, like `g`).
    case home
    /// End (the bottom-right corner, like `G`).
    case end
    /// Anything else (function keys, unknown sequences): ignored.
    case other

    /// Ctrl-C.
    public static let controlC = Key.control(3)
    /// Ctrl-L.
    public static let controlL = Key.control(12)
    /// Ctrl-Z.
    public static let controlZ = Key.control(26)
}

/// What the mouse did.
public enum MouseAction: Hashable, Sendable {
    /// The primary button went down.
    case press
    /// The wheel turned up (away from the user).
    case wheelUp
    /// The wheel turned down (towards the user).
    case wheelDown
}
