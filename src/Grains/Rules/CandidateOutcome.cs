namespace Orleans.Crm.Grains.Rules;

public enum CandidateOutcome
{
    Chosen,
    SkippedFull,
    SkippedAbsent,
    SkippedNotSenior,
    SkippedRefused,

    /// <summary>An override or return-customer designer who is not in any group of the store.</summary>
    SkippedNotInStore,

    /// <summary>The customer asked for a higher grade than the designer's (客户需优秀级以上设计师).</summary>
    SkippedBelowGrade,
}
