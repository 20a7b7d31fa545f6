namespace Orleans.Crm.Tests.Providers.TestGrains;

/// <summary>The stored counter (serialised by the grain storage's JSON serializer).</summary>
public sealed class CounterState
{
    public int Value { get; set; }
}
