namespace Orleans.Crm.Silo.Storage;

/// <summary>A reminder claimed for firing by one silo.</summary>
public sealed record DueReminder(string GrainType, string GrainKey, string Name, DateTimeOffset DueAt, string? Payload);
