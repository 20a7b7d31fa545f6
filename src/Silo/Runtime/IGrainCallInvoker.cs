using System.Reflection;
using Orleans.Crm.Runtime;

namespace Orleans.Crm.Silo.Runtime;

/// <summary>Delivers a call on a grain reference: to a local activation, or (split mode) to a remote silo.</summary>
public interface IGrainCallInvoker
{
    /// <summary>Runs <paramref name="method"/> of the grain <paramref name="id"/> and returns its result.</summary>
    Task<TResult> InvokeAsync<TResult>(GrainId id, MethodInfo method, object?[] arguments);
}
