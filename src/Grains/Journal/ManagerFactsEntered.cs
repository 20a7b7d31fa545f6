using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains.Journal;

/// <summary>The data of a <see cref="JournalKinds.ManagerFacts"/> event: the facts entered for a manager's quarter (the latest counts).</summary>
public sealed record ManagerFactsEntered(string ManagerId, string Quarter, ManagerFacts Facts, string EnteredBy);
