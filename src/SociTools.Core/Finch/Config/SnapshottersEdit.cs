using System.Collections.Generic;
using System.Linq;

namespace SociTools.Core.Finch.Config
{
    /// <summary>
    /// A planned change to finch.yaml's <c>snapshotters</c> list: the list before and after, and the new text
    /// (every byte outside the list's own lines as it was). Nothing is written here.
    /// </summary>
    public sealed class SnapshottersEdit
    {
        public const string Soci = "soci";

        /// <summary>More repeats of soci than any hand-edited list has; each is removed in its own step.</summary>
        private const int MaxSociRepeats = 16;

        private SnapshottersEdit(FinchConfigDocument document, IReadOnlyList<string> before, IReadOnlyList<string> after, FinchConfigText? result)
        {
            Document = document;
            Before = before;
            After = after;
            Result = result;
        }

        public string ConfigPath => Document.Path;

        public IReadOnlyList<string> Before { get; }

        public IReadOnlyList<string> After { get; }

        /// <summary>False when the file already says what was asked: nothing needs writing.</summary>
        public bool Changed => Result != null;

        /// <summary>True when finch.yaml does not exist yet and writing creates it (and its folder).</summary>
        public bool CreatesFile => Changed && OriginalBytes == null;

        internal FinchConfigDocument Document { get; }

        /// <summary>The file as read, to detect another writer before replacing it; null when it did not exist.</summary>
        internal byte[]? OriginalBytes { get; set; }

        /// <summary>The same change planned on other content of the file: what a write does when the file changed meanwhile.</summary>
        internal System.Func<FinchConfigDocument, SnapshottersEdit> Replan { get; private set; } = null!;

        /// <summary>The edited file; null when unchanged.</summary>
        internal FinchConfigText? Result { get; }

        /// <summary>Adds <c>soci</c> (last, or first with <paramref name="makeDefault"/>, moving it there if it is elsewhere).</summary>
        internal static SnapshottersEdit Enable(FinchConfigDocument document, bool makeDefault)
        {
            var before = document.Snapshotters();
            var after = before.ToList();
            if (makeDefault && (after.Count == 0 || after[0] != Soci))
            {
                after.RemoveAll(s => s == Soci);
                after.Insert(0, Soci);
            }
            else if (!after.Contains(Soci))
            {
                after.Add(Soci);
            }
            var edit = Plan(document, before, after, makeDefault);
            edit.Replan = again => Enable(again, makeDefault);
            return edit;
        }

        /// <summary>Removes every <c>soci</c> item; an emptied list is left as <c>snapshotters: []</c>.</summary>
        internal static SnapshottersEdit Disable(FinchConfigDocument document)
        {
            var before = document.Snapshotters();
            var edit = Plan(document, before, before.Where(s => s != Soci).ToList(), makeDefault: false);
            edit.Replan = Disable;
            return edit;
        }

        private static SnapshottersEdit Plan(FinchConfigDocument document, IReadOnlyList<string> before, List<string> after, bool makeDefault)
        {
            if (before.SequenceEqual(after)) return new SnapshottersEdit(document, before, after, null);
            var repeats = before.Count(s => s == Soci);
            if (repeats > MaxSociRepeats)
            {
                // Each removal re-reads the whole file; thousands of them would take hours on a 1 MiB file.
                var key = document.Find(FinchConfigDocument.SnapshottersKey)!.Value.Key;
                throw SnapshotterListText.Unsupported(document, key.Start, $"the list names soci {repeats} times, and Finch needs it once");
            }
            var current = document;
            var keepSoci = after.Contains(Soci);
            // One step at a time, each placed on a fresh parse, so no step works from stale positions.
            var firstSoci = current.Snapshotters().ToList().IndexOf(Soci);
            if (makeDefault && firstSoci > 0 && SnapshotterListText.MoveToFront(current, firstSoci) is string moved)
            {
                current = Reparse(current, moved);
            }
            int sociAt;
            while ((sociAt = MisplacedSoci(current.Snapshotters(), keepSoci, makeDefault)) >= 0)
            {
                current = Reparse(current, SnapshotterListText.Remove(current, sociAt));
            }
            if (keepSoci && !current.Snapshotters().Contains(Soci))
            {
                current = Reparse(current, SnapshotterListText.Add(current, Soci, makeDefault));
            }
            Verify(document, current, after);
            return new SnapshottersEdit(document, before, after, current.Source);
        }

        /// <summary>The next <c>soci</c> item to take out: any when disabling, any but the first when making it the default.</summary>
        private static int MisplacedSoci(IReadOnlyList<string> names, bool keepSoci, bool makeDefault)
        {
            for (var i = 0; i < names.Count; i++)
            {
                if (names[i] == Soci && (!keepSoci || (makeDefault && i > 0))) return i;
            }
            return -1;
        }

        private static FinchConfigDocument Reparse(FinchConfigDocument previous, string text)
        {
            try
            {
                var edited = FinchConfigDocument.Parse(previous.Source.WithText(text), previous.Path);
                // Every setting must still read: an edit that spilled into a neighbouring value is SociTools's fault, not the file's.
                edited.Settings(exists: true);
                return edited;
            }
            catch (FinchConfigException e)
            {
                throw new FinchConfigException(previous.Path, "SociTools's edit of 'snapshotters' would not read back as valid settings here, so the file was not changed; " +
                    "edit the list by hand (e.g. 'snapshotters: [soci]'). " + e.Message, inner: e, problem: FinchConfigProblem.NotEditable);
            }
        }

        /// <summary>The edited text must read back as exactly the intended list, with every other key still there in order and every other setting as it was.</summary>
        private static void Verify(FinchConfigDocument original, FinchConfigDocument edited, IReadOnlyList<string> intended)
        {
            var settingsBefore = original.Settings(exists: true);
            var settingsAfter = edited.Settings(exists: true);
            var touched = FinchSettingCatalog.All.Select(d => d.Name)
                .Where(name => name != FinchConfigDocument.SnapshottersKey && Show(settingsBefore.ValueOf(name)) != Show(settingsAfter.ValueOf(name)))
                .ToList();
            if (touched.Count > 0)
            {
                // An anchored list (&name) shared through an alias (*name) would change along with snapshotters.
                throw new FinchConfigException(original.Path,
                    $"SociTools's edit of 'snapshotters' would also change {string.Join(", ", touched.Select(t => "'" + t + "'"))} (they share the list through an anchor), " +
                    "so the file was not changed; write the lists out separately or edit them by hand.", problem: FinchConfigProblem.NotEditable);
            }
            var keysBefore = original.Entries.Select(e => e.Key.Value).ToList();
            if (!keysBefore.Contains(FinchConfigDocument.SnapshottersKey)) keysBefore.Add(FinchConfigDocument.SnapshottersKey);
            var keysAfter = edited.Entries.Select(e => e.Key.Value).ToList();
            var reread = edited.Snapshotters();
            if (!reread.SequenceEqual(intended) || !keysBefore.SequenceEqual(keysAfter))
            {
                throw new FinchConfigException(original.Path,
                    $"SociTools's edit would read back as snapshotters [{string.Join(", ", reread)}] instead of [{string.Join(", ", intended)}], so the file was not changed; " +
                    "edit the list by hand.", problem: FinchConfigProblem.NotEditable);
            }
        }

        private static string Show(object? value) => value is IEnumerable<string> list ? "[" + string.Join(", ", list) + "]" : value?.ToString() ?? "";
    }
}
