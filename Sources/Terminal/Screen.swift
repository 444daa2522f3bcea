import CNcurses
import Explorer
import Foundation
import Rendering
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The curses screen: setup, drawing, input and teardown on every way out.
///
/// Made with `newterm` (not `initscr`, which exits the process on an unknown TERM), in raw mode so
/// that Ctrl-C and Ctrl-Z arrive as keys the explorer handles itself.
public final class Screen {
    /// What the terminal can show.
    public let capabilities: TerminalCapabilities
    private var painter: CanvasPainter
    private var screen: OpaquePointer?
    private let mouse: Bool
    private var ended = false

    /// Checks that stdin and stdout are a terminal that can address the cursor, without touching it.
    public static func check(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        if isatty(STDOUT_FILENO) == 0 { throw TerminalError.notATerminal(stream: "standard output") }
        if isatty(STDIN_FILENO) == 0 { throw TerminalError.notATerminal(stream: "standard input") }
        guard let term = environment["TERM"], !term.isEmpty else { throw TerminalError.unsupportedTerminal(term: nil) }
        if term == "dumb" { throw TerminalError.unsupportedTerminal(term: term) }
    }

    /// Whether the locale (after `setlocale(LC_ALL, "")`) is UTF-8.
    public static func localeIsUnicode() -> Bool {
        setlocale(LC_ALL, "")
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    /// Starts curses on this terminal.
    ///
    /// - Parameters:
    ///   - mouse: whether to ask for mouse events.
    ///   - maximumColors: caps the colours used (`--color 8`, `none` = 0); nil uses what the terminal has.
    ///   - asciiOnly: draw ASCII only (`--ascii`), transliterating any other character.
    public init(mouse: Bool, maximumColors: Int? = nil, asciiOnly: Bool = false) throws {
        try Screen.check()
        let unicode = Screen.localeIsUnicode()
        let term = ProcessInfo.processInfo.environment["TERM"]
        try Signals.install()
        guard let made = newterm(nil, attn_stdout(), attn_stdin()) else {
            throw TerminalError.unsupportedTerminal(term: term)
        }
        screen = made
        set_term(made)
        Signals.chainWindowChange()
        guard attn_has_cursor_addressing() != 0 else {
            endwin()
            delscreen(made)
            screen = nil
            throw TerminalError.unsupportedTerminal(term: term)
        }
        var colors = 0, pairs = 0
        if has_colors() {
            start_color()
            use_default_colors()
            colors = Int(attn_colors())
            pairs = Int(attn_pair_limit())
        }
        if let maximumColors { colors = min(colors, maximumColors) }
        if colors == 0 { pairs = 0 }
        capabilities = TerminalCapabilities(colors: colors, colorPairs: pairs, unicode: unicode, term: term ?? "")
        painter = CanvasPainter(capabilities: capabilities, asciiOnly: asciiOnly)
        self.mouse = mouse
        Screen.configureModes(mouse: mouse)
    }

    /// Raw input, no echo, keypad decoding, a short Esc delay, hidden cursor, optional mouse.
    private static func configureModes(mouse: Bool) {
        let window = attn_stdscr()
        raw()
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(25)
        curs_set(0)
        leaveok(window, true)
        scrollok(window, false)
        if mouse {
            mousemask(attn_all_mouse_events(), nil)
            mouseinterval(0)
        }
    }

    deinit { end() }

    /// The screen size in cells.
    public var size: (columns: Int, rows: Int) {
        let window = attn_stdscr()
        return (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    /// Draws `canvas`, writing only what changed since the last frame.
    public func draw(_ canvas: Canvas) {
        guard !ended else { return }
        painter.paint(canvas)
    }

    /// Makes the next `draw` repaint every cell and the terminal clear itself (Ctrl-L, SIGCONT).
    public func invalidate() {
        guard !ended else { return }
        painter.invalidate()
        clearok(attn_stdscr(), true)
    }

    /// Waits up to `milliseconds` for input; nil when none came or a signal woke the wait.
    ///
    /// The wait is a `poll` on the terminal and the signal pipe, not curses' own timed read, so a
    /// signal delivered to any thread ends it at once. What curses has already buffered (the rest
    /// of a paste, a key after an escape sequence) is read first, without waiting.
    public func nextEvent(timeoutMilliseconds milliseconds: Int32) -> InputEvent? {
        guard !ended else { return nil }
        if let event = readEvent() { return event }
        guard milliseconds > 0 else { return nil }
        var descriptors = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: Signals.wakeDescriptor, events: Int16(POLLIN), revents: 0)]
        _ = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
        if descriptors[1].revents != 0 { Signals.drainWakeups() }
        // Read even after a wake-up: a SIGWINCH becomes KEY_RESIZE on curses' next read.
        return readEvent()
    }

    /// One event from curses without waiting (an escape sequence still gets ESCDELAY to complete).
    private func readEvent() -> InputEvent? {
        let window = attn_stdscr()
        wtimeout(window, 0)
        var code: wint_t = 0
        let result = wget_wch(window, &code)
        if result == KEY_CODE_YES { return functionKey(Int32(bitPattern: code)) }
        if result == OK { return .key(KeyDecoder.key(forCharacter: UInt32(code))) }
        return nil
    }

    /// Whether the terminal went away (the input side hung up or closed), so that no key can
    /// ever arrive: the loop must end instead of polling a dead descriptor forever.
    public var inputHungUp: Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) >= 0 else { return false }
        return descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    /// Decodes a curses function-key code.
    private func functionKey(_ code: Int32) -> InputEvent? {
        switch code {
        case KEY_RESIZE:
            let (columns, rows) = size
            return .resize(columns: columns, rows: rows)
        case KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == OK else { return nil }
            let state = event.bstate
            let action: MouseAction
            if state & attn_button4_pressed() != 0 { action = .wheelUp }
            else if state & attn_button5_pressed() != 0 { action = .wheelDown }
            // A press, or press and release merged into a click (ncurses does that when both
            // arrive in one read, even with mouseinterval(0)).
            else if state & (attn_button1_pressed() | attn_button1_clicked()) != 0 { action = .press }
            else { return nil }
            return .mouse(action, x: Int(event.x), y: Int(event.y))
        default:
            return .key(KeyDecoder.key(forFunctionKey: code))
        }
    }

    /// Leaves curses, stops the process as Ctrl-Z would, and comes back redrawn after SIGCONT.
    public func suspend() {
        guard !ended else { return }
        endwin()
        Signals.suspendSelf()
        // Back after SIGCONT: curses restores the terminal modes on the next refresh.
        Screen.configureModes(mouse: mouse)
        invalidate()
    }

    /// Restores the terminal (idempotent): normal screen, cursor, cooked input.
    public func end() {
        guard !ended else { return }
        ended = true
        if mouse { mousemask(0, nil) }
        if attn_has_alternate_screen() == 0 {
            // Without an alternate screen the last frame would stay under the shell's prompt.
            werase(attn_stdscr())
            wrefresh(attn_stdscr())
        }
        curs_set(1)
        endwin()
        if let screen { delscreen(screen) }
        screen = nil
        fflush(attn_stdout())
    }
}
