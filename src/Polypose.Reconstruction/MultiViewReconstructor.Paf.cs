using Polypose.Core.Poses;
using Polypose.Evidence;
using Polypose.Geometry;

namespace Polypose.Reconstruction;

/// <summary>Bottom-up evidence input: part-affinity frames are parsed into persons per view first.</summary>
public sealed partial class MultiViewReconstructor
{
    private JointCompletion? _completion;

    /// <summary>
    /// Reconstructs one frame from per-view part-affinity evidence: each view is parsed into 2D persons with
    /// <see cref="PafPersonParser"/> (settings <see cref="ReconstructionOptions.PafParser"/>), then reconstructed as in
    /// <see cref="Reconstruct(IReadOnlyList{Camera}, IReadOnlyList{IReadOnlyList{Person2D}})"/>; finally, when
    /// <see cref="ReconstructionOptions.CompleteFromCandidates"/> is set, joints the people still lack are filled from the
    /// raw joint candidates (see <see cref="JointCompletion"/>).
    /// </summary>
    public IReadOnlyList<Person3D> Reconstruct(IReadOnlyList<Camera> cameras, IReadOnlyList<PafFrame> views)
    {
        ArgumentNullException.ThrowIfNull(views);
        var persons = new IReadOnlyList<Person2D>[views.Count];
        for (var v = 0; v < views.Count; v++)
        {
            persons[v] = PafPersonParser.Parse(views[v], Options.PafParser);
        }

        var people = Reconstruct(cameras, persons);
        if (Options.CompleteFromCandidates && people.Count > 0 && _rectifier is not null)
        {
            _completion ??= new JointCompletion(Options);
            _completion.Complete(cameras, views, persons, people, _rectifier, _rectifier.WalkOrder);
        }

        return people;
    }
}
