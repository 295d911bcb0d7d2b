namespace Polypose.Learning.Comparison;

/// <summary>Every row's scores on one evaluation set, computed in the same run on the same input.</summary>
/// <param name="Set">The set's name.</param>
/// <param name="Description">What the set holds.</param>
/// <param name="Scenes">Number of scenes.</param>
/// <param name="Frames">Frames over all scenes.</param>
/// <param name="Rows">One result per row, in row order (the teacher first by convention).</param>
public sealed record SetComparison(string Set, string Description, int Scenes, int Frames, IReadOnlyList<RowResult> Rows);
