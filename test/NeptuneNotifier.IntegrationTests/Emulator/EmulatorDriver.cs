namespace NeptuneNotifier.IntegrationTests.Emulator;

/// <summary>Runs <c>test/node/emulator/driver.mjs</c>: the official JS client calls the emulator, step by step.</summary>
internal static class EmulatorDriver
{
    /// <summary>A fixed start so startTime can be checked exactly.</summary>
    public static DateTimeOffset Epoch { get; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static Task<NeptuneEmulator> StartAsync(FakeTimeProvider time, EmulatorOptions? options = null) =>
        NeptuneEmulator.StartAsync(options ?? new EmulatorOptions(), time, TestContext.Current.CancellationToken);

    public static async Task<IReadOnlyList<DriverResult>> RunAsync(NeptuneEmulator emulator, IEnumerable<JsonObject> steps, JsonObject? settings = null)
    {
        var input = settings ?? [];
        input["endpoint"] = emulator.Endpoint.ToString().TrimEnd('/');
        input["steps"] = new JsonArray([.. steps.Select(step => step.DeepClone())]);
        var result = await NodeTooling.RunScriptAsync(Path.Combine("emulator", "driver.mjs"), [], input.ToJsonString(), TestContext.Current.CancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"driver.mjs exited with {result.ExitCode}:\n{result.StandardError}");
        }

        var results = JsonNode.Parse(result.StandardOutput)?["results"]?.AsArray()
            ?? throw new InvalidOperationException($"driver.mjs printed no results:\n{result.StandardOutput}\n{result.StandardError}");
        return [.. results.Select(node => new DriverResult(node!.AsObject()))];
    }

    public static async Task<DriverResult> RunOneAsync(NeptuneEmulator emulator, JsonObject step, JsonObject? settings = null) =>
        (await RunAsync(emulator, [step], settings))[0];

    public static JsonObject Call(string operation, object? input = null) => new()
    {
        ["call"] = operation,
        ["input"] = input is null ? new JsonObject() : JsonSerializer.SerializeToNode(input),
    };

    public static JsonObject Paginate(string operation, int pageSize, object? input = null) => new()
    {
        ["paginate"] = operation,
        ["pageSize"] = pageSize,
        ["input"] = input is null ? new JsonObject() : JsonSerializer.SerializeToNode(input),
    };

    public static JsonObject Control(string method, string path, object? body = null)
    {
        var step = new JsonObject { ["control"] = method, ["path"] = path };
        if (body is not null)
        {
            step["body"] = JsonSerializer.SerializeToNode(body);
        }

        return step;
    }

    public static JsonObject StartExport(string graphId = "g-orders0001", string format = "PARQUET") => Call("StartExportTask", new
    {
        graphIdentifier = graphId,
        roleArn = TestAccount.RoleArn,
        format,
        destination = "s3://exports-bucket/orders/",
        kmsKeyIdentifier = TestAccount.KmsKeyArn,
    });

    public static JsonObject GetExport(string taskId) => Call("GetExportTask", new { taskIdentifier = taskId });

    public static JsonObject AdvanceClock(double seconds) => Control("POST", "/_emulator/clock/advance", new { seconds });
}

/// <summary>One step's outcome as driver.mjs reported it.</summary>
internal sealed record DriverResult(JsonObject Node)
{
    public bool Ok => Node["ok"]!.GetValue<bool>();

    public int? Status => Node["status"]?.GetValue<int>();

    public string? Name => Node["name"]?.GetValue<string>();

    public string? Reason => Node["reason"]?.GetValue<string>();

    public string? Message => Node["message"]?.GetValue<string>();

    public bool Typed => Node["typed"]?.GetValue<bool>() ?? false;

    public JsonNode Output => Node["output"] ?? throw new InvalidOperationException($"No output in {Node.ToJsonString()}");

    public string Get(string member) => Output[member]?.GetValue<string>() ?? throw new InvalidOperationException($"No '{member}' in {Node.ToJsonString()}");

    public override string ToString() => Node.ToJsonString();
}
