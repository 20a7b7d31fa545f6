using ClosedXML.Excel;

namespace Orleans.Crm.Gateway.Api.Exports;

/// <summary>
/// Writes <see cref="ExportSheet"/>s as an .xlsx workbook with ClosedXML: a title line, a bold frozen header with a
/// filter, each row's fill and font colour on every cell of the row. Column widths are given, never measured
/// (ClosedXML measures text with System.Drawing fonts, which are Windows-only).
/// </summary>
public static class XlsxWriter
{
    /// <summary>The media type of an .xlsx file.</summary>
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The row of the column headers (the title is on row 1).</summary>
    public const int HeaderRow = 2;

    /// <summary>The workbook's bytes.</summary>
    public static byte[] Write(ExportSheet sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        using var workbook = new XLWorkbook();
        Add(workbook, sheet);
        foreach (var extra in sheet.Extra)
        {
            Add(workbook, extra);
        }

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static void Add(XLWorkbook workbook, ExportSheet sheet)
    {
        var ws = workbook.Worksheets.Add(sheet.Name);
        ws.Cell(1, 1).Value = sheet.Title;
        ws.Cell(1, 1).Style.Font.Bold = true;
        ws.Cell(1, 1).Style.Font.FontSize = 13;
        for (var c = 0; c < sheet.Columns.Count; c++)
        {
            var column = sheet.Columns[c];
            var header = ws.Cell(HeaderRow, c + 1);
            header.Value = column.Header;
            header.Style.Font.Bold = true;
            header.Style.Fill.BackgroundColor = XLColor.FromHtml("#E5E7EB");
            ws.Column(c + 1).Width = column.Width;
        }

        for (var r = 0; r < sheet.Rows.Count; r++)
        {
            var row = sheet.Rows[r];
            for (var c = 0; c < sheet.Columns.Count; c++)
            {
                var cell = ws.Cell(HeaderRow + 1 + r, c + 1);
                SetValue(cell, c < row.Values.Count ? row.Values[c] : null, sheet.Columns[c].Format);
                if (row.Fill is { } fill)
                {
                    cell.Style.Fill.BackgroundColor = XLColor.FromHtml(fill);
                }

                if (row.FontColor is { } font)
                {
                    cell.Style.Font.FontColor = XLColor.FromHtml(font);
                }
            }
        }

        if (sheet.Columns.Count > 0)
        {
            ws.Range(HeaderRow, 1, HeaderRow + sheet.Rows.Count, sheet.Columns.Count).SetAutoFilter();
        }

        ws.SheetView.FreezeRows(HeaderRow);
    }

    private static void SetValue(IXLCell cell, object? value, string? format)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                // Text stays text: a phone number or running number typed as text must not become a number or a formula.
                cell.SetValue(text);
                cell.DataType = XLDataType.Text;
                break;
            case DateTime local:
                cell.SetValue(local);
                cell.Style.DateFormat.Format = format ?? "yyyy-mm-dd hh:mm";
                break;
            case DateOnly date:
                cell.SetValue(date.ToDateTime(TimeOnly.MinValue));
                cell.Style.DateFormat.Format = format ?? "yyyy-mm-dd";
                break;
            case bool flag:
                cell.SetValue(flag);
                break;
            case int or long or decimal or double:
                cell.SetValue(Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture));
                if (format is not null)
                {
                    cell.Style.NumberFormat.Format = format;
                }

                break;
            default:
                cell.SetValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                cell.DataType = XLDataType.Text;
                break;
        }
    }
}
