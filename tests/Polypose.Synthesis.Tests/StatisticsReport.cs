using System.Globalization;
using System.Text;
using Polypose.Synthesis.Fitting;

namespace Polypose.Synthesis.Tests;

/// <summary>Formats real and synthetic detector statistics side by side (for test output and docs).</summary>
internal static class StatisticsReport
{
    public static string SideBySide(DetectorStatistics real, DetectorStatistics syn)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"samples matched: real {real.Errors.Count}, synthetic {syn.Errors.Count}");
        foreach (var q in new[] { 0.5, 0.9, 0.99 })
        {
            sb.AppendLine(inv, $"error q{q * 100:0}: real {real.ErrorQuantile(q):F4}  synthetic {syn.ErrorQuantile(q):F4}");
        }

        sb.AppendLine(inv, $"overall miss: real {real.OverallMissRate:F4}  synthetic {syn.OverallMissRate:F4}");
        sb.AppendLine(inv, $"mean score: real {real.MeanScore:F3}  synthetic {syn.MeanScore:F3}");
        sb.AppendLine("joint | real miss | syn miss | real med | syn med | real n | syn n");
        var rm = real.MissRates;
        var sm = syn.MissRates;
        for (var i = 0; i < DetectorStatistics.JointNames.Count; i++)
        {
            sb.AppendLine(inv, $"{DetectorStatistics.JointNames[i]} | {rm[i]:F4} | {sm[i]:F4} | {real.MedianError[i]:F4} | {syn.MedianError[i]:F4} | {real.Counts[i]} | {syn.Counts[i]}");
        }

        sb.AppendLine("error bin | real n | real score | syn n | syn score");
        for (var b = 0; b < DetectorStatistics.ErrorBinEdges.Count; b++)
        {
            sb.AppendLine(inv, $"< {DetectorStatistics.ErrorBinEdges[b]} | {real.ConfidenceByError[b].Count} | {real.ConfidenceByError[b].MeanScore:F3} | {syn.ConfidenceByError[b].Count} | {syn.ConfidenceByError[b].MeanScore:F3}");
        }

        return sb.ToString();
    }
}
