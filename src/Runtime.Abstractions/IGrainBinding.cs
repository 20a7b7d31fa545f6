namespace Orleans.Crm.Runtime;

/// <summary>How the runtime attaches a grain object to its activation and to each call. Not for grain code.</summary>
public interface IGrainBinding
{
    /// <summary>Called once after construction.</summary>
    void Bind(GrainActivationInfo activation);

    /// <summary>Called at the start (with the call's transaction) and end (with null) of every call.</summary>
    void Enter(IGrainTransaction? transaction);
}
