using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Api.Responses;

/// <summary>A recorded feedback form (体验反馈表): its id, when it was received and the store-local date it is listed under.</summary>
public sealed record FeedbackCreatedResponse(string FeedbackId, string StoreId, DateTimeOffset At, string Date);

/// <summary>The feedback forms a store received on a store-local date, oldest first.</summary>
public sealed record FeedbackListResponse(string StoreId, string Date, IReadOnlyList<FeedbackEntry> Feedback);
