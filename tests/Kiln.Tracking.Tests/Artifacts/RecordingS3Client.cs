using System.Collections.Concurrent;
using System.Reflection;
using Amazon.S3;

namespace Kiln.Tracking.Tests.Artifacts;

/// <summary>An <see cref="IAmazonS3"/> that forwards every call to a real client and records the names of the methods called.</summary>
public class RecordingS3Client : DispatchProxy
{
    private IAmazonS3 _inner = null!;

    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>The first argument of every call (the request), in call order.</summary>
    public ConcurrentQueue<object?> Requests { get; } = new();

    public static (IAmazonS3 Client, RecordingS3Client Recorder) Wrap(IAmazonS3 inner)
    {
        var client = Create<IAmazonS3, RecordingS3Client>();
        var recorder = (RecordingS3Client)(object)client;
        recorder._inner = inner;
        return (client, recorder);
    }

    public int Count(string method) => Calls.Count(call => call == method);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        Calls.Enqueue(targetMethod.Name);
        Requests.Enqueue(args is { Length: > 0 } ? args[0] : null);
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            throw exception.InnerException;
        }
    }
}
