namespace Kiln.Serving.Metrics;

/// <summary>Counts the rows a served model scored; every endpoint that scores rows reports through it.</summary>
internal interface IPredictionCounter
{
    /// <summary>Adds <paramref name="rows"/> scored rows to <paramref name="served"/>'s count.</summary>
    void Scored(ServedModel served, int rows);
}
