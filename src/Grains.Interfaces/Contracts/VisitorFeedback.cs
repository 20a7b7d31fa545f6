namespace Orleans.Crm.Grains.Contracts;

/// <summary>
/// The experience feedback form (体验反馈表) of a visitor who wants no consultation: the store keeps it without creating
/// a lead (DOMAIN §2). Contact details are optional.
/// </summary>
/// <param name="VisitedAreas">What the visitor looked at (showroom areas, materials, sample flats).</param>
[GenerateSerializer, Alias("crm.RecordFeedback")]
public sealed record RecordFeedback(string? Name, string? Phone, ImmutableArray<string> VisitedAreas, string? Comments);

/// <summary>A recorded feedback form: its id and when it was received.</summary>
[GenerateSerializer, Alias("crm.FeedbackRecorded")]
public sealed record FeedbackRecorded(string FeedbackId, DateTimeOffset At);

/// <summary>A feedback form as the store's list shows it (full details: the gateway masks for roles that may not see them).</summary>
/// <param name="Phone">Normalised, or null when the visitor left none.</param>
[GenerateSerializer, Alias("crm.FeedbackEntry")]
public sealed record FeedbackEntry(string FeedbackId, string StoreId, DateTimeOffset At, string? Name, string? Phone, ImmutableArray<string> VisitedAreas, string? Comments);
