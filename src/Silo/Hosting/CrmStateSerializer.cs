using System.Text.Json;
using Orleans.Crm.Grains;
using Orleans.Storage;

namespace Orleans.Crm.Silo.Hosting;

/// <summary>
/// Grain state as UTF-8 JSON in the shape of <see cref="CrmJson"/>: no type names (Orleans's default JSON writes
/// <c>$type</c>, which breaks stored rows when a state type is renamed or moved), property names and enum names instead.
/// </summary>
public sealed class CrmStateSerializer : IGrainStorageSerializer
{
    public static CrmStateSerializer Instance { get; } = new();

    /// <inheritdoc />
    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, CrmJson.Options));

    /// <inheritdoc />
    public T Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return JsonSerializer.Deserialize<T>(input.ToMemory().Span, CrmJson.Options)!;
    }
}
