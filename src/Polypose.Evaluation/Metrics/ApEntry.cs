namespace Polypose.Evaluation.Metrics;

/// <summary>AP and recall (fractions in [0, 1]) at one distance threshold (mm).</summary>
public sealed record ApEntry(double Threshold, double Ap, double Recall);
