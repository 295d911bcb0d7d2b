namespace Polypose.Formats;

/// <summary>
/// A file that Polypose cannot read: names the file, the place (1-based line and column, or a token/JSON path when
/// lines do not apply) and what is wrong. The CLI prints <see cref="Exception.Message"/> alone and exits with code 2.
/// </summary>
public class PolyposeFormatException : Exception
{
    /// <summary>Creates the exception; the message is composed as "FILE:LINE:COL: what (PLACE)".</summary>
    public PolyposeFormatException(string filePath, string problem, int? line = null, int? column = null, string? place = null, Exception? inner = null)
        : base(Compose(filePath, problem, line, column, place), inner)
    {
        FilePath = filePath;
        Problem = problem;
        Line = line;
        Column = column;
        Place = place;
    }

    public PolyposeFormatException()
        : this("<unknown>", "unreadable input")
    {
    }

    public PolyposeFormatException(string message)
        : this("<unknown>", message)
    {
    }

    public PolyposeFormatException(string message, Exception innerException)
        : this("<unknown>", message, inner: innerException)
    {
    }

    /// <summary>The file that could not be read.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    /// <summary>1-based line, when known.</summary>
    public int? Line { get; }

    /// <summary>1-based column, when known.</summary>
    public int? Column { get; }

    /// <summary>A logical place such as a JSON path ("cameras[3].K") or "frame 12, joint 4", when known.</summary>
    public string? Place { get; }

    private static string Compose(string file, string problem, int? line, int? column, string? place)
    {
        var where = file;
        if (line is not null)
        {
            where += $":{line}";
            if (column is not null)
            {
                where += $":{column}";
            }
        }

        return place is null ? $"{where}: {problem}" : $"{where}: {problem} (at {place})";
    }
}
