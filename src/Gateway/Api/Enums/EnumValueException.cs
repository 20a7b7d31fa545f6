using System.Text.Json;

namespace Orleans.Crm.Gateway.Api.Enums;

/// <summary>
/// A JSON value that is not one of an enum's spellings. The serializer fills in the path ("$.groups[0].level") and
/// <see cref="ApiExceptionHandler"/> answers it as a 400 naming that field, with this message as the reason.
/// </summary>
public sealed class EnumValueException(string message) : JsonException(message);
