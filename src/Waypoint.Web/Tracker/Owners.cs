using Waypoint.Core.Rules;
using Waypoint.Web.Security;

namespace Waypoint.Web.Tracker;

/// <summary>Which roles work each rule's owner's milestones (domain.md's "owner" column), for the team work list.</summary>
public static class Owners
{
    private static readonly Dictionary<string, string[]> RolesByOwner = new(StringComparer.Ordinal)
    {
        ["SEND"] = [Roles.SendOfficer],
        ["Health and social care"] = [Roles.TransitionsWorker, Roles.SocialWorker, Roles.HealthPractitioner],
        ["Children's health with the council"] = [Roles.HealthPractitioner],
        ["Children's social care"] = [Roles.SocialWorker],
        ["Leaving care"] = [Roles.SocialWorker],
        ["Family, with worker's help"] = [Roles.SocialWorker, Roles.SendOfficer, Roles.TransitionsWorker],
        ["Council and NHS"] = [Roles.SocialWorker, Roles.HealthPractitioner],
        ["Adult social care"] = [Roles.TransitionsWorker],
        ["Health"] = [Roles.HealthPractitioner],
    };

    /// <summary>Managers see every team's work; other roles see the milestones their role owns.</summary>
    public static bool Owns(string role, Rule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return role == Roles.Manager || (RolesByOwner.TryGetValue(rule.Owner, out var roles) && roles.Contains(role));
    }
}
