using Polypose.Synthesis;
using Polypose.Synthesis.Rigs;

namespace Polypose.Learning.Training;

/// <summary>One synthetic scene request: rig kind and camera count, people, frames and the generator seed.</summary>
/// <param name="Rig">Rig kind and camera count.</param>
/// <param name="People">People in the room.</param>
/// <param name="Frames">Frames at 30 fps.</param>
/// <param name="Seed">Scene seed (rig placement, motion, detector noise).</param>
public sealed record SyntheticSceneSpec(RigSpec Rig, int People, int Frames, int Seed)
{
    /// <summary>The generator options of this scene.</summary>
    public SceneOptions Options => new() { Rig = Rig, People = People, Frames = Frames, Seed = Seed };

    /// <inheritdoc />
    public override string ToString() => $"{Rig} {People}p {Frames}f seed {Seed}";
}
