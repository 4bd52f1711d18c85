using SociTools.Core.Ztoc;

namespace SociTools.Core.Soci.Locating
{
    /// <summary>A zTOC read from a store, with the index that lists it.</summary>
    public sealed class LocatedZtoc
    {
        public LocatedZtoc(FoundSociIndex index, SociZtocReference reference, ZtocDocument ztoc)
        {
            Index = index;
            Reference = reference;
            Ztoc = ztoc;
        }

        public FoundSociIndex Index { get; }
        public SociZtocReference Reference { get; }
        public ZtocDocument Ztoc { get; }
    }
}
