using Microsoft.EntityFrameworkCore.Design;
using Waypoint.Core.Data;

namespace Waypoint.Migrations.Sqlite;

/// <summary>Lets `dotnet ef migrations add` build the context for SQLite; no database is opened.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<WaypointDbContext>
{
    public WaypointDbContext CreateDbContext(string[] args) => WaypointDatabase.Open(DatabaseProvider.Sqlite, "design-time.db");
}
