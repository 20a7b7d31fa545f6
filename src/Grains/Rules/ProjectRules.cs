using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains.Rules;

/// <summary>
/// Whoever signs first owns the customer — for one project (DOMAIN §5). The customer grain runs these rules in its own
/// turn, which is what makes the first signer atomic; they are pure: the current project, an input and the time.
/// </summary>
public static class ProjectRules
{
    /// <summary>
    /// A deposit or contract on <paramref name="request"/>'s lead: refused when another lead's project owns the customer;
    /// continues the lead's own open project (a contract after the deposit keeps it); otherwise opens project number
    /// <paramref name="projectsSoFar"/> + 1 with the lead as its owner.
    /// </summary>
    public static SignVerdict Sign(ProjectView? current, int projectsSoFar, string customerId, SignRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (current is { Status: ProjectStatus.Open })
        {
            if (current.Owner.LeadId != request.LeadId)
            {
                return new SignVerdict(false, false, current);
            }

            var continued = request.Contract && current.ContractAt is null
                ? current with { ContractAmount = request.Amount, ContractAt = request.At }
                : current;
            return new SignVerdict(true, false, continued);
        }

        var projectId = ProjectIds.For(customerId, projectsSoFar + 1);
        var owner = new CustomerOwner(request.StoreId, request.ManagerId, request.DesignerId, request.LeadId, request.At, projectId);
        var opened = new ProjectView(
            projectId,
            customerId,
            ProjectStatus.Open,
            owner,
            request.Contract ? null : request.Amount,
            request.Contract ? request.Amount : null,
            request.At,
            request.Contract ? request.At : null,
            null,
            null,
            null);
        return new SignVerdict(true, true, opened);
    }

    /// <summary>
    /// Completes the open project (the project grain's completion acceptance): the ownership ends and the customer may
    /// sign a new project. Only a project with a signed contract can be completed.
    /// </summary>
    public static ProjectView Complete(ProjectView? current, string projectId, DateTimeOffset now, string? byUserId)
    {
        var project = Open(current, projectId);
        if (project.ContractAt is null)
        {
            throw CrmException.Conflict("projectId", $"Project {projectId} has no signed contract yet: a deposit ends by refund or forfeit, not by completion.");
        }

        return project with { Status = ProjectStatus.Completed, EndedAt = now, EndReason = "completed", EndedBy = byUserId };
    }

    /// <summary>
    /// The deposit of the owning lead was refunded or forfeited (a supervisor or HQ closes the lead): the ownership ends.
    /// A signed contract is not refundable.
    /// </summary>
    public static ProjectView Release(ProjectView? current, string projectId, string leadId, string reason, DateTimeOffset now, string? byUserId)
    {
        if (!CloseReasons.DepositEnding.Contains(reason))
        {
            throw CrmException.Invalid("reason", $"'{reason}' does not end a deposit: use one of {string.Join(", ", CloseReasons.DepositEnding)}.");
        }

        var project = Open(current, projectId);
        if (project.Owner.LeadId != leadId)
        {
            throw CrmException.Conflict("leadId", $"Lead {leadId} does not own project {projectId}.");
        }

        if (project.ContractAt is not null)
        {
            throw CrmException.Conflict("reason", $"Project {projectId} has a signed contract, which is not refundable.");
        }

        return project with { Status = ProjectStatus.Released, EndedAt = now, EndReason = reason, EndedBy = byUserId };
    }

    private static ProjectView Open(ProjectView? current, string projectId)
    {
        if (current is null || current.ProjectId != projectId)
        {
            throw CrmException.NotFound("projectId", $"Project {projectId} is not an open project of its customer.");
        }

        return current.Status == ProjectStatus.Open
            ? current
            : throw CrmException.Conflict("projectId", $"Project {projectId} is already {current.Status.ToString().ToLowerInvariant()}.");
    }
}

/// <summary>The customer's answer to a deposit or contract.</summary>
/// <param name="Accepted">The lead owns the customer (now or already).</param>
/// <param name="Opened">This signing opened <paramref name="Project"/>.</param>
/// <param name="Project">The project that owns the customer.</param>
public sealed record SignVerdict(bool Accepted, bool Opened, ProjectView Project);
