namespace Orleans.Crm.Runtime;

/// <summary>What an activation knows about itself.</summary>
public sealed record GrainActivationInfo(GrainId Id, IGrainFactory GrainFactory, TimeProvider TimeProvider)
{
    /// <summary>The grain key.</summary>
    public string Key => Id.Key;
}
