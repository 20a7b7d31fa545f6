using System.Buffers;
using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.Crm.Gateway.Api.Enums;

/// <summary>One enum's spellings and error messages, built once per type (created by <see cref="ApiEnumConverterFactory"/>).</summary>
/// <typeparam name="TEnum">The enum.</typeparam>
public sealed class ApiEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    // Echoing a whole megabyte of garbage back would not help anyone.
    private const int EchoedLength = 40;

    private static readonly FrozenDictionary<TEnum, string> Canonical =
        Enum.GetValues<TEnum>().Distinct().ToFrozenDictionary(v => v, v => ApiEnumVocabulary.Canonical(v.ToString()));

    private static readonly FrozenDictionary<string, TEnum> Accepted = BuildAccepted();

    private static readonly string Noun = ApiEnumVocabulary.Noun(typeof(TEnum));

    private static readonly string Allowed = string.Join(", ", ApiEnumVocabulary.CanonicalNames(typeof(TEnum)));

    /// <inheritdoc />
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => Parse(reader.GetString()!),
            JsonTokenType.Number => throw Refused(RawNumber(reader)),
            _ => throw new EnumValueException($"Expected a {Noun} as a string: use one of {Allowed}."),
        };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(NameOf(value));
    }

    /// <inheritdoc />
    public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Parse(reader.GetString()!);

    /// <inheritdoc />
    public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(NameOf(value));
    }

    private static TEnum Parse(string text) =>
        Accepted.TryGetValue(text.Trim(), out var value) ? value : throw Refused($"'{Echo(text)}'");

    private static string NameOf(TEnum value) =>
        Canonical.TryGetValue(value, out var name) ? name : throw new JsonException($"{value} is not a defined {Noun}.");

    private static EnumValueException Refused(string shown) =>
        new($"{shown} is not a {Noun}: use one of {Allowed}.");

    private static string RawNumber(Utf8JsonReader reader) =>
        Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);

    private static string Echo(string text) => text.Length <= EchoedLength ? text : text[..EchoedLength] + "…";

    /// <summary>
    /// Each member's canonical name, its kebab and snake forms and the vocabulary's aliases (with their forms), all
    /// case-insensitive. A spelling two members would share is left out: an alias must never guess.
    /// </summary>
    private static FrozenDictionary<string, TEnum> BuildAccepted()
    {
        var spellings = new List<(string Spelling, TEnum Value)>();
        foreach (var name in Enum.GetNames<TEnum>())
        {
            var value = Enum.Parse<TEnum>(name);
            spellings.AddRange(ApiEnumVocabulary.Forms(name).Select(f => (f, value)));
        }

        foreach (var (alias, member) in ApiEnumVocabulary.Aliases(typeof(TEnum)))
        {
            var value = Enum.Parse<TEnum>(member);
            spellings.AddRange(ApiEnumVocabulary.Forms(alias).Select(f => (f, value)));
        }

        return spellings
            .GroupBy(s => s.Spelling, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Select(s => s.Value).Distinct().Count() == 1)
            .ToFrozenDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase);
    }
}
