using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Waypoint.Core.Data;
using Waypoint.Web;
using Waypoint.Web.Pages.Cases;
using Waypoint.Web.Pages.Panel;
using Waypoint.Web.Pages.People;
using Waypoint.Web.Pages.Work;
using Waypoint.Web.Security;
using Waypoint.Web.Startup;

var builder = WebApplication.CreateBuilder(args);
var settings = builder.Configuration.GetSection("Waypoint").Get<WaypointSettings>() ?? new WaypointSettings();
var database = builder.Configuration.GetSection("Database").Get<DatabaseSettings>() ?? new DatabaseSettings();

builder.Services.AddSingleton(settings);
// Local policy for the statutory clock (domain.md): lead times, target ages, thresholds, the council's own area.
builder.Services.AddSingleton(RulesSettings.From(builder.Configuration.GetSection("Waypoint:Rules")).ForCouncil(settings.CouncilCode));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddDbContext<WaypointDbContext>(o => WaypointDatabase.Configure(o, database.Provider, database.Connection));
builder.Services.AddScoped<AuditLog>();
builder.Services.AddSingleton<Waypoint.Web.Tracker.TrackerCache>();
builder.Services.AddSingleton<Waypoint.Web.Forecasts.ForecastCache>();
builder.Services.AddSingleton<Waypoint.Web.Pages.People.PersonRecordCache>();
// Imports from the web run in the background, one at a time on each node, claimed through the database (docs/operations.md, importing from the web).
builder.Services.AddSingleton<Waypoint.Web.Pages.Imports.ImportRunner>();
builder.Services.AddHostedService(s => s.GetRequiredService<Waypoint.Web.Pages.Imports.ImportRunner>());
// Task reminders: in the app always, by email through GOV.UK Notify when configured (docs/operations.md, reminders).
builder.Services.AddSingleton<Waypoint.Web.Pages.Work.TaskReminderEmails>();
// Background jobs run on the one node that claims them through the database (docs/operations.md, several web nodes).
builder.Services.AddSingleton<JobNode>();
builder.Services.AddSingleton<AuditChainService>();
builder.Services.AddHostedService(s => s.GetRequiredService<AuditChainService>());
builder.Services.AddSingleton<Waypoint.Web.Pages.Work.ReminderService>();
builder.Services.AddHostedService(s => s.GetRequiredService<Waypoint.Web.Pages.Work.ReminderService>());
builder.Services.AddScoped<Waypoint.Web.Pages.Work.UnreadNotifications>();
// The description of the JSON API, served at /api/openapi.json to signed-in users.
builder.Services.AddOpenApi("openapi", o => o.AddDocumentTransformer((document, _, _) =>
{
    document.Info.Title = "Waypoint API";
    document.Info.Description = "The JSON twins of Waypoint's pages, with the same sign-in and authorisation. A change is refused with 409 when the case changed since the version the caller saw, and 422 when the pathway refuses it.";
    return Task.CompletedTask;
}));
// The API writes enums by name ("Referred", not 2), as the pages show them.
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
// /health: the database answers; /health/ready adds that this node is not stopping and the database is migrated.
builder.Services.AddHealthChecks()
    .AddCheck<DatabaseHealthCheck>("database")
    .AddCheck<ReadinessCheck>("ready", tags: ["ready"]);
// Several web nodes share one set of data protection keys, kept in the database, so that a sign-in cookie or a form's
// anti-forgery token made by one node is read by any other (docs/operations.md, "Several web nodes").
builder.Services.AddDataProtection().SetApplicationName("Waypoint").PersistKeysToDbContext<WaypointDbContext>();
// Metrics and traces through OpenTelemetry, when an OTLP endpoint is configured (docs/operations.md).
builder.Services.AddWaypointTelemetry(builder.Configuration);

var authentication = builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(o =>
    {
        o.LoginPath = "/sign-in";
        o.LogoutPath = "/sign-out";
        o.AccessDeniedPath = "/error/403";
        o.Cookie.Name = "waypoint";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        // Signed out when idle, and after the absolute limit however active (SignInSession; docs/security.md).
        o.ExpireTimeSpan = settings.Security.IdleTimeout;
        o.SlidingExpiration = true;
        o.Events.OnValidatePrincipal = SignInSession.EndPastTheLimitAsync;
        // The JSON API answers with status codes; only pages redirect to sign in or to the error page.
        o.Events.OnRedirectToLogin = c => Api(c, StatusCodes.Status401Unauthorized);
        o.Events.OnRedirectToAccessDenied = c => Api(c, StatusCodes.Status403Forbidden);
        // Each sign-in keeps the staff list that cases and tasks are given from, and reminders are sent to.
        o.Events.OnSigningIn = c =>
        {
            SignInSession.Stamp(c);
            return StaffSignIn.RecordAsync(c);
        };
        static Task Api(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> c, int status)
        {
            if (c.Request.Path.StartsWithSegments("/api")) c.Response.StatusCode = status;
            else c.Response.Redirect(c.RedirectUri);
            return Task.CompletedTask;
        }
    });
