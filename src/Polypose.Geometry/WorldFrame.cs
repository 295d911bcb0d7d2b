namespace Polypose.Geometry;

/// <summary>
/// Conversions from dataset world frames into Polypose's world (millimetres, z-up). CMU Panoptic stores points and
/// extrinsics in centimetres in a y-down world; the conversion is x_new = (x, z, −y)·10, i.e. the row vector times
/// M = [[1,0,0],[0,0,−1],[0,1,0]], and cameras become R_w2c = R_raw·M, t_w2c = 10·t_raw (docs/dispose.md §6.1).
/// </summary>
public static class WorldFrame
{
    /// <summary>The Panoptic axis matrix M = [[1,0,0],[0,0,−1],[0,1,0]] (row vector convention: x_new = x_raw·M·10).</summary>
    public static Mat3 PanopticAxes => new(1, 0, 0, 0, 0, -1, 0, 1, 0);

    /// <summary>Panoptic (cm, y-down) → Polypose (mm, z-up) as a similarity: scale 10, rotation Mᵀ, no translation.</summary>
    public static Similarity3 PanopticToPolypose => new(10, PanopticAxes.Transpose(), Vec3.Zero);

    /// <summary>A Panoptic world point (cm, y-down) in Polypose's world (mm, z-up): (x, z, −y)·10.</summary>
    public static Vec3 PanopticPointToPolypose(Vec3 centimetres) =>
        new(centimetres.X * 10, centimetres.Z * 10, -centimetres.Y * 10);

    /// <summary>
    /// Panoptic world-to-camera extrinsics (R_raw, t_raw in cm) re-expressed for Polypose's world: (R_raw·M, 10·t_raw),
    /// t in millimetres. Equal to what <see cref="Camera.WithWorldTransform(Similarity3)"/> does with
    /// <see cref="PanopticToPolypose"/>.
    /// </summary>
    public static Pose3 PanopticExtrinsicsToPolypose(Mat3 rotationRaw, Vec3 translationCentimetres) =>
        new(rotationRaw * PanopticAxes, translationCentimetres * 10);
}
