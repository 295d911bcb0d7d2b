using Polypose.Core.Poses;
using Polypose.Geometry;

namespace Polypose.Evaluation.Conversion;

/// <summary>Name-based access to the present joints (confidence &gt; 0, finite position) of one person.</summary>
internal readonly struct NamedJoints(Person3D person)
{
    /// <summary>True when the joint exists in the skeleton and is present.</summary>
    public bool Has(string name)
    {
        var i = person.Skeleton.IndexOf(name);
        return i >= 0 && person.Confidence[i] > 0 && person.Joints[i].IsFinite;
    }

    /// <summary>The joint position (only meaningful when <see cref="Has"/>).</summary>
    public Vec3 Position(string name) => person.Joints[person.Skeleton[name]];

    /// <summary>The joint confidence, 0 when the skeleton lacks it.</summary>
    public double Confidence(string name)
    {
        var i = person.Skeleton.IndexOf(name);
        return i >= 0 ? person.Confidence[i] : 0;
    }

    /// <summary>Gets a present joint and lowers <paramref name="confidence"/> to its confidence.</summary>
    public bool TryGet(string name, ref double confidence, out Vec3 position)
    {
        if (!Has(name))
        {
            position = Vec3.Zero;
            return false;
        }

        position = Position(name);
        confidence = Math.Min(confidence, Confidence(name));
        return true;
    }

    /// <summary>The mean of two present joints; lowers <paramref name="confidence"/> to the smaller confidence.</summary>
    public bool TryMean(string a, string b, ref double confidence, out Vec3 position)
    {
        if (!Has(a) || !Has(b))
        {
            position = Vec3.Zero;
            return false;
        }

        position = (Position(a) + Position(b)) / 2;
        confidence = Math.Min(confidence, Math.Min(Confidence(a), Confidence(b)));
        return true;
    }
}
