using System.Text.Json;

namespace Orleans.Crm.Grains.Journal;

/// <summary>
/// The name and phone a search result shows, as one payload of the <see cref="LeadIndexed"/> event. The ONE place the
/// search's display data is sealed and opened: encryption at rest (issue 14, <c>Security:DataKeys</c>) wraps
/// <see cref="Seal"/> and <see cref="Open"/> and nothing else in the search changes. Until then the payload is the
/// plain JSON the rest of the journal's customer lines are in (the search rows themselves hold only tokens).
/// </summary>
public sealed record SearchDisplay(string Name, string Phone)
{
    /// <summary>The payload to store. Encryption at rest applies here.</summary>
    public static string Seal(string name, string phone) => JsonSerializer.Serialize(new SearchDisplay(name, phone), CrmJson.Options);

    /// <summary>The name and phone of a stored payload. Decryption applies here.</summary>
    public static SearchDisplay Open(string payload) => JsonSerializer.Deserialize<SearchDisplay>(payload, CrmJson.Options)!;
}
