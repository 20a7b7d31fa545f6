using Orleans.Crm.Gateway.Api.Validation;
using Orleans.Crm.Grains;

namespace Orleans.Crm.Gateway.Api;

/// <summary>
/// Checks every id in the route (<c>{storeId}</c>, <c>{leadId}</c>, …) before a handler runs: ids become grain keys,
/// so a malformed one is a 400 naming the route value, never a lookup.
/// </summary>
public sealed class RouteIdFilter : IEndpointFilter
{
    /// <inheritdoc />
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        foreach (var (key, value) in context.HttpContext.Request.RouteValues)
        {
            if (key.EndsWith("Id", StringComparison.Ordinal) && !CrmIdAttribute.IsValidId(value as string))
            {
                throw CrmException.Invalid(key, CrmIdAttribute.Reason(key));
            }
        }

        return next(context);
    }
}
