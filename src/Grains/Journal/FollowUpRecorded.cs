namespace Orleans.Crm.Grains.Journal;

/// <summary>
/// A follow-up or callback was recorded on a lead (the note stays in the lead's own state): what "my leads" needs to say
/// how many days have passed since a customer was last followed up, without asking every store grain.
/// </summary>
public sealed record FollowUpRecorded(string LeadId, int? RunningNumber, string? ManagerId, string? DesignerId, string ByUserId);
