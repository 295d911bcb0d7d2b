using Polypose.Association.Packing;
using Polypose.Core.Poses;
using Polypose.Testing;

namespace Polypose.Association.Tests;

public sealed class CrowdAssociationTests
{
    /// <summary>Every detection of every view repeated <paramref name="copies"/> times, each copy moved by up to 1 px (seeded).</summary>
    private static List<IReadOnlyList<Person2D>> Repeated(SyntheticScene scene, int copies, bool allViews)
    {
        var rng = new Random(3);
        var views = new List<IReadOnlyList<Person2D>>();
        for (var v = 0; v < scene.Views.Count; v++)
        {
            if (!allViews && v != 0)
            {
                views.Add(scene.Views[v]);
                continue;
            }

            var list = new List<Person2D>();
            for (var c = 0; c < copies; c++)
            {
                foreach (var p in scene.Views[v])
                {
                    list.Add(p with { Joints = [.. p.Joints.Select(k => k with { X = k.X + rng.NextDouble() - 0.5, Y = k.Y + rng.NextDouble() - 0.5, Score = k.Score * (c == 0 ? 1 : 0.9) })] });
                }
            }

            views.Add(list);
        }

        return views;
    }

    [Fact]
    public void Associate_TenThousandDuplicatesInOneView_FindsThePeopleOnce()
    {
        var scene = SyntheticScene.Create(21, people: 4);
        var views = Repeated(scene, 2500, allViews: false);
        Assert.Equal(10_000, views[0].Count);

        var result = new CrossViewAssociator().Associate(scene.Cameras, views);

        Assert.Equal(4, result.GroupCount);
        Assert.Equal(10_000 - 4, result.DuplicateDetections);
    }

    [Fact]
    public void Associate_TenThousandDetectionsInEveryView_FinishesWithoutException()
    {
        var scene = SyntheticScene.Create(22, people: 4);
        var views = Repeated(scene, 2500, allViews: true);
        var associator = new CrossViewAssociator(new AssociationOptions { DuplicateDistanceFraction = 0 });

        var result = associator.Associate(scene.Cameras, views);

        Assert.True(result.DetectionsLeftOut >= views.Sum(v => v.Count) - (5 * 64));
        Assert.True(result.OptimalityGap >= 0);
        Assert.True(result.UpperBound >= result.Objective - 1e-9);
    }

    [Fact]
    public void Associate_DuplicateBoxes_KeepsTheHigherScoredOne()
    {
        var scene = SyntheticScene.Create(23, people: 3);
        var views = Repeated(scene, 2, allViews: true);

        var result = new CrossViewAssociator().Associate(scene.Cameras, views);

        Assert.Equal(3, result.GroupCount);
        Assert.Equal(3 * 5, result.DuplicateDetections);
        for (var g = 0; g < result.GroupCount; g++)
        {
            foreach (var d in result.Group(g))
            {
                // The unscaled copies come first in each view.
                Assert.True(d < 3);
            }
        }
    }

    [Fact]
    public void BranchAndBound_TinyBudget_ObjectiveWithinReportedGapOfExact()
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var problem = PackingSolverTests.RandomInstance(new Random(seed));
            var exact = new BranchAndBoundSolver().Solve(problem, []);
            var bounded = new BranchAndBoundSolver { WorkBudget = 3 };
            var selected = new List<int>();
            var approximate = bounded.Solve(problem, selected);

            Assert.Equal(approximate, problem.Evaluate(selected.ToArray()), 9);
            Assert.True(approximate <= exact + 1e-9);
            Assert.True(bounded.LastUpperBound >= exact - 1e-9, $"seed {seed}: bound {bounded.LastUpperBound} below optimum {exact}");
            if (bounded.LastProvenOptimal)
            {
                Assert.Equal(exact, approximate, 9);
            }
        }
    }
}
