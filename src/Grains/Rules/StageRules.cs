using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// The stage flow of a project (DOMAIN §6): each stage is accepted with the customer before the next starts (seed 004);
/// the supervisor approves the drawings' review or sends it back with a reason; who may start and accept which stage.
/// Pure: the project's stages and an input in, the new stages out (or a refusal naming the field and the reason).
/// </summary>
public static class StageRules
{
    public const string DesignPhase = "design";

    public const string ConstructionPhase = "construction";

    // The JWT role names (the gateway's CrmRoles; the grains do not reference the gateway).
    private const string Hq = "hq";
    private const string Supervisor = "supervisor";
    private const string Manager = "manager";
    private const string Designer = "designer";
    private const string ProjectManager = "pm";

    private static readonly IReadOnlyList<string> DesignTeam = [Hq, Supervisor, Manager, Designer];
    private static readonly IReadOnlyList<string> Approvers = [Hq, Supervisor];
    private static readonly IReadOnlyList<string> ConstructionTeam = [Hq, Supervisor, ProjectManager];

    /// <summary>A new project's stages: all pending, in order.</summary>
    public static ImmutableList<StageView> Initial() =>
        [.. ProjectStages.All.Select(s => new StageView(s, Phase(s), StageStates.Pending))];

    public static string Phase(string stage) => ProjectStages.IsConstruction(stage) ? ConstructionPhase : DesignPhase;

    /// <summary>The roles that may start a stage: the design team a design stage, the project manager a construction stage.</summary>
    public static IReadOnlyList<string> MayStart(string stage) => ProjectStages.IsConstruction(stage) ? ConstructionTeam : DesignTeam;

    /// <summary>The roles that may accept a stage: the review only the supervisor (or HQ) approves.</summary>
    public static IReadOnlyList<string> MayAccept(string stage) =>
        stage == ProjectStages.Review ? Approvers : MayStart(stage);

    /// <summary>The roles that may send the drawings back from review.</summary>
    public static IReadOnlyList<string> MaySendBack { get; } = Approvers;

    /// <summary>Every stage but the supervisor's internal review is accepted with the customer's signature.</summary>
    public static bool NeedsCustomer(string stage) => stage != ProjectStages.Review;

    /// <summary>The stage the project is at: the first not accepted (null when every stage is).</summary>
    public static StageView? Current(IEnumerable<StageView> stages) => stages.FirstOrDefault(s => s.State != StageStates.Accepted);

    /// <summary>Starts <paramref name="command"/>'s stage; the previous stage must be accepted (409 naming it).</summary>
    public static ImmutableList<StageView> Start(ImmutableList<StageView> stages, StageCommand command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentNullException.ThrowIfNull(command);
        var index = IndexOf(stages, command.Stage);
        var stage = stages[index];
        EnsureRole(command.Role, MayStart(stage.Stage), $"start stage {stage.Stage}");
        if (stage.State != StageStates.Pending)
        {
            throw CrmException.Conflict("stage", $"Stage {stage.Stage} is already {stage.State}.");
        }

        if (index > 0 && stages[index - 1] is { State: not StageStates.Accepted } previous)
        {
            throw CrmException.Conflict("stage", $"Stage {stage.Stage} cannot start before stage {previous.Stage} is accepted with the customer (it is {previous.State}).");
        }

        return stages.SetItem(index, stage with { State = StageStates.Started, StartedAt = now, StartedBy = command.ByUserId, Note = Trim(command.Note) ?? stage.Note });
    }

    /// <summary>
    /// Accepts a started stage: with the customer's signature (except the review, the supervisor's approval). The
    /// contract stage needs the contract signed on the lead (<paramref name="contractSigned"/>).
    /// </summary>
    public static ImmutableList<StageView> Accept(ImmutableList<StageView> stages, StageCommand command, DateTimeOffset now, bool contractSigned)
    {
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentNullException.ThrowIfNull(command);
        var index = IndexOf(stages, command.Stage);
        var stage = stages[index];
        EnsureRole(command.Role, MayAccept(stage.Stage), stage.Stage == ProjectStages.Review ? "approve the review" : $"accept stage {stage.Stage}");
        if (stage.State != StageStates.Started)
        {
            throw CrmException.Conflict("stage", stage.State == StageStates.Accepted
                ? $"Stage {stage.Stage} is already accepted."
                : $"Stage {stage.Stage} has not started: start it before accepting it.");
        }

        if (NeedsCustomer(stage.Stage) && !command.CustomerSigned)
        {
            throw CrmException.Invalid("customerSigned", $"Stage {stage.Stage} is accepted with the customer: customerSigned must be true.");
        }

        if (stage.Stage == ProjectStages.Contract && !contractSigned)
        {
            throw CrmException.Conflict("stage", "The contract stage is accepted once the contract is signed on the lead (POST /api/leads/{leadId}/contract).");
        }

        return stages.SetItem(index, stage with
        {
            State = StageStates.Accepted,
            AcceptedAt = now,
            AcceptedBy = command.ByUserId,
            CustomerSigned = command.CustomerSigned,
            Note = Trim(command.Note) ?? stage.Note,
        });
    }

    /// <summary>The supervisor sends the drawings back: the review waits again and the drawings are reopened (started).</summary>
    public static ImmutableList<StageView> SendBack(ImmutableList<StageView> stages, string reason, string role, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(stages);
        EnsureRole(role, MaySendBack, "send the drawings back from review");
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw CrmException.Invalid("reason", "Sending the drawings back needs a reason.");
        }

        var review = IndexOf(stages, ProjectStages.Review);
        if (stages[review].State != StageStates.Started)
        {
            throw CrmException.Conflict("stage", $"The review is {stages[review].State}: only a started review is sent back.");
        }

        var drawings = review - 1;
        return stages
            .SetItem(review, stages[review] with { State = StageStates.Pending, StartedAt = null, StartedBy = null, SentBackReason = reason.Trim(), SentBackAt = now })
            .SetItem(drawings, stages[drawings] with { State = StageStates.Started, AcceptedAt = null, AcceptedBy = null, CustomerSigned = false });
    }

    private static void EnsureRole(string role, IReadOnlyList<string> allowed, string what)
    {
        if (!allowed.Contains(role))
        {
            throw CrmException.Forbidden("stage", $"The {role} role may not {what} (allowed: {string.Join(", ", allowed)}).");
        }
    }

    private static int IndexOf(ImmutableList<StageView> stages, string stage)
    {
        var index = stages.FindIndex(s => s.Stage == stage);
        return index >= 0
            ? index
            : throw CrmException.Invalid("stage", $"'{stage}' is not a stage: use one of {string.Join(", ", ProjectStages.All)}.");
    }

    private static string? Trim(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();
}
