using System.Text;

namespace Orleans.Crm.Bench.Reporting;

/// <summary>The result table as fixed-width text (console) and as Markdown (report), with the previous report's figures.</summary>
public static class TablePrinter
{
    private static readonly string[] Headers = ["scenario", "metric", "value", "vs baseline", "target", "verdict"];

    /// <summary>Fixed-width text.</summary>
    public static string Text(IReadOnlyList<ResultRow> rows, PreviousReport? previous)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var headers = HeadersWith(previous);
        var cells = rows.Select(r => Cells(r, previous)).ToList();
        var widths = Enumerable.Range(0, headers.Length)
            .Select(i => Math.Max(headers[i].Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length)))
            .ToArray();
        var text = new StringBuilder();
        text.AppendLine(Line(headers, widths));
        text.AppendLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in cells)
        {
            text.AppendLine(Line(row, widths));
        }

        return text.ToString();
    }

    /// <summary>A Markdown table.</summary>
    public static string Markdown(IReadOnlyList<ResultRow> rows, PreviousReport? previous)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var headers = HeadersWith(previous);
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", headers) + " |");
        text.AppendLine("|" + string.Concat(headers.Select(_ => " --- |")));
        foreach (var row in rows.Select(r => Cells(r, previous)))
        {
            text.AppendLine("| " + string.Join(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |");
        }

        return text.ToString();
    }

    private static string[] HeadersWith(PreviousReport? previous) =>
        previous is null ? Headers : [.. Headers, $"previous ({previous.Name}): value (ratio)"];

    private static string[] Cells(ResultRow row, PreviousReport? previous)
    {
        string[] cells = [row.Scenario, row.Metric, row.Value, row.RatioText, row.Target ?? "", row.Verdict];
        return previous is null ? cells : [.. cells, previous.For(row)];
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();
}
