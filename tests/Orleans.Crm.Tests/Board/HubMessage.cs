using System.Text.Json;

namespace Orleans.Crm.Tests.Board;

/// <summary>A client-method invocation sent by the server: the method name, its first argument, and when it arrived.</summary>
public sealed record HubMessage(string Target, JsonElement Argument)
{
    /// <summary>The message's <c>sequence</c>.</summary>
    public long Sequence => Argument.GetProperty("sequence").GetInt64();

    /// <summary>When the client received it.</summary>
    public DateTimeOffset ReceivedAt { get; init; } = DateTimeOffset.UtcNow;
}
