using Polypose.Core.Anatomy;
using Polypose.Core.Poses;
using Polypose.Evidence;
using Polypose.Geometry;

namespace Polypose.Reconstruction;

/// <summary>Bottom-up evidence input: part-affinity frames are parsed into persons per view first.</summary>
public sealed partial class MultiViewReconstructor
{
    private JointCompletion? _completion;
    private BonePrior? _completionPrior;
    private PafPersonParser? _parser;
    private List<Person2D>[] _parsed = [];

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

        // Reused across frames: the parser's scratch buffers and the per-view person lists (only the frame's Person2D
        // objects are new). The lists are internal to this call; nothing returned refers to them.
        _parser ??= new PafPersonParser(Options.PafParser);
        if (_parsed.Length != views.Count)
        {
            _parsed = new List<Person2D>[views.Count];
            for (var v = 0; v < views.Count; v++)
            {
                _parsed[v] = [];
            }
        }

        var persons = _parsed;
        for (var v = 0; v < views.Count; v++)
        {
            _parser.ParseInto(views[v], persons[v]);
        }

        var people = Reconstruct(cameras, persons);
        if (Options.CompleteFromCandidates && people.Count > 0)
        {
            var skeleton = people[0].Skeleton;
            if (_completionPrior is null || !ReferenceEquals(_completionPrior.Skeleton, skeleton))
            {
                _completionPrior = new BonePrior(skeleton, Options.Anatomy);
            }

            _completion ??= new JointCompletion(Options);
            _completion.Complete(cameras, views, persons, people, _completionPrior);
        }

        return people;
    }
}
