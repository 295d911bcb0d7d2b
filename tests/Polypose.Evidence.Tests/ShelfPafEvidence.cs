using Polypose.Core.Poses;
using Polypose.Formats.Detections;
using Polypose.Testing;

namespace Polypose.Evidence.Tests;

/// <summary>The Shelf part-affinity evidence (301 frames x 5 views, BODY25), read once per test run.</summary>
internal static class ShelfPafEvidence
{
    private static readonly Lazy<IReadOnlyList<IReadOnlyList<PafFrame>>> Frames = new(Load);

    /// <summary>Frame i, view v at [i][v]; needs ../shared/data.</summary>
    public static IReadOnlyList<IReadOnlyList<PafFrame>> All => Frames.Value;

    private static IReadOnlyList<IReadOnlyList<PafFrame>> Load()
    {
        string[] cameras = ["0", "1", "2", "3", "4"];
        var source = DetectionSource.Open(SharedData.Path("shelf"), [.. cameras.Select(c => (c, 1032, 776))]);
        return [.. source.Frames().Select(f => f.Paf ?? throw new InvalidOperationException($"frame {f.FrameIndex} has no PAF evidence"))];
    }
}
