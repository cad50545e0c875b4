using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.People;
using Waypoint.Core.Rules;

namespace Waypoint.Core.Pathway;

/// <summary>The law a children's service is provided under; two of them must continue past 18 while adult care decides.</summary>
public enum ChildrensServiceBasis
{
    /// <summary>Children Act 1989 s.17: services for a child in need.</summary>
    ChildrenAct1989Section17,

    /// <summary>Chronically Sick and Disabled Persons Act 1970 s.2: services for a disabled child.</summary>
    ChronicallySickAndDisabledPersonsAct1970Section2,

    Other,
}

/// <summary>A service the young person receives from children's services: what, under which law, from when and (once known) to when.</summary>
public sealed class ChildrensService
{
    public long Id { get; set; }
    public long TransitionsCaseId { get; set; }
    public long PersonId { get; set; }
    public required string CouncilCode { get; set; }

    /// <summary>What the service is ("Short breaks at Hill House, two nights a month").</summary>
    public required string Description { get; set; }

    public ChildrensServiceBasis LegalBasis { get; set; }
    public DateOnly StartedOn { get; set; }

    /// <summary>The last day the service is provided; null while it continues.</summary>
    public DateOnly? EndsOn { get; set; }

    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string? EndRecordedBy { get; set; }
    public DateTimeOffset? EndRecordedAt { get; set; }
}

/// <summary>What a practitioner enters to record a children's service.</summary>
public sealed record ChildrensServiceRequest(string Description, ChildrensServiceBasis LegalBasis, DateOnly StartedOn, DateOnly? EndsOn);

/// <summary>The young person's children's services as their page and API show them, with the 18th birthday the guard checks against.</summary>
public sealed record ChildrensServicesView(string Reference, TransitionsStage Stage, int Version, DateOnly? EighteenthBirthday, bool AdultConclusionOutstanding, IReadOnlyList<ChildrensService> Services);

/// <summary>
/// No gap at 18. Services a young person receives under Children Act 1989 s.17 or CSDPA 1970 s.2 must carry on after
/// their 18th birthday until adult social care reaches a conclusion on their needs (Children Act 1989 s.17ZH-17ZI;
/// CSDPA 1970 s.2A, inserted by Care Act 2014 s.66), and must not stop before the adult service starts.
/// </summary>
public static class NoGapAtEighteen
{
    public static bool MustContinue(ChildrensServiceBasis basis) =>
        basis is ChildrensServiceBasis.ChildrenAct1989Section17 or ChildrensServiceBasis.ChronicallySickAndDisabledPersonsAct1970Section2;

    /// <summary>
    /// Adult social care has not yet reached its conclusion: the case has no eligibility decision yet. A case reaches
    /// decided only through a recorded decision (<see cref="Assessments.DecideAsync"/>), eligible or not, and every
    /// later stage follows one; so the stage says whether the conclusion is reached.
    /// </summary>
    public static bool AdultConclusionOutstanding(TransitionsStage stage) =>
        stage is TransitionsStage.NotIdentified or TransitionsStage.Identified or TransitionsStage.Referred or TransitionsStage.AssessmentInProgress;

    /// <summary>
    /// Whether a service ending on <paramref name="endsOn"/> stops at 18 or later: its last day is the day before the
    /// 18th birthday (it stops as the young person turns 18) or after. Such a service is one the young person receives
    /// immediately before 18, which is what the continuity duty protects.
    /// </summary>
    public static bool EndsAtOrAfterEighteen(DateOnly endsOn, DateOnly eighteenthBirthday) => endsOn >= eighteenthBirthday.AddDays(-1);

