namespace Orleans.Crm.Grains.Contracts;

/// <summary>A complaint or emergency call (顾客救援) as filed; the desk computes its deadlines from the time it is received.</summary>
/// <param name="CustomerId">The customer, when known; with a phone it must be that phone's customer.</param>
/// <param name="Phone">The caller's phone as typed (the desk normalises it and derives the customer id).</param>
/// <param name="FiledBy">The user who logged the call (front desk or customer service).</param>
[GenerateSerializer, Alias("crm.FileComplaint")]
public sealed record FileComplaint(string? CustomerId, string? Phone, string? ProjectId, string Channel, string Summary, bool Emergency, string FiledBy);

/// <summary>A step of the complaint clock, by <paramref name="By"/> (the token's user).</summary>
[GenerateSerializer, Alias("crm.RecordComplaintStep")]
public sealed record RecordComplaintStep(string Step, string? Note, string? Department, string? Person, bool? Satisfied, string By);

/// <summary>A step as recorded; <paramref name="Late"/> when it came after its deadline.</summary>
[GenerateSerializer, Alias("crm.ComplaintStepView")]
public sealed record ComplaintStepView(string Step, DateTimeOffset At, string By, string? Note, string? Department, string? Person, bool? Satisfied, bool Late, int Round);

/// <summary>A deadline that passed without its step (the complaint became breached then), and who answers for it.</summary>
[GenerateSerializer, Alias("crm.ComplaintBreachView")]
public sealed record ComplaintBreachView(string Step, DateTimeOffset DueAt, DateTimeOffset DetectedAt, string Responsible, string? ResponsiblePerson, int Round);

/// <summary>
/// A complaint as its desk keeps it. The deadlines are those of the current round (a dissatisfied satisfaction call
/// starts a new round from that call); <see cref="CustomerToldBy"/> is null until the department is notified.
/// </summary>
[GenerateSerializer, Alias("crm.ComplaintView")]
public sealed record ComplaintView(
    string ComplaintId,
    string StoreId,
    string CustomerId,
    string? Phone,
    string? ProjectId,
    string Channel,
    string Summary,
    bool Emergency,
    string FiledBy,
    DateTimeOffset ReceivedAt,
    string State,
    int Round,
    DateTimeOffset RoundStartedAt,
    DateTimeOffset ReplyPromiseBy,
    DateTimeOffset DepartmentNotifiedBy,
    DateTimeOffset? CustomerToldBy,
    DateTimeOffset CheckBy,
    DateTimeOffset SatisfactionCallBy,
    string? Department,
    string? DepartmentPerson,
    ImmutableArray<ComplaintStepView> Steps,
    ImmutableArray<ComplaintBreachView> Breaches,
    string? RepeatOf,
    DateTimeOffset? ClosedAt);

/// <summary>
/// One event of a store's complaint desk (<c>filed</c>, <c>step</c>, <c>breached</c>, <c>closed</c>, <c>reopened</c>),
/// numbered 1, 2, … without gaps by the desk and saved with the change; it carries the complaint as it is after it.
/// </summary>
[GenerateSerializer, Alias("crm.ComplaintEvent")]
public sealed record ComplaintEvent(string StoreId, long Sequence, string Type, DateTimeOffset At, ComplaintView Complaint);

/// <summary>The desk's events after a sequence; <paramref name="Complete"/> false when some are no longer kept.</summary>
[GenerateSerializer, Alias("crm.ComplaintEventPage")]
public sealed record ComplaintEventPage(ImmutableArray<ComplaintEvent> Events, long LastSequence, bool Complete);

/// <summary>A store's unclosed complaints (open and breached) as of <paramref name="Sequence"/>.</summary>
[GenerateSerializer, Alias("crm.ComplaintSnapshot")]
public sealed record ComplaintSnapshot(string StoreId, long Sequence, ImmutableArray<ComplaintView> Complaints);

/// <summary>How many of something, by step.</summary>
[GenerateSerializer, Alias("crm.StepCount")]
public sealed record StepCount(string Step, int Count);

/// <summary>The median time from the start of a complaint's round to a step, in minutes, over the steps recorded.</summary>
[GenerateSerializer, Alias("crm.StepMedian")]
public sealed record StepMedian(string Step, double MedianMinutes, int Count);

/// <summary>One store's complaints of an ISO week (store-local).</summary>
[GenerateSerializer, Alias("crm.ComplaintWeekStore")]
public sealed record ComplaintWeekStore(
    string StoreId,
    int Received,
    int Emergencies,
    int Closed,
    int Reopened,
    int Breaches,
    ImmutableArray<StepCount> BreachesByStep,
    int RepeatComplaints,
    ImmutableArray<StepMedian> MedianTimes);

/// <summary>The weekly complaint summary for the VP (seed 002), per store.</summary>
[GenerateSerializer, Alias("crm.ComplaintWeekReport")]
public sealed record ComplaintWeekReport(string Week, DateTimeOffset From, DateTimeOffset To, ImmutableArray<ComplaintWeekStore> Stores);
