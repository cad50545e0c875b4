using Waypoint.Core.Data;
using Waypoint.Core.Demo;

namespace Waypoint.Web;

/// <summary>Settings from configuration (appsettings, environment variables WAYPOINT__..., or --Waypoint:Key=value).</summary>
public sealed class WaypointSettings
{
    /// <summary>Demo mode: demo sign-in for every role, a banner on every page, and the demo council loaded on first start.</summary>
    public bool Demo { get; set; }

    /// <summary>The council this deployment serves.</summary>
    public string CouncilCode { get; set; } = Core.Ingest.Councils.DemoCouncilCode;

    public DemoSize DemoSize { get; set; } = DemoSize.Council;
}

public sealed class DatabaseSettings
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>SQLite: a file path (relative to the working folder); PostgreSQL: a connection string.</summary>
    public string Connection { get; set; } = "data/waypoint.db";
}
