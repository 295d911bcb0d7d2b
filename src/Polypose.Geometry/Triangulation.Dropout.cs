namespace Polypose.Geometry;

/// <summary>Re-triangulation with worst-view dropout.</summary>
public static partial class Triangulation
{
    /// <summary>The most views <see cref="WithWorstViewDropout"/> accepts (one bit per view in the kept mask).</summary>
    public const int MaxDropoutViews = 64;

    /// <summary>
    /// Triangulates from pixels (as <see cref="FromPixels"/>) and then, while more than
    /// max(<paramref name="minViews"/>, 2) views remain and the worst kept view's reprojection error exceeds
    /// <paramref name="maxReprojectionErrorPx"/>, drops a view and re-triangulates. Which view is dropped depends on
    /// <paramref name="selection"/>: by default the one whose removal best explains the others
    /// (<see cref="DropoutSelection.LeaveOneOut"/>); <see cref="DropoutSelection.WorstReprojection"/> drops the worst
    /// view itself, as the reference does. A view whose projection is invalid counts as infinitely wrong. When the triangulation itself is invalid (e.g. an outlier puts the point
    /// behind a camera) and a view can still be dropped, each kept view is left out in turn and the valid solution
    /// with the smallest worst error wins. The final result is returned even if its worst error still exceeds the
    /// threshold; check <see cref="DropoutTriangulationResult.WorstReprojectionErrorPx"/>. Allocation-free for up
    /// to 32 views. (COMPOSE-style pseudo-label clean-up; DisPOSE's version uses 16 px and ≥ 3 views.)
    /// </summary>
    /// <param name="cameras">The V cameras, V ≤ 64.</param>
    /// <param name="pixels">[V] observed distorted pixels.</param>
    /// <param name="weights">[V] weights; views with weight ≤ 0 are never used.</param>
    /// <param name="maxReprojectionErrorPx">Threshold in pixels (&gt; 0; +∞ disables dropout).</param>
    /// <param name="minViews">The fewest views dropout may leave; values below 2 mean 2.</param>
    /// <param name="method">The solver used for every (re-)triangulation.</param>
    /// <param name="selection">How the view to drop is chosen.</param>
    public static DropoutTriangulationResult WithWorstViewDropout(
        IReadOnlyList<Camera> cameras,
        ReadOnlySpan<Vec2> pixels,
        ReadOnlySpan<double> weights,
        double maxReprojectionErrorPx,
        int minViews,
        TriangulationMethod method = TriangulationMethod.Algebraic,
        DropoutSelection selection = DropoutSelection.LeaveOneOut)
    {
        CheckViews(cameras, pixels, weights);
        if (!(maxReprojectionErrorPx > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(maxReprojectionErrorPx), maxReprojectionErrorPx, "the reprojection threshold must be positive");
        }

        if (selection is not (DropoutSelection.LeaveOneOut or DropoutSelection.WorstReprojection))
        {
            throw new ArgumentOutOfRangeException(nameof(selection), selection, "unknown dropout selection");
        }

        var n = cameras.Count;
        if (n > MaxDropoutViews)
        {
            throw new ArgumentException($"worst-view dropout supports at most {MaxDropoutViews} views, got {n}", nameof(cameras));
        }

        var floor = Math.Max(minViews, 2);
        Span<Ray> rays = n <= StackViews ? stackalloc Ray[n] : new Ray[n];
        Span<double> w = n <= StackViews ? stackalloc double[n] : new double[n];
        BackProject(cameras, pixels, weights, rays, w);

        ulong kept = 0;
        var count = 0;
        for (var v = 0; v < n; v++)
        {
            if (w[v] > 0)
            {
                kept |= 1UL << v;
                count++;
            }
        }

        while (true)
        {
            var result = Solve(rays, w, method);
            var canDrop = count > floor;
            if (!result.IsValid)
            {
                if (!canDrop || !TryBestLeaveOneOut(cameras, pixels, rays, w, method, out var leaveOut))
                {
                    return new DropoutTriangulationResult(result, kept, double.PositiveInfinity);
                }

                Drop(leaveOut, w, ref kept, ref count);
                continue;
            }

            var worst = WorstView(cameras, pixels, w, result.Point, out var worstError);
            if (!canDrop || !(worstError > maxReprojectionErrorPx))
            {
                return new DropoutTriangulationResult(result, kept, worstError);
            }

            if (selection != DropoutSelection.WorstReprojection && TryBestLeaveOneOut(cameras, pixels, rays, w, method, out var best))
            {
                worst = best;
            }

            Drop(worst, w, ref kept, ref count);
        }
    }

    private static void Drop(int view, Span<double> w, ref ulong kept, ref int count)
    {
        w[view] = 0;
        kept &= ~(1UL << view);
        count--;
    }

    /// <summary>The kept view with the largest reprojection error (+∞ for an invalid projection) and that error.</summary>
    private static int WorstView(IReadOnlyList<Camera> cameras, ReadOnlySpan<Vec2> pixels, ReadOnlySpan<double> w, Vec3 point, out double worstError)
    {
        var worst = -1;
        worstError = double.NegativeInfinity;
        for (var v = 0; v < w.Length; v++)
        {
            if (w[v] > 0)
            {
                var e = cameras[v].ReprojectionError(point, pixels[v]);
                if (e > worstError)
                {
                    worst = v;
                    worstError = e;
                }
            }
        }

        return worst;
    }

    /// <summary>Leaves each kept view out in turn; picks the one whose removal gives a valid point with the smallest worst error.</summary>
    private static bool TryBestLeaveOneOut(IReadOnlyList<Camera> cameras, ReadOnlySpan<Vec2> pixels, ReadOnlySpan<Ray> rays, Span<double> w, TriangulationMethod method, out int leaveOut)
    {
        leaveOut = -1;
        var best = double.PositiveInfinity;
        for (var v = 0; v < w.Length; v++)
        {
            if (!(w[v] > 0))
            {
                continue;
            }

            var saved = w[v];
            w[v] = 0;
            var r = Solve(rays, w, method);
            if (r.IsValid)
            {
                WorstView(cameras, pixels, w, r.Point, out var e);
                if (leaveOut < 0 || e < best)
                {
                    best = e;
                    leaveOut = v;
                }
            }

            w[v] = saved;
        }

        return leaveOut >= 0;
    }
}
