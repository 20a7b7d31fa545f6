using System.Collections.Concurrent;
using System.Reflection;
using Orleans.Crm.Runtime;

namespace Orleans.Crm.Silo.Runtime;

/// <summary>
/// The proxy behind every grain interface reference: turns an interface call into an invoker call.
/// Public and unsealed because <see cref="DispatchProxy"/> derives from it at run time.
/// </summary>
public class GrainReference : DispatchProxy
{
    private static readonly ConcurrentDictionary<MethodInfo, Func<IGrainCallInvoker, GrainId, MethodInfo, object?[], object>> Shims = new();

    private IGrainCallInvoker? _invoker;
    private GrainId _id;

    /// <summary>Creates a reference of interface <typeparamref name="TGrain"/>.</summary>
    public static TGrain Create<TGrain>(IGrainCallInvoker invoker, string key) where TGrain : class
    {
        if (!typeof(TGrain).IsInterface)
        {
            throw new ArgumentException($"{typeof(TGrain).Name} is not a grain interface.");
        }

        ArgumentException.ThrowIfNullOrEmpty(key);
        var proxy = Create<TGrain, GrainReference>();
        var reference = (GrainReference)(object)proxy;
        reference._invoker = invoker;
        reference._id = new GrainId(GrainTypeRegistry.NameOf(typeof(TGrain)), key);
        return proxy;
    }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.DeclaringType == typeof(object))
        {
            return targetMethod.Name switch
            {
                nameof(ToString) => _id.ToString(),
                nameof(GetHashCode) => _id.GetHashCode(),
                _ => throw new NotSupportedException(targetMethod.Name),
            };
        }

        var shim = Shims.GetOrAdd(targetMethod, BuildShim);
        return shim(_invoker!, _id, targetMethod, args ?? []);
    }

    private static Func<IGrainCallInvoker, GrainId, MethodInfo, object?[], object> BuildShim(MethodInfo method)
    {
        var returnType = method.ReturnType;
        string helper;
        Type resultType;
        if (returnType == typeof(Task))
        {
            (helper, resultType) = (nameof(CallTask), typeof(object));
        }
        else if (returnType == typeof(ValueTask))
        {
            (helper, resultType) = (nameof(CallValueTask), typeof(object));
        }
        else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            (helper, resultType) = (nameof(CallTaskOf), returnType.GetGenericArguments()[0]);
        }
        else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            (helper, resultType) = (nameof(CallValueTaskOf), returnType.GetGenericArguments()[0]);
        }
        else
        {
            throw new NotSupportedException($"Grain method {method.DeclaringType?.Name}.{method.Name} must return Task, Task<T>, ValueTask or ValueTask<T>.");
        }

        var generic = typeof(GrainReference).GetMethod(helper, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(resultType);
        return generic.CreateDelegate<Func<IGrainCallInvoker, GrainId, MethodInfo, object?[], object>>();
    }

    private static object CallTask<T>(IGrainCallInvoker invoker, GrainId id, MethodInfo method, object?[] args) =>
        invoker.InvokeAsync<T>(id, method, args);

    private static object CallTaskOf<T>(IGrainCallInvoker invoker, GrainId id, MethodInfo method, object?[] args) =>
        invoker.InvokeAsync<T>(id, method, args);

    private static object CallValueTask<T>(IGrainCallInvoker invoker, GrainId id, MethodInfo method, object?[] args) =>
        new ValueTask(invoker.InvokeAsync<T>(id, method, args));

    private static object CallValueTaskOf<T>(IGrainCallInvoker invoker, GrainId id, MethodInfo method, object?[] args) =>
        new ValueTask<T>(invoker.InvokeAsync<T>(id, method, args));
}
