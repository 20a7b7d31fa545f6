namespace Orleans.Crm.Grains.Journal;

/// <summary>The data of a <see cref="JournalKinds.CustomerRead"/> event: who read which customer's full details, through what, from where.</summary>
public sealed record CustomerRead(string UserId, string Role, string? StoreId, string CustomerId, string What, string Subject, string? Address);
