using System.CommandLine;
using Waypoint.Core.Audit;

namespace Waypoint.Cli;

/// <summary><c>waypoint audit verify</c>: whether the audit trail's hash chain is intact.</summary>
internal static class AuditCommands
{
    public static Command Create()
    {
        var audit = new Command("audit", "Check the tamper-evident audit trail");
        var database = DatabaseOptions.Database();
        var provider = DatabaseOptions.Provider();
        var head = new Option<string?>("--head")
        {
            Description = "The place and hash an earlier verify printed (PLACE:HASH), kept outside Waypoint: catches rows cut off the end",
        };
        var verify = new Command("verify", "Walk the audit trail's hash chain: exit 0 when intact, 3 naming the first row that does not fit") { database, provider, head };
        verify.SetAction(async (parse, cancellationToken) =>
        {
            (long, string)? anchor = null;
            if (parse.GetValue(head) is { } given)
            {
                var parts = given.Split(':');
                if (parts.Length != 2 || !long.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var place) || parts[1].Length != 64)
                {
                    await Console.Error.WriteLineAsync($"--head must be a place and a 64-character hash as verify prints them (PLACE:HASH), not '{given}'.");
                    return 2;
                }
                anchor = (place, parts[1]);
            }
            await using var db = await DatabaseOptions.OpenAsync(parse.GetValue(provider), parse.GetValue(database)!, create: false, cancellationToken);
            if (db is null) return 1;
            var result = await AuditChain.VerifyAsync(db, cancellationToken, anchor);
            var waiting = result.Unsealed == 0 ? "" : $"; {result.Unsealed:N0} newer rows are not sealed yet (Waypoint seals them within seconds while it runs)";
            if (result.Intact)
            {
                await Console.Out.WriteLineAsync($"The audit chain is intact: {result.Sealed:N0} rows verified{waiting}.");
                // Kept outside Waypoint, the head lets the next verify catch rows cut off the end, which no chain shows alone.
                await Console.Out.WriteLineAsync($"Head: {result.Sealed}:{result.HeadHash} (keep it outside Waypoint and pass it as --head next time)");
                return 0;
            }
            var where = result.FirstBrokenId is { } id ? $"at row {id}" : "at its end";
            await Console.Error.WriteLineAsync($"The audit chain is broken {where}: {result.Problem}. {result.Sealed:N0} rows before it verified{waiting}.");
            return 3;
        });
        audit.Subcommands.Add(verify);
        return audit;
    }
}
