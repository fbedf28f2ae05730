using Kiln.Core.Data;
using Kiln.Core.Persistence;

namespace Kiln.Core.Learners.Ensembles;

// What both bagging models share: each base model's input columns as positions in the ensemble's input schema (a base
// model sees a subset of the columns, in its own order), and the checks of a loaded bundle's shared entries.
internal static class BaggingInputs
{
    public const string MemberPrefix = "member_";

    // For each of the base model's input columns, its position in the ensemble's input schema.
    public static int[] Map(Schema ensemble, IModel member, int index)
    {
        var map = new int[member.InputSchema.Count];
        for (var j = 0; j < map.Length; j++)
        {
            var name = member.InputSchema[j].Name;
            if (!ensemble.TryGetIndex(name, out map[j]))
                throw new ArgumentException($"Base model {index} takes column '{name}', which is not among the ensemble's inputs ({ensemble}).");
        }
        return map;
    }

    // Gathers the base model's input values from a row in the ensemble's input order.
    public static void Gather(ReadOnlySpan<double> features, int[] map, Span<double> destination)
    {
        for (var j = 0; j < map.Length; j++)
            destination[j] = features[map[j]];
    }

    public static string MemberName(int index) => MemberPrefix + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static BaggingOptions LoadOptions(BundleReader reader)
    {
        try
        {
            var options = reader.ReadJson<BaggingState>("options").ToOptions();
            BaggingFit.ValidateShape(options);
            return options;
        }
        catch (ArgumentException exception)
        {
            throw reader.Invalid(exception.Message);
        }
    }

    public static T[] LoadMembers<T>(BundleReader reader, int count)
        where T : IModel
    {
        var members = new T[count];
        for (var i = 0; i < count; i++)
            members[i] = reader.ReadModel<T>(MemberName(i));
        return members;
    }

    public static void SaveMembers(BundleWriter writer, IReadOnlyList<IModel> members)
    {
        for (var i = 0; i < members.Count; i++)
            writer.WriteModel(MemberName(i), members[i]);
    }
}
