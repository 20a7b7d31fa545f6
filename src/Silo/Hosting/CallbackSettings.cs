namespace Orleans.Crm.Silo.Hosting;

/// <summary>The <c>Rules:Callbacks</c> section: callbacks after a repair, and a callback problem's ticket and re-check.</summary>
public sealed class CallbackSettings
{
    /// <summary>Days after the customer's acceptance each callback is due; default 3, 10, 30.</summary>
    public int[]? Days { get; set; }

    /// <summary>Minutes until a department's ticket raised on a callback is due; default 60.</summary>
    public int? TicketMinutes { get; set; }

    /// <summary>Hours until the re-check call after such a ticket is due; default 24.</summary>
    public int? RecheckHours { get; set; }
}
