using System.Globalization;
using Kiln.Core.Data;
using Kiln.Core.Learners;
using Kiln.Core.Preparation;

namespace Kiln.Workflow.Steps;

/// <summary>Step 4: describes the preparation every candidate gets, from a fit on the train and validation rows.</summary>
/// <remarks>
/// Reads <see cref="RunState.Split"/>; sets <see cref="RunState.Preparation"/>; writes <c>steps/preparation.json</c>. The fit here
/// only describes the preparation and surfaces its diagnostics (a text column dropped, say): the candidates refit it inside
/// every fold, and the chosen one on the train and validation rows, so no statistic ever comes from rows it is scored on.
/// </remarks>
internal sealed class PrepareStep : IWorkflowStep
{
    public string Name => "prepare";

    public void Run(RunState state)
    {
        var preparer = new ColumnPreparer();
        var context = new FitContext { CancellationToken = state.CancellationToken, TimeProvider = state.Options.TimeProvider };
        var model = preparer.Fit(state.Data.Rows(state.Split.Development), context);
        var byKind = model.InputSchema.GroupBy(column => column.Kind).OrderBy(group => group.Key)
            .Select(group => KeyValuePair.Create(Configuration.ConfigNames.Of(group.Key), group.Count()))
            .Concat(model.DroppedColumns.Count > 0 ? [KeyValuePair.Create(Configuration.ConfigNames.Of(ColumnKind.Text), model.DroppedColumns.Count)] : [])
            .ToArray();
        state.Preparation = new PreparationOutput(byKind, [.. model.OutputSchema.Names], [.. model.Diagnostics.Select(diagnostic => diagnostic.Message)]);
        var options = preparer.Options;
        JsonFiles.Write(state.StagedFile("steps", "preparation.json"), json =>
        {
            json.WriteStartObject();
            json.WriteStartObject("options");
            json.WriteString("numeric_imputation", options.NumericImputation);
            json.WriteString("scaling", options.Scaling);
            json.WriteString("categorical_imputation", options.CategoricalImputation);
            json.WriteString("handle_unknown", options.HandleUnknown);
            json.WriteEndObject();
            json.WriteStartObject("features");
            foreach (var (kind, count) in byKind)
                json.WriteNumber(kind, count);
            json.WriteEndObject();
            JsonFiles.Strings(json, "output_columns", model.OutputSchema.Names);
            JsonFiles.Strings(json, "diagnostics", state.Preparation.Diagnostics);
            json.WriteEndObject();
        });

        var parts = new List<string>();
        if (model.NumericImputer is not null)
            parts.Add($"numbers {options.NumericImputation.Replace('_', '-')}-imputed{(model.Scaler is null ? string.Empty : " and standardized")}");
        if (model.Encoder is not null)
            parts.Add($"categories {options.CategoricalImputation.Replace('_', '-')}-imputed and one-hot encoded");
        state.Report(string.Create(CultureInfo.InvariantCulture,
            $"{model.InputSchema.Count} features → {model.OutputSchema.Count} columns: {string.Join(", ", parts)}; fitted inside every fold"));
        foreach (var diagnostic in state.Preparation.Diagnostics)
            state.Warn(diagnostic);
    }
}
