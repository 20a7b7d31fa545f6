using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Orleans.Crm.Silo.Storage.Postgres;

/// <summary>The JSON arguments of <c>crm_commit</c> (see the 0002 migration), written without re-parsing state or payloads.</summary>
internal static class CommitJson
{
    public static string Rows(IReadOnlyList<RowChange> rows) => Write(w =>
    {
        // Sorted as every writer sorts: rows are locked in one global order.
        foreach (var row in rows.OrderBy(r => r.Key))
        {
            w.WriteStartObject();
            w.WriteString("t", row.Key.Type);
            w.WriteString("k", row.Key.Key);
            w.WriteNumber("v", row.ReadVersion);
            if (row.NewJson is not null)
            {
                w.WritePropertyName("s");
                w.WriteRawValue(row.NewJson, skipInputValidation: true);
            }

            w.WriteEndObject();
        }
    });

    public static string Events(IReadOnlyList<PendingEvent> events) => Write(w =>
    {
        foreach (var e in events)
        {
            w.WriteStartObject();
            w.WriteString("s", e.Stream);
            w.WriteString("t", e.Type);
            w.WritePropertyName("p");
            w.WriteRawValue(e.Payload, skipInputValidation: true);
            w.WriteEndObject();
        }
    });

    public static string Reminders(IReadOnlyList<ReminderChange> changes) => Write(w =>
    {
        foreach (var change in changes)
        {
            w.WriteStartObject();
            w.WriteString("op", change.Kind switch
            {
                ReminderChangeKind.Set => "set",
                ReminderChangeKind.Cancel => "cancel",
                _ => "ack",
            });
            w.WriteString("t", change.GrainType);
            w.WriteString("k", change.GrainKey);
            w.WriteString("n", change.Name);
            w.WriteString("d", change.DueAt.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            if (change.Payload is not null)
            {
                w.WriteString("p", change.Payload);
            }

            w.WriteEndObject();
        }
    });

    private static string Write(Action<Utf8JsonWriter> items)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            items(writer);
            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
