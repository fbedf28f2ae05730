namespace Kiln.Serving.Routing;

/// <summary>The slots of one served name: the primary champion (what the bare name means), other champions, an optional canary with its share, an optional shadow.</summary>
internal sealed class NameRoute(string name, ModelSlot primary)
{
    private readonly List<ModelSlot> _champions = [primary];

    public string Name { get; } = name;

    public ModelSlot Primary { get; } = primary;

    public IReadOnlyList<ModelSlot> Champions => _champions;

    public ModelSlot? Canary { get; set; }

    public double CanaryPercent { get; set; }

    public ModelSlot? Shadow { get; set; }

    /// <summary>Every slot, champions first, then the canary and the shadow: the order a NAME/VERSION request is looked up in.</summary>
    public IEnumerable<ModelSlot> Slots
    {
        get
        {
            foreach (var slot in _champions)
                yield return slot;
            if (Canary is not null)
                yield return Canary;
            if (Shadow is not null)
                yield return Shadow;
        }
    }

    public void AddChampion(ModelSlot slot) => _champions.Add(slot);
}
