using System.Collections.Frozen;

namespace Polypose.Core.Skeletons;

/// <summary>
/// A named joint set: joint names in index order, each joint's parent (−1 for the root) and the bones (parent, child).
/// Immutable; compare by <see cref="Name"/>.
/// </summary>
public sealed class Skeleton
{
    private readonly FrozenDictionary<string, int> _index;

    /// <summary>Creates a skeleton; throws when names repeat or a parent index is out of range or creates a cycle.</summary>
    public Skeleton(string name, IReadOnlyList<string> jointNames, IReadOnlyList<int> parents)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (jointNames.Count != parents.Count)
        {
            throw new ArgumentException($"skeleton '{name}': {jointNames.Count} joint names but {parents.Count} parents");
        }

        var bones = new List<(int Parent, int Child)>();
        for (var j = 0; j < parents.Count; j++)
        {
            var p = parents[j];
            if (p < -1 || p >= parents.Count || p == j)
            {
                throw new ArgumentException($"skeleton '{name}': joint {j} ({jointNames[j]}) has invalid parent {p}");
            }

            if (p >= 0)
            {
                bones.Add((p, j));
            }

            // Walk to the root to reject cycles.
            var steps = 0;
            for (var k = p; k >= 0; k = parents[k])
            {
                if (++steps > parents.Count)
                {
                    throw new ArgumentException($"skeleton '{name}': the parents of joint {j} form a cycle");
                }
            }
        }

        Name = name;
        JointNames = [.. jointNames];
        Parents = [.. parents];
        Bones = [.. bones];
        _index = JointNames.Select((n, i) => (n, i)).ToFrozenDictionary(t => t.n, t => t.i, StringComparer.Ordinal);
        if (_index.Count != JointNames.Count)
        {
            throw new ArgumentException($"skeleton '{name}': joint names repeat");
        }
    }

    /// <summary>Short identifier, e.g. "body25", "panoptic15".</summary>
    public string Name { get; }

    /// <summary>Joint names in index order (snake_case, subject-relative left/right).</summary>
    public IReadOnlyList<string> JointNames { get; }

    /// <summary>Parent joint of each joint; −1 for roots.</summary>
    public IReadOnlyList<int> Parents { get; }

    /// <summary>Bones as (parent, child) joint-index pairs, in child order.</summary>
    public IReadOnlyList<(int Parent, int Child)> Bones { get; }

    /// <summary>Number of joints.</summary>
    public int JointCount => JointNames.Count;

    /// <summary>The index of a joint by name, or −1.</summary>
    public int IndexOf(string jointName) => _index.TryGetValue(jointName, out var i) ? i : -1;

    /// <summary>The index of a joint by name; throws <see cref="KeyNotFoundException"/> naming the skeleton when absent.</summary>
    public int this[string jointName] =>
        _index.TryGetValue(jointName, out var i) ? i : throw new KeyNotFoundException($"skeleton '{Name}' has no joint '{jointName}'");

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({JointCount} joints)";
}
