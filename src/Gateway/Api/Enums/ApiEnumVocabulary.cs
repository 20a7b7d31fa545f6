using System.Collections.Frozen;
using System.Text.Json;
using System.Text.RegularExpressions;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Gateway.Api.Enums;

/// <summary>What the API's enums are called in error messages, and the rulebook's own spellings of their members.</summary>
public static partial class ApiEnumVocabulary
{
    private static readonly FrozenDictionary<Type, string> Nouns = new Dictionary<Type, string>
    {
        [typeof(VisitChannel)] = "channel",
        [typeof(DesignerLevel)] = "designer level",
        [typeof(DesignerGrade)] = "designer grade",
        [typeof(LeadOutcome)] = "lead outcome",
        [typeof(LeadStatus)] = "lead status",
        [typeof(Season)] = "season",
        [typeof(DayOfWeek)] = "day of the week",
    }.ToFrozenDictionary();

    // DOMAIN.md calls the senior post "A6" and the finish designer "fine-finish"; staff write days short. Each alias
    // gets the same case, kebab and snake forms as a member name.
    private static readonly FrozenDictionary<Type, (string Alias, string Member)[]> AliasesByType = new Dictionary<Type, (string, string)[]>
    {
        [typeof(DesignerLevel)] = [("A6", nameof(DesignerLevel.Senior)), ("FineFinish", nameof(DesignerLevel.Finish))],
        [typeof(DayOfWeek)] = [.. Enum.GetValues<DayOfWeek>().Select(d => (d.ToString()[..3], d.ToString()))],
    }.ToFrozenDictionary();

    /// <summary>The names the API writes and documents, in declaration order: <c>walkIn</c>, <c>phone</c>, ….</summary>
    public static IReadOnlyList<string> CanonicalNames(Type enumType)
    {
        ArgumentNullException.ThrowIfNull(enumType);
        return [.. Enum.GetNames(enumType).Select(Canonical)];
    }

    /// <summary>A member's name as the API writes it (camelCase).</summary>
    public static string Canonical(string memberName) => JsonNamingPolicy.CamelCase.ConvertName(memberName);

    /// <summary>"channel", or the type's name in words for an enum without an entry.</summary>
    public static string Noun(Type enumType)
    {
        ArgumentNullException.ThrowIfNull(enumType);
        return Nouns.TryGetValue(enumType, out var noun) ? noun : string.Join(' ', Words(enumType.Name)).ToLowerInvariant();
    }

    /// <summary>The rulebook's spellings of <paramref name="enumType"/>'s members: (alias, member name).</summary>
    public static IReadOnlyList<(string Alias, string Member)> Aliases(Type enumType)
    {
        ArgumentNullException.ThrowIfNull(enumType);
        return AliasesByType.TryGetValue(enumType, out var aliases) ? aliases : [];
    }

    /// <summary>"KeyFollowUp" → keyFollowUp, key-follow-up, key_follow_up (matched case-insensitively).</summary>
    public static IEnumerable<string> Forms(string pascalName)
    {
        var words = Words(pascalName);
        yield return pascalName;
        if (words.Length > 1)
        {
            yield return string.Join('-', words);
            yield return string.Join('_', words);
        }
    }

    private static string[] Words(string pascalName) => [.. WordPattern().Matches(pascalName).Select(m => m.Value)];

    // "WalkIn" → Walk, In; "A6" stays one word.
    [GeneratedRegex(@"[A-Z][a-z0-9]*|[a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
