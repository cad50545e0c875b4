using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;

namespace Waypoint.Core.Pathway;

/// <summary>
/// A member of the council's staff as Waypoint last saw them sign in: who to allocate a case or a task to, and where
/// to email their reminders. Kept from the identity provider's claims at each sign-in; nothing here is entered by hand.
/// </summary>
public sealed class StaffMember
{
    public long Id { get; set; }
    public required string CouncilCode { get; set; }

    /// <summary>The name a case's named worker and a task's owner are recorded under (the sign-in's user name).</summary>
    public required string UserName { get; set; }

    public required string DisplayName { get; set; }

    /// <summary>From the identity provider's email claim; reminders by email go here. Null when it gave none.</summary>
    public string? Email { get; set; }

    public string? Team { get; set; }
    public required string Role { get; set; }
    public DateTimeOffset LastSignedInAt { get; set; }
}

/// <summary>What a sign-in tells Waypoint about a member of staff.</summary>
public sealed record StaffDetails(string UserName, string DisplayName, string? Email, string? Team, string Role);

public static class StaffDirectory
{
    /// <summary>Records a sign-in: a new member of staff is added, a known one gets their latest name, email, team and role.</summary>
    public static async Task RecordSignInAsync(WaypointDbContext db, string council, StaffDetails details, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(details);
        if (string.IsNullOrWhiteSpace(details.UserName)) return;
        for (var attempt = 0; ; attempt++)
        {
            var member = await db.StaffMembers.SingleOrDefaultAsync(s => s.CouncilCode == council && s.UserName == details.UserName, cancellationToken);
            if (member is null)
            {
                member = new StaffMember { CouncilCode = council, UserName = details.UserName, DisplayName = details.DisplayName, Role = details.Role };
                db.StaffMembers.Add(member);
            }
            member.DisplayName = string.IsNullOrWhiteSpace(details.DisplayName) ? details.UserName : details.DisplayName.Trim();
            member.Email = string.IsNullOrWhiteSpace(details.Email) ? null : details.Email.Trim();
            member.Team = string.IsNullOrWhiteSpace(details.Team) ? null : details.Team.Trim();
            member.Role = details.Role;
            member.LastSignedInAt = at;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // The same person signed in twice at once and the other sign-in added them first: update theirs.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The council's staff, by name; only those in <paramref name="roles"/> when it is given.</summary>
    public static Task<List<StaffMember>> OfCouncilAsync(WaypointDbContext db, string council, IReadOnlyCollection<string>? roles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var staff = db.StaffMembers.AsNoTracking().Where(s => s.CouncilCode == council);
        if (roles is not null) staff = staff.Where(s => roles.Contains(s.Role));
        return staff.OrderBy(s => s.DisplayName).ThenBy(s => s.UserName).ToListAsync(cancellationToken);
    }

    public static Task<StaffMember?> FindAsync(WaypointDbContext db, string council, string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.CouncilCode == council && s.UserName == userName, cancellationToken);
    }

    /// <summary>Display names of the given user names; a user name not in the directory stands for itself.</summary>
    public static async Task<Dictionary<string, string>> NamesAsync(WaypointDbContext db, string council, IEnumerable<string> userNames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var wanted = userNames.Distinct().ToList();
        var known = await db.StaffMembers.AsNoTracking().Where(s => s.CouncilCode == council && wanted.Contains(s.UserName))
            .ToDictionaryAsync(s => s.UserName, s => s.DisplayName, cancellationToken);
        return wanted.ToDictionary(u => u, u => known.GetValueOrDefault(u) ?? u);
    }
}
