using Npgsql;
using Waypoint.Core.Data;

namespace Waypoint.Core.Tests.Data;

/// <summary>Waypoint's defaults for a PostgreSQL connection string (docs/operations.md, connection pooling).</summary>
public class PostgresConnectionTests
{
    [Theory]
    [InlineData("Host=db;Database=waypoint", 100)]
    [InlineData("Host=db;Database=waypoint;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;Database=waypoint;MaxAutoPrepare=20", 20)]
    public void AutomaticPreparation_IsOnUnlessTheConnectionStringSetsIt(string given, int expected)
    {
        var used = new NpgsqlConnectionStringBuilder(WaypointDatabase.PostgresConnectionString(given));
        Assert.Equal((expected, "db", "waypoint"), (used.MaxAutoPrepare, used.Host, used.Database));
    }

    [Theory]
    [InlineData("Host=db;Database=waypoint", true)]
    [InlineData("Host=db;Database=waypoint;No Reset On Close=false", false)]
    public void NoResetOnClose_IsOnUnlessTheConnectionStringSetsIt(string given, bool expected)
    {
        var used = new NpgsqlConnectionStringBuilder(WaypointDatabase.PostgresConnectionString(given));
        Assert.Equal((expected, "db", "waypoint"), (used.NoResetOnClose, used.Host, used.Database));
    }
}
