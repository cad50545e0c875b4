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

    /// <summary>The council's name as its letters give it ("Anytown Council"); unset, letters say "the council".</summary>
    public string? CouncilName { get; set; }

    public DemoSize DemoSize { get; set; } = DemoSize.Council;

    /// <summary>How long emergency access (break glass) to a young person's record lasts: long enough for a visit or a call, not a standing right.</summary>
    public TimeSpan EmergencyAccessLasts { get; set; } = Core.Access.BreakGlass.DefaultLasts;

    /// <summary>
    /// Realistic by default: misspelt names, missing and mistyped UPNs and the rest, as real extracts have, so the
    /// demo shows linkage at work and has possible matches to review.
    /// </summary>
    public DemoNoise DemoNoise { get; set; } = DemoNoise.Realistic;

    /// <summary>Importing files from the web (section <c>Waypoint:Imports</c>).</summary>
    public ImportSettings Imports { get; set; } = new();

    /// <summary>How imports from the web link records (section <c>Waypoint:Linking</c>), as the CLI's options of the same names.</summary>
    public LinkingSettings Linking { get; set; } = new();

    /// <summary>Email reminders through GOV.UK Notify (section <c>Waypoint:Notify</c>); off until configured.</summary>
    public NotifySettings Notify { get; set; } = new();

    /// <summary>How often task reminders are made (section <c>Waypoint:Reminders</c>).</summary>
    public ReminderSettings Reminders { get; set; } = new();

    /// <summary>The sign-in limit and how long a sign-in lasts (section <c>Waypoint:Security</c>).</summary>
    public SecuritySettings Security { get; set; } = new();

    /// <summary>
    /// The reverse proxies (IP addresses) whose X-Forwarded-For and X-Forwarded-Proto are believed, besides this machine's
    /// own (loopback), which is always believed: the client's address for the sign-in limit, and HTTPS for cookies and HSTS.
    /// </summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>
    /// How long young people's records are kept (section <c>Waypoint:Retention</c>). Removal runs from the command line,
    /// which reads this section from the settings file it is given (<c>waypoint retention --rules appsettings.json</c>),
    /// so the council's rule is kept with the rest of its settings.
    /// </summary>
    public Core.Retention.RetentionRules Retention { get; set; } = new();
}

/// <summary>
/// Slowing down guessing at sign-in, and ending sessions left open: an idle timeout and an absolute limit, as the OWASP
/// session management guidance asks of an application holding sensitive personal data.
/// </summary>
public sealed class SecuritySettings
{
    /// <summary>Sign-in attempts one client address may make in a minute; more are refused with 429 until the minute is up.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>Signed out after this long without a request.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Signed out this long after signing in, however active: the user signs in again.</summary>
    public TimeSpan SessionLimit { get; set; } = TimeSpan.FromHours(10);
}

/// <summary>
/// GOV.UK Notify for task reminders by email. Off unless the API key, the template and Waypoint's own address (for the
/// link in the email) are all set; reminders in the app are made either way.
/// </summary>
public sealed class NotifySettings
{
    /// <summary>A Notify API key: <c>{key name}-{service id}-{secret}</c>. A secret: set it in the environment (WAYPOINT__NOTIFY__APIKEY), not in a file.</summary>
    public string? ApiKey { get; set; }

    public string BaseUrl { get; set; } = "https://api.notifications.service.gov.uk";

    /// <summary>The Notify email template for a task reminder; its personalisation is name, task, status, due_date, about and link.</summary>
    public string? TaskReminderTemplateId { get; set; }

    /// <summary>The address staff reach Waypoint at (https://waypoint.council.gov.uk), for the link in the email.</summary>
    public string? ServiceUrl { get; set; }

    public bool Configured => !string.IsNullOrWhiteSpace(ApiKey) && !string.IsNullOrWhiteSpace(TaskReminderTemplateId) && !string.IsNullOrWhiteSpace(ServiceUrl);

    public bool PartlyConfigured => !Configured && (!string.IsNullOrWhiteSpace(ApiKey) || !string.IsNullOrWhiteSpace(TaskReminderTemplateId));
}

public sealed class ReminderSettings
{
    /// <summary>How often the reminder run looks for tasks due; each task's owner is reminded once a day at most, whatever this is.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromHours(1);
}

public sealed class ImportSettings
{
    /// <summary>The most one upload may hold, all files together: a national council's 903 tables run to hundreds of megabytes.</summary>
    public int MaxUploadMegabytes { get; set; } = 1024;

    /// <summary>Where uploads wait while they are previewed and imported, one private folder each; blank for the system's temporary folder. Several web nodes share one (docs/operations.md).</summary>
    public string? UploadFolder { get; set; }

    public long MaxUploadBytes => MaxUploadMegabytes * 1024L * 1024L;
}

public sealed class LinkingSettings
{
    /// <summary>Adults' LA Person Unique Identifier is the children's CHILD/LAchildID; unset: true for the demo council only (as the CLI).</summary>
    public bool? SharedPersonIds { get; set; }

    public double AutoLinkAbove { get; set; } = new Core.Linkage.LinkageSettings().AutoLinkAbove;

    public double ReviewAbove { get; set; } = new Core.Linkage.LinkageSettings().ReviewAbove;
}

public sealed class DatabaseSettings
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>SQLite: a file path (relative to the working folder); PostgreSQL: a connection string.</summary>
    public string Connection { get; set; } = "data/waypoint.db";
}

/// <summary>The statutory clock's local policy from configuration section <c>Waypoint:Rules</c> (docs/operations.md).</summary>
public static class RulesSettings
{
    public static Core.Rules.RulesPolicy From(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var policy = section.Get<Core.Rules.RulesPolicy>() ?? new Core.Rules.RulesPolicy();
        // The binder adds configured items to a list's defaults rather than replacing them: a council that lists its
        // own codes must get exactly those.
        var defaults = new Core.Rules.LikelyNeedsRules();
        IReadOnlyList<string> Codes(string key, IReadOnlyList<string> fallback) =>
            section.GetSection("LikelyNeeds:" + key).Get<string[]>() is { Length: > 0 } codes ? codes : fallback;
        return policy with
        {
            LikelyNeeds = policy.LikelyNeeds with
            {
                EhcPrimaryNeeds = Codes(nameof(defaults.EhcPrimaryNeeds), defaults.EhcPrimaryNeeds),
                CinDisabilities = Codes(nameof(defaults.CinDisabilities), defaults.CinDisabilities),
                ContinuingCarePrimaryNeeds = Codes(nameof(defaults.ContinuingCarePrimaryNeeds), defaults.ContinuingCarePrimaryNeeds),
                ContinuingCareDisabilities = Codes(nameof(defaults.ContinuingCareDisabilities), defaults.ContinuingCareDisabilities),
            },
        };
    }
}
