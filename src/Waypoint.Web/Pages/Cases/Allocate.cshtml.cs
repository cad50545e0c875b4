using Microsoft.AspNetCore.Mvc;
using Waypoint.Core.Data;
using Waypoint.Core.Pathway;
using Waypoint.Web.Govuk;
using Waypoint.Web.Security;

namespace Waypoint.Web.Pages.Cases;

/// <summary>
/// Allocating a case to a named worker from the transitions team (NICE NG43), from the case page, or "Allocate to me"
/// from the waiting list. A refusal - the case changed since the page was opened, or the pathway will not have it -
/// shows here with what changed.
/// </summary>
public sealed class AllocateModel(WaypointDbContext db, AuditLog audit, TimeProvider time) : CaseChangeModel(db, audit, time)
{
    public IReadOnlyList<GovukOption> Workers { get; private set; } = [];

    [BindProperty] public string? Worker { get; set; }

    /// <summary>Where "Allocate to me" came from (the waiting list); only paths inside Waypoint are followed.</summary>
    [BindProperty] public string? ReturnTo { get; set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadWorkersAsync(reference, cancellationToken)) return NotFound();
        SeenVersion = Case.Version;
        Worker = Case.NamedWorker;
        await AuditViewAsync("view-case", "allocate form", cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Worker)) ModelState.AddModelError(nameof(Worker), "Select who to allocate the case to");
        return AllocateAsync(reference, Worker, cancellationToken);
    }

    /// <summary>"Allocate to me" on the waiting list.</summary>
    public Task<IActionResult> OnPostMeAsync(string reference, CancellationToken cancellationToken) => AllocateAsync(reference, User.Name(), cancellationToken);

    private async Task<IActionResult> AllocateAsync(string reference, string? worker, CancellationToken cancellationToken)
    {
        if (!await LoadWorkersAsync(reference, cancellationToken)) return NotFound();
        if (!ModelState.IsValid) return Page();
        if (!await TryChangeAsync(reference, () => Allocations.AllocateAsync(Db, User.Practitioner(), reference, SeenVersion, worker!, Now, cancellationToken), cancellationToken)) return Page();
        var name = worker == User.Name() ? "you" : Workers.FirstOrDefault(w => w.Value == worker)?.Label ?? worker;
        return Done($"{Case.DisplayName}'s case is allocated to {name}.", ReturnTo is { } to && Url.IsLocalUrl(to) ? to : $"/people/{reference}/case");
    }

    private async Task<bool> LoadWorkersAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken)) return false;
        // The transitions team and its managers carry cases; anyone who has signed in with one of those roles is offered.
        Workers = [.. (await StaffDirectory.OfCouncilAsync(Db, User.Council(), Roles.RunPathway, cancellationToken))
            .Select(s => new GovukOption(s.UserName, s.DisplayName, string.Join(", ", new[] { s.Team, Roles.Label(s.Role) }.OfType<string>())))];
        return true;
    }
}
