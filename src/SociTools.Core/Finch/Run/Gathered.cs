namespace SociTools.Core.Finch.Run
{
    /// <summary>A fact the preflight needs, or why it could not be gathered (which makes its check NotChecked, not failed).</summary>
    public sealed class Gathered<T>
    {
        private Gathered(T? value, string? unavailableReason)
        {
            Value = value;
            UnavailableReason = unavailableReason;
        }

        public T? Value { get; }

        /// <summary>Why <see cref="Value"/> is missing; null when it was gathered.</summary>
        public string? UnavailableReason { get; }

        public bool IsAvailable => UnavailableReason == null;

        public static Gathered<T> Of(T value) => new Gathered<T>(value, null);

        public static Gathered<T> Unavailable(string reason) => new Gathered<T>(default, reason);
    }
}
