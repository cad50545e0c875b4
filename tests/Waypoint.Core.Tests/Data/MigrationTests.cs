using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;

namespace Waypoint.Core.Tests.Data;

public class MigrationTests
{
    /// <summary>Fails when the model changed and `dotnet ef migrations add` was not run for that provider (docs/architecture.md).</summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public void Model_HasAMigrationForEveryChange(DatabaseProvider provider)
    {
        var database = provider == DatabaseProvider.Sqlite ? "model-check.db" : "Host=localhost;Database=model_check";
        using var db = WaypointDatabase.Open(provider, database);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"The model has changes with no {provider} migration: add one with dotnet ef migrations add.");
    }
}
