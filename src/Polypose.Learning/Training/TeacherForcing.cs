using Polypose.Geometry;
using Polypose.Tensors;

namespace Polypose.Learning.Training;

/// <summary>
/// Stage II's teacher-forced reference roots in training (dispose.md 1.2, <c>_get_pseudo_reference_points</c>; quirk
/// 11.3): for each sample and pseudo-label person slot, the detected root candidates that Stage I's batch matched to
/// that person (after their training jitter and view dropout) are triangulated by weighted algebraic SVD
/// (dispose.md 3.8, weights = candidate heatmap scores, at least two views); then isotropic Gaussian jitter of
/// <see cref="JitterMm"/> mm (σ per axis) is added to the roots that were triangulated, and only to those. Slots
/// without a root get person id −1 (<see cref="TeacherForcedRoots.Mask"/>), which removes them from every loss.
/// Stage II slot n is thereby aligned with pseudo-label person n; no gradient flows from Stage I.
/// </summary>
public static class TeacherForcing
{
    /// <summary>The reference's jitter σ (mm) per axis.</summary>
    public const double JitterMm = 64;

    /// <summary>
    /// The roots for <paramref name="batch"/> (S samples of V views and N candidate slots per view, N also the person
    /// slots). <paramref name="random"/> draws the jitter, three normal draws per triangulated root in (sample, slot)
    /// order; null (evaluation) or <paramref name="jitterMm"/> = 0 leaves the roots unjittered.
    /// </summary>
    public static TeacherForcedRoots Roots(Stage1Batch batch, int slots, Generator? random, double jitterMm = JitterMm)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(jitterMm);
        var cameras = batch.Cameras;
        var views = cameras.Count;
        var perSample = views * slots;
        if (batch.Candidates.Length % perSample != 0 || batch.NodePerson.Length != batch.Candidates.Length)
        {
            throw new ArgumentException($"{batch.Candidates.Length} candidates and {batch.NodePerson.Length} identities are not samples × {views} views × {slots} slots");
        }

        var samples = batch.Candidates.Length / perSample;
        var roots = new float[samples * slots * 3];
        var valid = new bool[samples * slots];
        var rays = new Ray[views];
        var weights = new double[views];
        for (var s = 0; s < samples; s++)
        {
            for (var p = 0; p < slots; p++)
            {
                for (var v = 0; v < views; v++)
                {
                    rays[v] = default;
                    weights[v] = 0;
                    for (var k = 0; k < slots; k++)
                    {
                        var i = (((s * views) + v) * slots) + k;
                        var c = batch.Candidates[i];
                        if (batch.NodePerson[i] == p && c.IsNode && cameras[v].TryBackProject(c.Image, out var ray))
                        {
                            rays[v] = ray;
                            weights[v] = c.Score;
                            break;
                        }
                    }
                }

                var tri = Triangulation.Algebraic(rays, weights);
                if (!tri.IsValid || tri.ViewsUsed < 2)
                {
                    continue;
                }

                var x = tri.Point;
                if (random is not null && jitterMm > 0)
                {
                    x += new Vec3(random.NextNormal() * jitterMm, random.NextNormal() * jitterMm, random.NextNormal() * jitterMm);
                }

                var o = ((s * slots) + p) * 3;
                roots[o] = (float)x.X;
                roots[o + 1] = (float)x.Y;
                roots[o + 2] = (float)x.Z;
                valid[(s * slots) + p] = true;
            }
        }

        return new TeacherForcedRoots(samples, slots, roots, valid);
    }
}
