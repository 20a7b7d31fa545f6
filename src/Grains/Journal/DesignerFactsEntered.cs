using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains.Journal;

/// <summary>The data of a <see cref="JournalKinds.DesignerFacts"/> event: the supervisor's facts of a designer's half month (the latest counts).</summary>
public sealed record DesignerFactsEntered(string DesignerId, string Period, DesignerFacts Facts);
