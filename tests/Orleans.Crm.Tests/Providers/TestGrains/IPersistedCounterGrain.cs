namespace Orleans.Crm.Tests.Providers.TestGrains;

/// <summary>A counter kept in grain storage under the state name "counter".</summary>
public interface IPersistedCounterGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();

    Task<int> GetAsync();

    /// <summary>Reads the stored state again, bypassing what the activation holds.</summary>
    Task<int> ReadStoredAsync();

    Task ClearAsync();
}
