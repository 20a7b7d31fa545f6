using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains.State;

/// <summary>An account manager's quarter: the entered facts and the survey forms, one per respondent.</summary>
public sealed record ManagerQuarterState : DecidingState
{
    public ManagerFactsView? Facts { get; init; }

    public ImmutableList<SurveyRecorded> Surveys { get; init; } = [];
}
