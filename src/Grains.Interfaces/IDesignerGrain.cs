namespace Orleans.Crm.Grains;

/// <summary>
/// The directory entry of a designer (设计师): which store they belong to. A designer belongs to one store at a
/// time; the store decides everything else about them. Never calls another grain.
/// </summary>
public interface IDesignerGrain : IGrainWithStringKey
{
    Task<string?> GetStoreAsync();

    /// <summary>Joins <paramref name="storeId"/> unless the designer belongs to another store; returns the store they belong to now.</summary>
    Task<string?> JoinStoreAsync(string storeId);

    /// <summary>Leaves <paramref name="storeId"/> (nothing if they belong to another one).</summary>
    Task LeaveStoreAsync(string storeId);

    /// <summary>The store they last left (null if they never left one): a repeated leave or transfer is answered there.</summary>
    Task<string?> GetLastStoreAsync();
}
