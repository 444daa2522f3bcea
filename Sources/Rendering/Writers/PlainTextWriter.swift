/// Writes a canvas as plain text: glyphs only, no escape codes, trailing spaces trimmed.
public struct PlainTextWriter: Sendable {
    /// Creates a writer.
    public init() {}

    /// The canvas as text lines joined by newlines (with a final newline).
    public func write(_ canvas: Canvas) -> String {
        canvas.plainText + "\n"
    }
}
