using System;

namespace OpenProspect.Api;

/// <summary>
/// How long to wait before the next attempt of a request the transport may repeat, and when to stop: a cap per
/// wait, a count and a total budget. Which requests may be repeated is <see cref="RepeatSafety"/>'s decision, and
/// which failures are worth repeating is <see cref="OpenProspectApiException.IsTransient"/> (docs/architecture.md).
/// </summary>
internal sealed class RetryPolicy
{
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(500);
    private readonly Random _jitter = new();

    public RetryPolicy(int maxRetryCount, TimeSpan maxDelay, TimeSpan totalBudget)
    {
        if (maxRetryCount < 0) throw new ArgumentOutOfRangeException(nameof(maxRetryCount));
        MaxRetryCount = maxRetryCount;
        MaxDelay = maxDelay;
        TotalBudget = totalBudget;
    }

    /// <summary>How many times a request is retried after its first attempt.</summary>
    public int MaxRetryCount { get; }

    /// <summary>The longest single wait. A server asking for more is not waited for: the error says how long it asked.</summary>
    public TimeSpan MaxDelay { get; }

    /// <summary>The most time spent waiting between attempts of one request, all waits together.</summary>
    public TimeSpan TotalBudget { get; }

    /// <summary>
    /// The wait before the next attempt, or null when the request must not be retried.
    /// </summary>
    /// <param name="failedAttempts">attempts made so far (1 after the first failure)</param>
    /// <param name="waitedSoFar">time already spent waiting between attempts of this request</param>
    /// <param name="serverHint">Retry-After from the header or the body, if any</param>
    public TimeSpan? NextDelay(int failedAttempts, TimeSpan waitedSoFar, TimeSpan? serverHint)
    {
        if (failedAttempts > MaxRetryCount) return null;
        TimeSpan delay;
        if (serverHint is { } hint)
        {
            if (hint > MaxDelay) return null;
            delay = hint;
        }
        else
        {
            // Exponential backoff with full jitter keeps many clients from retrying in step.
            var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, failedAttempts - 1));
            double factor;
            lock (_jitter) factor = 0.5 + _jitter.NextDouble() / 2;
            delay = TimeSpan.FromMilliseconds(ceiling * factor);
        }
        return waitedSoFar + delay > TotalBudget ? null : delay;
    }
}
