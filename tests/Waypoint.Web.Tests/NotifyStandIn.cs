using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Waypoint.Web.Tests;

/// <summary>One email request the stand-in accepted.</summary>
public sealed record NotifyEmailRequest(string EmailAddress, string TemplateId, IReadOnlyDictionary<string, string> Personalisation, string? Reference);

/// <summary>
/// A local stand-in for the GOV.UK Notify API's POST /v2/notifications/email, on a random port of 127.0.0.1. Like
/// Notify, it takes only a bearer JWT signed with HS256 by the secret half of the API key, whose issuer is the service
/// id and whose issued-at time is within 30 seconds of now; it records what it accepts and what it refuses. Set
/// <see cref="FailWith"/> to answer every request with that status, as Notify does when it is down.
/// </summary>
public sealed class NotifyStandIn : IAsyncDisposable
{
    public const string ServiceId = "26785a09-ab16-4eb0-8407-a37497a57506";
    public const string Secret = "3d844edf-8d35-48ac-975b-e847b4f122b0";

    /// <summary>A Notify API key as Notify issues them: <c>{key name}-{service id}-{secret}</c>.</summary>
    public const string ApiKey = "waypoint_test-" + ServiceId + "-" + Secret;

    private readonly WebApplication _app;

    private NotifyStandIn(WebApplication app) => _app = app;

    public ConcurrentQueue<NotifyEmailRequest> Emails { get; } = new();

    /// <summary>Why each request it refused was refused (a bad token).</summary>
    public ConcurrentQueue<string> Refused { get; } = new();

    /// <summary>0 to accept requests; otherwise the status every request gets, such as 500.</summary>
    public int FailWith { get; set; }

    public string BaseUrl => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

    public static async Task<NotifyStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new NotifyStandIn(app);
        app.MapPost("/v2/notifications/email", standIn.EmailAsync);
        await app.StartAsync();
        return standIn;
    }

    private async Task<IResult> EmailAsync(HttpRequest request)
    {
        if (FailWith != 0)
            return Results.Json(new { status_code = FailWith, errors = new[] { new { error = "Exception", message = "Internal server error" } } }, statusCode: FailWith);
        if (CheckToken(request.Headers.Authorization.ToString()) is { } problem)
        {
            Refused.Enqueue(problem);
            return Results.Json(new { status_code = 403, errors = new[] { new { error = "AuthError", message = problem } } }, statusCode: 403);
        }
        using var body = await JsonDocument.ParseAsync(request.Body);
        var root = body.RootElement;
        var personalisation = root.GetProperty("personalisation").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString());
        var email = new NotifyEmailRequest(root.GetProperty("email_address").GetString()!, root.GetProperty("template_id").GetString()!, personalisation,
            root.TryGetProperty("reference", out var reference) ? reference.GetString() : null);
        Emails.Enqueue(email);
        var id = Guid.NewGuid();
        return Results.Json(new
        {
            id,
            reference = email.Reference,
            uri = $"{BaseUrl}/v2/notifications/{id}",
            template = new { id = email.TemplateId, version = 1, uri = $"{BaseUrl}/v2/template/{email.TemplateId}" },
            content = new { subject = "A task is due", body = "A task is due", from_email = "waypoint@notifications.service.gov.uk" },
        }, statusCode: 201);
    }

    /// <summary>Null for a good token; otherwise what is wrong with it.</summary>
    public static string? CheckToken(string authorization)
    {
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal)) return "No bearer token";
        var parts = authorization["Bearer ".Length..].Split('.');
        if (parts.Length != 3) return "Not a JWT";
        using var header = JsonDocument.Parse(Base64Url(parts[0]));
        if (header.RootElement.GetProperty("alg").GetString() != "HS256") return "Not signed with HS256";
        var signed = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        if (!CryptographicOperations.FixedTimeEquals(signed, Base64Url(parts[2]))) return "Signature does not match the API key's secret";
        using var payload = JsonDocument.Parse(Base64Url(parts[1]));
        if (payload.RootElement.GetProperty("iss").GetString() != ServiceId) return "Issuer is not the service id";
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds((long)payload.RootElement.GetProperty("iat").GetDouble());
        return (TimeProvider.System.GetUtcNow() - issuedAt).Duration() > TimeSpan.FromSeconds(30) ? "Issued-at time is not within 30 seconds of now" : null;
    }

    private static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
