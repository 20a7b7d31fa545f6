using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// What an account manager's quarter is scored from. Recorded by the system: the leads the manager received at the front
/// desk (<see cref="Consulted"/>), those of them that reached a contract within the quarter (<see cref="Signed"/>) and
/// their contract amounts (<see cref="ContractOutput"/>), the weekly in-construction callbacks due in the quarter and those
/// done on time. Entered (<see cref="Facts"/>, null when nothing was entered): main-material sales, phone invitations,
/// quarrels. The survey average (0–100) comes from <see cref="InternalSurvey.Average"/>, null when nobody answered.
/// </summary>
public sealed record ManagerScoreInput(
    int Consulted,
    int Signed,
    decimal ContractOutput,
    int CallbacksDue,
    int CallbacksOnTime,
    decimal? SurveyAverage,
    ManagerFacts? Facts);
