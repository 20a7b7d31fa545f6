using Orleans.Crm.Grains.Contracts;
using Orleans.Crm.Grains.Model;

namespace Orleans.Crm.Grains;

/// <summary>New people joining the store (issue 16).</summary>
public sealed partial class StoreGrain
{
    /// <inheritdoc />
    public async Task<StoreView> PlaceStaffAsync(StaffPlacement placement)
    {
        ArgumentNullException.ThrowIfNull(placement);
        EnsureConfigured();

        // The current set-up, with existing designers' rank and grade left out so the set-up keeps what they hold now
        // (a ranking's rank, a quarter's grade); the store's set-up path then decides joins, board and caps as usual.
        var groups = State.Groups.Select(g => new GroupSetup(
            g.ManagerId,
            g.ManagerName,
            [.. g.DesignerIds.Select(id => new DesignerSetup(id, State.Designers[id].Name, State.Designers[id].Level))])).ToList();
        var rotation = State.Rotation.ToList();
        switch (placement.Role)
        {
            case "manager":
                if (State.Groups.Any(g => g.ManagerId == placement.UserId))
                {
                    return View();
                }

                if (State.Designers.ContainsKey(placement.UserId))
                {
                    throw CrmException.Conflict("userId", $"{placement.UserId} is a designer of store {Key}.");
                }

                groups.Add(new GroupSetup(placement.UserId, placement.Name, []));
                rotation.Add(placement.UserId);
                break;
            case "designer":
                var index = groups.FindIndex(g => g.ManagerId == placement.GroupManagerId);
                if (index < 0)
                {
                    throw CrmException.NotFound(
                        "groupManagerId",
                        $"Store {Key} has no group of account manager '{placement.GroupManagerId}' (groups: {string.Join(", ", groups.Select(g => g.ManagerId))}).");
                }

                if (State.Designers.TryGetValue(placement.UserId, out var existing))
                {
                    return existing.ManagerId == placement.GroupManagerId
                        ? View()
                        : throw CrmException.Conflict("userId", $"Designer {placement.UserId} is already in the group of {existing.ManagerId}.");
                }

                if (State.Managers.ContainsKey(placement.UserId))
                {
                    throw CrmException.Conflict("userId", $"{placement.UserId} is an account manager of store {Key}.");
                }

                var group = groups[index];
                groups[index] = group with
                {
                    Designers = group.Designers.Add(new DesignerSetup(
                        placement.UserId,
                        placement.Name,
                        placement.Level ?? DesignerLevel.Style,
                        placement.Rank,
                        placement.Grade)),
                };
                break;
            default:
                throw CrmException.Invalid("role", $"Only account managers and designers are placed in a store's groups, not '{placement.Role}'.");
        }

        return await ConfigureAsync(new StoreSetup(State.Name, [.. groups], [.. rotation], State.RotationStart, [.. State.RestDays], State.TimeZone));
    }
}
