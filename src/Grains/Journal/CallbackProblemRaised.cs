namespace Orleans.Crm.Grains.Journal;

/// <summary>The data of a <see cref="JournalKinds.CallbackProblem"/> event.</summary>
public sealed record CallbackProblemRaised(string CallbackTaskId, string OwnerId, string Department, string Description, string TicketTaskId, string RecheckTaskId, string? By);
