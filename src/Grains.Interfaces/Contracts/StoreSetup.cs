using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Contracts;

/// <summary>Creates or updates a store: its groups, the managers' duty rotation and rest days.</summary>
/// <param name="TimeZone">IANA time zone of the store's calendar (default Asia/Shanghai).</param>
[GenerateSerializer, Alias("crm.StoreSetup")]
public sealed record StoreSetup(
    string Name,
    ImmutableArray<GroupSetup> Groups,
    ImmutableArray<string> Rotation,
    DateOnly RotationStart,
    ImmutableArray<DayOfWeek>? RestDays = null,
    string? TimeZone = null);

/// <summary>One design group: an account manager and their designers.</summary>
[GenerateSerializer, Alias("crm.GroupSetup")]
public sealed record GroupSetup(string ManagerId, string ManagerName, ImmutableArray<DesignerSetup> Designers);

/// <summary>
/// A designer of a group. The rank is the position in the group until the first half-month ranking; the grade
/// (ordinary when not given) stands until the first quarterly grading. Given again, either replaces the current one.
/// </summary>
[GenerateSerializer, Alias("crm.DesignerSetup")]
public sealed record DesignerSetup(string DesignerId, string Name, DesignerLevel Level, int? Rank = null, DesignerGrade? Grade = null);
