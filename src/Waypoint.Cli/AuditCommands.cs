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
        var verify = new Command("verify", "Walk the audit trail's hash chain: exit 0 when intact, 3 naming the first row that does not fit") { database, provider };
        verify.SetAction(async (parse, cancellationToken) =>
        {
            await using var db = await DatabaseOptions.OpenAsync(parse.GetValue(provider), parse.GetValue(database)!, create: false, cancellationToken);
            if (db is null) return 1;
            var result = await AuditChain.VerifyAsync(db, cancellationToken);
            var waiting = result.Unsealed == 0 ? "" : $"; {result.Unsealed:N0} newer rows are not sealed yet (Waypoint seals them within seconds while it runs)";
            if (result.Intact)
            {
                await Console.Out.WriteLineAsync($"The audit chain is intact: {result.Sealed:N0} rows verified{waiting}.");
                return 0;
            }
            await Console.Error.WriteLineAsync($"The audit chain is broken at row {result.FirstBrokenId}: {result.Problem}. {result.Sealed:N0} rows before it verified{waiting}.");
            return 3;
        });
        audit.Subcommands.Add(verify);
        return audit;
    }
}
