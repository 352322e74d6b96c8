using System.Collections.Generic;
using System.Text.Json;
using OpenProspect.Api;
using Xunit;

namespace OpenProspect.UnitTests;

public sealed class JsonValuesTests
{
    private static object? Convert(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return JsonValues.ToDotNet(doc.RootElement);
    }

    [Fact]
    public void WholeNumbersStayWholeNumbers() => Assert.Equal(1500L, Assert.IsType<long>(Convert("1500")));

    [Fact]
    public void FractionsAreDoubles() => Assert.Equal(2.5, Assert.IsType<double>(Convert("2.5")));

    [Fact]
    public void ObjectsAndArraysNest()
    {
        var d = Assert.IsType<Dictionary<string, object?>>(Convert("{\"retry_after\":30,\"scopes\":[\"a\",null,true]}"));
        Assert.Equal(30L, d["RETRY_AFTER"]);   // keys are matched without regard to case
        Assert.Equal(new object?[] { "a", null, true }, Assert.IsType<object?[]>(d["scopes"]));
    }
}
