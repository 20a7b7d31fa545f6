namespace Orleans.Crm.Grains.Journal;

/// <summary>
/// The data of a <see cref="JournalKinds.StoreConfigured"/> event: a store's name, time zone and groups as set up, so
/// chain-wide reports know every store's calendar and its groups' managers without calling the store grains.
/// </summary>
public sealed record StoreConfigured(string Name, string TimeZone, ImmutableArray<StoreGroupConfigured> Groups);

/// <summary>A design group as set up: its account manager and designers.</summary>
public sealed record StoreGroupConfigured(string ManagerId, string ManagerName, ImmutableArray<string> DesignerIds);
