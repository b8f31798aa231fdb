using NeptuneNotifier.Aws.EventBridge;

namespace NeptuneNotifier.Tests.Clients;

/// <summary>The entry size as EventBridge documents it, and every limit checked before a PutEvents call is sent.</summary>
public sealed class PutEventsLimitsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void EntrySize_EveryMember_CountsAsTheDocumentationSays()
    {
        // Arrange: 14 for a set Time, UTF-8 bytes of Source, DetailType, Detail and each resource; nothing else counts.
        var entry = new PutEventsRequestEntry
        {
            Time = DateTimeOffset.UnixEpoch,
            Source = "src",
            DetailType = "tÿpe",
            Detail = """{"a":"€"}""",
            Resources = ["arn:1", "ü"],
            EventBusName = "a-bus-name-that-does-not-count",
            TraceHeader = "Root=not-counted-either",
        };

        // Act
        var size = PutEventsLimits.EntrySize(entry);

        // Assert
        size.ShouldBe(14 + 3 + 5 + 11 + 5 + 2);
        PutEventsLimits.EntrySize(entry with { Time = null, Resources = null }).ShouldBe(3 + 5 + 11);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public async Task PutEventsAsync_EntryCountOutOfRange_ThrowsAndSendsNothing(int count)
    {
        // Arrange
        var transport = StubTransport.Json("""{"FailedEntryCount":0,"Entries":[]}""");
        using var client = transport.EventBridge();

        // Act
        var exception = await Should.ThrowAsync<ArgumentException>(() => client.PutEventsAsync(new PutEventsRequest { Entries = [.. Enumerable.Repeat(Entry(), count)] }, Token));

        // Assert
        exception.Message.ShouldContain($"1 to 10 entries; this request has {count}");
        transport.Requests.ShouldBe(0);
    }

    public static TheoryData<string, PutEventsRequestEntry, string> InvalidEntries => new()
    {
        { "no source", Entry() with { Source = "" }, "Entries[1].Source is required" },
        { "no detail type", Entry() with { DetailType = null! }, "Entries[1].DetailType is required" },
        { "no detail", Entry() with { Detail = "" }, "Entries[1].Detail is required" },
        { "long detail type", Entry() with { DetailType = new string('d', 129) }, "Entries[1].DetailType has 129 characters" },
        { "detail not JSON", Entry() with { Detail = "{\"a\":" }, "Entries[1].Detail is not a JSON object" },
        { "detail an array", Entry() with { Detail = "[1]" }, "Entries[1].Detail is not a JSON object" },
        { "detail with trailing text", Entry() with { Detail = "{} {}" }, "Entries[1].Detail is not a JSON object" },
        { "detail nested too deep", Entry() with { Detail = string.Concat(Enumerable.Repeat("{\"a\":", 1001)) + "1" + new string('}', 1001) }, "Entries[1].Detail is not a JSON object" },
        { "resource too long", Entry() with { Resources = ["arn", new string('r', 2049)] }, "Entries[1].Resources[1] must be set" },
        { "bus name with a slash", Entry() with { EventBusName = "aws.partner/x" }, "Entries[1].EventBusName 'aws.partner/x' is not an event bus name or ARN" },
        { "bus name empty", Entry() with { EventBusName = "" }, "Entries[1].EventBusName '' is not" },
        { "bus ARN of another service", Entry() with { EventBusName = "arn:aws:sns:us-east-1:123456789012:topic" }, "is not an event bus name or ARN" },
        { "empty trace header", Entry() with { TraceHeader = "" }, "Entries[1].TraceHeader must be 1 to 500" },
        { "long trace header", Entry() with { TraceHeader = new string('t', 501) }, "Entries[1].TraceHeader must be 1 to 500" },
        { "one entry of 256 KB", Sized(PutEventsLimits.MaxRequestBytes), "Entries[1] counts 262144 bytes" },
    };

    [Theory]
    [MemberData(nameof(InvalidEntries))]
    public async Task PutEventsAsync_InvalidEntry_ThrowsNamingEntryAndMemberAndSendsNothing(string name, PutEventsRequestEntry invalid, string message)
    {
        // Arrange
        var transport = StubTransport.Json("""{"FailedEntryCount":0,"Entries":[{"EventId":"a"},{"EventId":"b"}]}""");
        using var client = transport.EventBridge();

        // Act
        var exception = await Should.ThrowAsync<ArgumentException>(() => client.PutEventsAsync(new PutEventsRequest { Entries = [Entry(), invalid] }, Token));

        // Assert
        exception.Message.ShouldContain(message, Case.Sensitive, name);
        transport.Requests.ShouldBe(0, name);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("my-bus_1.x")]
    [InlineData("arn:aws:events:us-east-1:123456789012:event-bus/my-bus")]
    [InlineData("arn:aws-us-gov:events:us-gov-west-1:123456789012:event-bus/default")]
    public async Task PutEventsAsync_BusNameOrArn_IsSent(string bus)
    {
        // Arrange
        var transport = StubTransport.Json("""{"FailedEntryCount":0,"Entries":[{"EventId":"e-1"}]}""");
        using var client = transport.EventBridge();

        // Act
        var response = await client.PutEventsAsync(new PutEventsRequest { Entries = [Entry() with { EventBusName = bus }] }, Token);

        // Assert
        response.Entries.Single().EventId.ShouldBe("e-1");
        transport.Requests.ShouldBe(1);
    }

    [Fact]
    public async Task PutEventsAsync_EntriesJustUnder256KbTogether_AreSent()
    {
        // Arrange: two entries that count 262,143 bytes together; one byte more is refused.
        var transport = StubTransport.Json("""{"FailedEntryCount":0,"Entries":[{"EventId":"a"},{"EventId":"b"}]}""");
        using var client = transport.EventBridge();
        PutEventsRequestEntry[] justUnder = [Sized(100_000), Sized(PutEventsLimits.MaxRequestBytes - 1 - 100_000)];
        PutEventsRequestEntry[] atLimit = [Sized(100_000), Sized(PutEventsLimits.MaxRequestBytes - 100_000)];

        // Act
        await client.PutEventsAsync(new PutEventsRequest { Entries = justUnder }, Token);
        var refused = await Should.ThrowAsync<ArgumentException>(() => client.PutEventsAsync(new PutEventsRequest { Entries = atLimit }, Token));

        // Assert
        transport.Requests.ShouldBe(1);
        refused.Message.ShouldContain("The entries count 262144 bytes");
    }

    [Fact]
    public async Task PutEventsAsync_EndpointId_IsRefusedAsUnsupported()
    {
        // Arrange
        var transport = StubTransport.Json("""{"FailedEntryCount":0,"Entries":[{"EventId":"e-1"}]}""");
        using var client = transport.EventBridge();

        // Act
        var exception = await Should.ThrowAsync<NotSupportedException>(() => client.PutEventsAsync(new PutEventsRequest { Entries = [Entry()], EndpointId = "abcde.veo" }, Token));

        // Assert
        exception.Message.ShouldContain("SigV4a");
        transport.Requests.ShouldBe(0);
    }

    [Fact]
    public void SplitIntoCalls_25SmallEntries_CallsOf10And10And5InOrder()
    {
        // Arrange
        var entries = Enumerable.Range(0, 25).Select(i => Entry() with { Source = $"s{i}" }).ToList();

        // Act
        var calls = EventBridgeClient.SplitIntoCalls(entries);

        // Assert
        calls.Select(call => call.Count).ShouldBe([10, 10, 5]);
        calls.SelectMany(call => call).ShouldBe(entries);
    }

    [Fact]
    public void SplitIntoCalls_LargeEntries_CutWhereTheSizeWouldReach256Kb()
    {
        // Arrange: 100,000 bytes each: two fit in a call, a third would make 300,000.
        var entries = Enumerable.Range(0, 5).Select(_ => Sized(100_000)).ToList();

        // Act
        var calls = EventBridgeClient.SplitIntoCalls(entries);

        // Assert
        calls.Select(call => call.Count).ShouldBe([2, 2, 1]);
        calls.ShouldAllBe(call => call.Sum(PutEventsLimits.EntrySize) < PutEventsLimits.MaxRequestBytes);
    }

    [Fact]
    public void SplitIntoCalls_OneInvalidEntry_RefusesTheWholeListNamingIt()
    {
        // Arrange
        var entries = Enumerable.Range(0, 15).Select(_ => Entry()).ToList();
        entries[12] = entries[12] with { Detail = "not json" };

        // Act / Assert
        Should.Throw<ArgumentException>(() => EventBridgeClient.SplitIntoCalls(entries)).Message.ShouldStartWith("Entries[12].Detail");
    }

    [Fact]
    public async Task PutEventsInBatchesAsync_23Entries_ReturnsEachEntrysResultInOrder()
    {
        // Arrange: each call answers one result per entry it got, naming the entry's source; the 4th entry of each call failed.
        List<int> sizes = [];
        var transport = new StubTransport(request =>
        {
            using var body = System.Text.Json.JsonDocument.Parse(request.Content!.ReadAsStream(Token));
            var sources = body.RootElement.GetProperty("Entries").EnumerateArray().Select(e => e.GetProperty("Source").GetString()!).ToList();
            lock (sizes)
            {
                sizes.Add(sources.Count);
            }

            var results = sources.Select((source, i) => i == 3 ? """{"ErrorCode":"ThrottlingException","ErrorMessage":"slow"}""" : $$"""{"EventId":"id-{{source}}"}""");
            return (HttpStatusCode.OK, $$"""{"FailedEntryCount":1,"Entries":[{{string.Join(',', results)}}]}""");
        });
        using var client = transport.EventBridge();
        var entries = Enumerable.Range(0, 23).Select(i => Entry() with { Source = $"s{i}" }).ToList();

        // Act
        var results = await client.PutEventsInBatchesAsync(entries, Token);

        // Assert
        sizes.ShouldBe([10, 10, 3]);
        results.Count.ShouldBe(23);
        results.Select(r => r.EventId ?? r.ErrorCode).ShouldBe(Enumerable.Range(0, 23).Select(i => i % 10 == 3 ? "ThrottlingException" : $"id-s{i}"));
    }

    [Fact]
    public async Task PutEventsInBatchesAsync_SecondCallFails_ThrowsWithTheFirstCallsResults()
    {
        // Arrange
        var calls = 0;
        var transport = new StubTransport(_ => Interlocked.Increment(ref calls) == 1
            ? (HttpStatusCode.OK, $$"""{"FailedEntryCount":0,"Entries":[{{string.Join(',', Enumerable.Range(0, 10).Select(i => $$"""{"EventId":"e{{i}}"}"""))}}]}""")
            : (HttpStatusCode.BadRequest, """{"__type":"AccessDeniedException","message":"no"}"""));
        using var client = transport.EventBridge();

        // Act
        var exception = await Should.ThrowAsync<PutEventsBatchException>(() => client.PutEventsInBatchesAsync([.. Enumerable.Repeat(Entry(), 15)], Token));

        // Assert
        exception.Completed.Select(r => r.EventId).ShouldBe(Enumerable.Range(0, 10).Select(i => $"e{i}"));
        exception.InnerException.ShouldBeOfType<AccessDeniedException>();
        exception.Message.ShouldContain("entries 10 to 14 of 15");
    }

    [Fact]
    public async Task PutEventsInBatchesAsync_FirstCallFails_ThrowsItsOwnError()
    {
        // Arrange
        var transport = new StubTransport(_ => (HttpStatusCode.BadRequest, """{"__type":"AccessDeniedException","message":"no"}"""));
        using var client = transport.EventBridge();

        // Act / Assert
        await Should.ThrowAsync<AccessDeniedException>(() => client.PutEventsInBatchesAsync([.. Enumerable.Repeat(Entry(), 15)], Token));
        transport.Requests.ShouldBe(1);
    }

    [Fact]
    public async Task PutEventsInBatchesAsync_AnswerWithTooFewResults_ThrowsInsteadOfGuessing()
    {
        // Arrange
        var transport = StubTransport.Json("""{"FailedEntryCount":0,"Entries":[{"EventId":"only-one"}]}""");
        using var client = transport.EventBridge();

        // Act
        var exception = await Should.ThrowAsync<PutEventsBatchException>(() => client.PutEventsInBatchesAsync([Entry(), Entry()], Token));

        // Assert
        exception.Message.ShouldContain("answered 1 results for the 2 entries");
        exception.Completed.ShouldBeEmpty();
    }

    private static PutEventsRequestEntry Entry() => new() { Source = "neptune-notifier", DetailType = "Neptune Analytics Export Task State Change", Detail = """{"status":"SUCCEEDED"}""" };

    /// <summary>An entry that counts exactly <paramref name="bytes"/> bytes, its detail a JSON object.</summary>
    private static PutEventsRequestEntry Sized(int bytes)
    {
        var padding = bytes - "s".Length - "d".Length - """{"p":""}""".Length;
        return new() { Source = "s", DetailType = "d", Detail = $$"""{"p":"{{new string('x', padding)}}"}""" };
    }
}
