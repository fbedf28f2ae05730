namespace Kiln.Core.Data;

/// <summary>Picks the delimiter that occurs most often outside quotes on the first non-blank line: ',', ';', tab or '|' (ties go to the earlier one; ',' when none occurs).</summary>
internal static class DelimiterDetector
{
    private const int MaxLineLength = 1 << 20;
    private static readonly char[] Candidates = [',', ';', '\t', '|'];

    public static char Detect(TextReader text, char quote)
    {
        Span<int> counts = stackalloc int[Candidates.Length];
        var insideQuotes = false;
        var sawContent = false;
        for (var read = 0; read < MaxLineLength; read++)
        {
            var next = text.Read();
            if (next < 0)
                break;
            var character = (char)next;
            if (!insideQuotes && character is '\n' or '\r')
            {
                if (sawContent)
                    break;
                continue;
            }
            sawContent = true;
            if (character == quote)
            {
                insideQuotes = !insideQuotes;
                continue;
            }
            if (insideQuotes)
                continue;
            var index = Array.IndexOf(Candidates, character);
            if (index >= 0)
                counts[index]++;
        }
        var best = 0;
        for (var i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[best])
                best = i;
        }
        return Candidates[best];
    }
}
