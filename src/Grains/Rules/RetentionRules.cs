using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// Retention (issue 14): when a closed lead is due for anonymisation, and what anonymising leaves. The customer's
/// personal data goes — name, phone, address, the referrer's name and phone, every free-text note (follow-ups, task
/// notes, the close analysis, special needs) and the customer id (an HMAC of the phone: anyone holding the identity key
/// and a number could link it back), replaced by <see cref="Marker"/>. The lead keeps its statistics: store, dates,
/// status, channel, manager, designer, dispatches, amounts, close reason, the community (小区, a marketing statistic,
/// not a person) and its needs' sizes.
/// </summary>
public static class RetentionRules
{
    /// <summary>What replaces a name or a customer id.</summary>
    public const string Marker = "anonymised";

    /// <summary>Journal properties holding a customer's personal data (as the event records name them).</summary>
    public static readonly FrozenSet<string> PersonalFields = FrozenSet.ToFrozenSet(
        ["Name", "Phone", "Address", "ReferrerName", "ReferrerPhone", "Note", "Summary", "Analysis", "Comments", "SpecialNeeds", "ClosingNote", "CustomerId"],
        StringComparer.Ordinal);

    /// <summary>The <c>lead-indexed</c> event's tokens of the name and phone (the search's blind index).</summary>
    private const string IndexTokens = "Tokens";

    /// <summary>Fields whose replacement is the marker (a name, an id); other personal fields become null.</summary>
    private static readonly FrozenSet<string> MarkedFields = FrozenSet.ToFrozenSet(["Name", "CustomerId"], StringComparer.Ordinal);

    /// <summary>Leads closed before this instant are due (closed more than <paramref name="years"/> years before <paramref name="now"/>).</summary>
    public static DateTimeOffset Cutoff(DateTimeOffset now, int years) => now.AddYears(-years);

    /// <summary>True when a lead closed at <paramref name="closedAt"/> is due at <paramref name="now"/>.</summary>
    public static bool IsDue(DateTimeOffset closedAt, DateTimeOffset now, int years) => closedAt < Cutoff(now, years);

    /// <summary>True when the lead was anonymised already.</summary>
    public static bool IsAnonymised(LeadView lead) => (lead ?? throw new ArgumentNullException(nameof(lead))).CustomerId == Marker;

    /// <summary>The lead without its customer's personal data (its statistics untouched).</summary>
    public static LeadView Anonymise(LeadView lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        return lead with
        {
            CustomerId = Marker,
            Name = Marker,
            Phone = "",
            Address = null,
            ReferrerName = null,
            ReferrerPhone = null,
            Analysis = null,
            Needs = lead.Needs is { } needs ? needs with { SpecialNeeds = null } : null,
            FollowUps = [.. lead.FollowUps.Select(f => f with { Note = "" })],
            Tasks = [.. lead.Tasks.Select(t => t with { Note = "", ClosingNote = null })],
            Deposit = lead.Deposit is { } deposit ? deposit with { Name = Marker } : null,
            Contract = lead.Contract is { } contract ? contract with { Name = Marker } : null,
        };
    }

    /// <summary>
    /// A journal event's data without personal fields (at any depth), or null when it has none to remove. Names and
    /// customer ids become <see cref="Marker"/>, the rest null; ids, times, amounts and codes stay.
    /// </summary>
    public static string? RedactEvent(string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var node = JsonNode.Parse(data);
        return node is not null && Redact(node) ? node.ToJsonString(CrmJson.Options) : null;
    }

    private static bool Redact(JsonNode node)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (name == IndexTokens && value is JsonArray { Count: > 0 })
                    {
                        // The search's blind-index tokens of the name and phone: emptied, so the lead leaves the search.
                        obj[name] = new JsonArray();
                        changed = true;
                    }
                    else if (PersonalFields.Contains(name) && value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                    {
                        var replacement = MarkedFields.Contains(name) ? Marker : null;
                        if (v.GetValue<string>() != replacement)
                        {
                            obj[name] = replacement is null ? null : JsonValue.Create(replacement);
                            changed = true;
                        }
                    }
                    else if (value is not null)
                    {
                        changed |= Redact(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        changed |= Redact(item);
                    }
                }

                break;
        }

        return changed;
    }
}
