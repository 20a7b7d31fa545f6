using System.Buffers;
using System.Collections.Frozen;
using System.Text;
using System.Text.Json;

namespace Orleans.Crm.Silo.Persistence.DataProtection;

/// <summary>
/// How the PostgreSQL journal keeps an event's data at rest: the whole event sealed by the <see cref="DataCipher"/>
/// (<see cref="SealedProperty"/>, base64), beside only the fields the SQL derivations read (<c>crm_journal_append</c>
/// → <c>crm_task</c>). Those are ids, rule names and times in clear (<see cref="ClearFields"/>) and the free text the
/// task rows copy (<see cref="SealedFields"/>), each sealed on its own, so <c>crm_task.summary</c>/<c>note</c> hold
/// ciphertext too. Nothing a customer told the store is readable in <c>crm_journal</c> or <c>crm_task</c>.
/// </summary>
/// <remarks>A new SQL derivation that needs another field adds it here: to <see cref="ClearFields"/> only if it is no
/// customer data (an id, a code, a time); otherwise to <see cref="SealedFields"/> and decrypt where it is read.</remarks>
public static class JournalSealing
{
    /// <summary>The property holding the sealed event.</summary>
    public const string SealedProperty = "$sealed";

    /// <summary>
    /// Fields the derivations read in clear: ids, rule names and times, never customer data. Customer ids are keyed
    /// HMACs and <c>Tokens</c> the search's blind-index tokens (0007_search.sql), both useless without the identity key.
    /// </summary>
    public static readonly FrozenSet<string> ClearFields = FrozenSet.ToFrozenSet(
        ["TaskId", "LeadId", "Rule", "AssigneeId", "DueAt", "By", "CustomerId", "RunningNumber", "RegisteredAt", "Tokens"], StringComparer.Ordinal);

    /// <summary>Free text the derivations copy into their rows: sealed one by one (base64 of <see cref="DataCipher.EncryptString"/>).</summary>
    public static readonly FrozenSet<string> SealedFields = FrozenSet.ToFrozenSet(["Summary", "Note"], StringComparer.Ordinal);

    /// <summary>The stored JSON for an event's <paramref name="data"/> (a JSON object as the grains write it).</summary>
    public static string Seal(string data, DataCipher cipher)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(cipher);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var document = JsonDocument.Parse(data))
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (ClearFields.Contains(property.Name) && property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Array)
                    {
                        property.WriteTo(writer);
                    }
                    else if (SealedFields.Contains(property.Name) && property.Value.ValueKind == JsonValueKind.String)
                    {
                        writer.WriteString(property.Name, cipher.EncryptString(property.Value.GetString()!));
                    }
                }
            }

            writer.WriteBase64String(SealedProperty, cipher.Encrypt(Encoding.UTF8.GetBytes(data)));
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The event's data as the grain wrote it, from the stored JSON.</summary>
    /// <exception cref="DataKeyException">The row is not sealed, or its key is unknown, or it was changed.</exception>
    public static string Open(string stored, DataCipher cipher)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(cipher);
        using var document = JsonDocument.Parse(stored);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty(SealedProperty, out var sealedValue)
            || !sealedValue.TryGetBytesFromBase64(out var bytes))
        {
            throw new DataKeyException("The journal row is not sealed (no " + SealedProperty + "): written before encryption at rest, or changed.");
        }

        return Encoding.UTF8.GetString(cipher.Decrypt(bytes));
    }

    /// <summary>A derived text column (sealed by <see cref="Seal"/>) opened again; null stays null.</summary>
    public static string? OpenField(string? stored, DataCipher cipher) =>
        stored is null ? null : (cipher ?? throw new ArgumentNullException(nameof(cipher))).DecryptString(stored);
}
