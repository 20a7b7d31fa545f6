using Orleans.Crm.Silo.Storage;

namespace Orleans.Crm.Silo.Runtime;

/// <summary>
/// A state row in a silo's cache, with its deserialised value once some call needed it. States are immutable records
/// (a call replaces its state, it never mutates it), so calls can share the value instead of parsing the JSON again.
/// </summary>
internal sealed record CachedRow(StoredRow Row, long LoadedAt)
{
    /// <summary>The deserialised state, shared by the calls that read this version (null until first needed).</summary>
    public object? Value { get; set; }
}
