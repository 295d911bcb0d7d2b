namespace Polypose.Learning.Comparison;

/// <summary>
/// Where an assigner loses true pairs (<see cref="AssociationFunnel"/>). A true pair is two detections of the same
/// person (id ≥ 0) in different views; each one the assigner does not output is charged to the first stage that lost
/// it, in order: no node (split by reason), no candidate hyperedge holds both, no eligible one does (Stage I's score
/// threshold), none of the accepted ones does (the decoder took their nodes elsewhere), the accepted edge's
/// detection group lacks one of them (mapping). Person counts cover people seen by ≥ 2 views whose nodes lie in ≥ 2
/// views, by what happened to their full tuple (every node of theirs, dustbins elsewhere).
/// </summary>
/// <param name="Name">The row (teacher, learned).</param>
/// <param name="Frames">Frames counted.</param>
/// <param name="TruePairs">True pairs in all frames.</param>
/// <param name="LostNotANode">Pairs lost because a detection is no node (teacher: unusable; Stage I: no rendered root).</param>
/// <param name="LostSlotsFull">Stage I: pairs lost because the view's candidate slots were all taken.</param>
/// <param name="LostMerged">Stage I: pairs lost because a detection's root peak merged with a neighbour's (NMS).</param>
/// <param name="LostNoPeak">Stage I: pairs lost because a detection had no peak of its own for another reason.</param>
/// <param name="LostGraph">Pairs whose two nodes share no candidate hyperedge (pair pre-filter, hyperedge bound).</param>
/// <param name="LostScore">Pairs whose every hyperedge is ineligible (Stage I: S_e ≤ threshold).</param>
/// <param name="LostDecoder">Pairs with an eligible hyperedge that no accepted edge covers.</param>
/// <param name="LostMapping">Pairs covered by an accepted edge but not by its output group.</param>
/// <param name="OutputTruePairs">True pairs in the output groups (the recall numerator).</param>
/// <param name="OutputFalsePairs">Output pairs of different people or with a distractor.</param>
/// <param name="People">People with nodes in ≥ 2 views (frames summed).</param>
/// <param name="FullTupleInGraph">Of those, people whose full tuple is a candidate hyperedge.</param>
/// <param name="FullTupleEligible">People whose full tuple is an eligible hyperedge.</param>
/// <param name="AcceptedFull">People whose full tuple was accepted.</param>
/// <param name="AcceptedPartial">People not accepted whole but only in edges of their own nodes (a subset, or split).</param>
/// <param name="AcceptedMixed">People with a node in an accepted edge that also holds another person's or a distractor's node.</param>
/// <param name="NotAccepted">People none of whose nodes is in an accepted edge.</param>
/// <param name="FullEligibleNotAccepted">People whose full tuple was eligible and yet not accepted.</param>
/// <param name="MeanFullTupleMass">Mean sampled mass x̂0 of the full tuples present in the graph (Stage I), or null.</param>
/// <param name="MeanFullTupleMassAccepted">The same over the accepted full tuples, or null.</param>
/// <param name="Distractors">Distractor detections (id −1) that are nodes.</param>
/// <param name="DistractorsAccepted">Of those, how many are in accepted edges.</param>
public sealed record FunnelReport(
    string Name,
    int Frames,
    int TruePairs,
    int LostNotANode,
    int LostSlotsFull,
    int LostMerged,
    int LostNoPeak,
    int LostGraph,
    int LostScore,
    int LostDecoder,
    int LostMapping,
    int OutputTruePairs,
    int OutputFalsePairs,
    int People,
    int FullTupleInGraph,
    int FullTupleEligible,
    int AcceptedFull,
    int AcceptedPartial,
    int AcceptedMixed,
    int NotAccepted,
    int FullEligibleNotAccepted,
    double? MeanFullTupleMass,
    double? MeanFullTupleMassAccepted,
    int Distractors,
    int DistractorsAccepted)
{
    /// <summary>Pairwise recall of the output (true pairs output / true pairs).</summary>
    public double Recall => TruePairs == 0 ? 0 : (double)OutputTruePairs / TruePairs;

    /// <summary>Pairwise precision of the output.</summary>
    public double Precision => OutputTruePairs + OutputFalsePairs == 0 ? 0 : (double)OutputTruePairs / (OutputTruePairs + OutputFalsePairs);
}
