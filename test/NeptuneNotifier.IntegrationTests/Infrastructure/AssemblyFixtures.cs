using NeptuneNotifier.IntegrationTests.Infrastructure;

[assembly: AssemblyFixture(typeof(DynaliteFixture))]
