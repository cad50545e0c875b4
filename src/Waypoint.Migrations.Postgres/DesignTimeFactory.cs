using Microsoft.EntityFrameworkCore.Design;
using Waypoint.Core.Data;

namespace Waypoint.Migrations.Postgres;

/// <summary>Lets `dotnet ef migrations add` build the context for PostgreSQL; no database is opened.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<WaypointDbContext>
{
    public WaypointDbContext CreateDbContext(string[] args) => WaypointDatabase.Open(DatabaseProvider.Postgres, "Host=localhost;Database=waypoint_design");
}
