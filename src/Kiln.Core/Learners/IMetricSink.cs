namespace Kiln.Core.Learners;

/// <summary>Receives metric values with steps during a fit (losses per epoch, scores per iteration).</summary>
/// <remarks>Implementations must be thread-safe: parallel learners may record from several threads.</remarks>
public interface IMetricSink
{
    /// <summary>Records <paramref name="value"/> of metric <paramref name="name"/> at <paramref name="step"/>.</summary>
    void Record(string name, long step, double value);
}
