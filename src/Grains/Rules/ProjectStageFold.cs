using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// Folds a project's <c>project-stage</c> journal events into stage states, as the project grain's rules change them
/// (<see cref="StageRules"/>), for lists read from the journal.
/// </summary>
public static class ProjectStageFold
{
    /// <summary>Applies one event (<c>started</c>, <c>accepted</c>, <c>sent-back</c>) to <paramref name="stages"/> (stage → state).</summary>
    public static void Apply(IDictionary<string, string> stages, string stage, string action)
    {
        ArgumentNullException.ThrowIfNull(stages);
        switch (action)
        {
            case StageStates.Started or StageStates.Accepted:
                stages[stage] = action;
                break;
            case "sent-back":
                stages[ProjectStages.Review] = StageStates.Pending;
                stages[ProjectStages.Drawings] = StageStates.Started;
                break;
        }
    }
}
