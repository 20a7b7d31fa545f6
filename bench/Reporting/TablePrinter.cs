using System.Text;

namespace Orleans.Crm.Bench.Reporting;

/// <summary>The result table as fixed-width text (console) and as Markdown (report).</summary>
public static class TablePrinter
{
    private static readonly string[] Headers = ["scenario", "metric", "value", "vs baseline", "target", "verdict"];

    /// <summary>Fixed-width text.</summary>
    public static string Text(IReadOnlyList<ResultRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var cells = rows.Select(Cells).ToList();
        var widths = Enumerable.Range(0, Headers.Length)
            .Select(i => Math.Max(Headers[i].Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length)))
            .ToArray();
        var text = new StringBuilder();
        text.AppendLine(Line(Headers, widths));
        text.AppendLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in cells)
        {
            text.AppendLine(Line(row, widths));
        }

        return text.ToString();
    }

    /// <summary>A Markdown table.</summary>
    public static string Markdown(IReadOnlyList<ResultRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", Headers) + " |");
        text.AppendLine("|" + string.Concat(Headers.Select(_ => " --- |")));
        foreach (var row in rows.Select(Cells))
        {
            text.AppendLine("| " + string.Join(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |");
        }

        return text.ToString();
    }

    private static string[] Cells(ResultRow row) => [row.Scenario, row.Metric, row.Value, row.RatioText, row.Target ?? "", row.Verdict];

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();
}
