using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;

namespace SociTools.Host
{
    /// <summary>Writes output objects as "Name : Value" lists, since the hosted engine has no formatting cmdlets.</summary>
    internal static class ObjectPrinter
    {
        public static void Print(PSObject item, TextWriter writer)
        {
            var value = item.BaseObject;
            if (value is string || value.GetType().IsPrimitive || value is decimal)
            {
                writer.WriteLine(value);
                return;
            }
            var properties = item.Properties.Where(p => p.IsGettable).ToList();
            var width = properties.Count == 0 ? 0 : properties.Max(p => p.Name.Length);
            writer.WriteLine();
            writer.WriteLine($"[{value.GetType().Name}]");
            foreach (var property in properties)
            {
                writer.WriteLine($"{property.Name.PadRight(width)} : {Describe(SafeValue(property))}");
            }
        }

        private static object? SafeValue(PSPropertyInfo property)
        {
            try { return property.Value; }
            catch (Exception e) { return "<" + e.GetType().Name + ">"; }
        }

        private static string Describe(object? value)
        {
            switch (value)
            {
                case null: return "";
                case string text: return text;
                case IDictionary dictionary: return "{" + string.Join(", ", dictionary.Keys.Cast<object>().Select(k => $"{k}={dictionary[k]}")) + "}";
                case IEnumerable sequence:
                    var items = sequence.Cast<object>().ToList();
                    var shown = string.Join(", ", items.Take(4));
                    return items.Count > 4 ? $"{{{shown}, ... ({items.Count})}}" : $"{{{shown}}}";
                default: return value.ToString() ?? "";
            }
        }
    }

    internal static class ProgressPrinter
    {
        public static void Print(ProgressRecord record)
        {
            if (record.RecordType == ProgressRecordType.Completed) return;
            var percent = record.PercentComplete >= 0 ? $" {record.PercentComplete}%" : "";
            Console.Error.WriteLine($"PROGRESS: {record.Activity}: {record.StatusDescription}{percent}");
        }
    }
}
