namespace Polypose.Geometry;

/// <summary>Re-expressing a camera in another world frame.</summary>
public sealed partial record Camera
{
    /// <summary>
    /// The same physical camera expressed in a new world frame, where points map as X_new = s·Q·X_old + d
    /// (<paramref name="newFromOld"/>). The extrinsics become R' = R·Qᵀ and t' = s·t − R'·d, so camera coordinates
    /// are scaled by s and every projection is unchanged: <c>WithWorldTransform(T).Project(T.Apply(X)) == Project(X)</c>.
    /// Intrinsics, distortion, size and name are kept. Example: a camera in Panoptic centimetres, y-down, becomes
    /// a Polypose camera with <c>WithWorldTransform(WorldFrame.PanopticToPolypose)</c>.
    /// </summary>
    public Camera WithWorldTransform(Similarity3 newFromOld)
    {
        if (!(newFromOld.Scale > 0))
        {
            throw new ArgumentException($"camera '{name}': world transform has scale {newFromOld.Scale}; use a constructed Similarity3", nameof(newFromOld));
        }

        var r = rotation * newFromOld.Rotation.Transpose();
        var t = (translation * newFromOld.Scale) - (r * newFromOld.Translation);
        return this with { Rotation = r, Translation = t };
    }

    /// <summary>The same camera in a new world frame related to the old one by a rigid transform (X_new = Q·X_old + d).</summary>
    public Camera WithWorldTransform(Pose3 newFromOld) => WithWorldTransform(newFromOld.ToSimilarity());
}
