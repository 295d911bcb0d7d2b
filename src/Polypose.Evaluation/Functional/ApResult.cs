namespace Polypose.Evaluation.Functional;

/// <summary>Average precision and final recall (both fractions in [0, 1]) at a distance threshold in millimetres.</summary>
public readonly record struct ApResult(double Threshold, double AveragePrecision, double Recall);
