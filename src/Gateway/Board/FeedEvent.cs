using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;
using Orleans.Crm.Runtime;

namespace Orleans.Crm.Gateway.Board;

/// <summary>An outbox event with its payload parsed once for every subscriber.</summary>
internal sealed record FeedEvent(OutboxEvent Event, BoardChange? Change, PoolLeadView? PoolLead)
{
    /// <summary>The outbox's JSON shape: web defaults with enums as strings (as the runtime writes it).</summary>
    public static JsonSerializerOptions Json { get; } = CreateJson();

    private BoardEventMessage? _forDisplays;

    public long Sequence => Event.Sequence;

    /// <summary>
    /// The message every wall display of the store gets: masked once per event, not once per screen — a store's
    /// displays all see the same masked board.
    /// </summary>
    public BoardEventMessage ForDisplays(Func<BoardEventMessage> mask) =>
        LazyInitializer.EnsureInitialized(ref _forDisplays, mask);

    public static FeedEvent Parse(OutboxEvent e)
    {
        try
        {
            return e.Stream == Streams.Pool
                ? new FeedEvent(e, null, JsonSerializer.Deserialize<PoolLeadView>(e.Payload, Json))
                : new FeedEvent(e, JsonSerializer.Deserialize<BoardChange>(e.Payload, Json), null);
        }
        catch (JsonException)
        {
            // Not the expected shape: the message goes out without a payload rather than unmasked.
            return new FeedEvent(e, null, null);
        }
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
