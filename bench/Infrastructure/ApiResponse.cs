using System.Net;
using System.Text.Json;

namespace Orleans.Crm.Bench.Infrastructure;

/// <summary>One API call's status, body and client-side latency (request sent → response body read).</summary>
public sealed record ApiResponse(HttpStatusCode Status, JsonElement Body, double Milliseconds)
{
    /// <summary>2xx.</summary>
    public bool Ok => (int)Status is >= 200 and < 300;

    /// <summary>A string property of the body, or null.</summary>
    public string? Get(string property) =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>Throws with the body when the call did not succeed (setup steps must not fail silently).</summary>
    public ApiResponse EnsureOk(string what) =>
        Ok ? this : throw new InvalidOperationException($"{what} failed with {(int)Status}: {Body}");
}
