using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Grains;

/// <summary>Checks a store set-up before anything is written; every refusal names the field.</summary>
internal static class StoreSetupValidator
{
    public static void Validate(StoreSetup setup)
    {
        if (string.IsNullOrWhiteSpace(setup.Name))
        {
            throw CrmException.Invalid("name", "The store needs a name.");
        }

        if (setup.Groups.IsDefaultOrEmpty)
        {
            throw CrmException.Invalid("groups", "A store needs at least one design group.");
        }

        var managers = new HashSet<string>(StringComparer.Ordinal);
        var designers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in setup.Groups)
        {
            if (string.IsNullOrWhiteSpace(group.ManagerId) || !managers.Add(group.ManagerId))
            {
                throw CrmException.Invalid("groups", $"Manager id '{group.ManagerId}' is empty or appears twice.");
            }

            foreach (var designer in group.Designers.IsDefault ? [] : group.Designers)
            {
                if (string.IsNullOrWhiteSpace(designer.DesignerId) || !designers.Add(designer.DesignerId))
                {
                    throw CrmException.Invalid("groups", $"Designer id '{designer.DesignerId}' is empty or appears twice.");
                }

                if (designer.Rank is < 1)
                {
                    throw CrmException.Invalid("groups", $"Designer {designer.DesignerId}: rank must be 1 or more.");
                }
            }
        }

        if (setup.Rotation.IsDefaultOrEmpty)
        {
            throw CrmException.Invalid("rotation", "The duty rotation needs at least one account manager.");
        }

        if (setup.Rotation.FirstOrDefault(m => !managers.Contains(m)) is { } stranger)
        {
            throw CrmException.Invalid("rotation", $"{stranger} is in the rotation but leads no group of this store.");
        }

        if (setup.Rotation.Distinct(StringComparer.Ordinal).Count() != setup.Rotation.Length)
        {
            throw CrmException.Invalid("rotation", "A manager appears twice in the rotation.");
        }

        if (setup.RestDays is { Length: 7 })
        {
            throw CrmException.Invalid("restDays", "A store cannot rest every day of the week.");
        }
    }
}
