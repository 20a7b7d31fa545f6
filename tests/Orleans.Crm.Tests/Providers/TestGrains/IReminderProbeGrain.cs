namespace Orleans.Crm.Tests.Providers.TestGrains;

/// <summary>Registers one reminder on request and records every firing in its persisted state.</summary>
public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task StartAsync(TimeSpan dueTime, TimeSpan period);

    Task StopAsync();

    /// <summary>The stored record of firings (read from storage, not from memory).</summary>
    Task<ReminderFirings> GetFiringsAsync();
}
