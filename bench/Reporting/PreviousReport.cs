using System.Globalization;
using System.Text.RegularExpressions;

namespace Orleans.Crm.Bench.Reporting;

/// <summary>
/// The table of an earlier report (<c>bench/results/&lt;date&gt;.md</c>), so the new report can show its figures and
/// ratios beside the new ones. Rows are matched by scenario and metric with parenthesised details removed ("claim
/// winner p50 / p99 (64 managers, 40 leads)" matches the same metric over 5 leads), or by a row's
/// <see cref="ResultRow.Was"/>.
/// </summary>
public sealed partial class PreviousReport
{
    private readonly Dictionary<(string Scenario, string Metric), (string Value, string Ratio)> _rows;

    private PreviousReport(string name, Dictionary<(string, string), (string, string)> rows)
    {
        Name = name;
        _rows = rows;
    }

    /// <summary>The report's file name without extension (its date).</summary>
    public string Name { get; }

    /// <summary>Rows read.</summary>
    public int Count => _rows.Count;

    /// <summary>Reads the results table of <paramref name="path"/>.</summary>
    public static PreviousReport Load(string path)
    {
        var rows = new Dictionary<(string, string), (string, string)>();
        foreach (var line in File.ReadLines(path))
        {
            if (!line.StartsWith("| ", StringComparison.Ordinal))
            {
                continue;
            }

            var cells = Cells(line);
            if (cells.Count < 4 || cells[0] is "scenario" or "statement" || cells[0].StartsWith("---", StringComparison.Ordinal))
            {
                continue;
            }

            rows.TryAdd((cells[0], Key(cells[1])), (cells[2], cells[3]));
        }

        return new PreviousReport(Path.GetFileNameWithoutExtension(path), rows);
    }

    /// <summary>
    /// The latest full report (<c>yyyy-MM-dd.md</c>, not <c>-quick</c>) in <paramref name="directory"/> other than
    /// <paramref name="exclude"/>, or null.
    /// </summary>
    public static string? Latest(string directory, string? exclude)
    {
        if (!Directory.Exists(directory))
        {
            return null;
        }

        return Directory.EnumerateFiles(directory, "*.md")
            .Where(f => DateOnly.TryParseExact(Path.GetFileNameWithoutExtension(f), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            .Where(f => exclude is null || !string.Equals(Path.GetFullPath(f), Path.GetFullPath(exclude), StringComparison.Ordinal))
            .OrderByDescending(f => Path.GetFileName(f), StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>"value (ratio)" of the matching earlier row, or empty.</summary>
    public string For(ResultRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!_rows.TryGetValue((row.Scenario, Key(row.Was ?? row.Metric)), out var previous))
        {
            return "";
        }

        return previous.Ratio.Length == 0 ? previous.Value : $"{previous.Value} ({previous.Ratio})";
    }

    private static string Key(string metric) => string.Join(' ', Details().Replace(metric, " ").Split(' ', StringSplitOptions.RemoveEmptyEntries));

    // Splits a Markdown table line on unescaped pipes and unescapes the cells.
    private static List<string> Cells(string line)
    {
        var cells = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 1; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] == '|')
            {
                current.Append('|');
                i++;
            }
            else if (line[i] == '|')
            {
                cells.Add(current.ToString().Trim());
                current.Clear();
            }
            else
            {
                current.Append(line[i]);
            }
        }

        return cells;
    }

    [GeneratedRegex(@"\([^)]*\)", RegexOptions.CultureInvariant)]
    private static partial Regex Details();
}
