namespace Orleans.Crm.Grains;

/// <summary>Marks a grain interface keyed by a string, as in Orleans; the runtime needs no more than the interface.</summary>
public interface IGrainWithStringKey;
