using Polypose.Formats.Calibration;
using Polypose.Testing;

namespace Polypose.Formats.Tests.Calibration;

/// <summary>EasyMocap YAML syntax errors: file, line and column in our own words, never the YAML library's text.</summary>
public sealed class OpenCvYamlSyntaxErrorTests
{
    private const string Extri = """
        %YAML:1.0
        ---
        names:
           - "1"
        R_1: !!opencv-matrix
           rows: 3
           cols: 1
           dt: d
           data: [ 0., 0., 0. ]
        T_1: !!opencv-matrix
           rows: 3
           cols: 1
           dt: d
           data: [ 0., 0., 3. ]
        """;

    [Fact]
    public void UnclosedBracketInData_IsReportedAtTheBracketWithoutLibraryText()
    {
        var intri = """
            %YAML:1.0
            ---
            names:
               - "1"
            K_1: !!opencv-matrix
               rows: 3
               cols: 3
               dt: d
               data: [ 1100., 0., 960., 0., 1100., 540., 0., 0., 1.
            H_1: 1080
            W_1: 1920
            """;
        var dir = Write(intri, Extri);

        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(dir));

        Assert.Equal(Path.Combine(dir, "intri.yml"), ex.FilePath);
        Assert.Equal((9, 10), (ex.Line, ex.Column));
        Assert.StartsWith($"{Path.Combine(dir, "intri.yml")}:9:10: YAML syntax error: '[' is never closed", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Idx", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("While parsing", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void StrayClosingBracket_IsReportedWhereItIs()
    {
        var extri = Extri.Replace("data: [ 0., 0., 3. ]", "data: [ 0., 0., 3. ]]", StringComparison.Ordinal);
        var dir = Write(Intri1, extri);

        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(dir));

        Assert.Equal(Path.Combine(dir, "extri.yml"), ex.FilePath);
        Assert.Equal((14, 24), (ex.Line, ex.Column));
        Assert.Contains("YAML syntax error: ']' closes nothing", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void DeepNestingAfterAStrayClosingBracket_IsRefusedBeforeTheYamlParserSeesIt()
    {
        var extri = Extri.Replace("data: [ 0., 0., 3. ]", "data: ] " + new string('[', 200_000), StringComparison.Ordinal);
        var dir = Write(Intri1, extri);

        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(dir));

        Assert.Equal(Path.Combine(dir, "extri.yml"), ex.FilePath);
        Assert.Contains("nested deeper than 32 levels", ex.Problem, StringComparison.Ordinal);
        Assert.Equal(14, ex.Line);
    }

    [Fact]
    public void BadIndentation_GivesThePlaceAndAGeneralHint()
    {
        var dir = Write(Intri1.Replace("   cols: 3", "      cols: 3", StringComparison.Ordinal), Extri);

        var ex = Assert.Throws<PolyposeFormatException>(() => CalibrationReader.Read(dir));

        Assert.NotNull(ex.Line);
        Assert.StartsWith("YAML syntax error (check the indentation", ex.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("Idx", ex.Message, StringComparison.Ordinal);
    }

    private const string Intri1 = """
        %YAML:1.0
        ---
        names:
           - "1"
        K_1: !!opencv-matrix
           rows: 3
           cols: 3
           dt: d
           data: [ 1100., 0., 960., 0., 1100., 540., 0., 0., 1. ]
        H_1: 1080
        W_1: 1920
        """;

    private static string Write(string intri, string extri)
    {
        var dir = RepoPaths.NewTempDir();
        File.WriteAllText(Path.Combine(dir, "intri.yml"), intri + "\n");
        File.WriteAllText(Path.Combine(dir, "extri.yml"), extri + "\n");
        return dir;
    }
}
