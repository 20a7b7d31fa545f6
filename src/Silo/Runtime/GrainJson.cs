using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.Crm.Silo.Runtime;

/// <summary>The one JSON shape of state rows, command results and events.</summary>
public static class GrainJson
{
    /// <summary>Web defaults with enums as strings, so stored rows and events stay readable in SQL.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
