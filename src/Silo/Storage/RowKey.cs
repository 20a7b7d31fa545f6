namespace Orleans.Crm.Silo.Storage;

/// <summary>A state row's primary key: the state type's name and the grain key.</summary>
public readonly record struct RowKey(string Type, string Key) : IComparable<RowKey>
{
    /// <summary>Ordinal order, so every writer locks rows in the same order and transactions cannot deadlock on them.</summary>
    public int CompareTo(RowKey other)
    {
        var byType = string.CompareOrdinal(Type, other.Type);
        return byType != 0 ? byType : string.CompareOrdinal(Key, other.Key);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Type}/{Key}";
}
