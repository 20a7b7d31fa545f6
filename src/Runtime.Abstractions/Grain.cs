namespace Orleans.Crm.Runtime;

/// <summary>
/// Base class of every grain. The runtime binds it to its identity and, for the duration of one call,
/// to that call's transaction: everything a call changes commits together when the call returns.
/// </summary>
public abstract class Grain : IGrainBinding
{
    private GrainActivationInfo? _activation;
    private IGrainTransaction? _transaction;

    /// <summary>The grain's string key.</summary>
    protected string Key => Activation.Key;

    /// <summary>References to other grains (calls to them commit on their own, not with this call).</summary>
    protected IGrainFactory GrainFactory => Activation.GrainFactory;

    /// <summary>The clock: grains never read <see cref="DateTime.Now"/> themselves.</summary>
    protected TimeProvider TimeProvider => Activation.TimeProvider;

    /// <summary>The transaction of the call being executed.</summary>
    protected IGrainTransaction Transaction =>
        _transaction ?? throw new InvalidOperationException("Grain state can only be used inside a grain call.");

    private GrainActivationInfo Activation =>
        _activation ?? throw new InvalidOperationException("The grain is not bound to an activation yet.");

    /// <summary>Runs once when the activation is created, before its first call.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs once when the idle activation is collected or the silo stops gracefully.</summary>
    public virtual Task OnDeactivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    void IGrainBinding.Bind(GrainActivationInfo activation) => _activation = activation;

    void IGrainBinding.Enter(IGrainTransaction? transaction) => _transaction = transaction;
}
