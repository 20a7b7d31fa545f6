namespace Orleans.Crm.Grains.Journal;

/// <summary>
/// The data of a <see cref="JournalKinds.ComplaintStep"/> (and closed/re-opened) event: the step, who, whether late, and
/// the minutes from the start of the complaint's round (the weekly report's median times per step).
/// </summary>
public sealed record ComplaintStepRecorded(string ComplaintId, string Step, string By, string? Department, string? Person, bool? Satisfied, bool Late, int Round, double MinutesFromStart);
