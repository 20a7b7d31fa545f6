using System.Text.RegularExpressions;
using Orleans.Crm.Grains.Contracts;

namespace Orleans.Crm.Gateway.Api;

/// <summary>
/// A store's staff by name (from its board: group managers and designers), so what the console shows speaks of 李设计
/// and 王经理 rather than <c>sh-xuhui-g2d2</c>. The one place the gateway turns ids into names: lists, the lead timeline,
/// and explanations recorded before the planner wrote names (<see cref="Words"/>).
/// </summary>
public sealed partial class StaffNames
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    /// <summary>The names of <paramref name="board"/>'s managers and designers.</summary>
    public static StaffNames Of(BoardSnapshot? board)
    {
        var names = new StaffNames();
        foreach (var group in board?.Groups ?? [])
        {
            names.Add(group.ManagerId, group.ManagerName);
            foreach (var designer in group.Designers)
            {
                names.Add(designer.DesignerId, designer.Name);
            }
        }

        return names;
    }

    /// <summary>The person's name, or the id itself when the store does not know it (someone of another store).</summary>
    public string? Name(string? id) => id is null ? null : _names.GetValueOrDefault(id, id);

    /// <summary>The text with every known staff id replaced by the person's name.</summary>
    public string Words(string? text) => string.IsNullOrEmpty(text)
        ? string.Empty
        : IdPattern().Replace(text, m => _names.GetValueOrDefault(m.Value, m.Value));

    private void Add(string id, string? name)
    {
        if (!string.IsNullOrWhiteSpace(name))
        {
            _names[id] = name;
        }
    }

    // Ids are letters, digits and dashes (CrmIdAttribute); the whole token is looked up, so a prefix never matches.
    [GeneratedRegex("[A-Za-z0-9][A-Za-z0-9_-]*", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
