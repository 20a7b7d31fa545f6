using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.Crm.Grains;

/// <summary>
/// The JSON shape of grain state rows and remembered command results: property names as declared, enums as names, no
/// type names anywhere — so a state type can be renamed or moved without breaking stored rows, and an operator can
/// read a row with <c>convert_from(payloadbinary, 'UTF8')::jsonb</c>. Members added later take their defaults when an
/// older row lacks them; unknown members of newer rows are ignored.
/// </summary>
public static class CrmJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
