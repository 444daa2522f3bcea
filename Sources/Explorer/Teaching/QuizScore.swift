import Attention

/// The quiz's guesses: where the class thought the query reads most, and how close that was.
public struct QuizScore: Hashable, Sendable {
    /// One scored guess.
    public struct Guess: Hashable, Sendable {
        /// The guessed key.
        public var position: Position
        /// Its rank among the keys by weight: 1 for the hottest (ties share the better rank).
        public var rank: Int
        /// How many keys have any weight.
        public var keys: Int
        /// The hottest key.
        public var hottest: Position
        /// The distance from the guess to the hottest key, in pixels (Euclidean).
        public var distance: Double
    }

    /// Guesses scored so far.
    public var guesses = 0
    /// Guesses that found the hottest key (rank 1).
    public var hits = 0
    /// The sum of the guesses' ranks (their mean is the running score's second number).
    public var rankSum = 0
    /// The last guess scored, shown while its answer is revealed.
    public var last: Guess?

    /// No guesses yet.
    public init() {}

    /// `guess` scored against `field`: its rank and its distance to the hottest key.
    public static func score(_ guess: Position, in field: AttentionField) -> Guess {
        let inside = guess.row >= 0 && guess.row < field.height && guess.col >= 0 && guess.col < field.width
        let w = inside ? field.weight(at: guess) : -Float.infinity
        var hotter = 0, keys = 0
        switch field.storedWeights {
        case let .dense(values):
            for v in values where v.isFinite {
                if v > w { hotter += 1 }
                if v != 0 { keys += 1 }
            }
        case let .sparse(entries):
            for v in entries.values where v.isFinite {
                if v > w { hotter += 1 }
                if v != 0 { keys += 1 }
            }
        }
        let argmax = field.statistics.argmax
        let hottest = Position(row: argmax / max(1, field.width), col: argmax % max(1, field.width))
        let dy = Double(guess.row - hottest.row), dx = Double(guess.col - hottest.col)
        return Guess(position: guess, rank: hotter + 1, keys: keys, hottest: hottest, distance: (dy * dy + dx * dx).squareRoot())
    }

    /// Adds `guess` to the running score.
    public mutating func add(_ guess: Guess) {
        guesses += 1
        if guess.rank == 1 { hits += 1 }
        rankSum += guess.rank
        last = guess
    }

    /// The running score in words: `score 2/3 hottest · mean rank 4.3`.
    public var summary: String {
        guard guesses > 0 else { return "no guesses yet" }
        return "score \(hits)/\(guesses) hottest · mean rank \(NumberText.fixed(Double(rankSum) / Double(guesses), 1))"
    }

    /// The last guess in words: `guess 6,7: key #3 of 49, 1.4 px from the hottest 6,6` (keys with weight).
    public var lastWords: String? {
        guard let g = last else { return nil }
        let rank = g.rank > g.keys ? "no weight there" : "key #\(g.rank) of \(g.keys)"
        let near = g.rank == 1 ? "the hottest key" : "\(rank), \(NumberText.fixed(g.distance, 1)) px from the hottest \(g.hottest.row),\(g.hottest.col)"
        return "guess \(g.position.row),\(g.position.col): \(near)"
    }
}

extension ExplorerState {
    /// Scores the guess just revealed against `outcome`, the field of the current mode and
    /// query (the loop calls this once the field is computed; nothing happens otherwise).
    public mutating func scoreQuizGuess(_ outcome: FieldOutcome?) {
        guard teaching.scorePending, case let .field(field, _)? = outcome, field.mode == mode, field.query == query else { return }
        teaching.scorePending = false
        teaching.score.add(QuizScore.score(teaching.guess ?? query, in: field))
    }
}
