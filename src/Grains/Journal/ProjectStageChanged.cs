namespace Orleans.Crm.Grains.Journal;

/// <summary>
/// The data of a <see cref="JournalKinds.ProjectStage"/> event. <see cref="Action"/> is <c>started</c>, <c>accepted</c> or
/// <c>sent-back</c> (the review: the drawings reopened, the review pending again).
/// </summary>
public sealed record ProjectStageChanged(string ProjectId, string Stage, string Action, string By, string? Note, bool CustomerSigned);
