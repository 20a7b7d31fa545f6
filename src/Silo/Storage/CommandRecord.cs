namespace Orleans.Crm.Silo.Storage;

/// <summary>A committed command and the result its first execution returned.</summary>
public sealed record CommandRecord(string CommandId, string? ResultJson, DateTimeOffset CommittedAt);
