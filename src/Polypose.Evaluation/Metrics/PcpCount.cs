namespace Polypose.Evaluation.Metrics;

/// <summary>A named correct/total count and its rate (fraction; null when <paramref name="Total"/> is 0).</summary>
public sealed record PcpCount(string Name, int Correct, int Total, double? Rate)
{
    /// <summary>Builds a count with its rate.</summary>
    public static PcpCount Of(string name, int correct, int total) =>
        new(name, correct, total, total > 0 ? (double)correct / total : null);
}
