namespace Orleans.Crm.Tests.Providers.TestGrains;

/// <summary>Another grain class with a counter, stored under the state name "other-counter".</summary>
public interface IOtherCounterGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();

    Task<int> GetAsync();
}
