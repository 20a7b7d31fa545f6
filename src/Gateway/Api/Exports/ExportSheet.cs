namespace Orleans.Crm.Gateway.Api.Exports;

/// <summary>
/// One worksheet of an export, independent of Excel: bilingual column headers, rows of plain values (text, numbers,
/// local date-times, booleans) and, per row, a fill colour. Every export builds one of these from a report contract;
/// <see cref="XlsxWriter"/> turns it into a file.
/// </summary>
/// <param name="Name">The worksheet's tab name (≤ 31 characters).</param>
/// <param name="Title">A line above the table (what, which store, which period).</param>
public sealed record ExportSheet(string Name, string Title, IReadOnlyList<ExportColumn> Columns, IReadOnlyList<ExportRow> Rows)
{
    /// <summary>More sheets after this one in the same workbook (a legend, …).</summary>
    public IReadOnlyList<ExportSheet> Extra { get; init; } = [];
}

/// <summary>A column: its header (中文 English), its width in characters and an Excel number format for its values.</summary>
public sealed record ExportColumn(string Header, double Width = 12, string? Format = null);

/// <summary>A row's values (one per column; null leaves the cell empty) and its colours (hex <c>#RRGGBB</c>, or none).</summary>
public sealed record ExportRow(IReadOnlyList<object?> Values, string? Fill = null, string? FontColor = null);
