namespace Orleans.Crm.Tests.Providers.TestGrains;

/// <summary>How often the probe's reminder fired, and when last (UTC); also the grain's stored state.</summary>
[GenerateSerializer, Alias("crm.tests.ReminderFirings")]
public sealed class ReminderFirings
{
    [Id(0)]
    public int Count { get; set; }

    [Id(1)]
    public DateTime LastUtc { get; set; }
}
