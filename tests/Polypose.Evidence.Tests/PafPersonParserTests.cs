using Polypose.Core.Poses;
using Polypose.Formats.Tests.Detections;

namespace Polypose.Evidence.Tests;

[Trait("Stage", "Evidence")]
public sealed class PafPersonParserTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Parse_SeparatedPersons_AssemblesEachCompletely(int people)
    {
        var frame = TestPafFrames.Body25(people);

        var persons = PafPersonParser.Parse(frame);

        Assert.Equal(people, persons.Count);
        AssertEachPersonIsOneCluster(persons);
    }

    [Fact]
    public void Parse_CrossAffinityBelowSame_GreedyKeepsPersonsApart()
    {
        // Cross-person affinities are above the threshold, but each limb's greedy matching takes the stronger
        // same-person pairs first and uses each candidate once.
        var frame = TestPafFrames.Body25(3, same: 0.9, cross: 0.6);

        var persons = PafPersonParser.Parse(frame);

        Assert.Equal(3, persons.Count);
        AssertEachPersonIsOneCluster(persons);
    }

    [Fact]
    public void Parse_AffinityBelowThreshold_NoPersons()
    {
        var frame = TestPafFrames.Body25(2, same: 0.05);

        Assert.Empty(PafPersonParser.Parse(frame, new PafParserOptions { MinAffinity = 0.1 }));
        Assert.Equal(2, PafPersonParser.Parse(frame, new PafParserOptions { MinAffinity = 0.01 }).Count);
    }

    [Fact]
    public void Parse_TreeLimbMissing_LoopLimbMergesFragment()
    {
        // Cut neck -> right shoulder (PAF 7): the right arm + right ear fragment hangs off the right shoulder, and the
        // loop limb right eye -> right ear (PAF 18) joins it back to the person.
        var frame = TestPafFrames.Body25(2);
        Clear(frame.Affinity[7]);

        var persons = PafPersonParser.Parse(frame);

        Assert.Equal(2, persons.Count);
        Assert.All(persons, p => Assert.Equal(25, p.PresentCount));
        AssertEachPersonIsOneCluster(persons);
    }

    [Fact]
    public void Parse_FewJointsConnected_DroppedByMinJoints()
    {
        // Keep only neck -> nose (15) and nose -> left eye (17): three-joint persons.
        var frame = TestPafFrames.Body25(1);
        for (var l = 0; l < frame.Affinity.Count; l++)
        {
            if (l is not 15 and not 17)
            {
                Clear(frame.Affinity[l]);
            }
        }

        Assert.Empty(PafPersonParser.Parse(frame));
        var kept = Assert.Single(PafPersonParser.Parse(frame, new PafParserOptions { MinJoints = 3 }));
        Assert.Equal(3, kept.PresentCount);
        Assert.True(kept.Joints[1].IsPresent && kept.Joints[0].IsPresent && kept.Joints[16].IsPresent);
    }

    [Fact]
    public void Parse_SameFrameTwice_IdenticalResults()
    {
        var frame = TestPafFrames.Body25(3, same: 0.7, cross: 0.7);

        var a = PafPersonParser.Parse(frame);
        var b = PafPersonParser.Parse(frame);

        Assert.Equal(a.Count, b.Count);
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Joints, b[i].Joints);
        }
    }

    [Fact]
    public void Parse_EveryCandidate_UsedAtMostOnce()
    {
        var frame = TestPafFrames.Body25(4, same: 0.5, cross: 0.45);

        var persons = PafPersonParser.Parse(frame, new PafParserOptions { MinJoints = 1, MinMeanScore = 0 });

        for (var j = 0; j < 25; j++)
        {
            var used = persons.Where(p => p.Joints[j].IsPresent).Select(p => p.Joints[j]).ToList();
            Assert.Equal(used.Count, used.Distinct().Count());
        }
    }

    [Fact]
    public void Options_NegativeThreshold_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PafParserOptions { MinAffinity = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PafParserOptions { MinJoints = 0 });
    }

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

    private static void AssertEachPersonIsOneCluster(IReadOnlyList<Person2D> persons)
    {
        // TestPafFrames places person p's joints at x in [50 + 300p, 50 + 300p + 72].
        var clusters = new HashSet<int>();
        foreach (var person in persons)
        {
            var ids = person.Joints.Where(k => k.IsPresent).Select(k => (int)((k.X - 50) / 300)).Distinct().ToList();
            Assert.Single(ids);
            Assert.True(clusters.Add(ids[0]), "two persons share a cluster");
        }
    }
}
