using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.Crm.Gateway.Api.Enums;

/// <summary>
/// Every enum of the API as a JSON string: written as its canonical camelCase name; read from that name in any case,
/// the kebab and snake spellings of multi-word names (<c>walk-in</c>, <c>key_follow_up</c>) and the rulebook's own
/// spellings (<see cref="ApiEnumVocabulary"/>). Anything else — integers included — is an
/// <see cref="EnumValueException"/> that names the allowed values.
/// </summary>
public sealed class ApiEnumConverterFactory : JsonConverterFactory
{
    /// <inheritdoc />
    public override bool CanConvert(Type typeToConvert)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        return typeToConvert.IsEnum;
    }

    /// <inheritdoc />
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(ApiEnumConverter<>).MakeGenericType(typeToConvert))!;
}
