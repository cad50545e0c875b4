using Microsoft.Extensions.DependencyInjection;
using Waypoint.Core.Audit;
using Waypoint.Core.Data;
using Waypoint.Web.Security;

namespace Waypoint.Web.Tests;

/// <summary>The running app seals what its pages audit into the hash chain, in the background.</summary>
public class AuditTrailTests(WaypointWebFactory web)
{
    [Fact]
    public async Task PagesAudited_AreSealedIntoAnIntactChain()
    {
        var client = await web.SignedInAsync(Roles.Manager);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/my-work/waiting-list")).StatusCode);

        await web.Services.GetRequiredService<AuditChainService>().SealWaitingAsync(TestContext.Current.CancellationToken);

        await using var db = WaypointDatabase.Open(DatabaseProvider.Sqlite, web.DatabasePath);
        var verified = await AuditChain.VerifyAsync(db, TestContext.Current.CancellationToken);
        Assert.True(verified.Intact, verified.Problem);
        // The demo's own pathway work and this test's reads are all in it.
        Assert.True(verified.Sealed > 100, $"{verified.Sealed} rows sealed");
    }
}
