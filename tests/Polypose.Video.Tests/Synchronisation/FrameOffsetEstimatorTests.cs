using Polypose.Core.Poses;
using Polypose.Synthesis;
using Polypose.Synthesis.Rigs;
using Polypose.Video.Synchronisation;

namespace Polypose.Video.Tests.Synchronisation;

public class FrameOffsetEstimatorTests
{
    private static readonly Lazy<KeypointTrack[]> Tracks = new(() => TracksOf(SceneGenerator.Generate(new SceneOptions
    {
        Rig = new RigSpec(RigKind.Ring, 4),
        People = 1,
        Frames = 240,
        Seed = 18,
    })));

    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, -7)]
    [InlineData(3, 12)]
    [InlineData(0, 25)]
    public void Estimate_OneCameraShiftedByK_RecoversKExactly(int camera, int k)
    {
        var tracks = Tracks.Value.ToArray();

        // The shifted camera's frame f shows the instant of frame f + k, so it must drop −k frames relative to the others.
        tracks[camera] = tracks[camera].Shifted(k);
        var result = FrameOffsetEstimator.Estimate(tracks);

        var expected = new int[tracks.Length];
        for (var c = 0; c < expected.Length; c++)
        {
            expected[c] = c == camera ? Math.Max(0, -k) : Math.Max(0, k);
        }

        Assert.Equal(expected, result.Offsets);
        Assert.All(Enumerable.Range(0, tracks.Length).Where(c => c != result.Reference), c =>
            Assert.True(result.Margin[c] > 0.02 && result.Correlation[c] > 0.05, $"camera {c}: correlation {result.Correlation[c]:F3}, margin {result.Margin[c]:F3}"));
    }

    [Fact]
    public void Estimate_SynchronisedCameras_AllOffsetsZero()
    {
        var result = FrameOffsetEstimator.Estimate(Tracks.Value);

        Assert.Equal(new int[4], result.Offsets);
    }

    [Fact]
    public void Estimate_SeveralCamerasShifted_RecoversEachAndUsesTheSubRange()
    {
        var tracks = Tracks.Value.ToArray();
        tracks[1] = tracks[1].Shifted(-4);
        tracks[2] = tracks[2].Shifted(9);

        var whole = FrameOffsetEstimator.Estimate(tracks);
        var sub = FrameOffsetEstimator.Estimate(tracks, new FrameSyncOptions { RangeStart = 40, RangeLength = 120, MaxOffset = 30 });

        // Relative to cameras 0 and 3 (lag 0): camera 1 lags by +4, camera 2 by −9; shifted so the smallest is 0.
        Assert.Equal([9, 13, 0, 9], whole.Offsets);
        Assert.Equal(whole.Offsets, sub.Offsets);
    }

    [Fact]
    public void Estimate_NoCommonMotion_ThrowsNamingTheCamera()
    {
        var tracks = new[] { Tracks.Value[0], new KeypointTrack(240, Tracks.Value[0].Joints) };

        var ex = Assert.Throws<InvalidOperationException>(() => FrameOffsetEstimator.Estimate(tracks));

        Assert.Contains("camera 1", ex.Message, StringComparison.Ordinal);
    }

    internal static KeypointTrack[] TracksOf(SyntheticScene scene)
    {
        var views = scene.Cameras.Count;
        var joints = scene.Detections.SelectMany(f => f.Views).SelectMany(v => v).First().Joints.Length;
        var tracks = new KeypointTrack[views];
        for (var v = 0; v < views; v++)
        {
            var people = new Person2D?[scene.Detections.Count];
            for (var f = 0; f < people.Length; f++)
            {
                var d = Array.IndexOf(scene.DetectionSources[f][v], 0);
                people[f] = d >= 0 ? scene.Detections[f].Views[v][d] : null;
            }

            tracks[v] = KeypointTrack.FromPeople(people, joints);
        }

        return tracks;
    }
}
