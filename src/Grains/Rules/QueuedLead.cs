namespace Orleans.Crm.Grains.Rules;

/// <summary>A lead waiting in the store's queue because nobody was eligible when it arrived.</summary>
/// <param name="ArrivedAt">When it joined the queue; the queue is first come, first served.</param>
public sealed record QueuedLead(
    DispatchLead Lead,
    string DispatchingManagerId,
    DateTimeOffset ArrivedAt,
    IReadOnlySet<string>? RefusedDesignerIds = null);
