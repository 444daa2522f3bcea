import Foundation
import Testing
@testable import FeatureMaps

/// Pictures for `--image`: PGM/PPM to 0…1 grey, and resampling to the map's grid.
@Suite struct GreyPictureTests {
    @Test func greyPictureIsStretchedToUnitRange() throws {
        // grey8 fixture: (arange(20) * 13) % 256 over 4×5 (NumPy), so min 0 and max 247.
        let picture = try GreyPicture.load(Fixtures.path("netpbm/grey8-binary.pgm"))
        #expect(picture.height == 4 && picture.width == 5)
        #expect(picture.values.min() == 0 && picture.values.max() == 1)
        #expect(abs(picture.values[1] - 13 / 247) < 1e-6)
    }

    @Test func colourBecomesLuminance() throws {
        // rgb8 fixture: pixel p has (R, G, B) = (21p, 21p + 7, 21p + 14) mod 256; pixel 0 and 1:
        let picture = try GreyPicture.load(Fixtures.path("netpbm/rgb8-plain.ppm"))
        let raw = try TensorFiles.read(Fixtures.path("netpbm/rgb8-plain.ppm")).tensor(named: nil)
        #expect(raw.shape == [3, 4, 5])
        #expect(Array(raw.values[0 ..< 2]) == [0, 21] && raw.values[20] == 7 && raw.values[40] == 14)
        #expect(picture.values.count == 20)
    }

    @Test func downsamplingAveragesBlocksAndUpsamplingRepeats() {
        let picture = GreyPicture(height: 4, width: 4, values: (0 ..< 16).map { Float($0) / 15 })
        let half = picture.resampled(height: 2, width: 2)
        // Block means of [[0,1],[4,5]], [[2,3],[6,7]], … divided by 15.
        #expect(half.values.map { ($0 * 15 * 100).rounded() / 100 } == [2.5, 4.5, 10.5, 12.5])
        let double = GreyPicture(height: 2, width: 2, values: [0, 1, 0.5, 0.25]).resampled(height: 4, width: 4)
        #expect(double.values == [0, 0, 1, 1, 0, 0, 1, 1, 0.5, 0.5, 0.25, 0.25, 0.5, 0.5, 0.25, 0.25])
    }

    @Test func scenesCarryAPicture() throws {
        let map = try Scenes.make("default")
        #expect(map.picture?.height == 28)
        #expect(try FeatureMapLoader.load(Fixtures.path("npy/f4-le.npy")).picture == nil)
    }
}
