using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using NeptuneNotifier.Emulator.Http;
using NeptuneNotifier.Emulator.Lifecycle;

namespace NeptuneNotifier.Emulator;

/// <summary>
/// A local Neptune Analytics control plane on 127.0.0.1: graphs, export and import tasks that progress on the
/// injected clock, scenario control and fault injection. Start one per test or per demo and dispose it.
/// </summary>
public sealed class NeptuneEmulator : IAsyncDisposable
{
    private readonly WebApplication app;

    private NeptuneEmulator(WebApplication app, Uri endpoint, EmulatorControl control)
    {
        this.app = app;
        Endpoint = endpoint;
        Control = control;
    }

    /// <summary>The base URL clients use as their Neptune Analytics endpoint, e.g. <c>http://127.0.0.1:8182</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>Scenario control: clock, graphs, task steering, faults.</summary>
    public EmulatorControl Control { get; }

    /// <summary>The web host's services, for tests of how it is hosted.</summary>
    internal IServiceProvider Services => app.Services;

    /// <summary>Starts listening; throws <see cref="ArgumentException"/> for invalid options.</summary>
    public static async Task<NeptuneEmulator> StartAsync(EmulatorOptions options, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(NeptuneEmulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        if (options.LogRequests)
        {
            builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddFilter(typeof(NeptuneEmulator).Namespace, LogLevel.Information);
        }

        // Requests held by injected latency must not hold up a test's dispose for the default 30 s.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));

        // The emulator lives inside another program (a test run, the CLI's demo, the emulator's own command line), which
        // owns Ctrl+C and SIGTERM. The host's default console lifetime takes them too and cancels their default action:
        // the demo, before the CLI handled SIGTERM itself, ran on to its end after one, and a second Ctrl+C or SIGTERM,
        // which ends the CLI at once, would not.
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });

        var clock = new EmulatorClock(timeProvider);
        var state = new EmulatorState(options, clock);
        var faults = new FaultInjector(clock, options.Seed);
        var quirks = new AnswerQuirks();
        var listing = new ListingQuirks();
        var control = new EmulatorControl(state, faults, quirks, listing);
        control.ApplyAnswerQuirks(options.Scenario ?? EmulatorScenario.Default);
        var verifier = options.Credentials is { } credentials ? new SigV4Verifier(credentials, options.Region) : null;

        var app = builder.Build();
        var api = new NeptuneApi(state, faults, quirks, listing, verifier, app.Services.GetRequiredService<ILogger<NeptuneApi>>());
        new ControlApi(control).Map(app);
        api.Map(app);
        app.MapFallback(context => NeptuneApi.WriteErrorAsync(
            context,
            new ApiException(404, "UnknownOperationException", $"No operation matches {context.Request.Method} {context.Request.Path}."),
            context.RequestAborted));

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel started without reporting its address.");
        var port = new Uri(address).Port;
        return new NeptuneEmulator(app, new Uri($"http://127.0.0.1:{port}"), control);
    }

    /// <summary>Stops listening and releases the port.</summary>
    /// <summary>
    /// Starts a CSV import of <paramref name="source"/> into <paramref name="graphId"/> through this emulator's own
    /// StartImportTask route, as a client would (request validation and fault injection included), and returns its task
    /// id. The notifier's client reads imports but does not start them; the demo and the tests start theirs here. The
    /// request is not signed: for an emulator started without <see cref="EmulatorOptions.Credentials"/>.
    /// </summary>
    public async Task<string> StartImportAsync(string graphId, string source, string roleArn, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Endpoint };
        var body = new JsonObject { ["source"] = source, ["roleArn"] = roleArn, ["format"] = "CSV" }.ToJsonString();
        using var request = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri($"graphs/{graphId}/importtasks", UriKind.Relative), request, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return answer.RootElement.GetProperty("taskId").GetString() ?? throw new InvalidDataException("StartImportTask answered without a taskId.");
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }

    /// <summary>A host lifetime that registers no signal handlers: the program the emulator runs in stops it.</summary>
    private sealed class EmbeddedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
