namespace Orleans.Crm.Runtime;

/// <summary>One committed event of an ordered stream. Sequences of a stream start at 1 and have no gaps.</summary>
public sealed record OutboxEvent(string Stream, long Sequence, string Type, string Payload, DateTimeOffset CommittedAt);
