using System.Globalization;
using Kiln.Core.Data;
using Kiln.Serving.Metrics;
using Microsoft.AspNetCore.Http;

namespace Kiln.Serving.Requests;

/// <summary>Scores a request's rows with a served model and counts them with the caller's <see cref="IPredictionCounter"/> (only rows answered are counted); the model's own refusals (an unseen category under handle_unknown 'error') become 422s.</summary>
internal static class Scoring
{
    public static (double[] Predictions, double[]? Probabilities) Predict(ServedModel served, Table rows, bool probabilities, IPredictionCounter counter)
    {
        ArgumentNullException.ThrowIfNull(counter);
        if (probabilities && served.Classes is null)
            throw RequestProblem.Input($"Model {served} is a regressor; it has no class probabilities to return. Leave out params.probabilities.", "params.probabilities");
        try
        {
            var predictions = served.Model.Predict(rows);
            var classProbabilities = probabilities ? served.Model.PredictProbabilities(rows) : null;
            CheckFinite(served, predictions, 1);
            if (classProbabilities is not null)
                CheckFinite(served, classProbabilities, served.Classes!.Count);
            counter.Scored(served, predictions.Length);
            return (predictions, classProbabilities);
        }
        catch (DataFormatException exception)
        {
            throw new RequestProblem(StatusCodes.Status422UnprocessableEntity, "The model cannot score the input", exception.Message, exception.Column);
        }
        catch (SchemaMismatchException exception)
        {
            throw new RequestProblem(StatusCodes.Status422UnprocessableEntity, "The model cannot score the input", exception.Message);
        }
    }

    // Inputs far outside the training range can overflow a model's arithmetic; JSON has no NaN or Infinity to answer with.
    private static void CheckFinite(ServedModel served, double[] values, int perRow)
    {
        for (var index = 0; index < values.Length; index++)
        {
            if (!double.IsFinite(values[index]))
            {
                var row = index / perRow;
                throw new RequestProblem(StatusCodes.Status422UnprocessableEntity, "The model cannot score the input",
                    string.Create(CultureInfo.InvariantCulture, $"Model {served} computed {values[index]} for row {row}: its inputs are too far outside what the model was trained on for a finite answer. Check the row's values."),
                    row: row);
            }
        }
    }
}
