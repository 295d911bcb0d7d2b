using Polypose.Association.Packing;
using Polypose.Testing;

namespace Polypose.Association.Tests;

public sealed class AllocationTests
{
    [Fact]
    public void Associate_RepeatedFrame_AllocatesNothingAfterWarmUp()
    {
        var scene = SyntheticScene.Create(21, people: 4, falsePositives: 1, missProbability: 0.2);
        var associator = new CrossViewAssociator();
        for (var i = 0; i < 3; i++)
        {
            associator.Associate(scene.Cameras, scene.Views);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = associator.Associate(scene.Cameras, scene.Views);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(4, result.GroupCount);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void BranchAndBound_RepeatedSolve_AllocatesNothingAfterWarmUp()
    {
        var problem = PackingSolverTests.RandomInstance(new Random(5));
        var solver = new BranchAndBoundSolver();
        var selected = new List<int>(64);
        for (var i = 0; i < 3; i++)
        {
            solver.Solve(problem, selected);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        solver.Solve(problem, selected);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
