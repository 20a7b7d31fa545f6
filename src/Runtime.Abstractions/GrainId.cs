namespace Orleans.Crm.Runtime;

/// <summary>A grain's identity: its interface's type name and its string key.</summary>
public readonly record struct GrainId(string Type, string Key)
{
    /// <inheritdoc />
    public override string ToString() => $"{Type}/{Key}";
}
