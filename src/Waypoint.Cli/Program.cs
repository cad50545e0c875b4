using System.CommandLine;
using System.Data.Common;
using Waypoint.Cli;

var root = new RootCommand("Waypoint: one view of every young person moving from children's services to adulthood.");
root.Subcommands.Add(DemoCommands.Create());
root.Subcommands.Add(ImportCommand.Create());
root.Subcommands.Add(SpreadsheetCommands.Mappings());
root.Subcommands.Add(SpreadsheetCommands.Preview());
root.Subcommands.Add(PeopleCommands.Links());
root.Subcommands.Add(PeopleCommands.People());
root.Subcommands.Add(RulesCommand.Create());
root.Subcommands.Add(ForecastCommands.Forecast());
root.Subcommands.Add(ForecastCommands.Backtest());
root.Subcommands.Add(DatabaseCommands.Migrate());
root.Subcommands.Add(BackupCommands.Backup());
root.Subcommands.Add(BackupCommands.Restore());
root.Subcommands.Add(AuditCommands.Create());
root.Subcommands.Add(RetentionCommands.Create());
root.Subcommands.Add(ExportCommands.Create());

try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is DbException or IOException or UnauthorizedAccessException or ArgumentException
                              or Microsoft.EntityFrameworkCore.DbUpdateException)
{
    // A database that cannot be reached or a folder that cannot be written: say so plainly, no stack trace.
    // These messages name hosts and paths, never a person's details.
    await Console.Error.WriteLineAsync($"error: {e.GetBaseException().Message}");
    return 1;
}
catch (OperationCanceledException)
{
    await Console.Error.WriteLineAsync("Cancelled: nothing was changed.");
    return 130;
}
