namespace Polypose.Cli.Reports;

/// <summary>Prints what input loading decided (cameras left out, assumed image sizes, idle cameras) to stderr, one line each.</summary>
internal static class InputNotes
{
    /// <summary>Prints each note on its own line.</summary>
    public static void Print(IEnumerable<string> notes)
    {
        foreach (var note in notes)
        {
            Console.Error.WriteLine(note);
        }
    }

    /// <summary>Prints the note when there is one.</summary>
    public static void Print(string? note)
    {
        if (note is not null)
        {
            Console.Error.WriteLine(note);
        }
    }
}
