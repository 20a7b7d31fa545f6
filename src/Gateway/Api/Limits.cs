namespace Orleans.Crm.Gateway.Api;

/// <summary>Input size limits: generous for real use, small enough that nobody stores a novel in a grain.</summary>
public static class Limits
{
    /// <summary>Person and store names.</summary>
    public const int Name = 100;

    /// <summary>Notes, reasons, addresses.</summary>
    public const int Note = 2000;

    /// <summary>A phone number as typed (normalised and checked by the rules).</summary>
    public const int Phone = 32;

    /// <summary>Short free-text fields: layout, style, budget, source.</summary>
    public const int Short = 200;

    /// <summary>Groups per store, designers per group, rotation entries.</summary>
    public const int ListItems = 100;
}
