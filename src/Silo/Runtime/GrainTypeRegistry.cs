using System.Reflection;
using Orleans.Crm.Runtime;

namespace Orleans.Crm.Silo.Runtime;

/// <summary>Maps grain interfaces to the classes that implement them, and interface names back to interfaces.</summary>
public sealed class GrainTypeRegistry
{
    private readonly Dictionary<Type, GrainClass> _byInterface = [];
    private readonly Dictionary<string, Type> _byName = new(StringComparer.Ordinal);

    /// <summary>Registers every non-abstract grain class of the assemblies.</summary>
    public static GrainTypeRegistry FromAssemblies(params Assembly[] assemblies)
    {
        var registry = new GrainTypeRegistry();
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()).Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Grain).IsAssignableFrom(t)))
        {
            registry.Add(type);
        }

        return registry;
    }

    /// <summary>Registers one grain class under every grain interface it implements.</summary>
    public GrainTypeRegistry Add(Type grainClass)
    {
        var stateType = StateTypeOf(grainClass);
        foreach (var contract in grainClass.GetInterfaces().Where(IsGrainInterface))
        {
            if (_byInterface.TryGetValue(contract, out var existing) && existing.Class != grainClass)
            {
                throw new InvalidOperationException($"{contract.Name} is implemented by both {existing.Class.Name} and {grainClass.Name}.");
            }

            _byInterface[contract] = new GrainClass(grainClass, stateType);
            _byName[NameOf(contract)] = contract;
        }

        return this;
    }

    /// <summary>The class implementing <paramref name="contract"/>.</summary>
    public GrainClass Resolve(Type contract) =>
        _byInterface.TryGetValue(contract, out var grainClass)
            ? grainClass
            : throw new InvalidOperationException($"No grain class implements {contract.FullName}. Was its assembly registered with the silo?");

    /// <summary>The interface registered under a grain type name.</summary>
    public Type ResolveName(string name) =>
        _byName.TryGetValue(name, out var contract) ? contract : throw new InvalidOperationException($"Unknown grain type {name}.");

    /// <summary>The grain type name of an interface (its full name).</summary>
    public static string NameOf(Type contract) => contract.FullName ?? contract.Name;

    /// <summary>The state row type name of a state type.</summary>
    public static string StateNameOf(Type stateType) => stateType.Name;

    // Marker interfaces (IGrainWithStringKey) declare no methods and are shared by every grain.
    private static bool IsGrainInterface(Type type) =>
        type.GetMethods().Length > 0
        && type != typeof(IRemindable) && type != typeof(IGrainBinding) && type.Namespace?.StartsWith("System", StringComparison.Ordinal) != true;

    private static Type? StateTypeOf(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Grain<>))
            {
                return t.GetGenericArguments()[0];
            }
        }

        return null;
    }
}

/// <summary>A grain class and its state type (null for stateless grains).</summary>
public sealed record GrainClass(Type Class, Type? StateType);