    /// <summary>
    /// Refuses an end date that would leave a gap at 18: a s.17 or s.2 service ending at or after 18 while the adult
    /// conclusion is outstanding, or ending before the day the adult team takes over (<paramref name="adultServiceStarts"/>).
    /// </summary>
    public static void CheckEnd(ChildrensServiceBasis basis, DateOnly endsOn, DateOnly? dateOfBirth, TransitionsStage stage, DateOnly? adultServiceStarts, RulesPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!MustContinue(basis)) return;
        var law = Law(basis);
        if (dateOfBirth is not { } born)
        {
            if (AdultConclusionOutstanding(stage))
                throw new PathwayRefusedException($"The young person's date of birth is not recorded, so Waypoint cannot check that this service carries on past their 18th birthday. Services under {law} must continue until adult social care reaches a conclusion. Leave the end date blank until the eligibility decision is recorded.");
            return;
        }
        var eighteen = policy.Turns(born, 18);
        if (!EndsAtOrAfterEighteen(endsOn, eighteen)) return;
        if (AdultConclusionOutstanding(stage))
            throw new PathwayRefusedException($"This service cannot end at or after the young person's 18th birthday while adult social care has not reached a conclusion on their needs: services under {law} must continue until it does ({Continuity(basis)}). Leave the end date blank, record the eligibility decision, then record the end once the adult service starts.");
        if (adultServiceStarts is { } starts && LeavesGap(endsOn, starts))
            throw new PathwayRefusedException($"This service would end before the adult team takes over, leaving a gap after 18. Services under {law} must continue until the adult service starts ({Continuity(basis)}). End it on the day before the handover date or later, or change the handover date.");
    }

    /// <summary>
    /// Whether a s.17 or s.2 service that reaches 18 stops before the adult team takes over on <paramref name="adultServiceStarts"/>:
    /// ending the day before is continuous, any earlier leaves days with neither service.
    /// </summary>
    public static bool LeavesGap(ChildrensService service, DateOnly? dateOfBirth, DateOnly adultServiceStarts, RulesPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(policy);
        return MustContinue(service.LegalBasis) && service.EndsOn is { } ends && dateOfBirth is { } born
            && EndsAtOrAfterEighteen(ends, policy.Turns(born, 18)) && LeavesGap(ends, adultServiceStarts);
    }

    private static bool LeavesGap(DateOnly endsOn, DateOnly adultServiceStarts) => endsOn.AddDays(1) < adultServiceStarts;

    public static string Law(ChildrensServiceBasis basis) => basis switch
    {
        ChildrensServiceBasis.ChildrenAct1989Section17 => "Children Act 1989 s.17",
        ChildrensServiceBasis.ChronicallySickAndDisabledPersonsAct1970Section2 => "Chronically Sick and Disabled Persons Act 1970 s.2",
        _ => "other law",
    };

    /// <summary>The provision that carries the service past 18.</summary>
    public static string Continuity(ChildrensServiceBasis basis) => basis switch
    {
        ChildrensServiceBasis.ChildrenAct1989Section17 => "Children Act 1989 s.17ZH to s.17ZI",
        ChildrensServiceBasis.ChronicallySickAndDisabledPersonsAct1970Section2 => "Chronically Sick and Disabled Persons Act 1970 s.2A",
        _ => "no continuity duty",
    };
}

public static class ChildrensServices
{
    public const int DescriptionLength = 500;

    public static string Label(ChildrensServiceBasis basis) => basis switch
    {
        ChildrensServiceBasis.ChildrenAct1989Section17 => "Children Act 1989 section 17 (child in need)",
        ChildrensServiceBasis.ChronicallySickAndDisabledPersonsAct1970Section2 => "Chronically Sick and Disabled Persons Act 1970 section 2",
        ChildrensServiceBasis.Other => "Other",
        _ => throw new ArgumentOutOfRangeException(nameof(basis), basis, null),
    };

    /// <summary>The young person's children's services, those still running first, each group newest first.</summary>
    public static async Task<IReadOnlyList<ChildrensService>> ListAsync(WaypointDbContext db, long personId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var services = await db.ChildrensServices.AsNoTracking().Where(s => s.PersonId == personId).ToListAsync(cancellationToken);
        return [.. services.OrderBy(s => s.EndsOn is null ? 0 : 1).ThenByDescending(s => s.StartedOn).ThenByDescending(s => s.Id)];
    }

    /// <summary>The services as their API returns them; null when there is no such young person in the council.</summary>
    public static async Task<ChildrensServicesView?> GetAsync(WaypointDbContext db, string council, string reference, RulesPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (await CaseRecord.GetAsync(db, council, reference, cancellationToken) is not { } view) return null;
        return new ChildrensServicesView(view.Reference, view.Stage, view.Version, view.DateOfBirth is { } born ? policy.Turns(born, 18) : null,
            NoGapAtEighteen.AdultConclusionOutstanding(view.Stage), await ListAsync(db, view.PersonId, cancellationToken));
    }

