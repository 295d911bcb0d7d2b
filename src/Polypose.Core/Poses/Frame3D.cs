namespace Polypose.Core.Poses;

/// <summary>The persons reconstructed (or annotated) at one time instant.</summary>
public sealed record Frame3D(int FrameIndex, IReadOnlyList<Person3D> People);
