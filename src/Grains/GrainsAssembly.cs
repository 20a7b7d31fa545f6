namespace Orleans.Crm.Grains;

/// <summary>Marks the assembly whose grain classes a silo registers.</summary>
public static class GrainsAssembly;
