using System.Globalization;
using Kiln.Core;
using Kiln.Core.Learners;
using Kiln.Core.Selection;
using Kiln.Workflow.Configuration;

namespace Kiln.Workflow.Steps;

/// <summary>Step 3: splits the rows into train, validation and a sealed test part, and the train and validation rows into validation folds.</summary>
/// <remarks>
/// Reads <see cref="RunState.Ingest"/>; sets <see cref="RunState.Split"/>; writes <c>split.json</c> (the file rows of each part and
/// of each fold's test rows). The holdout split is stratified for classification and seeded with kiln.yaml's seed; the folds are
/// seeded with <c>Seeds.Derive(seed, 1)</c>, so they do not repeat the holdout's shuffle. The test rows are not used again until
/// the test step.
/// </remarks>
internal sealed class SplitStep : IWorkflowStep
{
    /// <summary>The stream of <see cref="Seeds.Derive"/> the validation folds use.</summary>
    public const int FoldSeedStream = 1;

    public string Name => "split";

    public void Run(RunState state)
    {
        var config = state.Resolved;
        var data = state.Data;
        var classification = config.Task == LearnerTask.Classification;
        Holdout holdout;
        try
        {
            var splitter = new HoldoutSplitter(config.Split.Train, config.Split.Validation, config.Split.Test, config.Seed);
            holdout = classification
                ? splitter.SplitStratified(SplitData.ForClasses(data.Labels!))
                : splitter.Split(SplitData.ForRows(data.RowCount));
        }
        catch (ArgumentException exception)
        {
            throw state.Config.Error("split", $"{Messages.Of(exception)} ({data.RowCount} rows have a target.)");
        }
        var development = holdout.Train.Concat(holdout.Validation).Order().ToArray();
        var method = config.Validation.Method!.Value;
        IReadOnlyList<Fold> folds;
        if (method == ValidationMethod.Holdout)
        {
            if (holdout.Validation.Length == 0)
                throw state.Config.Error("validation.method", "holdout scores candidates on the validation part, but split.validation is 0. Give the validation part a share, or use kfold.");
            folds = [new Fold(0, 0, holdout.Train, holdout.Validation)];
        }
        else
        {
            folds = Folds(state, development, method);
        }
        state.Split = new SplitOutput(holdout, development, folds);
        JsonFiles.Write(state.StagedFile("split.json"), json => Write(json, state));

        var kind = classification ? "stratified" : "shuffled";
        state.Report(string.Create(CultureInfo.InvariantCulture,
            $"{holdout.Train.Length} train, {holdout.Validation.Length} validation, {holdout.Test.Length} test ({kind}, seed {config.Seed}); the test rows are sealed"));
        state.Report(method == ValidationMethod.Holdout
            ? string.Create(CultureInfo.InvariantCulture, $"validation: fit on the {holdout.Train.Length} train rows, score on the {holdout.Validation.Length} validation rows")
            : string.Create(CultureInfo.InvariantCulture,
                $"validation: {ConfigNames.Of(method)}, {config.Validation.Folds} folds × {config.Validation.Repeats} {(config.Validation.Repeats == 1 ? "repeat" : "repeats")} over the {development.Length} train and validation rows"));
    }

    private static Fold[] Folds(RunState state, int[] development, ValidationMethod method)
    {
        var config = state.Resolved;
        var data = state.Data;
        var seed = Seeds.Derive(config.Seed, FoldSeedStream);
        var (folds, repeats) = (config.Validation.Folds, config.Validation.Repeats);
        ISplitter splitter = method switch
        {
            ValidationMethod.StratifiedKFold when repeats > 1 => new RepeatedStratifiedKFold(folds, repeats, seed),
            ValidationMethod.StratifiedKFold => new StratifiedKFold(folds, shuffle: true, seed),
            _ when repeats > 1 => new RepeatedKFold(folds, repeats, seed),
            _ => new KFold(folds, shuffle: true, seed),
        };
        var splitData = method == ValidationMethod.StratifiedKFold
            ? SplitData.ForClasses([.. development.Select(row => data.Labels!.Codes[row])], data.Labels!.Classes)
            : SplitData.ForRows(development.Length);
        try
        {
            return [.. splitter.Split(splitData).Select(fold => fold with
            {
                Train = [.. fold.Train.Select(index => development[index])],
                Test = [.. fold.Test.Select(index => development[index])],
            })];
        }
        catch (ArgumentException exception)
        {
            throw state.Config.Error("validation", $"{Messages.Of(exception)} ({development.Length} train and validation rows.)");
        }
    }

    private static void Write(System.Text.Json.Utf8JsonWriter json, RunState state)
    {
        var fileRows = state.Ingest.SourceRows;
        int[] File(IEnumerable<int> rows) => [.. rows.Select(row => fileRows[row])];
        var split = state.Split;
        json.WriteStartObject();
        json.WriteString("rows", "0-based data rows of the file (line = row + 2), rows without a target left out");
        JsonFiles.Integers(json, "train", File(split.Holdout.Train));
        JsonFiles.Integers(json, "validation", File(split.Holdout.Validation));
        JsonFiles.Integers(json, "test", File(split.Holdout.Test));
        json.WriteStartArray("folds");
        foreach (var fold in split.Folds)
        {
            json.WriteStartObject();
            json.WriteNumber("repeat", fold.Repeat);
            json.WriteNumber("fold", fold.Index);
            JsonFiles.Integers(json, "test", File(fold.Test));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
