using System;
using OpenProspect.Api;
using Xunit;

namespace OpenProspect.UnitTests;

/// <summary>How long the transport waits before another attempt, and when it gives up.</summary>
public sealed class RetryPolicyTests
{
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(120);

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void A_server_hint_is_waited_exactly()
    {
        var policy = new RetryPolicy(4, Cap, Budget);
        Assert.Equal(S(7), policy.NextDelay(1, TimeSpan.Zero, S(7)));
        Assert.Equal(S(30), policy.NextDelay(3, S(10), S(30)));
        Assert.Equal(TimeSpan.Zero, policy.NextDelay(1, TimeSpan.Zero, TimeSpan.Zero));
    }

    [Fact]
    public void A_server_hint_above_the_cap_is_not_waited_for()
    {
        var policy = new RetryPolicy(4, Cap, Budget);
        Assert.Null(policy.NextDelay(1, TimeSpan.Zero, Cap + S(1)));
    }

    [Fact]
    public void Without_a_hint_the_backoff_doubles_with_jitter_between_half_and_all_of_it()
    {
        var policy = new RetryPolicy(10, Cap, TimeSpan.FromHours(1));
        for (int attempt = 1; attempt <= 4; attempt++)
        {
            var ceiling = 0.5 * Math.Pow(2, attempt - 1);
            for (int i = 0; i < 50; i++)
            {
                var delay = policy.NextDelay(attempt, TimeSpan.Zero, null)!.Value.TotalSeconds;
                Assert.InRange(delay, ceiling / 2, ceiling);
            }
        }
    }

    [Fact]
    public void Without_a_hint_the_backoff_never_exceeds_the_cap()
    {
        var policy = new RetryPolicy(20, S(3), TimeSpan.FromHours(1));
        for (int i = 0; i < 50; i++)
            Assert.InRange(policy.NextDelay(10, TimeSpan.Zero, null)!.Value.TotalSeconds, 1.5, 3);
    }

    [Fact]
    public void The_count_is_exhausted_after_max_retry_count_retries()
    {
        var policy = new RetryPolicy(2, Cap, Budget);
        Assert.NotNull(policy.NextDelay(2, TimeSpan.Zero, S(1)));
        Assert.Null(policy.NextDelay(3, TimeSpan.Zero, S(1)));
        Assert.Null(new RetryPolicy(0, Cap, Budget).NextDelay(1, TimeSpan.Zero, S(1)));
    }

    [Fact]
    public void The_budget_counts_every_wait_of_the_request()
    {
        var policy = new RetryPolicy(10, Cap, S(20));
        Assert.Equal(S(5), policy.NextDelay(3, S(15), S(5)));     // exactly the budget: still waited
        Assert.Null(policy.NextDelay(3, S(15), S(6)));            // one second over: given up
        Assert.Null(policy.NextDelay(2, S(20), null));            // nothing left for even the shortest backoff
    }

    [Fact]
    public void A_negative_retry_count_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(-1, Cap, Budget));
    }

    [Theory]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    [InlineData(501, false)]
    public void Only_throttling_and_passing_server_failures_are_retried(int status, bool retried)
    {
        // The exception decides what is worth repeating; RepeatSafety decides whether a request may be repeated.
        Assert.Equal(retried, new OpenProspectApiException(status, null, "x").IsTransient);
    }
}
