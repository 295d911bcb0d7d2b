using Polypose.Core.Poses;
using Polypose.Evidence.Tests.Reference;
using Polypose.Formats.Tests.Detections;
using Polypose.Testing;
using Xunit.Abstractions;

namespace Polypose.Evidence.Tests;

/// <summary>
/// The reusable <see cref="PafPersonParser"/> instance against the frozen original implementation
/// (<see cref="ReferencePafParser"/>): same persons, same order, bit-identical joints; and its allocation budget.
/// </summary>
[Trait("Stage", "Evidence")]
public sealed class PafPersonParserReuseTests(ITestOutputHelper output)
{
    [SharedDataTheory]
    [InlineData(0.1, 6, 0.4, 0.0)] // the defaults
    [InlineData(0.0, 1, 0.0, 0.0)] // keep every fragment
    [InlineData(0.3, 3, 0.6, 0.2)] // stricter connections, candidate score filter
    [InlineData(0.05, 10, 0.2, 0.5)]
    public void ParseInto_AllShelfFramesAndViews_IdenticalToReference(double minAffinity, int minJoints, double minMeanScore, double minCandidateScore)
    {
        // Arrange
        var options = new PafParserOptions
        {
            MinAffinity = minAffinity,
            MinJoints = minJoints,
            MinMeanScore = minMeanScore,
            MinCandidateScore = minCandidateScore,
        };
        var frames = ShelfPafEvidence.All;
        var parser = new PafPersonParser(options);
        var actual = new List<Person2D>();
        var persons = 0;

        // Act + Assert: one instance for every frame and view, so state left by one frame would show up in the next.
        for (var f = 0; f < frames.Count; f++)
        {
            for (var v = 0; v < frames[f].Count; v++)
            {
                var expected = ReferencePafParser.Parse(frames[f][v], options);
                var count = parser.ParseInto(frames[f][v], actual);
                Assert.Equal(actual.Count, count);
                PersonAssert.Identical(expected, actual, $"frame {f}, view {v}");
                persons += count;
            }
        }

        Assert.Equal(301, frames.Count);
        Assert.True(persons > 0, "no persons parsed at all: the comparison would be vacuous");
        output.WriteLine($"{persons} persons compared");
    }

    [SharedDataFact]
    public void ParseViews_ShelfFrames_IdenticalToReference()
    {
        var frames = ShelfPafEvidence.All;
        for (var f = 0; f < frames.Count; f += 10)
        {
            var actual = PafPersonParser.ParseViews(frames[f]);
            var expected = ReferencePafParser.ParseViews(frames[f]);
            Assert.Equal(expected.Count, actual.Count);
            for (var v = 0; v < expected.Count; v++)
            {
                PersonAssert.Identical(expected[v], actual[v], $"frame {f}, view {v}");
            }
        }
    }

