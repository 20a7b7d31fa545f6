namespace Orleans.Crm.Grains.Journal;

/// <summary>
/// The data of a <see cref="JournalKinds.LeadDispatched"/> event: a lead given to a designer (by the rules, an override,
/// or from the queue). The designers' half-month score counts these as dispatched leads.
/// </summary>
/// <param name="BackToPreviousDesigner">A return customer (回头客) given back to the designer who served them before (the score's bonus).</param>
public sealed record LeadDispatched(
    string LeadId,
    int? RunningNumber,
    string DesignerId,
    string ManagerId,
    string? GroupManagerId,
    bool CrossGroup,
    bool Override,
    bool BackToPreviousDesigner,
    bool FromQueue);
