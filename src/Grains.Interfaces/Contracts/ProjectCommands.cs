namespace Orleans.Crm.Grains.Contracts;

/// <summary>Start or accept a stage (who did it, and in which role, comes from the token).</summary>
[GenerateSerializer, Alias("crm.StageCommand")]
public sealed record StageCommand(string Stage, string ByUserId, string Role, string? Note, bool CustomerSigned);

/// <summary>A change order asked for: pending until signed.</summary>
[GenerateSerializer, Alias("crm.ChangeOrderCommand")]
public sealed record ChangeOrderCommand(string Description, decimal Cost, string ByUserId);

/// <summary>A delay certificate.</summary>
[GenerateSerializer, Alias("crm.DelayCommand")]
public sealed record DelayCommand(int Days, string Reason, string ByUserId, bool CustomerSigned);
