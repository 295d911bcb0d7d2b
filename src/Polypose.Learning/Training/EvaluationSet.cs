namespace Polypose.Learning.Training;

/// <summary>A named held-out evaluation set (see <see cref="HeldOutSets"/>): one or more scenes scored together.</summary>
/// <param name="Name">Short name used on the command line ("rig3", "crowd", "cmu1", "shelf", ...).</param>
/// <param name="Description">What the set holds and why it is held out.</param>
/// <param name="Scenes">Its scenes.</param>
public sealed record EvaluationSet(string Name, string Description, IReadOnlyList<EvaluationScene> Scenes)
{
    /// <summary>Whether every scene knows the true identity of every detection (association accuracy applies).</summary>
    public bool HasIdentities => Scenes.All(s => s.Identities is not null);

    /// <summary>Frames over all scenes.</summary>
    public int FrameCount => Scenes.Sum(s => s.Frames.Count);

    /// <summary>The same set cut to the first <paramref name="framesPerScene"/> frames of every scene (quick runs, tests).</summary>
    public EvaluationSet Take(int framesPerScene) => this with { Scenes = [.. Scenes.Select(s => s.Take(framesPerScene))] };
}
