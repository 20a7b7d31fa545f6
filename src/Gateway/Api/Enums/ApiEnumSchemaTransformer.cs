using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Orleans.Crm.Gateway.Api.Enums;

/// <summary>
/// Describes the API's enums in the OpenAPI document by their canonical names. The schema exporter only knows the
/// built-in enum converter; for <see cref="ApiEnumConverterFactory"/> it would leave an empty schema (any value).
/// Aliases are left out on purpose: clients should send the canonical names.
/// </summary>
public sealed class ApiEnumSchemaTransformer : IOpenApiSchemaTransformer
{
    /// <inheritdoc />
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        var type = context.JsonTypeInfo.Type;
        if (EnumOf(type) is { } enumType)
        {
            Describe(schema, enumType, nullable: Nullable.GetUnderlyingType(type) is not null);
        }
        else if (schema.Items is null && ElementOf(type) is { } element && EnumOf(element) is { } elementEnum)
        {
            // A list of enums (restDays): the exporter dropped its items with the element's schema.
            var items = new OpenApiSchema();
            Describe(items, elementEnum, nullable: false);
            schema.Items = items;
        }

        return Task.CompletedTask;
    }

    private static void Describe(OpenApiSchema schema, Type enumType, bool nullable)
    {
        schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        schema.Enum = [.. ApiEnumVocabulary.CanonicalNames(enumType).Select(n => (JsonNode)JsonValue.Create(n))];
        if (nullable)
        {
            // As the built-in converter's schema has it: JSON null is a value of a nullable enum.
            schema.Enum.Add(null!);
        }
    }

    private static Type? EnumOf(Type type) => (Nullable.GetUnderlyingType(type) ?? type) is { IsEnum: true } e ? e : null;

    private static Type? ElementOf(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
}
