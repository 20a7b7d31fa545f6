namespace Orleans.Crm.Grains;

/// <summary>
/// The chain's list of stores that have a complaint desk (key 0), so HQ's customer service can watch every desk. The
/// gateway adds a store before filing its complaint (idempotent); a leaf that never calls another grain.
/// </summary>
public interface IComplaintDirectoryGrain : IGrainWithIntegerKey
{
    Task AddAsync(string storeId);

    Task<ImmutableArray<string>> ListAsync();
}
