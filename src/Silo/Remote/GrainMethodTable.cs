using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Orleans.Crm.Runtime;
using Orleans.Crm.Silo.Runtime;

namespace Orleans.Crm.Silo.Remote;

/// <summary>Resolves a remote call's interface method and runs it through the local runtime with its real result type.</summary>
public sealed class GrainMethodTable(GrainTypeRegistry registry)
{
    private static readonly MethodInfo CallTyped = typeof(GrainMethodTable).GetMethod(nameof(CallAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private readonly ConcurrentDictionary<(string Type, string Method), Entry> _entries = new();

    /// <summary>Runs the call and returns its result (boxed; null for void methods) and the result's declared type.</summary>
    public async Task<(object? Result, Type ResultType)> InvokeAsync(GrainRuntime runtime, string grainType, string key, string methodName, JsonElement arguments)
    {
        var entry = _entries.GetOrAdd((grainType, methodName), Resolve);
        var parameters = entry.Method.GetParameters();
        if (arguments.ValueKind != JsonValueKind.Array || arguments.GetArrayLength() != parameters.Length)
        {
            throw new ArgumentException($"{methodName} takes {parameters.Length} argument(s) as a JSON array.");
        }

        var values = new object?[parameters.Length];
        var i = 0;
        foreach (var argument in arguments.EnumerateArray())
        {
            values[i] = argument.Deserialize(parameters[i].ParameterType, GrainJson.Options);
            i++;
        }

        var result = await entry.Invoke(runtime, new GrainId(grainType, key), entry.Method, values).ConfigureAwait(false);
        return (result, entry.ResultType);
    }

    private Entry Resolve((string Type, string Method) name)
    {
        var contract = registry.ResolveName(name.Type);
        var method = contract.GetMethods().SingleOrDefault(m => m.Name == name.Method)
            ?? throw new ArgumentException($"{contract.Name} has no method {name.Method}.");
        var returnType = method.ReturnType;
        var resultType = returnType.IsGenericType ? returnType.GetGenericArguments()[0] : typeof(object);
        var invoke = CallTyped.MakeGenericMethod(resultType).CreateDelegate<Func<GrainRuntime, GrainId, MethodInfo, object?[], Task<object?>>>();
        return new Entry(method, resultType, invoke);
    }

    private static async Task<object?> CallAsync<T>(GrainRuntime runtime, GrainId id, MethodInfo method, object?[] arguments) =>
        await runtime.InvokeAsync<T>(id, method, arguments).ConfigureAwait(false);

    private sealed record Entry(MethodInfo Method, Type ResultType, Func<GrainRuntime, GrainId, MethodInfo, object?[], Task<object?>> Invoke);
}
