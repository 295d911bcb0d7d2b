namespace Polypose.Geometry.Tests;

[Trait("Stage", "Geometry")]
public sealed class TriangulationTests
{
    public static TheoryData<int, LensKind> Rigs()
    {
        var data = new TheoryData<int, LensKind>();
        foreach (var lens in Enum.GetValues<LensKind>())
        {
            for (var n = 2; n <= 10; n++)
            {
                data.Add(n, lens);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Rigs))]
    public void FromPixels_ExactProjections_RecoversThePoint(int views, LensKind lens)
    {
        var rng = new Random((views * 10) + (int)lens);
        var cams = TestRigs.RandomRig(rng, views, lens);
        var pixels = new Vec2[views];
        var weights = new double[views];
        var tested = 0;
        for (var i = 0; i < 200 && tested < 40; i++)
        {
            var x = TestRigs.RoomPoint(rng);
            var seen = TestRigs.Observe(cams, x, pixels, weights);
            if (seen < 2)
            {
                continue;
            }

            for (var v = 0; v < views; v++)
            {
                weights[v] *= TestRigs.Uniform(rng, 0.2, 1.0);
            }

            foreach (var method in Enum.GetValues<TriangulationMethod>())
            {
                var result = Triangulation.FromPixels(cams, pixels, weights, method);

                Assert.True(result.IsValid, $"{method} invalid at {x}");
                Assert.Equal(seen, result.ViewsUsed);
                Assert.True(Vec3.Distance(result.Point, x) < 1e-6, $"{method}: error {Vec3.Distance(result.Point, x)} mm");
                Assert.True(result.Residual < 1e-6);
            }

            tested++;
        }

        Assert.True(tested >= 20, $"only {tested} points were seen by two views");
    }

    [Fact]
    public void FromPixels_OnePixelGaussianNoiseInFiveViews_StaysWithinTwentyMillimetres()
    {
        var rng = new Random(61);
        var cams = TestRigs.RandomRig(rng, 5, LensKind.FiveCoefficient);
        var pixels = new Vec2[5];
        var weights = new double[5];
        var noisy = new Vec2[5];
        double sumSq = 0;
        var count = 0;
        while (count < 300)
        {
            var x = TestRigs.RoomPoint(rng);
            if (TestRigs.Observe(cams, x, pixels, weights) < 5)
            {
                continue;
            }

            for (var v = 0; v < 5; v++)
            {
                noisy[v] = pixels[v] + new Vec2(TestRigs.Gaussian(rng), TestRigs.Gaussian(rng));
            }

            foreach (var method in Enum.GetValues<TriangulationMethod>())
            {
                var result = Triangulation.FromPixels(cams, noisy, weights, method);
                Assert.True(result.IsValid);
                var error = Vec3.Distance(result.Point, x);
                Assert.True(error < 20, $"{method}: {error} mm at {x}");
                sumSq += error * error;
            }

            count++;
        }

        // 1 px at f ≈ 1350 px and 4–7 m is 3–5 mm per view; five views average it down, noise is really applied.
        var rms = Math.Sqrt(sumSq / (2 * count));
        Assert.InRange(rms, 0.3, 8);
    }

    [Fact]
    public void Algebraic_NoisyRays_ResidualIsTheSquaredWeightRmsRayDistanceAndNoBetterThanItsMinimiser()
    {
        var rng = new Random(62);
        var cams = TestRigs.RandomRig(rng, 6, LensKind.Pinhole);
        var rays = new Ray[6];
        var weights = new double[6];
        var squared = new double[6];
        for (var trial = 0; trial < 100; trial++)
        {
            var x = TestRigs.RoomPoint(rng);
            for (var v = 0; v < 6; v++)
            {
                var dir = ((x + (TestRigs.RandomUnit(rng) * 30)) - cams[v].Center).Normalized();
                rays[v] = new Ray(cams[v].Center, dir);
                weights[v] = TestRigs.Uniform(rng, 0.1, 1);
                squared[v] = weights[v] * weights[v];
            }

            var algebraic = Triangulation.Algebraic(rays, weights);
            var midpoint = Triangulation.Midpoint(rays, squared);

            Assert.True(algebraic.IsValid && midpoint.IsValid);
            double num = 0, den = 0;
            for (var v = 0; v < 6; v++)
            {
                var d = rays[v].DistanceTo(algebraic.Point);
                num += squared[v] * d * d;
                den += squared[v];
            }

            Assert.Equal(Math.Sqrt(num / den), algebraic.Residual, 9);

            // The midpoint with weights w² minimises exactly this objective; the DLT point is close to it but not below.
            Assert.True(algebraic.Residual >= midpoint.Residual - 1e-9);
            Assert.True(algebraic.Residual <= midpoint.Residual * 1.05);
        }
    }

