using System;
using System.Text.Json;
using OpenProspect.Api;
using Xunit;

namespace OpenProspect.UnitTests;

/// <summary>
/// Zone-less times are UTC, not local time. The test run sets a local zone that is not UTC (unit.runsettings), so
/// reading them as local time fails here on any machine.
/// </summary>
public sealed class UtcDateTimeOffsetConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new UtcDateTimeOffsetConverter() } };

    private static DateTimeOffset Read(string json) => JsonSerializer.Deserialize<DateTimeOffset>(json, Options);

    [Fact]
    public void The_run_has_a_local_zone_that_is_not_utc()
    {
        Assert.NotEqual(TimeSpan.Zero, TimeZoneInfo.Local.GetUtcOffset(new DateTime(2026, 11, 30)));
    }

    [Theory]
    [InlineData("\"2026-11-30T12:00:00\"")]
    [InlineData("\"2026-11-30T12:00:00.000\"")]
    [InlineData("\"2026-11-30 12:00:00\"")]
    [InlineData("\" 2026-11-30T12:00:00 \"")]
    public void A_time_without_a_zone_is_utc(string json)
    {
        var value = Read(json);
        Assert.Equal(TimeSpan.Zero, value.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero), value);
    }

    [Theory]
    [InlineData("\"2026-11-30T12:00:00Z\"", 0)]
    [InlineData("\"2026-11-30T14:00:00+02:00\"", 2)]
    [InlineData("\"2026-11-30T04:00:00-08:00\"", -8)]
    public void A_time_with_an_offset_keeps_it(string json, int hours)
    {
        var value = Read(json);
        Assert.Equal(TimeSpan.FromHours(hours), value.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero).UtcDateTime, value.UtcDateTime);
    }

    [Theory]
    [InlineData("1764504000")]
    [InlineData("\"yesterday\"")]
    [InlineData("null")]
    public void Anything_else_is_refused(string json)
    {
        Assert.Throws<JsonException>(() => Read(json));
    }

    [Fact]
    public void Writing_keeps_the_offset_in_round_trip_form()
    {
        var value = new DateTimeOffset(2026, 11, 30, 14, 0, 0, TimeSpan.FromHours(2));
        var json = JsonSerializer.Serialize(value, Options);
        Assert.Equal("2026-11-30T14:00:00.0000000+02:00", JsonSerializer.Deserialize<string>(json));
    }
}
