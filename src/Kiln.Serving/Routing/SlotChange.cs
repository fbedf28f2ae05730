namespace Kiln.Serving.Routing;

/// <summary>What a reload did to one slot: the version before and after, or the problem that kept the old version serving.</summary>
internal sealed record SlotChange(ModelSlot Slot, int Before, int After, string? Problem)
{
    public bool Swapped => Problem is null && Before != After;
}
