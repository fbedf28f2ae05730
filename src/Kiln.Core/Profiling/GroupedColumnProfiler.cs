using Kiln.Core.Data;

namespace Kiln.Core.Profiling;

// Profiles the columns whose values form groups: categorical (codes), boolean, and text (each distinct string an id).
internal static class GroupedColumnProfiler
{
    public static ColumnAnalysis Categorical(CategoricalColumn column, ColumnRole role, TargetData? target, ProfileOptions options)
    {
        var codes = column.Codes;
        var counts = new int[column.Categories.Count];
        var missing = 0;
        foreach (var code in codes)
        {
            if (code < 0)
                missing++;
            else
                counts[code]++;
        }
        var present = codes.Length - missing;
        var order = new List<int>(counts.Length);
        for (var code = 0; code < counts.Length; code++)
        {
            if (counts[code] > 0)
                order.Add(code);
        }
        var categories = column.Categories;
        order.Sort((first, second) => counts[first] != counts[second]
            ? counts[second].CompareTo(counts[first])
            : string.CompareOrdinal(categories[first], categories[second]));
        var listed = Math.Min(order.Count, options.TopCategoryCount);
        var top = new CategoryCount[listed];
        for (var i = 0; i < listed; i++)
            top[i] = new CategoryCount(categories[order[i]], counts[order[i]], (double)counts[order[i]] / present);
        var other = 0;
        for (var i = listed; i < order.Count; i++)
            other += counts[order[i]];

        var profile = Profile(column, role, missing, order.Count) with
        {
            Categorical = new CategoricalSummary
            {
                Categories = top,
                OtherCount = other,
                OtherCategoryCount = order.Count - listed,
                Mode = order.Count == 0 ? null : categories[order[0]],
            },
        };
        var idLikeReason = IdLikeReason(order.Count, present, options);
        var association = target is null || idLikeReason is not null ? null : FeatureTargetAnalysis.ForGroups(column.Name, codes, counts.Length, target, options);
        return new ColumnAnalysis(profile, association, idLikeReason);
    }

    public static ColumnAnalysis Boolean(BooleanColumn column, ColumnRole role, TargetData? target, ProfileOptions options)
    {
        var groups = new int[column.Length];
        int trueCount = 0, falseCount = 0;
        for (var row = 0; row < groups.Length; row++)
        {
            switch (column[row])
            {
                case true:
                    groups[row] = 1;
                    trueCount++;
                    break;
                case false:
                    groups[row] = 0;
                    falseCount++;
                    break;
                default:
                    groups[row] = -1;
                    break;
            }
        }
        var distinct = (trueCount > 0 ? 1 : 0) + (falseCount > 0 ? 1 : 0);
        var profile = Profile(column, role, column.Length - trueCount - falseCount, distinct) with
        {
            Boolean = new BooleanSummary(trueCount, falseCount),
        };
        var association = target is null ? null : FeatureTargetAnalysis.ForGroups(column.Name, groups, 2, target, options);
        return new ColumnAnalysis(profile, association, null);
    }

    public static ColumnAnalysis Text(TextColumn column, ColumnRole role, TargetData? target, ProfileOptions options)
    {
        var values = column.Values;
        var ids = new int[values.Length];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var missing = 0;
        long totalLength = 0;
        int minLength = int.MaxValue, maxLength = 0;
        for (var row = 0; row < values.Length; row++)
        {
            var value = values[row];
            if (value is null)
            {
                ids[row] = -1;
                missing++;
                continue;
            }
            if (!index.TryGetValue(value, out var id))
            {
                id = index.Count;
                index.Add(value, id);
            }
            ids[row] = id;
            totalLength += value.Length;
            minLength = Math.Min(minLength, value.Length);
            maxLength = Math.Max(maxLength, value.Length);
        }
        var present = values.Length - missing;
        var profile = Profile(column, role, missing, index.Count) with
        {
            Text = present == 0 ? null : new TextSummary((double)totalLength / present, minLength, maxLength),
        };
        var idLikeReason = IdLikeReason(index.Count, present, options);
        var association = target is null || idLikeReason is not null ? null : FeatureTargetAnalysis.ForGroups(column.Name, ids, index.Count, target, options);
        return new ColumnAnalysis(profile, association, idLikeReason, ids);
    }

    private static ColumnProfile Profile(Column column, ColumnRole role, int missing, int distinct) => new()
    {
        Name = column.Name,
        Kind = column.Kind,
        Role = role,
        RowCount = column.Length,
        MissingCount = missing,
        MissingFraction = column.Length == 0 ? 0 : (double)missing / column.Length,
        DistinctCount = distinct,
    };

    private static string? IdLikeReason(int distinct, int present, ProfileOptions options) =>
        present >= options.IdLikeMinimumRows && distinct >= options.IdLikeDistinctFraction * present
            ? $"{distinct} of its {present} values are distinct"
            : null;
}
