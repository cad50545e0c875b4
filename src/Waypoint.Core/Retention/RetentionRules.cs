namespace Waypoint.Core.Retention;

/// <summary>
/// How long Waypoint keeps a young person's record: a local choice, not statute. UK GDPR Article 5(1)(e) (storage
/// limitation) says personal data is kept no longer than it is needed. Bound from configuration section
/// <c>Waypoint:Retention</c>; the CLI reads the same names from <c>--rules FILE</c>.
/// <para>A record is kept until <see cref="YearsAfter"/> years after the later of two dates: the day the person's
/// transitions case closed, and their birthday at <see cref="UntilAge"/>. A person with an open case is never due.</para>
/// </summary>
public sealed record RetentionRules
{
    /// <summary>Years a record is kept after the later of the case closing and the birthday.</summary>
    public int YearsAfter { get; init; } = 6;

    /// <summary>The birthday the count may not start before: 25, the end of an EHC plan and of leaving-care support.</summary>
    public int UntilAge { get; init; } = 25;

    /// <summary>The rule in words, for the report and the audit trail.</summary>
    public string Describe() =>
        $"kept until {YearsAfter} year{(YearsAfter == 1 ? "" : "s")} after the later of the case closing and the {Ordinal(UntilAge)} birthday";

    internal static string Ordinal(int n) => n + (n % 100 is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });
}