    /// <summary>Records a service the young person receives; an end date, if known, is checked against the no-gap rule.</summary>
    public static async Task<ChildrensService> AddAsync(
        WaypointDbContext db, Practitioner by, string personReference, int seenVersion, ChildrensServiceRequest request, RulesPolicy policy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Description)) throw new PathwayRefusedException("Enter what the service is.");
        if (request.Description.Trim().Length > DescriptionLength) throw new PathwayRefusedException("What the service is must be 500 characters or fewer.");
        if (!Enum.IsDefined(request.LegalBasis)) throw new PathwayRefusedException("Select the law the service is provided under.");
        if (request.StartedOn > DateOnly.FromDateTime(at.Date)) throw new PathwayRefusedException("The date the service started must be today or in the past.");
        if (request.EndsOn < request.StartedOn) throw new PathwayRefusedException("The date the service ends must be on or after the date it started.");

        var (person, transitionsCase) = await LoadAsync(db, by, personReference, seenVersion, cancellationToken);
        if (person.DateOfBirth is { } born && request.StartedOn < born) throw new PathwayRefusedException("The date the service started must be after the young person's date of birth.");
        if (request.EndsOn is { } ends)
            NoGapAtEighteen.CheckEnd(request.LegalBasis, ends, person.DateOfBirth, transitionsCase.Stage, await AdultServiceStartsAsync(db, transitionsCase, cancellationToken), policy);

        var service = new ChildrensService
        {
            TransitionsCaseId = transitionsCase.Id,
            PersonId = person.Id,
            CouncilCode = by.CouncilCode,
            Description = request.Description.Trim(),
            LegalBasis = request.LegalBasis,
            StartedOn = request.StartedOn,
            EndsOn = request.EndsOn,
            RecordedBy = by.UserName,
            RecordedAt = at,
        };
        if (request.EndsOn is not null) (service.EndRecordedBy, service.EndRecordedAt) = (by.UserName, at);
        db.ChildrensServices.Add(service);
        await CaseWork.SaveAsync(db, by, transitionsCase,
            $"Children's service recorded under {Label(request.LegalBasis)}, from {Dates.Format(request.StartedOn)}{(request.EndsOn is { } e ? $" to {Dates.Format(e)}" : "")}",
            "case-childrens-service", $"added, basis {request.LegalBasis}", at, cancellationToken);
        return service;
    }

    /// <summary>Records the day a service ends (its last day), or changes it; refused where it would leave a gap at 18.</summary>
    public static async Task EndAsync(
        WaypointDbContext db, Practitioner by, string personReference, int seenVersion, long serviceId, DateOnly endsOn, RulesPolicy policy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var (person, transitionsCase) = await LoadAsync(db, by, personReference, seenVersion, cancellationToken);
        var service = await db.ChildrensServices.SingleOrDefaultAsync(s => s.Id == serviceId && s.TransitionsCaseId == transitionsCase.Id, cancellationToken)
            ?? throw new PathwayRefusedException("That service is not recorded for this young person.", $"/people/{person.Reference}/childrens-services");
        if (endsOn < service.StartedOn) throw new PathwayRefusedException("The date the service ends must be on or after the date it started.");
        NoGapAtEighteen.CheckEnd(service.LegalBasis, endsOn, person.DateOfBirth, transitionsCase.Stage, await AdultServiceStartsAsync(db, transitionsCase, cancellationToken), policy);
        var changed = service.EndsOn is not null;
        (service.EndsOn, service.EndRecordedBy, service.EndRecordedAt) = (endsOn, by.UserName, at);
        await CaseWork.SaveAsync(db, by, transitionsCase, $"Children's service under {Label(service.LegalBasis)} {(changed ? "now ends" : "ends")} on {Dates.Format(endsOn)}",
            "case-childrens-service", $"{(changed ? "end changed" : "ended")}, basis {service.LegalBasis}", at, cancellationToken);
    }

    private static async Task<(Person Person, TransitionsCase Case)> LoadAsync(WaypointDbContext db, Practitioner by, string personReference, int seenVersion, CancellationToken cancellationToken)
    {
        var (person, transitionsCase) = await CaseWork.LoadAsync(db, by, personReference, seenVersion, cancellationToken);
        return transitionsCase is null
            ? throw new PathwayRefusedException("Refer the young person first: their children's services are recorded on their transitions case.", $"/people/{person.Reference}/case")
            : (person, transitionsCase);
    }

    /// <summary>The day the adult team took over, once the case has been handed over.</summary>
    private static async Task<DateOnly?> AdultServiceStartsAsync(WaypointDbContext db, TransitionsCase transitionsCase, CancellationToken cancellationToken) =>
        transitionsCase.Stage == TransitionsStage.HandedOver
            ? await db.Handovers.Where(h => h.TransitionsCaseId == transitionsCase.Id).OrderByDescending(h => h.Id).Select(h => (DateOnly?)h.HandedOverOn).FirstOrDefaultAsync(cancellationToken)
            : null;
}