// The antiforgery and TempData cookies are marked Secure over HTTPS like the sign-in cookie: the framework's defaults never mark them.
builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
builder.Services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
// Production sign-in: the council's identity provider (docs/security.md); the demo sign-in exists only in demo mode.
authentication.AddIdentityProviderSignIn(builder.Configuration.GetSection("Authentication:OpenIdConnect"));

// Behind a reverse proxy the client's address and whether it used HTTPS come from the proxy's X-Forwarded-For and
// X-Forwarded-Proto, believed only from loopback and Waypoint:KnownProxies (docs/operations.md, "Behind a reverse proxy").
builder.Services.Configure<ForwardedHeadersOptions>(o =>
{
    o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    foreach (var proxy in settings.KnownProxies)
        o.KnownProxies.Add(System.Net.IPAddress.TryParse(proxy, out var address)
            ? address
            : throw new InvalidOperationException($"Waypoint:KnownProxies: '{proxy}' is not an IP address."));
});
// Sign-in attempts limited per client address (SignInLimit; docs/security.md).
builder.Services.AddSignInLimit(settings.Security);
// HSTS outside development: a year, subdomains included.
builder.Services.AddHsts(o =>
{
    o.MaxAge = TimeSpan.FromDays(365);
    o.IncludeSubDomains = true;
});

builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
    .AddPolicy(Policies.SeePeople, p => p.RequireRole(Roles.SeePeople))
    .AddPolicy(Policies.SeeDataQuality, p => p.RequireRole(Roles.SeeDataQuality))
    .AddPolicy(Policies.ImportFiles, p => p.RequireRole(Roles.ImportFiles))
    .AddPolicy(Policies.Refer, p => p.RequireRole(Roles.Refer))
    .AddPolicy(Policies.RunPathway, p => p.RequireRole(Roles.RunPathway))
    .AddPolicy(Policies.RunPanel, p => p.RequireRole(Roles.RunPanel))
    .AddPolicy(Policies.ReviewDecisions, p => p.RequireRole(Roles.ReviewDecisions))
    .AddPolicy(Policies.SeeAudit, p => p.RequireRole(Roles.SeeAudit))
    .AddPolicy(Policies.RecordConsent, p => p.RequireRole(Roles.RecordConsent))
    .AddPolicy(Policies.ReviewMatches, p => p.RequireRole(Roles.ReviewMatches))
    .AddPolicy(Policies.ReviewBreakGlass, p => p.RequireRole(Roles.ReviewBreakGlass))
    .AddPolicy(Policies.ManageTeams, p => p.RequireRole(Roles.ManageTeams))
    .AddPolicy(Policies.SeePseudonymised, p => p.RequireRole(Roles.SeePseudonymised))
    .AddPolicy(Policies.SeeSummaries, p => p.RequireRole(Roles.SeeSummaries))
    .AddPolicy(Policies.SeeDeliveryPlan, p => p.RequireRole(Roles.SeeDeliveryPlan))
    .AddPolicy(Policies.ChangeDeliveryPlan, p => p.RequireRole(Roles.ChangeDeliveryPlan));

