using System.Text;
using NeptuneNotifier.Core.Settings;

namespace NeptuneNotifier.Aws.EventBridge;

/// <summary>
/// What EventBridge accepts in one PutEvents call, checked before anything is sent: 1 to 10 entries, each with a
/// source, a detail type and a JSON object as detail, the members' lengths and patterns from the service model, and the
/// entries' sizes together under 256 KB, counted as EventBridge counts them.
/// </summary>
/// <remarks>
/// The size rule is documented in "Calculating Amazon EventBridge PutEvents event entry size"
/// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html): <c>Time</c> counts 14 bytes when
/// set; <c>Source</c>, <c>DetailType</c>, <c>Detail</c> and each of <c>Resources</c> count their UTF-8 bytes; and
/// "the total entry size must be less than 256KB" for the request, as does EventBridge's API model in botocore
/// (events/service-2.json, PutEvents). AWS's own sources now disagree on the bound: the official JavaScript SDK's
/// PutEvents documentation (@aws-sdk/client-eventbridge 3.1169.0, dist-types/commands/PutEventsCommand.d.ts) says "the
/// total entry size must be less than 1MB". We keep 256 KB: the user guide's size page still states it, and it is the
/// stricter of the two, so a request under it is accepted under either.
/// </remarks>
public static class PutEventsLimits
{
    /// <summary>The most entries in one PutEvents call (the model's <c>PutEventsRequestEntryList</c>).</summary>
    public const int MaxEntries = 10;

    /// <summary>256 KB: the entries of one call must together count fewer bytes than this.</summary>
    public const int MaxRequestBytes = 262_144;

    /// <summary>What a set <c>Time</c> counts, whatever the time.</summary>
    public const int TimeBytes = 14;

    /// <summary>The longest detail type, in characters.</summary>
    public const int MaxDetailTypeLength = 128;

    /// <summary>EventBridge processes a detail nested up to this many levels (the PutEvents API reference).</summary>
    public const int MaxDetailDepth = 1000;

    private const int MaxResourceLength = 2048;
    private const int MaxTraceHeaderLength = 500;

    /// <summary>The bytes EventBridge counts for <paramref name="entry"/>.</summary>
    public static int EntrySize(PutEventsRequestEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var size = entry.Time is null ? 0 : TimeBytes;
        size += Bytes(entry.Source) + Bytes(entry.DetailType) + Bytes(entry.Detail);
        foreach (var resource in entry.Resources ?? [])
        {
            size += Bytes(resource);
        }

        return size;
    }

    /// <summary>Throws when EventBridge would refuse <paramref name="request"/> or fail one of its entries for its shape.</summary>
    /// <exception cref="ArgumentException">Names the entry and member, and the limit.</exception>
    /// <exception cref="NotSupportedException">The request names a global endpoint.</exception>
    internal static void Validate(PutEventsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.EndpointId is not null)
        {
            throw new NotSupportedException(
                "EndpointId (an EventBridge global endpoint) is not supported: a global endpoint must be signed with SigV4a for every " +
                "region, and this client signs with SigV4 only. Put the events on the bus of the client's region instead.");
        }

        var entries = request.Entries ?? throw new ArgumentNullException(nameof(request), "PutEvents needs Entries.");
        if (entries.Count is 0 or > MaxEntries)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"PutEvents takes 1 to {MaxEntries} entries; this request has {entries.Count}."), nameof(request));
        }

        var total = 0;
        for (var index = 0; index < entries.Count; index++)
        {
            var entry = entries[index] ?? throw new ArgumentException(Name(index, string.Empty) + " is null.", nameof(request));
            total += ValidateEntry(entry, index);
        }

        if (total >= MaxRequestBytes)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The entries count {total} bytes as EventBridge counts them; one PutEvents call must stay under {MaxRequestBytes} (256 KB)."),
                nameof(request));
        }
    }

    /// <summary>
    /// Throws when EventBridge would fail <paramref name="entry"/> for its shape, or when it could never fit in a call;
    /// returns its <see cref="EntrySize"/>.
    /// </summary>
    internal static int ValidateEntry(PutEventsRequestEntry entry, int index)
    {
        Require(entry.Source, index, nameof(entry.Source));
        Require(entry.DetailType, index, nameof(entry.DetailType));
        Require(entry.Detail, index, nameof(entry.Detail));
        if (entry.DetailType.Length > MaxDetailTypeLength)
        {
            throw Invalid(index, nameof(entry.DetailType), $"has {entry.DetailType.Length} characters; at most {MaxDetailTypeLength} are allowed.");
        }

        if (!IsJsonObject(entry.Detail))
        {
            throw Invalid(index, nameof(entry.Detail), $"is not a JSON object (nested at most {MaxDetailDepth} levels); EventBridge fails such an entry as MalformedDetail.");
        }

        var resources = entry.Resources ?? [];
        for (var r = 0; r < resources.Count; r++)
        {
            if (resources[r] is not { Length: <= MaxResourceLength })
            {
                throw Invalid(index, $"Resources[{r}]", $"must be set and at most {MaxResourceLength} characters long.");
            }
        }

        if (entry.EventBusName is { } bus && !SettingDefinitions.IsEventBusNameOrArn(bus))
        {
            throw Invalid(index, nameof(entry.EventBusName), $"'{bus}' is not an event bus name or ARN (at most {SettingDefinitions.MaxEventBusNameLength} characters).");
        }

        if (entry.TraceHeader is { Length: 0 or > MaxTraceHeaderLength })
        {
            throw Invalid(index, nameof(entry.TraceHeader), $"must be 1 to {MaxTraceHeaderLength} characters long.");
        }

        var size = EntrySize(entry);
        if (size >= MaxRequestBytes)
        {
            throw Invalid(index, string.Empty, $"counts {size} bytes as EventBridge counts them; an entry must stay under {MaxRequestBytes} (256 KB).");
        }

        return size;
    }

    private static int Bytes(string? text) => text is null ? 0 : Encoding.UTF8.GetByteCount(text);

    private static void Require(string? value, int index, string member)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw Invalid(index, member, "is required: EventBridge fails an entry without Source, DetailType and Detail.");
        }
    }

    private static bool IsJsonObject(string detail)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(detail), new JsonReaderOptions { MaxDepth = MaxDetailDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static ArgumentException Invalid(int index, string member, string problem)
        => new($"{Name(index, member)} {problem}", "request");

    private static string Name(int index, string member)
        => string.Create(CultureInfo.InvariantCulture, $"Entries[{index}]{(member.Length == 0 ? string.Empty : "." + member)}");
}
