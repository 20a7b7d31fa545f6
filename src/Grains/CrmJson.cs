using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.Crm.Grains;

/// <summary>
/// The JSON shape of grain state rows and remembered command results: property names as declared, enums as names, no
/// type names anywhere — so a state type can be renamed or moved without breaking stored rows (on PostgreSQL the JSON
/// is sealed by the silo's data-at-rest encryption). Members added later take their defaults when an older row lacks
/// them; unknown members of newer rows are ignored.
/// </summary>
public static class CrmJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

            // Rows are bytes in the database, never HTML: names stay UTF-8 (王 is 3 bytes, not the 6 of "\u738B").
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
