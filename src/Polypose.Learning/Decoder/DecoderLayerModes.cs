namespace Polypose.Learning.Decoder;

/// <summary>
/// The attention modes of one decoder layer's two hypergraph convolutions (dispose.md 4.2 steps 4 and 8): the view–joint
/// hypergraph and the person–part hypergraph.
/// </summary>
/// <param name="ViewJoint">Mode of the view–joint hypergraph convolution.</param>
/// <param name="PersonPart">Mode of the person–part hypergraph convolution.</param>
public readonly record struct DecoderLayerModes(HypergraphAttentionMode ViewJoint, HypergraphAttentionMode PersonPart);