builder.Services.AddRazorPages(o =>
{
    o.Conventions.AllowAnonymousToPage("/Account/SignIn");
    o.Conventions.AllowAnonymousToFolder("/Errors");
    o.Conventions.AuthorizePage("/People/Person", Policies.SeePeople);
    o.Conventions.AuthorizeFolder("/Work", Policies.SeePeople);
    o.Conventions.AuthorizePage("/DataQuality/DataQuality", Policies.SeeDataQuality);
    o.Conventions.AuthorizeFolder("/Imports", Policies.ImportFiles);
    // The pathway's pages name their own policy (seeing a case, referring, running the pathway or the panel).
    o.Conventions.AuthorizeFolder("/Cases", Policies.SeePeople);
    o.Conventions.AuthorizePage("/Cases/Refer", Policies.Refer);
    // The panel's pages, for its chair and members and the staff who bring cases to it; they list young people by name.
    o.Conventions.AuthorizeFolder("/Panel", Policies.RunPanel);
    // The support plan, checklist, children's services and handover are seen by all who see the case, changed by the transitions team.
    o.Conventions.AuthorizePage("/Cases/PlanGoal", Policies.RunPathway);
    o.Conventions.AuthorizePage("/Cases/PlanViews", Policies.RunPathway);
    o.Conventions.AuthorizePage("/Cases/PlanAgree", Policies.RunPathway);
    o.Conventions.AuthorizePage("/Cases/ChecklistItem", Policies.RunPathway);
    o.Conventions.AuthorizePage("/Cases/ChildrensServiceAdd", Policies.RunPathway);
    o.Conventions.AuthorizePage("/Cases/ChildrensServiceEnd", Policies.RunPathway);
    o.Conventions.AuthorizePage("/Cases/Handover", Policies.RunPathway);
    o.Conventions.AuthorizePage("/Cases/Allocate", Policies.RunPathway);
    o.Conventions.AuthorizePage("/Cases/AddTask", Policies.RunPathway);
    // The transition assessment is seen by all who see the case, run by the transitions team, its flagged decisions reviewed by managers.
    o.Conventions.AuthorizePage("/Cases/AssessmentStart", Policies.RunPathway);
    o.Conventions.AuthorizePage("/Cases/AssessmentOutcome", Policies.RunPathway);
    o.Conventions.AuthorizePage("/Cases/AssessmentConditions", Policies.RunPathway);
    o.Conventions.AuthorizePage("/Cases/AssessmentDecide", Policies.RunPathway);
    o.Conventions.AuthorizePage("/Cases/AssessmentSignpost", Policies.RunPathway);
    o.Conventions.AuthorizePage("/Cases/Decline", Policies.RunPathway);
    o.Conventions.AuthorizePage("/Cases/AssessmentReview", Policies.ReviewDecisions);
    o.Conventions.AuthorizePage("/Cases/FlaggedDecisions", Policies.ReviewDecisions);
    o.Conventions.AuthorizeFolder("/Audit", Policies.SeeAudit);
    o.Conventions.AuthorizePage("/People/HealthConsent", Policies.RecordConsent);
    o.Conventions.AuthorizeFolder("/Access", Policies.ReviewBreakGlass);
    o.Conventions.AuthorizeFolder("/Admin", Policies.ManageTeams);
    // Analysts' pseudonymised rows, and counts with small numbers withheld for sharing outside the team.
    o.Conventions.AuthorizePage("/Insight/Analysis", Policies.SeePseudonymised);
    o.Conventions.AuthorizePage("/Insight/Summary", Policies.SeeSummaries);
    // The delivery plan: read by the board's members, changed by managers (docs/delivery-plan.md).
    o.Conventions.AuthorizeFolder("/DeliveryPlan", Policies.SeeDeliveryPlan);
    o.Conventions.AuthorizePage("/DeliveryPlan/Add", Policies.ChangeDeliveryPlan);
    o.Conventions.AuthorizePage("/DeliveryPlan/Edit", Policies.ChangeDeliveryPlan);
    o.Conventions.AuthorizePage("/DeliveryPlan/Status", Policies.ChangeDeliveryPlan);
    o.Conventions.AuthorizePage("/DeliveryPlan/Import", Policies.ChangeDeliveryPlan);
    // The dashboard's counts are summaries; the young people behind a number are for those who also see people (managers): both policies must pass.
    o.Conventions.AuthorizePage("/Insight/Dashboard", Policies.SeeSummaries);
    o.Conventions.AuthorizePage("/Insight/DashboardPeople", Policies.SeeSummaries);
    o.Conventions.AuthorizePage("/Insight/DashboardPeople", Policies.SeePeople);
    // The board report is counts with small numbers withheld, for those who share summaries (it goes to the board).
    o.Conventions.AuthorizePage("/Insight/BoardReport", Policies.SeeSummaries);
    // The demand and cost forecast is estimates for planning, with no one named (issue 9): for those who share summaries.
    o.Conventions.AuthorizePage("/Insight/Forecast", Policies.SeeSummaries);
});

var app = builder.Build();

app.UseForwardedHeaders();
if (!app.Environment.IsDevelopment()) app.UseHsts();
app.UseExceptionHandler("/error/500");
// Pages get GOV.UK error pages; the API keeps its bare status codes and problem responses.
app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), a => a.UseStatusCodePagesWithReExecute("/error/{0}"));
app.UseSecurityHeaders();
app.UseStaticFiles();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
// Which young people the user may see: every route about one of them names them by {reference} (docs/security.md).
app.UseRelationshipAccess();
app.MapHealthChecks("/health", new() { Predicate = c => !c.Tags.Contains("ready") }).AllowAnonymous();
// Readiness says why not (the database unreachable, a migration missing, stopping): operators read it, no one's details are in it.
app.MapHealthChecks("/health/ready", new() { ResponseWriter = HealthReport.WriteAsync }).AllowAnonymous();
app.MapRazorPages();
app.MapCaseApi();
app.MapPeopleApi();
app.MapPanelApi();
app.MapPlanApi();
app.MapAssessmentApi();
app.MapLetterEndpoints();
app.MapWorkApi();
app.MapOpenApi("/api/{documentName}.json").RequireAuthorization();

await DemoLoader.PrepareAsync(app.Services, app.Lifetime.ApplicationStopping);
await app.RunAsync();

/// <summary>The entry point, visible to the page tests' WebApplicationFactory.</summary>
public partial class Program;