    [SharedDataFact]
    public void ParseInto_AfterWarmUp_AllocatesOnlyTheOutputPersons()
    {
        // Arrange: warm up (JIT, buffer growth) on every frame once.
        var frames = ShelfPafEvidence.All;
        var parser = new PafPersonParser();
        var outputs = new List<Person2D>();
        var result = new List<Person2D>(64);
        void Pass(bool keep)
        {
            foreach (var views in frames)
            {
                foreach (var view in views)
                {
                    parser.ParseInto(view, result);
                    if (keep)
                    {
                        outputs.AddRange(result);
                    }
                }
            }
        }

        Pass(keep: false);
        Pass(keep: true);
        var persons = outputs.Count;
        outputs = new List<Person2D>(persons + 1);

        // Act
        var before = GC.GetAllocatedBytesForCurrentThread();
        Pass(keep: true);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Assert: a person is a Person2D object (header + 2 references) and a Keypoint2D[25] (header + length + 25 x 24
        // bytes) = about 660 bytes on 64-bit; allow 720 per person and nothing per frame or view.
        Assert.Equal(persons, outputs.Count);
        var perPerson = (double)allocated / persons;
        output.WriteLine($"{allocated} bytes for {persons} persons in {frames.Count} frames: {perPerson:F1} bytes/person, {(double)allocated / frames.Count:F0} bytes/frame");
        Assert.InRange(perPerson, 600, 720);
    }

    [Fact]
    public void ParseInto_InstanceReusedAcrossSizesOptionsAndLayouts_IdenticalToReference()
    {
        // Arrange: frames that grow and shrink, a loop-limb merge case, and a frame whose limbs come in another order
        // (so the cached limb order must be recomputed, then recomputed back).
        var cut = TestPafFrames.Body25(2);
        Clear(cut.Affinity[7]);
        var frames = new List<PafFrame>
        {
            TestPafFrames.Body25(1),
            TestPafFrames.Body25(6, same: 0.7, cross: 0.65),
            cut,
            Reversed(TestPafFrames.Body25(3, same: 0.5, cross: 0.45)),
            TestPafFrames.Body25(2, same: 0.9, cross: 0.6),
            TestPafFrames.Body25(0),
            TestPafFrames.Body25(3, same: 0.7, cross: 0.7), // affinity and score ties: broken by index
            TestPafFrames.Body25(4, same: 0.5, cross: 0.45),
        };
        var loose = new PafParserOptions { MinJoints = 1, MinMeanScore = 0 };
        var parser = new PafPersonParser();
        var looseParser = new PafPersonParser(loose);
        var actual = new List<Person2D>();

        foreach (var round in Enumerable.Range(0, 2))
        {
            for (var i = 0; i < frames.Count; i++)
            {
                // Act
                parser.ParseInto(frames[i], actual);

                // Assert
                PersonAssert.Identical(ReferencePafParser.Parse(frames[i]), actual, $"round {round}, frame {i}");
                looseParser.ParseInto(frames[i], actual);
                PersonAssert.Identical(ReferencePafParser.Parse(frames[i], loose), actual, $"round {round}, frame {i}, loose");
            }
        }
    }

    [Fact]
    public void ParseInto_OutputHeldFromEarlierCall_UnchangedByLaterCalls()
    {
        var parser = new PafPersonParser();
        var first = new List<Person2D> { new(TestPafFrames.Body25(1).Skeleton, []) };
        parser.ParseInto(TestPafFrames.Body25(3), first);
        var snapshot = first.Select(p => p.Joints.ToArray()).ToList();

        var second = new List<Person2D>();
        parser.ParseInto(TestPafFrames.Body25(4, xOffset: 500), second);

        Assert.Equal(3, first.Count); // replaced, not appended
        Assert.Equal(4, second.Count);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.Equal(snapshot[i], first[i].Joints);
        }
    }

    [Fact]
    public void ParseInto_MismatchedAffinity_ThrowsAndKeepsOutput()
    {
        var good = TestPafFrames.Body25(2);
        var affinity = good.Affinity.ToArray();
        affinity[3] = new double[3, 2];
        var bad = good with { Affinity = affinity };
        var parser = new PafPersonParser();
        var output = new List<Person2D>();
        parser.ParseInto(good, output);

        Assert.Throws<ArgumentException>(() => parser.ParseInto(bad, output));
        Assert.Equal(2, output.Count);
        PersonAssert.Identical(ReferencePafParser.Parse(good), PafPersonParser.Parse(good), "after a failed frame");
    }

    private static PafFrame Reversed(PafFrame frame) =>
        frame with { Limbs = [.. frame.Limbs.Reverse()], Affinity = [.. frame.Affinity.Reverse()] };

    private static void Clear(double[,] m)
    {
        for (var r = 0; r < m.GetLength(0); r++)
        {
            for (var c = 0; c < m.GetLength(1); c++)
            {
                m[r, c] = 0;
            }
        }
    }
}
