using System.Text.Json;

namespace Polypose.Tracking.Tests;

/// <summary>The scipy/numpy reference values of Fixtures/filters.json (made by Fixtures/make_fixtures.py).</summary>
internal static class FilterFixtures
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "filters.json"))));

    public static JsonElement Root => Document.Value.RootElement;

    public static double Fps => Root.GetProperty("fps").GetDouble();

    public static double[] Input => Array(Root.GetProperty("input"));

    public static double[] Array(JsonElement e) => [.. e.EnumerateArray().Select(x => x.GetDouble())];

    public static void AssertClose(double[] expected, double[] actual, double relative = 1e-6)
    {
        Assert.Equal(expected.Length, actual.Length);
        var scale = expected.Max(Math.Abs);
        for (var i = 0; i < expected.Length; i++)
        {
            var tolerance = relative * Math.Max(Math.Abs(expected[i]), 1e-3 * scale);
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"sample {i}: expected {expected[i]:R}, got {actual[i]:R} (tolerance {tolerance:E2})");
        }
    }
}