    [Fact]
    public void Algebraic_NoisyRays_MatchesTheSmallestSingularVectorOfTheStackedSystem()
    {
        // Reference: the documented system w·[[d]× | −d × C'] with C' = (C − mean centre) / RMS spread, solved with a
        // Jacobi eigen-decomposition of AᵀA (the DLT depends on this normalisation, so the reference uses the same).
        var rng = new Random(64);
        for (var trial = 0; trial < 200; trial++)
        {
            var views = 2 + rng.Next(7);
            var cams = TestRigs.RandomRig(rng, views, LensKind.Pinhole);
            var x = TestRigs.RoomPoint(rng);
            var rays = new Ray[views];
            var weights = new double[views];
            var ata = new double[16];
            var centre = cams.Aggregate(Vec3.Zero, (acc, c) => acc + c.Center) / views;
            var spread = Math.Sqrt(cams.Average(c => (c.Center - centre).LengthSquared));
            for (var v = 0; v < views; v++)
            {
                rays[v] = new Ray(cams[v].Center, ((x + (TestRigs.RandomUnit(rng) * 40)) - cams[v].Center).Normalized());
                weights[v] = TestRigs.Uniform(rng, 0.1, 1);
                var d = rays[v].Direction;
                var dc = Vec3.Cross(d, (rays[v].Origin - centre) / spread);
                var sk = Mat3.Skew(d);
                for (var r = 0; r < 3; r++)
                {
                    double[] row = [weights[v] * sk[r, 0], weights[v] * sk[r, 1], weights[v] * sk[r, 2], -weights[v] * dc[r]];
                    for (var i = 0; i < 4; i++)
                    {
                        for (var j = 0; j < 4; j++)
                        {
                            ata[(i * 4) + j] += row[i] * row[j];
                        }
                    }
                }
            }

            var values = new double[4];
            var vectors = new double[16];
            SymmetricEigen.Decompose(ata, 4, values, vectors);
            var min = Array.IndexOf(values, values.Min());
            var expected = (new Vec3(vectors[min], vectors[4 + min], vectors[8 + min]) * (spread / vectors[12 + min])) + centre;

            var result = Triangulation.Algebraic(rays, weights);

            Assert.True(result.IsValid);
            Assert.True(Vec3.Distance(expected, result.Point) < 1e-6, $"{Vec3.Distance(expected, result.Point)} mm");
        }
    }

    [Fact]
    public void MidpointPoint_NoisyRays_GivesTheSamePointAsMidpointWithoutAResidual()
    {
        var rng = new Random(64);
        var cams = TestRigs.RandomRig(rng, 5, LensKind.Pinhole);
        var rays = new Ray[5];
        double[] weights = [0.3, 0.0, 0.6, 0.9, 0.5];
        var valid = 0;
        for (var trial = 0; trial < 200; trial++)
        {
            var x = TestRigs.RoomPoint(rng);
            for (var v = 0; v < 5; v++)
            {
                rays[v] = new Ray(cams[v].Center, ((x + (TestRigs.RandomUnit(rng) * 40)) - cams[v].Center).Normalized());
            }

            var full = Triangulation.Midpoint(rays, weights);
            var point = Triangulation.MidpointPoint(rays, weights);

            Assert.Equal(full.IsValid, point.IsValid);
            Assert.Equal(full.ViewsUsed, point.ViewsUsed);
            if (full.IsValid)
            {
                valid++;
                Assert.Equal(full.Point, point.Point);
                Assert.True(double.IsNaN(point.Residual));
                Assert.True(full.Residual > 0 && full.Residual < 100, $"residual {full.Residual} mm");
            }
        }

        Assert.True(valid > 150, $"only {valid} of 200 triangulations valid");
    }

    [Fact]
    public void MidpointPoint_ParallelRaysOrAPointBehindACamera_IsInvalid()
    {
        var parallel = new Ray[] { new(new Vec3(0, 0, 0), new Vec3(0, 0, 1)), new(new Vec3(100, 0, 0), new Vec3(0, 0, 1)) };
        Assert.False(Triangulation.MidpointPoint(parallel, [1.0, 1.0]).IsValid);

        // Two lines that meet at (0, 0, -1000), behind both cameras (whose rays point up and away from each other).
        var behind = new Ray[] { new(new Vec3(-1000, 0, 0), new Vec3(-1, 0, 1).Normalized()), new(new Vec3(1000, 0, 0), new Vec3(1, 0, 1).Normalized()) };
        Assert.False(Triangulation.MidpointPoint(behind, [1.0, 1.0]).IsValid);
        Assert.False(Triangulation.Midpoint(behind, [1.0, 1.0]).IsValid);
    }

    [Fact]
    public void Midpoint_NoisyRays_IsAStationaryPointOfTheWeightedSquaredDistance()
    {
        var rng = new Random(63);
        var cams = TestRigs.RandomRig(rng, 4, LensKind.Pinhole);
        var rays = new Ray[4];
        double[] weights = [0.3, 1.0, 0.6, 0.9];
        var x = new Vec3(300, -200, 1100);
        for (var v = 0; v < 4; v++)
        {
            rays[v] = new Ray(cams[v].Center, ((x + (TestRigs.RandomUnit(rng) * 50)) - cams[v].Center).Normalized());
        }

        var result = Triangulation.Midpoint(rays, weights);

        double Objective(Vec3 p)
        {
            double s = 0;
            for (var v = 0; v < 4; v++)
            {
                s += weights[v] * Math.Pow(rays[v].DistanceTo(p), 2);
            }

            return s;
        }

        var best = Objective(result.Point);
        foreach (var step in new[] { new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1), new Vec3(1, 1, -1) })
        {
            Assert.True(Objective(result.Point + (step * 0.01)) > best);
            Assert.True(Objective(result.Point - (step * 0.01)) > best);
        }

        double weightSum = 0;
        foreach (var w in weights)
        {
            weightSum += w;
        }

        Assert.Equal(Math.Sqrt(best / weightSum), result.Residual, 9);
    }

    [Fact]
    public void Solve_UndefinedMethod_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Triangulation.Solve([], [], (TriangulationMethod)9));
    }
}
