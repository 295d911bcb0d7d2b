using Polypose.Formats.Poses3D;

namespace Polypose.Export.Tests;

/// <summary>Facts about an input pose file, read with the Formats reader (not with the exporters).</summary>
internal static class PoseFacts
{
    public static IReadOnlyList<int> Ids(string poses) =>
        [.. Poses3DJson.Read(poses).Frames.SelectMany(f => f.People.Select(p => p.Id)).Distinct().Order()];

    public static int PersonFrames(string poses) => Poses3DJson.Read(poses).Frames.Sum(f => f.People.Count);
}
