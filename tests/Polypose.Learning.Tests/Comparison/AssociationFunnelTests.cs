using Polypose.Learning.Comparison;
using Polypose.Learning.Training;

namespace Polypose.Learning.Tests.Comparison;

public sealed class AssociationFunnelTests
{
    [Fact]
    public void Add_HandMadeFrame_ChargesEachLostPairToTheFirstStageThatLostIt()
    {
        // Three views. Person 0 is seen in all three (detection 0 each), person 1 in views 0 and 1 (detections 1 and 2),
        // detection 1 of view 1 is a distractor. Person 1's detection in view 1 has no peak (merged with a neighbour).
        int[][] identities = [[0, 1], [0, -1, 1], [0]];
        var frame = new FunnelFrame(
            NodeOf: [[0, 1], [0, 1, FunnelFrame.Merged], [0]],
            Edges: [[0, 0, 0], [0, 0, -1], [1, 1, -1]],
            Eligible: [false, true, true],
            Accepted: [1, 2],
            Groups: [[0, 0, -1], [1, 1, -1]],
            Masses: [0.05f, 0.08f, 0.02f]);
        var funnel = new AssociationFunnel("x");
        funnel.Add(frame, identities);
        var r = funnel.Compute();

        // 3 pairs of person 0 + 1 of person 1. Person 1's is lost at the candidates (merged); person 0's pairs with
        // view 2 exist only in the ineligible full edge (score); its view 0-1 pair is output.
        Assert.Equal((1, 4), (r.Frames, r.TruePairs));
        Assert.Equal((0, 0, 1, 0), (r.LostNotANode, r.LostSlotsFull, r.LostMerged, r.LostNoPeak));
        Assert.Equal((0, 2, 0, 0), (r.LostGraph, r.LostScore, r.LostDecoder, r.LostMapping));
        Assert.Equal((1, 1), (r.OutputTruePairs, r.OutputFalsePairs));
        Assert.Equal(0.25, r.Recall, 12);
        Assert.Equal(0.5, r.Precision, 12);

        // Only person 0 has nodes in two views: its full tuple is in the graph, not eligible, accepted as a subset.
        Assert.Equal((1, 1, 0), (r.People, r.FullTupleInGraph, r.FullTupleEligible));
        Assert.Equal((0, 1, 0, 0, 0), (r.AcceptedFull, r.AcceptedPartial, r.AcceptedMixed, r.NotAccepted, r.FullEligibleNotAccepted));
        Assert.Equal(0.05, r.MeanFullTupleMass!.Value, 6);
        Assert.Null(r.MeanFullTupleMassAccepted);
        Assert.Equal((1, 1), (r.Distractors, r.DistractorsAccepted));
    }

    [Fact]
    public void Add_DecoderTakesAMixedEdge_ChargesDecoderAndMappingLosses()
    {
        // Two views, persons 0 and 1 each seen by both (detection = person). Frame A: the decoder accepts the mixed edge
        // (person 0 in view 0, person 1 in view 1) although both full edges were eligible. Frame B: it accepts person
        // 0's full edge, but the output lost that group (mapping), and person 1's full edge is in conflict with nothing
        // yet not accepted (decoder).
        int[][] identities = [[0, 1], [0, 1]];
        int[][] nodes = [[0, 1], [0, 1]];
        int[][] edges = [[0, 0], [0, 1], [1, 1]];
        var funnel = new AssociationFunnel("x");
        funnel.Add(new FunnelFrame(nodes, edges, [true, true, true], [1], [[0, 1]]), identities);
        funnel.Add(new FunnelFrame(nodes, edges, [true, true, true], [0], []), identities);
        var r = funnel.Compute();
        Assert.Equal((2, 4), (r.Frames, r.TruePairs));
        Assert.Equal((0, 3, 1), (r.LostGraph + r.LostScore, r.LostDecoder, r.LostMapping));
        Assert.Equal((0, 1), (r.OutputTruePairs, r.OutputFalsePairs));
        Assert.Equal((4, 4, 4), (r.People, r.FullTupleInGraph, r.FullTupleEligible));
        Assert.Equal((1, 0, 2, 1, 3), (r.AcceptedFull, r.AcceptedPartial, r.AcceptedMixed, r.NotAccepted, r.FullEligibleNotAccepted));
        Assert.Null(r.MeanFullTupleMass);
    }

    [Fact]
    public void Run_Teacher_OutputPairsAgreeWithTheAssociationAccuracyMetric()
    {
        // The funnel counts output pairs itself; TeacherComparison scores the same frames with the evaluation library's
        // association metric: true pairs and recall must agree.
        var set = HeldOutSets.Build("crowd").Take(2);
        var funnel = Stage1Funnel.Run(set, model: null).Single();
        var metric = TeacherComparison.Run(set, [new AssignerRow("teacher", () => new Polypose.Association.CrossViewAssociator())]).Rows[0].Association!;
        Assert.Equal(metric.TruePairs, funnel.TruePairs);
        Assert.Equal(metric.Recall, funnel.Recall, 12);
        Assert.Equal(metric.Precision, funnel.Precision, 12);
        Assert.Equal(funnel.TruePairs - funnel.OutputTruePairs, funnel.LostNotANode + funnel.LostGraph + funnel.LostDecoder + funnel.LostMapping);
    }
}
