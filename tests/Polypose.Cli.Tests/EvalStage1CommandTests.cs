using System.Text.Json;
using Polypose.Testing;

namespace Polypose.Cli.Tests;

/// <summary><c>polypose eval stage1</c> as a real process on a tiny held-out set.</summary>
public sealed class EvalStage1CommandTests
{
    [Fact]
    public void Stage1_TinySetWithModel_PrintsTeacherAndLearnedRows()
    {
        var result = CliProcess.Run("eval", "stage1", "--sets", "rig3", "--frames", "2", "--model", "teacher");
        Assert.True(result.ExitCode == 0, result.StdErr);
        var lines = result.StdOut.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("rig3: unseen synthetic rigs, 3 cameras", StringComparison.Ordinal));
        var teacher = Assert.Single(lines, l => l.TrimStart().StartsWith("teacher ", StringComparison.Ordinal));
        var learned = Assert.Single(lines, l => l.TrimStart().StartsWith("self-check ", StringComparison.Ordinal));

        // Same assigner in both rows: every score column agrees (the last column, frames/s, is timing).
        static string Scores(string row) => string.Join('|', row.Split('│')[1..^1]);
        Assert.Equal(Scores(teacher), Scores(learned));
        Assert.Equal(11, teacher.Split('│').Length);
    }

    [Fact]
    public void Stage1_Funnel_CountsTheSameTruePairsForTeacherAndModelAndRefusesShelf()
    {
        var model = Path.Combine(RepoPaths.Root, "models", "stage1-cpu.safetensors");
        var result = CliProcess.Run("eval", "stage1", "--sets", "rig5", "--frames", "1", "--model", model, "--funnel", "--json");
        Assert.True(result.ExitCode == 0, result.StdErr);
        using var doc = JsonDocument.Parse(result.StdOut);
        var rows = doc.RootElement.GetProperty("funnel")[0].GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["teacher", "learned"], rows.Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(rows[0].GetProperty("truePairs").GetInt32(), rows[1].GetProperty("truePairs").GetInt32());
        Assert.True(rows[0].GetProperty("truePairs").GetInt32() > 0, result.StdOut);
        Assert.Equal(0, rows[0].GetProperty("lostScore").GetInt32());

        // Shelf has no true identities: refused before anything is read (any existing folder passes the --data check).
        var shelf = CliProcess.Run("eval", "stage1", "--sets", "shelf", "--data", RepoPaths.Root, "--funnel");
        Assert.Equal(2, shelf.ExitCode);
        Assert.Contains("--funnel: set 'shelf' has no true identities", shelf.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Stage1_FunnelTable_IsPrintedWhenStdoutIsAPipe()
    {
        // The child's stdout is a pipe (80 columns for Spectre): the 20-column table used to collapse to "…".
        var model = Path.Combine(RepoPaths.Root, "models", "stage1-cpu.safetensors");
        var result = CliProcess.Run("eval", "stage1", "--sets", "rig5", "--frames", "1", "--model", model, "--funnel");
        Assert.True(result.ExitCode == 0, result.StdErr);
        var lines = result.StdOut.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("rig5: recall funnel", StringComparison.Ordinal));
        var header = Assert.Single(lines, l => l.Contains("no node", StringComparison.Ordinal));
        Assert.Contains("x0 full", header, StringComparison.Ordinal);
        foreach (var name in (string[])["teacher", "learned"])
        {
            var row = Assert.Single(lines, l => l.TrimStart().StartsWith(name + " ", StringComparison.Ordinal));
            var cells = row.Split('│');
            Assert.Equal(20, cells.Length);
            Assert.True(int.Parse(cells[1].Trim(), System.Globalization.CultureInfo.InvariantCulture) > 0, row);
        }
    }

    [Fact]
    public void Stage1_ShippedModel_AddsALearnedRowOnTheSameFrames()
    {
        var model = Path.Combine(RepoPaths.Root, "models", "stage1-cpu.safetensors");
        var result = CliProcess.Run("eval", "stage1", "--sets", "rig5", "--frames", "1", "--model", model, "--json");
        Assert.True(result.ExitCode == 0, result.StdErr);
        using var doc = JsonDocument.Parse(result.StdOut);
        var rows = doc.RootElement.GetProperty("sets")[0].GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["teacher", "learned"], rows.Select(r => r.GetProperty("name").GetString()));
        var (teacher, learned) = (rows[0].GetProperty("association"), rows[1].GetProperty("association"));
        Assert.Equal(teacher.GetProperty("truePairs").GetInt64(), learned.GetProperty("truePairs").GetInt64());
        Assert.Equal(teacher.GetProperty("frameCount").GetInt32(), learned.GetProperty("frameCount").GetInt32());
        Assert.True(learned.GetProperty("predictedPairs").GetInt64() > 0, result.StdOut);
    }

    [Fact]
    public void Stage1_Json_WithoutModel_OneTeacherRowPerSetWithAssociationAndRootScores()
    {
        var result = CliProcess.Run("eval", "stage1", "--sets", "rig5,crowd", "--frames", "2", "--json");
        Assert.True(result.ExitCode == 0, result.StdErr);
        using var doc = JsonDocument.Parse(result.StdOut);
        var sets = doc.RootElement.GetProperty("sets");
        Assert.Equal(["rig5", "crowd"], sets.EnumerateArray().Select(s => s.GetProperty("set").GetString()));
        foreach (var set in sets.EnumerateArray())
        {
            // Two frames of each scene: rig5 has 5 scenes (one per rig kind), crowd 9 (8, 9 and 10 people on three rigs).
            Assert.Equal(set.GetProperty("set").GetString() == "crowd" ? 18 : 10, set.GetProperty("frames").GetInt32());
            var row = Assert.Single(set.GetProperty("rows").EnumerateArray());
            Assert.Equal("teacher", row.GetProperty("name").GetString());
            var f1 = row.GetProperty("association").GetProperty("f1").GetDouble();
            Assert.InRange(f1, 0.5, 1.0);
            Assert.Equal(6, row.GetProperty("root").GetProperty("ap").GetArrayLength());
        }
    }

    [Fact]
    public void Stage1_ShippedFullModelByName_LearnedRowIsScoredOnTheDecoderJoints()
    {
        var result = CliProcess.Run("eval", "stage1", "--sets", "views3", "--frames", "2", "--model", "dispose-cpu", "--json");
        Assert.True(result.ExitCode == 0, result.StdErr);
        using var doc = JsonDocument.Parse(result.StdOut);
        var set = doc.RootElement.GetProperty("sets")[0];
        Assert.Equal("views3", set.GetProperty("set").GetString());
        var rows = set.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["teacher", "learned"], rows.Select(r => r.GetProperty("name").GetString()));
        var (teacher, learned) = (rows[0].GetProperty("pose").GetProperty("ap"), rows[1].GetProperty("pose").GetProperty("ap"));

        // Same ground truth; the decoder's joints are not the teacher's triangulation, so the errors differ.
        Assert.Equal(teacher.GetProperty("gtCount").GetInt32(), learned.GetProperty("gtCount").GetInt32());
        Assert.True(learned.GetProperty("predictionCount").GetInt32() > 0, result.StdOut);
        Assert.NotEqual(teacher.GetProperty("mpjpe").GetDouble(), learned.GetProperty("mpjpe").GetDouble());
    }

    [Fact]
    public void Stage1_Markdown_OneTableLinePerSetAndRow()
    {
        var result = CliProcess.Run("eval", "stage1", "--sets", "rig3,views4", "--frames", "1", "--model", "teacher", "--markdown");
        Assert.True(result.ExitCode == 0, result.StdErr);
        var lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        Assert.StartsWith("| set | row | frames | P | R | F1 | root mAP |", lines[0], StringComparison.Ordinal);
        Assert.Equal(["rig3", "rig3", "views4", "views4"], lines[2..].Select(l => l.Split('|')[1].Trim()));
        Assert.Equal(["teacher", "self-check", "teacher", "self-check"], lines[2..].Select(l => l.Split('|')[2].Trim()));
        Assert.All(lines, l => Assert.Equal(21, l.Split('|').Length));

        // The self-check row repeats the teacher: every score cell agrees (the last cell, frames/s, is timing).
        static string Scores(string line) => string.Join('|', line.Split('|')[3..^2]);
        Assert.Equal(Scores(lines[2]), Scores(lines[3]));
        Assert.Equal(Scores(lines[4]), Scores(lines[5]));
    }
}
