using System.CommandLine;
using System.Globalization;

namespace NeptuneNotifier.Emulator;

/// <summary>The standalone emulator's command line.</summary>
internal static class EmulatorCommandLine
{
    public static RootCommand Build(TextWriter output, TextWriter error)
    {
        var port = new Option<int>("--port", "-p")
        {
            Description = "Loopback port to listen on; 0 picks a free port.",
            DefaultValueFactory = _ => 8182,
        };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                result.AddError("--port must be between 0 and 65535.");
            }
        });
        var scenario = new Option<FileInfo?>("--scenario")
        {
            Description = "JSON scenario file with graphs (id, name, vertexCount, edgeCount) and optional exportTasks.",
        };
        var speed = new Option<double>("--speed")
        {
            Description = "Lifecycle speed factor; 60 turns a one-minute export into one second.",
            DefaultValueFactory = _ => 1,
        };
        speed.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<double>();
            if (!(value > 0) || double.IsInfinity(value))
            {
                result.AddError("--speed must be a positive number.");
            }
        });
        var seed = new Option<int>("--seed")
        {
            Description = "Seed for task ids and random faults, for repeatable runs.",
            DefaultValueFactory = _ => EmulatorOptions.DefaultSeed,
        };
        var accessKeyId = new Option<string?>("--access-key-id")
        {
            Description = "Verify SigV4 signatures made with this access key id (needs --secret-access-key).",
        };
        var secretAccessKey = new Option<string?>("--secret-access-key")
        {
            Description = "The secret for --access-key-id.",
        };
        var sessionToken = new Option<string?>("--session-token")
        {
            Description = "Require this X-Amz-Security-Token on signed requests.",
        };
        var region = new Option<string>("--region")
        {
            Description = "Region for graph ARNs and signature scopes.",
            DefaultValueFactory = _ => EmulatorOptions.DefaultRegion,
        };

        var verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Print one line per request.",
        };

        var root = new RootCommand("A local Amazon Neptune Analytics control-plane emulator (graphs, export and import tasks).")
        {
            port, scenario, speed, seed, accessKeyId, secretAccessKey, sessionToken, region, verbose,
        };
        root.Validators.Add(result =>
        {
            if ((result.GetValue(accessKeyId) is null) != (result.GetValue(secretAccessKey) is null))
            {
                result.AddError("--access-key-id and --secret-access-key go together.");
            }
        });
        root.SetAction(async (parse, cancellationToken) =>
        {
            var scenarioFile = parse.GetValue(scenario);
            EmulatorScenario? loaded = null;
            if (scenarioFile is not null)
            {
                try
                {
                    loaded = await EmulatorScenario.LoadAsync(scenarioFile.FullName, cancellationToken);
                }
                catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException)
                {
                    await error.WriteLineAsync(exception.Message.AsMemory(), cancellationToken);
                    return 2;
                }
            }

            var credentials = parse.GetValue(accessKeyId) is { } key
                ? new EmulatorCredentials(key, parse.GetValue(secretAccessKey)!, parse.GetValue(sessionToken))
                : null;
            var options = new EmulatorOptions(parse.GetValue(port), parse.GetValue(speed), loaded, credentials, parse.GetValue(seed))
            {
                Region = parse.GetValue(region)!,
                LogRequests = parse.GetValue(verbose),
            };

            await using var emulator = await NeptuneEmulator.StartAsync(options, TimeProvider.System, cancellationToken);
            var endpoint = emulator.Endpoint.ToString().TrimEnd('/');
            await output.WriteLineAsync($"Neptune Analytics emulator listening on {endpoint}".AsMemory(), cancellationToken);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"speed x{options.Speed}, scenario control under {endpoint}/_emulator/, Ctrl+C stops").AsMemory(), cancellationToken);
            await output.FlushAsync(cancellationToken);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: the normal way to stop.
            }

            return 0;
        });
        return root;
    }
}
