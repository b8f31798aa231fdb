using NeptuneNotifier.IntegrationTests.Infrastructure;

[assembly: AssemblyFixture(typeof(DynaliteFixture))]
[assembly: AssemblyFixture(typeof(MotoFixture))]
