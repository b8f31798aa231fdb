[assembly: AssemblyFixture(typeof(DynaliteFixture))]
[assembly: AssemblyFixture(typeof(MotoFixture))]
