using System.CommandLine;
using Waypoint.Cli;

var root = new RootCommand("Waypoint: one view of every young person moving from children's services to adulthood.");
root.Subcommands.Add(DemoCommands.Create());
root.Subcommands.Add(ImportCommand.Create());
root.Subcommands.Add(PeopleCommands.Links());
root.Subcommands.Add(PeopleCommands.People());
root.Subcommands.Add(DatabaseCommands.Migrate());
return await root.Parse(args).InvokeAsync();
