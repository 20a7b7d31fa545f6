namespace Orleans.Crm.Bench.Reporting;

/// <summary>Everything a run found: the table rows, and per-scenario notes (where the time goes, caveats).</summary>
public sealed class BenchReport
{
    private readonly List<ResultRow> _rows = [];
    private readonly List<(string Scenario, string Text)> _notes = [];
    private readonly Lock _lock = new();

    /// <summary>The rows in the order they were added.</summary>
    public IReadOnlyList<ResultRow> Rows
    {
        get
        {
            lock (_lock)
            {
                return [.. _rows];
            }
        }
    }

    /// <summary>The notes in the order they were added.</summary>
    public IReadOnlyList<(string Scenario, string Text)> Notes
    {
        get
        {
            lock (_lock)
            {
                return [.. _notes];
            }
        }
    }

    /// <summary>Adds a row and echoes it to the console so a long run shows progress.</summary>
    public void Add(ResultRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        lock (_lock)
        {
            _rows.Add(row);
        }

        Console.WriteLine($"    {row.Metric}: {row.Value} {row.RatioText} {row.Verdict}".TrimEnd());
    }

    /// <summary>Adds a note (Markdown) for the report.</summary>
    public void Note(string scenario, string text)
    {
        lock (_lock)
        {
            _notes.Add((scenario, text));
        }
    }
}
