import Attention
@testable import Explorer
import Rendering
import Testing

/// The quiz: a guess cursor while the weights are hidden, Enter reveals and scores it (its rank
/// among the keys, its distance to the hottest), a running score, moving on hides again.
@Suite struct QuizTests {
    /// A 3×4 field with known weights: the hottest at (1, 2).
    static func field(query: Position = Position(row: 1, col: 1)) -> AttentionField {
        let weights: [Float] = [0.05, 0.10, 0.05, 0.00,
                                0.10, 0.20, 0.30, 0.05,
                                0.00, 0.05, 0.10, 0.00]
        return AttentionField(mode: .global, height: 3, width: 4, query: query, weights: weights,
                              cost: Cost(macsPerQuery: 0, queriesPerLayer: 12, keysPerQuery: 12), keysAttended: 12)
    }

    @Test func aGuessIsScoredByRankAndDistance() {
        let f = Self.field()
        let hit = QuizScore.score(Position(row: 1, col: 2), in: f)
        #expect(hit.rank == 1 && hit.distance == 0 && hit.hottest == Position(row: 1, col: 2) && hit.keys == 9)
        let second = QuizScore.score(Position(row: 1, col: 1), in: f)
        #expect(second.rank == 2 && second.distance == 1)
        // 0.10 is held by three keys; two keys are hotter, so each of them ranks 3.
        let tied = QuizScore.score(Position(row: 2, col: 2), in: f)
        #expect(tied.rank == 3 && abs(tied.distance - 1) < 1e-12)
        let cold = QuizScore.score(Position(row: 0, col: 3), in: f)
        #expect(cold.rank == 10 && abs(cold.distance - 2.0.squareRoot()) < 1e-12)
        let sparse = AttentionField(mode: .dcn, height: 3, width: 4, query: Position(row: 1, col: 1),
                                    storedWeights: .sparse(SparseWeights(count: 12, indices: [6, 9], values: [0.75, 0.25])),
                                    cost: Cost(macsPerQuery: 0, queriesPerLayer: 12, keysPerQuery: 2), keysAttended: 2)
        #expect(QuizScore.score(Position(row: 2, col: 1), in: sparse).rank == 2)
        #expect(QuizScore.score(Position(row: 0, col: 0), in: sparse).rank == 3)
    }

    @Test func theRunningScoreAddsUp() {
        var score = QuizScore()
        #expect(score.summary == "no guesses yet")
        score.add(QuizScore.score(Position(row: 1, col: 2), in: Self.field()))
        score.add(QuizScore.score(Position(row: 0, col: 3), in: Self.field()))
        #expect(score.guesses == 2 && score.hits == 1 && score.rankSum == 11)
        #expect(score.summary == "score 1/2 hottest · mean rank 5.5")
        #expect(score.lastWords == "guess 0,3: no weight there, 1.4 px from the hottest 1,2")
        score.add(QuizScore.score(Position(row: 1, col: 1), in: Self.field()))
        #expect(score.lastWords == "guess 1,1: key #2 of 9, 1.0 px from the hottest 1,2")
    }

    @Test func arrowsMoveTheGuessEnterRevealsAndScoresMovingOnHides() {
        var s = makeState().typing("Q")
        let query = s.query
        #expect(s.teaching.hidesWeights)
        s = s.typing("ll").pressing(.up)
        #expect(s.query == query, "the arrows move the guess, not the query")
        #expect(s.teaching.guess == Position(row: query.row - 1, col: query.col + 2))
        s = s.pressing(.enter)
        #expect(!s.teaching.hidesWeights && s.teaching.scorePending)
        // Scored once the field of this query is computed; a field of another query does not count.
        s.scoreQuizGuess(.field(Self.field(query: Position(row: 0, col: 0)), steps: []))
        #expect(s.teaching.scorePending && s.teaching.score.guesses == 0)
        var f = Self.field(query: query)
        f = AttentionField(mode: .global, height: s.mapHeight, width: s.mapWidth, query: query,
                           weights: (0..<(s.mapHeight * s.mapWidth)).map { Float($0) }, cost: f.statistics.cost, keysAttended: 1)
        s.scoreQuizGuess(.field(f, steps: []))
        #expect(!s.teaching.scorePending && s.teaching.score.guesses == 1)
        #expect(s.teaching.score.last?.hottest == Position(row: s.mapHeight - 1, col: s.mapWidth - 1))
        // Revealed: the arrows move the query again, and moving on hides the next answer.
        s = s.typing("j")
        #expect(s.query.row == query.row + 1 && s.teaching.hidesWeights && s.teaching.guess == nil)
        #expect(s.teaching.score.guesses == 1, "the score stays")
        // Enter on a revealed answer starts the next round without moving.
        s = s.pressing(.enter).pressing(.enter)
        #expect(s.teaching.hidesWeights)
    }
}
