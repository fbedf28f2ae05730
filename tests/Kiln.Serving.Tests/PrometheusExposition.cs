using System.Globalization;
using System.Text;

namespace Kiln.Serving.Tests;

/// <summary>
/// A strict reader of the Prometheus text format 0.0.4, written from the format's description: every sample line is
/// <c>name{label="value",...} number</c>, each family's HELP and TYPE come before its samples, and each histogram's buckets
/// are cumulative, end with <c>le="+Inf"</c> and that bucket equals <c>_count</c>. Any breach fails the test.
/// </summary>
internal sealed class PrometheusExposition
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];
    private readonly Dictionary<string, string> _types = new(StringComparer.Ordinal);

    public IReadOnlyList<(string Name, Dictionary<string, string> Labels, double Value)> Samples => _samples;

    public IReadOnlyDictionary<string, string> Types => _types;

    public static PrometheusExposition Parse(string text)
    {
        var exposition = new PrometheusExposition();
        var helped = new HashSet<string>(StringComparer.Ordinal);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        foreach (var line in text[..^1].Split('\n'))
        {
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                var name = line[7..].Split(' ')[0];
                Assert.True(helped.Add(name), $"HELP repeated for {name}");
                continue;
            }
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line[7..].Split(' ');
                Assert.Equal(2, parts.Length);
                Assert.Contains(parts[1], (string[])["counter", "gauge", "histogram", "summary", "untyped"]);
                Assert.True(helped.Contains(parts[0]), $"TYPE before HELP for {parts[0]}");
                Assert.True(exposition._types.TryAdd(parts[0], parts[1]), $"TYPE repeated for {parts[0]}");
                continue;
            }
            Assert.False(line.StartsWith('#'), $"unexpected comment line '{line}'");
            var sample = ParseSample(line);
            Assert.True(exposition._types.ContainsKey(FamilyOf(sample.Name, exposition._types)), $"sample before its TYPE: '{line}'");
            exposition._samples.Add(sample);
        }
        exposition.CheckHistograms();
        return exposition;
    }

    public double Value(string name, params (string Name, string Value)[] labels)
    {
        var matches = _samples.Where(sample => sample.Name == name && sample.Labels.Count == labels.Length
            && labels.All(label => sample.Labels.TryGetValue(label.Name, out var value) && value == label.Value)).ToList();
        Assert.True(matches.Count == 1, $"expected one sample {name}{{{string.Join(',', labels.Select(label => $"{label.Name}={label.Value}"))}}}, found {matches.Count}");
        return matches[0].Value;
    }

    private static string FamilyOf(string name, Dictionary<string, string> types)
    {
        foreach (var suffix in (string[])["_bucket", "_sum", "_count"])
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && types.TryGetValue(name[..^suffix.Length], out var type) && type == "histogram")
                return name[..^suffix.Length];
        }
        return name;
    }

    private static (string Name, Dictionary<string, string> Labels, double Value) ParseSample(string line)
    {
        var position = 0;
        while (position < line.Length && (char.IsAsciiLetterOrDigit(line[position]) || line[position] is '_' or ':'))
            position++;
        Assert.True(position > 0 && !char.IsAsciiDigit(line[0]), $"bad metric name in '{line}'");
        var name = line[..position];
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (position < line.Length && line[position] == '{')
        {
            position++;
            while (line[position] != '}')
            {
                var start = position;
                while (char.IsAsciiLetterOrDigit(line[position]) || line[position] == '_')
                    position++;
                var label = line[start..position];
                Assert.True(label.Length > 0 && line[position] == '=' && line[position + 1] == '"', $"bad label at {start} in '{line}'");
                position += 2;
                var value = new StringBuilder();
                while (line[position] != '"')
                {
                    if (line[position] == '\\')
                    {
                        position++;
                        value.Append(line[position] switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            _ => throw new Xunit.Sdk.XunitException($"bad escape \\{line[position]} in '{line}'"),
                        });
                    }
                    else
                    {
                        value.Append(line[position]);
                    }
                    position++;
                }
                position++;
                Assert.True(labels.TryAdd(label, value.ToString()), $"label {label} repeated in '{line}'");
                if (line[position] == ',')
                    position++;
            }
            position++;
        }
        Assert.True(position < line.Length && line[position] == ' ', $"no space before the value in '{line}'");
        var text = line[(position + 1)..];
        var number = text == "+Inf" ? double.PositiveInfinity : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return (name, labels, number);
    }

    private void CheckHistograms()
    {
        foreach (var family in _types.Where(pair => pair.Value == "histogram").Select(pair => pair.Key))
        {
            var series = _samples.Where(sample => sample.Name == family + "_count")
                .Select(sample => sample.Labels);
            foreach (var labels in series)
            {
                bool Same(Dictionary<string, string> other) => other.Count == labels.Count + 1 && labels.All(label => other.TryGetValue(label.Key, out var value) && value == label.Value);
                var buckets = _samples.Where(sample => sample.Name == family + "_bucket" && Same(sample.Labels)).ToList();
                Assert.NotEmpty(buckets);
                var bounds = buckets.Select(bucket => bucket.Labels["le"] == "+Inf" ? double.PositiveInfinity : double.Parse(bucket.Labels["le"], CultureInfo.InvariantCulture)).ToList();
                for (var index = 1; index < buckets.Count; index++)
                {
                    Assert.True(bounds[index] > bounds[index - 1], $"{family} bounds not increasing");
                    Assert.True(buckets[index].Value >= buckets[index - 1].Value, $"{family} buckets not cumulative");
                }
                Assert.Equal("+Inf", buckets[^1].Labels["le"]);
                var count = _samples.Single(sample => sample.Name == family + "_count" && sample.Labels.Count == labels.Count && labels.All(label => sample.Labels.TryGetValue(label.Key, out var value) && value == label.Value));
                Assert.Equal(count.Value, buckets[^1].Value);
                Assert.Single(_samples, sample => sample.Name == family + "_sum" && sample.Labels.Count == labels.Count && labels.All(label => sample.Labels.TryGetValue(label.Key, out var value) && value == label.Value));
            }
        }
    }
}
