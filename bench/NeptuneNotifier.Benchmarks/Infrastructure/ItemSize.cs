using System.Text;

namespace NeptuneNotifier.Benchmarks.Infrastructure;

/// <summary>
/// An item's size as DynamoDB bills it (Developer Guide, "Item sizes and formats"): attribute names and values in
/// UTF-8 bytes, numbers about one byte per two significant digits plus one, three bytes plus one per element for maps
/// and lists. Reads are charged per 4 KB, writes per 1 KB, of this size.
/// </summary>
internal static class ItemSize
{
    public static int Of(Dictionary<string, AttributeValue> item) =>
        item.Sum(attribute => Encoding.UTF8.GetByteCount(attribute.Key) + Of(attribute.Value));

    private static int Of(AttributeValue value) => value switch
    {
        { S: { } s } => Encoding.UTF8.GetByteCount(s),
        { N: { } n } => Number(n),
        { BOOL: not null } or { NULL: true } => 1,
        { M: { } map } => 3 + map.Sum(entry => 1 + Encoding.UTF8.GetByteCount(entry.Key) + Of(entry.Value)),
        { L: { } list } => 3 + list.Sum(element => 1 + Of(element)),
        { SS: { } set } => set.Sum(Encoding.UTF8.GetByteCount),
        { NS: { } set } => set.Sum(Number),
        _ => 0,
    };

    private static int Number(string text)
    {
        var digits = text.TrimStart('-').Replace(".", string.Empty, StringComparison.Ordinal).Trim('0').Length;
        return ((Math.Max(digits, 1) + 1) / 2) + 1;
    }
}
