namespace Waypoint.Core.Pathway;

/// <summary>
/// The four preparing-for-adulthood outcomes (the Preparing for Adulthood programme; SEND Code of Practice 2015 ch. 8,
/// paras 8.5-8.12): a support plan's goals and the independence checklist are grouped under them.
/// </summary>
public enum PreparingForAdulthoodOutcome
{
    Employment,
    IndependentLiving,
    FriendsRelationshipsAndCommunity,
    GoodHealth,
}

public static class PreparingForAdulthood
{
    public static IReadOnlyList<PreparingForAdulthoodOutcome> Outcomes { get; } = Enum.GetValues<PreparingForAdulthoodOutcome>();

    public static string Label(PreparingForAdulthoodOutcome outcome) => outcome switch
    {
        PreparingForAdulthoodOutcome.Employment => "Employment",
        PreparingForAdulthoodOutcome.IndependentLiving => "Independent living",
        PreparingForAdulthoodOutcome.FriendsRelationshipsAndCommunity => "Friends, relationships and community",
        PreparingForAdulthoodOutcome.GoodHealth => "Good health",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    /// <summary>What the outcome covers, in the programme's words, as a hint beside the choice.</summary>
    public static string Hint(PreparingForAdulthoodOutcome outcome) => outcome switch
    {
        PreparingForAdulthoodOutcome.Employment => "Paid work, further or higher education, training, supported internships, apprenticeships and volunteering",
        PreparingForAdulthoodOutcome.IndependentLiving => "Choice and control over their life, where and who they live with, money, travel and everyday skills",
        PreparingForAdulthoodOutcome.FriendsRelationshipsAndCommunity => "Friends, relationships, taking part in the community and staying safe",
        PreparingForAdulthoodOutcome.GoodHealth => "Being as healthy as possible, and moving to adult health services",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
