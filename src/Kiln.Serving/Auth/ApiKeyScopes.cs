using Kiln.Tracking.Keys;

namespace Kiln.Serving.Auth;

/// <summary>
/// The scopes an API key or token can carry, each also the name of the authorization policy that requires it
/// (<see cref="KilnAuthorization.AddKilnAuthorization"/>); a key with <see cref="Admin"/> satisfies every policy.
/// </summary>
public static class ApiKeyScopes
{
    /// <summary>Prediction endpoints (<c>/invocations</c>, <c>/v2/.../infer</c>, <c>/api/models/{name}/predict</c>).</summary>
    public const string Predict = KeyScopes.Predict;

    /// <summary>The feedback endpoint.</summary>
    public const string Feedback = KeyScopes.Feedback;

    /// <summary>Administration; implies the other scopes.</summary>
    public const string Admin = KeyScopes.Admin;
}
