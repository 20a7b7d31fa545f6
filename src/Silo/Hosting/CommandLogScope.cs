using System.Collections;

namespace Orleans.Crm.Silo.Hosting;

/// <summary>
/// The logging scope of one command: every log line written while it runs carries <c>commandId</c> (a JSON console
/// line lists it under <c>Scopes</c>). Opened by the gateway around the command and by each silo around the grain calls
/// it causes (<see cref="CommandLogScopeFilter"/>), which find the id in Orleans's <c>RequestContext</c> under
/// <see cref="RequestContextKey"/>. The id is the client's <c>commandId</c>, the one a support person is given.
/// </summary>
public sealed class CommandLogScope(string commandId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    /// <summary>The key of the command id in Orleans's RequestContext (it flows to nested grain calls).</summary>
    public const string RequestContextKey = "commandId";

    /// <summary>The command's id.</summary>
    public string CommandId { get; } = commandId;

    /// <inheritdoc />
    public int Count => 1;

    /// <inheritdoc />
    public KeyValuePair<string, object?> this[int index] =>
        index == 0 ? new(RequestContextKey, CommandId) : throw new ArgumentOutOfRangeException(nameof(index));

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
    }

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>How the simple console shows the scope.</summary>
    public override string ToString() => $"{RequestContextKey}:{CommandId}";
}
