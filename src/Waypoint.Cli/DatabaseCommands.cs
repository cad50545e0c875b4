using System.CommandLine;

namespace Waypoint.Cli;

internal static class DatabaseCommands
{
    public static Command Migrate()
    {
        var database = DatabaseOptions.Database();
        var provider = DatabaseOptions.Provider();
        var command = new Command("migrate", "Create the database if it does not exist and apply every migration") { database, provider };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var db = await DatabaseOptions.OpenAsync(parse.GetValue(provider), parse.GetValue(database)!, create: true, cancellationToken);
            await Console.Out.WriteLineAsync("The database is up to date.");
            return 0;
        });
        return command;
    }
}
