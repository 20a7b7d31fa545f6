namespace Orleans.Crm.Grains;

/// <summary>
/// The directory entry of an account manager (客户经理): which store they belong to. Never calls another grain.
/// </summary>
public interface IAccountManagerGrain : IGrainWithStringKey
{
    Task<string?> GetStoreAsync();

    /// <summary>Joins <paramref name="storeId"/> unless the manager belongs to another store; returns the store they belong to now.</summary>
    Task<string?> JoinStoreAsync(string storeId);

    /// <summary>Leaves <paramref name="storeId"/> (nothing if they belong to another one).</summary>
    Task LeaveStoreAsync(string storeId);

    /// <summary>The store they last left (null if they never left one): a repeated leave or transfer is answered there.</summary>
    Task<string?> GetLastStoreAsync();
}
