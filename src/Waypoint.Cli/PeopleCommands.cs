using System.CommandLine;
using Waypoint.Core.Audit;
using Waypoint.Core.Data;
using Waypoint.Core.People;

namespace Waypoint.Cli;

/// <summary>`waypoint links` and `waypoint people`: what linking made of the source records.</summary>
internal static class PeopleCommands
{
    public static Command Links()
    {
        var database = DatabaseOptions.Database();
        var provider = DatabaseOptions.Provider();
        var council = DatabaseOptions.Council();
        var json = DatabaseOptions.Json();
        var command = new Command("links", "List every source record with the person it is linked to") { database, provider, council, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var db = await DatabaseOptions.OpenAsync(parse.GetValue(provider), parse.GetValue(database)!, create: false, cancellationToken);
            if (db is null) return 1;
            var links = await PeopleDirectory.ListLinksAsync(db, parse.GetValue(council), cancellationToken);
            await Audit(db, parse.GetValue(council)!, "list-links", $"{links.Count} links", cancellationToken);
            if (parse.GetValue(json)) await Json.WriteAsync(links, cancellationToken);
            else foreach (var link in links) await Console.Out.WriteLineAsync($"{link.SourceKey}\t{link.PersonId}");
            return 0;
        });
        return command;
    }

    public static Command People()
    {
        var database = DatabaseOptions.Database();
        var provider = DatabaseOptions.Provider();
        var council = DatabaseOptions.Council();
        var json = DatabaseOptions.Json();
        var asOf = new Option<DateOnly?>("--as-of") { Description = "Date the cohorts are worked out at (yyyy-mm-dd); default today" };
        var command = new Command("people", "List every person with their names, identifiers, cohorts and source records") { database, provider, council, json, asOf };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var db = await DatabaseOptions.OpenAsync(parse.GetValue(provider), parse.GetValue(database)!, create: false, cancellationToken);
            if (db is null) return 1;
            var date = parse.GetValue(asOf) ?? DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().Date);
            var people = await PeopleDirectory.ListPeopleAsync(db, parse.GetValue(council), date, cancellationToken);
            await Audit(db, parse.GetValue(council)!, "list-people", $"{people.Count} people as of {date:yyyy-MM-dd}", cancellationToken);
            if (parse.GetValue(json)) await Json.WriteAsync(people, cancellationToken);
            else
            {
                foreach (var p in people)
                {
                    var name = DisplayName.Of(p.Names.Count > 0 ? p.Names[0].Forename : null, p.Names.Count > 0 ? p.Names[0].Surname : null,
                        p.Identifiers.CouncilChildId.Count > 0 ? p.Identifiers.CouncilChildId[0] : null, p.PersonId);
                    await Console.Out.WriteLineAsync($"{p.PersonId}\t{name}\t{p.DateOfBirth:yyyy-MM-dd}\t{string.Join(",", p.Cohorts)}\t{p.SourceKeys.Count} records");
                }
            }
            return 0;
        });
        return command;
    }

    /// <summary>Reading people's records is audited like any other read of them.</summary>
    private static async Task Audit(WaypointDbContext db, string council, string action, string detail, CancellationToken cancellationToken)
    {
        db.AuditEvents.Add(new AuditEvent
        {
            At = TimeProvider.System.GetUtcNow(),
            CouncilCode = council,
            UserName = Environment.UserName,
            Role = "administrator",
            Action = action,
            Detail = detail,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
