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
}
