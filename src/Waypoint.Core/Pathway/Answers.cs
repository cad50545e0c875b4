namespace Waypoint.Core.Pathway;

/// <summary>Free-text answers to the pathway's questions: trimmed, required or optional, within a length, refused in the words the page shows.</summary>
internal static class Answers
{
    /// <summary>The trimmed answer, or a refusal saying <paramref name="missing"/> when it is blank.</summary>
    public static string Required(string? text, string missing, int length, string what) =>
        Optional(text, length, what) ?? throw new PathwayRefusedException(missing + ".");

    /// <summary>The trimmed answer, null when blank; refused when longer than <paramref name="length"/>.</summary>
    public static string? Optional(string? text, int length, string what)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var trimmed = text.Trim();
        return trimmed.Length <= length ? trimmed : throw new PathwayRefusedException($"{what} must be {length:N0} characters or fewer.");
    }
}
